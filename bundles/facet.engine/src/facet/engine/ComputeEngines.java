package facet.engine;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import facet.engine.internal.DjlComputeEngine;

/** Finds and opens compute engines. */
public final class ComputeEngines {

	/** The engine Facet uses unless told otherwise (system property {@code facet.engine}). */
	public static final String DEFAULT = "MXNet";

	private ComputeEngines() {
	}

	/** The engine named by the {@code facet.engine} system property, or {@link #DEFAULT}. */
	public static ComputeEngine open() {
		return open(System.getProperty("facet.engine", DEFAULT));
	}

	/**
	 * Opens an engine by name.
	 *
	 * @throws IllegalStateException naming the engine, the engines that are installed, and the
	 *         cause when the native library could not load
	 */
	public static ComputeEngine open(String name) {
		Set<String> installed = available();
		if (!installed.contains(name)) {
			throw new IllegalStateException("no compute engine '" + name + "' is installed; installed: "
					+ (installed.isEmpty() ? "none (is the bundle facet.platform.djl started?)" : String.join(", ", installed)));
		}
		try {
			return new DjlComputeEngine(Engine.getEngine(name));
		} catch (EngineException | UnsatisfiedLinkError | IllegalArgumentException e) {
			throw new IllegalStateException("the " + name + " engine could not start: " + e.getMessage()
					+ " (its native library unpacks into $DJL_CACHE_DIR or ~/.djl.ai; Facet runs offline)", e);
		}
	}

	/** Names of the engines registered with DJL. */
	public static Set<String> available() {
		return new TreeSet<>(List.copyOf(Engine.getAllEngines()));
	}
}
