package facet.engine.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import facet.engine.ComputeEngine;

/** A {@link ComputeEngine} over one DJL engine. */
public final class DjlComputeEngine implements ComputeEngine {

	private final Engine engine;

	public DjlComputeEngine(Engine engine) {
		this.engine = engine;
	}

	@Override
	public String name() {
		return engine.getEngineName();
	}

	@Override
	public String version() {
		return engine.getVersion();
	}

	@Override
	public String device() {
		return engine.defaultDevice().toString();
	}

	@Override
	public NDManager newManager() {
		return engine.newBaseManager();
	}

	@Override
	public String toString() {
		return name() + " " + version() + " on " + device();
	}
}
