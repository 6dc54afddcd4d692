package facet.data.transforms.internal;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.ImageOperation;
import facet.core.spi.PreprocessorFactory;
import facet.data.transforms.Clahe;
import facet.data.transforms.FaceCrop;
import facet.data.transforms.Grayscale;
import facet.data.transforms.HistogramEqualization;
import facet.data.transforms.LandmarkAlignment;
import facet.data.transforms.Normalization;
import facet.data.transforms.Resize;

/** The factory of every preprocessor this bundle contributes; the module id picks the operation. */
public class PreprocessorModules implements PreprocessorFactory {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		if (settings.module().id().equals("normalize")) {
			normalization(settings);
		}
	}

	@Override
	public ImageOperation create(ModuleSettings settings) throws ModuleException {
		String id = settings.module().id();
		return switch (id) {
			case "grayscale" -> new Grayscale();
			case "resize" -> new Resize(settings.getInt("size"), settings.getInt("size"),
					Resize.Interpolation.parse(settings.getString("interpolation")));
			case "equalize" -> new HistogramEqualization();
			case "clahe" -> new Clahe(settings.getDouble("clipLimit"), settings.getInt("tiles"));
			case "align" -> new LandmarkAlignment(settings.getInt("size"), settings.getDouble("zoom"));
			case "crop" -> new FaceCrop(settings.getDouble("margin"), settings.getBoolean("square"));
			case "normalize" -> normalization(settings);
			default -> throw new ModuleException(settings.module().displayName() + ": " + getClass().getName()
					+ " builds no preprocessor '" + id + "'");
		};
	}

	private static Normalization normalization(ModuleSettings settings) throws ModuleException {
		String name = settings.module().displayName();
		double[] mean = numbers(name, "mean", settings.getString("mean"));
		double[] std = numbers(name, "std", settings.getString("std"));
		for (double s : std) {
			if (!(s > 0)) {
				throw new ModuleException(name + " parameter 'std': every value must be > 0, got \"" + settings.getString("std") + "\"");
			}
		}
		if (mean.length != std.length && mean.length != 1 && std.length != 1) {
			throw new ModuleException(name + ": 'mean' and 'std' need one value each or one per channel, got " + mean.length
					+ " and " + std.length);
		}
		return new Normalization(settings.getString("source").equals("dataset"), mean, std);
	}

	private static double[] numbers(String module, String parameter, String text) throws ModuleException {
		String[] parts = text.split(",");
		if (parts.length != 1 && parts.length != 3) {
			throw new ModuleException(module + " parameter '" + parameter + "': expected 1 or 3 comma-separated numbers, got \"" + text + "\"");
		}
		double[] values = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				values[i] = Double.parseDouble(parts[i].trim());
			} catch (NumberFormatException e) {
				throw new ModuleException(module + " parameter '" + parameter + "': expected 1 or 3 comma-separated numbers, got \"" + text + "\"");
			}
			if (!Double.isFinite(values[i])) {
				throw new ModuleException(module + " parameter '" + parameter + "': expected finite numbers, got \"" + text + "\"");
			}
		}
		return values;
	}
}
