package facet.engine.ablation;

import facet.core.experiment.ExperimentSpec;

/**
 * One variant of an ablation: the base experiment with one component removed or replaced.
 *
 * @param name what was removed, in words (e.g. {@code "without attention csam at stage2"})
 * @param experiment the ablated experiment, named after the base and the removal
 */
public record Ablation(String name, ExperimentSpec experiment) {

	/** A file name for the variant, e.g. {@code without-attention-csam-at-stage2.facet.json}. */
	public String fileName() {
		String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return (slug.isEmpty() ? "ablation" : slug) + ".facet.json";
	}
}
