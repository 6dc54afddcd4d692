package facet.engine;

import ai.djl.ndarray.NDManager;

/**
 * The one seam between Facet and the library that computes. Everything in Facet computes
 * through DJL's engine-neutral API on a {@code ComputeEngine}; what is specific to MXNet stays
 * in the platform bundle that embeds it, so a second DJL engine can arrive as another bundle
 * that registers itself with DJL.
 */
public interface ComputeEngine {

	/** The engine's name as DJL knows it, e.g. "MXNet". */
	String name();

	/** The engine's version, e.g. "1.9.1". */
	String version();

	/** The device computations run on by default, e.g. "cpu()". */
	String device();

	/** A new root manager for arrays and models; the caller closes it. */
	NDManager newManager();
}
