package facet.data.synthetic.internal;

import java.util.Locale;

/** What may cover part of a face; recorded with every sample so that an occluded subset can be evaluated apart. */
public enum Occluder {
	NONE, HAND, SCARF, SUNGLASSES, BLOCK;

	/** The lower-case name used in sample ids and annotation files. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static final Occluder[] KINDS = { HAND, SCARF, SUNGLASSES, BLOCK };
}
