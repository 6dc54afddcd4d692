package facet.nn.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import facet.nn.api.ClassifierHead;
import facet.nn.api.FacetLoss;

/**
 * Softmax cross-entropy with label smoothing and class weights. The target of sample i is
 * {@code q = (1 − ε)·onehot(y_i) + ε/K}; its loss {@code l_i = −Σ_k q_k log softmax(z_i)_k};
 * with class weights w the batch loss is {@code Σ w_{y_i} l_i / Σ w_{y_i}} (the weighted mean),
 * without them the mean.
 */
public final class SoftmaxCrossEntropy extends FacetLoss {

	private final float smoothing;
	private final float[] classWeights;

	/** @param classWeights one weight per class, or {@code null} for equal weights */
	public SoftmaxCrossEntropy(float smoothing, float[] classWeights) {
		super("cross-entropy");
		this.smoothing = smoothing;
		this.classWeights = classWeights == null ? null : classWeights.clone();
	}

	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray logits = ClassifierHead.logits(predictions);
		int k = (int) logits.getShape().get(1);
		NDArray oneHot = classes(labels).oneHot(k);
		NDArray target = smoothing == 0 ? oneHot : oneHot.mul(1 - smoothing).add(smoothing / k);
		NDArray perSample = logits.logSoftmax(1).mul(target).sum(new int[] { 1 }).neg();
		if (classWeights == null) {
			return perSample.mean();
		}
		if (classWeights.length != k) {
			throw new IllegalArgumentException("loss 'cross-entropy' has " + classWeights.length + " class weights but the logits have " + k + " classes");
		}
		NDArray w = oneHot.matMul(logits.getManager().create(classWeights).reshape(k, 1)).reshape(-1);
		return perSample.mul(w).sum().div(w.sum());
	}
}
