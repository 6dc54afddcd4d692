package facet.data.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import facet.core.ExpressionClass;
import facet.core.LabelOrder;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;

/** {@code affectnet}: see {@link AffectNetDataset}. */
public class AffectNetFactory implements DatasetFactory {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		ReaderSettings.of(settings);
		mapping(settings);
	}

	@Override
	public Dataset create(ModuleSettings settings) throws ModuleException {
		String valFile = settings.getString("valFile");
		String images = settings.getString("images");
		return new AffectNetDataset(ReaderSettings.of(settings), settings.getBoolean("gray"), settings.getBoolean("checkImages"),
				ReaderSettings.path(settings, "file"), settings.getString("split"),
				valFile.isBlank() ? null : ReaderSettings.path(settings, "valFile"), images.isBlank() ? null : ReaderSettings.path(settings, "images"),
				mapping(settings));
	}

	/** Parses {@code "7=disgust,8=-"}: expression code to class, {@code -} to exclude it. */
	static Map<Integer, Optional<ExpressionClass>> mapping(ModuleSettings settings) throws ModuleException {
		String text = settings.getString("mapping");
		Map<Integer, Optional<ExpressionClass>> mapping = new HashMap<>();
		if (text.isBlank()) {
			return mapping;
		}
		int last = LabelOrder.AFFECTNET.size() - 1;
		for (String entry : text.split(",")) {
			String[] pair = entry.split("=", -1);
			int code = -1;
			try {
				code = pair.length == 2 ? Integer.parseInt(pair[0].trim()) : -1;
			} catch (NumberFormatException e) {
				// reported below
			}
			if (code < 0 || code > last) {
				throw new ModuleException(settings.module().displayName() + " parameter 'mapping': \"" + entry.trim()
						+ "\" is not code=class with a code in [0, " + last + "]; expected e.g. \"7=disgust,8=-\"");
			}
			String target = pair[1].trim();
			Optional<ExpressionClass> label = target.equals("-") ? Optional.empty() : ExpressionClass.fromName(target);
			if (!target.equals("-") && label.isEmpty()) {
				throw new ModuleException(settings.module().displayName() + " parameter 'mapping': \"" + target
						+ "\" is no expression class; expected anger, disgust, fear, happiness, neutral, sadness, surprise (or a synonym) or -");
			}
			mapping.put(code, label);
		}
		return mapping;
	}
}
