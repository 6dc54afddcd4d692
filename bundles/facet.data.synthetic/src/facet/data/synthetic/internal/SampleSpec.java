package facet.data.synthetic.internal;

import java.util.Optional;

import facet.core.ExpressionClass;
import facet.core.Sample;

/**
 * What one generated image will show, decided before it is drawn: enough to list a split
 * (with labels, subjects and occlusion) without drawing anything.
 *
 * @param index position in the whole dataset; with the seed it fixes every random choice
 */
public record SampleSpec(int index, String split, ExpressionClass label, int identity, Occluder occluder) {

	/** The file name without extension, e.g. {@code s000123-id0042-occ-hand}; says who it is and what covers it. */
	public String name() {
		return String.format("s%06d-id%04d", index, identity) + (occluder == Occluder.NONE ? "" : "-occ-" + occluder.label());
	}

	/** {@code train/happiness/s000123-id0042}: the same path the ImageFolder layout gives the file. */
	public String id() {
		return split + "/" + label.label() + "/" + name();
	}

	public Sample sample() {
		return new Sample(id(), split, label, Optional.empty());
	}

	public boolean occluded() {
		return occluder != Occluder.NONE;
	}
}
