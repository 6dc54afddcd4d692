package facet.data.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import facet.core.ExpressionClass;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;

/** {@code imagefolder}: see {@link ImageFolderDataset}. */
public class ImageFolderFactory implements DatasetFactory {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		ReaderSettings.of(settings);
		mapping(settings);
	}

	@Override
	public Dataset create(ModuleSettings settings) throws ModuleException {
		return new ImageFolderDataset(ReaderSettings.of(settings), settings.getBoolean("gray"), settings.getBoolean("checkImages"),
				ReaderSettings.path(settings, "root"), mapping(settings));
	}

	/** Parses {@code "happy=happiness,ang=anger,contempt=-"}: folder name (any case) to class, {@code -} for none. */
	static Map<String, Optional<ExpressionClass>> mapping(ModuleSettings settings) throws ModuleException {
		String text = settings.getString("mapping");
		Map<String, Optional<ExpressionClass>> mapping = new LinkedHashMap<>();
		if (text.isBlank()) {
			return mapping;
		}
		for (String entry : text.split(",")) {
			String[] pair = entry.split("=", -1);
			if (pair.length != 2 || pair[0].isBlank()) {
				throw new ModuleException(settings.module().displayName() + " parameter 'mapping': \"" + entry.trim()
						+ "\" is not folder=class; expected e.g. \"happy=happiness,ang=anger,contempt=-\"");
			}
			String target = pair[1].trim();
			Optional<ExpressionClass> label = target.equals("-") ? Optional.empty() : ExpressionClass.fromName(target);
			if (!target.equals("-") && label.isEmpty()) {
				throw new ModuleException(settings.module().displayName() + " parameter 'mapping': \"" + target
						+ "\" is no expression class; expected anger, disgust, fear, happiness, neutral, sadness, surprise (or a synonym) or - to leave the folder out");
			}
			mapping.put(pair[0].trim().toLowerCase(Locale.ROOT), label);
		}
		return mapping;
	}
}
