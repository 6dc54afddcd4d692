package facet.faults.tests.plugin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/** A loss term that is 0 until its {@code step}-th evaluation, which is NaN: a diverging run, on cue. */
public class NanLoss extends Loss {

	private final int step;
	private int calls;

	public NanLoss(int step) {
		super("nan-at-" + step);
		this.step = step;
	}

	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		calls++;
		return predictions.head().sum().mul(calls == step ? Float.NaN : 0f);
	}
}
