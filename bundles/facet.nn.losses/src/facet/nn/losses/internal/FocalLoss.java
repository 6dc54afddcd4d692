package facet.nn.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import facet.nn.api.ClassifierHead;
import facet.nn.api.FacetLoss;

/**
 * Focal loss (Lin et al., ICCV 2017) for K classes: {@code −α (1 − p_t)^γ log p_t}, averaged over
 * the batch, p_t being the softmax probability of the true class. γ = 0, α = 1 is cross-entropy;
 * α is one weight for all classes (use class weights of the cross-entropy for per-class ones).
 */
public final class FocalLoss extends FacetLoss {

	private final float gamma;
	private final float alpha;

	public FocalLoss(float gamma, float alpha) {
		super("focal");
		this.gamma = gamma;
		this.alpha = alpha;
	}

	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray logits = ClassifierHead.logits(predictions);
		NDArray oneHot = classes(labels).oneHot((int) logits.getShape().get(1));
		NDArray logPt = logits.logSoftmax(1).mul(oneHot).sum(new int[] { 1 });
		NDArray perSample = logPt.neg();
		if (gamma != 0) {
			perSample = perSample.mul(logPt.exp().neg().add(1).clip(0, 1).pow(gamma));
		}
		return perSample.mean().mul(alpha);
	}
}
