package facet.data.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import facet.core.data.Splits;

/** The split names Facet uses and the names datasets write for them. */
final class SplitNames {

	static final List<String> ORDER = List.of(Splits.TRAIN, Splits.VAL, Splits.TEST);

	private SplitNames() {
	}

	/** "train", "training" → train; "val", "valid", "validation" → val; "test", "testing" → test. */
	static Optional<String> canonical(String name) {
		return Optional.ofNullable(switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "train", "training" -> Splits.TRAIN;
			case "val", "valid", "validation" -> Splits.VAL;
			case "test", "testing" -> Splits.TEST;
			default -> null;
		});
	}
}
