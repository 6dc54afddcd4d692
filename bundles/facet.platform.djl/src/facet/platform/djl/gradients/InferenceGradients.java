package facet.platform.djl.gradients;

import ai.djl.engine.Engine;
import ai.djl.mxnet.engine.MxGradientCollector;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/**
 * Gradients through a network that runs in inference mode, as saliency methods (Grad-CAM) need
 * them: BatchNorm must use its running statistics, dropout must be off, and yet the graph must be
 * recorded for {@code backward}.
 * <p>
 * This is the one engine-specific seam of heatmaps, kept in the platform bundle (which embeds the
 * engines) so that {@code facet.engine} names no engine class. DJL's MXNet collector switches
 * MXNet's autograd to <em>training</em> mode when it starts recording; BatchNorm then fails (or
 * uses batch statistics) although the blocks were called with {@code training = false}.
 * Switching MXNet's training flag back off after the collector starts keeps the recording and
 * fixes the mode. Other engines (PyTorch) take the mode from the {@code training} argument of
 * each block's forward pass and need nothing more.
 */
public final class InferenceGradients {

	private static final String MXNET = "MXNet";

	private InferenceGradients() {
	}

	/**
	 * A gradient collector of the manager's engine that records operations while the engine stays
	 * in inference mode. Close it when {@code backward} is done, as any collector.
	 */
	public static GradientCollector collector(NDManager manager) {
		Engine engine = manager.getEngine();
		GradientCollector collector = engine.newGradientCollector();
		if (MXNET.equals(engine.getEngineName())) {
			MxGradientCollector.setTraining(false);
		}
		return collector;
	}
}
