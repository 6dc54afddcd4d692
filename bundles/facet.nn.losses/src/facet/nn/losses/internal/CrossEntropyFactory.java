package facet.nn.losses.internal;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.LossFactory;
import facet.nn.api.FacetLoss;

/** Builds {@link SoftmaxCrossEntropy} terms; class weights are a comma-separated list. */
public class CrossEntropyFactory implements LossFactory<FacetLoss> {

	@Override
	public FacetLoss create(ModuleSettings settings, int classes) throws ModuleException {
		return new SoftmaxCrossEntropy((float) settings.getDouble("smoothing"), classWeights(settings, classes));
	}

	/** The parsed {@code classWeights}, or {@code null} when empty. */
	static float[] classWeights(ModuleSettings settings, int classes) throws ModuleException {
		String text = settings.getString("classWeights").trim();
		if (text.isEmpty()) {
			return null;
		}
		String[] parts = text.split(",");
		String where = settings.module().displayName() + " parameter 'classWeights'";
		if (parts.length != classes) {
			throw new ModuleException(where + ": expected " + classes + " comma-separated weights, one per class, got " + parts.length + " in \"" + text + "\"");
		}
		float[] weights = new float[classes];
		for (int i = 0; i < classes; i++) {
			try {
				weights[i] = Float.parseFloat(parts[i].trim());
			} catch (NumberFormatException e) {
				throw new ModuleException(where + ": weight " + (i + 1) + " is not a number: \"" + parts[i].trim() + "\"");
			}
			if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
				throw new ModuleException(where + ": weight " + (i + 1) + " must be a finite number ≥ 0, got " + parts[i].trim());
			}
		}
		return weights;
	}

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		String text = settings.getString("classWeights").trim();
		if (!text.isEmpty()) {
			classWeights(settings, text.split(",").length);
		}
	}
}
