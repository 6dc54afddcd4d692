package facet.ui.internal.common;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.Platform;

import facet.ui.internal.preferences.FacetPreferences;

/**
 * What the analyze view and the heatmap viewer choose at first: the default detector and
 * default model of the {@link FacetPreferences preferences}. When the preferred one is not
 * there, they fall back to a fixed choice and say so in the error log, so that a stale
 * preference never changes what is analysed unnoticed.
 */
public final class DefaultChoices {

	private DefaultChoices() {
	}

	/**
	 * The detector to start with.
	 *
	 * @param installed the detector ids offered
	 * @return the preferred id if installed, else {@code mtcnn} if installed, else empty (the view's own first entry)
	 */
	public static Optional<String> detector(List<String> installed, FacetPreferences preferences, String view) {
		String preferred = preferences.defaultDetector();
		if (installed.contains(preferred)) {
			return Optional.of(preferred);
		}
		warn(view + ": the default detector '" + preferred + "' (Window > Preferences > Facet) is not installed; installed: "
				+ String.join(", ", installed));
		return installed.contains(FacetPreferences.DEFAULT_DETECTOR) ? Optional.of(FacetPreferences.DEFAULT_DETECTOR) : Optional.empty();
	}

	/**
	 * The model to start with.
	 *
	 * @param names the model names offered ({@code pretrained}, run ids)
	 * @return the preferred model's name among them (a run folder counts by its id), else the first name, else empty
	 */
	public static Optional<String> model(List<String> names, FacetPreferences preferences, String view) {
		String preferred = preferences.defaultModel();
		if (names.contains(preferred)) {
			return Optional.of(preferred);
		}
		try {
			Path folder = Path.of(preferred).getFileName();
			if (folder != null && names.contains(folder.toString())) {
				return Optional.of(folder.toString());
			}
		} catch (InvalidPathException e) {
			// not a folder either: reported below
		}
		if (!names.isEmpty()) {
			warn(view + ": the default model '" + preferred + "' (Window > Preferences > Facet) is neither installed nor a run of "
					+ preferences.runStore().root() + " with a checkpoint; starting with '" + names.get(0) + "'");
		}
		return names.stream().findFirst();
	}

	private static void warn(String message) {
		try {
			Platform.getLog(DefaultChoices.class).warn(message);
		} catch (RuntimeException e) {
			// no platform log (plain Java tests): the fallback choice still holds
		}
	}
}
