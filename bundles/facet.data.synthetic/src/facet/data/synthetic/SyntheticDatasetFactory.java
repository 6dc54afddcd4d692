package facet.data.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import facet.core.Progress;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;
import facet.core.spi.DatasetWriter;
import facet.data.synthetic.internal.DatasetFiles;
import facet.data.synthetic.internal.GeneratorOptions;
import facet.data.synthetic.internal.SamplePlan;
import facet.data.synthetic.internal.SyntheticDataset;

/**
 * The {@code synthetic} dataset: procedurally drawn faces whose expressions are built from
 * facial action units, with subjects, pose, light, blur, noise, JPEG and occluders as
 * nuisance. It stands in for FER datasets that cannot be downloaded, and it can write itself
 * in the FER2013 and ImageFolder formats, plus detector scenes.
 */
public class SyntheticDatasetFactory implements DatasetFactory, DatasetWriter {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		try {
			new SamplePlan(GeneratorOptions.of(settings));
		} catch (IllegalArgumentException e) {
			throw new ModuleException("dataset 'synthetic': " + e.getMessage());
		}
	}

	@Override
	public Dataset create(ModuleSettings settings) throws ModuleException {
		validate(settings);
		return new SyntheticDataset(GeneratorOptions.of(settings));
	}

	@Override
	public List<String> formats() {
		return DatasetFiles.FORMATS;
	}

	@Override
	public void write(ModuleSettings settings, Path out, String format, Progress progress) throws ModuleException, IOException {
		GeneratorOptions options = GeneratorOptions.of(settings);
		switch (format) {
			case FER2013 -> {
				if (options.size() != 48) {
					throw new ModuleException("dataset 'synthetic': the fer2013 format holds 48x48 faces, but size is " + options.size()
							+ "; use size 48 or the imagefolder format");
				}
				validate(settings);
				DatasetFiles.writeFer2013(options, out, progress);
			}
			case IMAGE_FOLDER -> {
				validate(settings);
				DatasetFiles.writeImageFolder(options, out, progress);
			}
			case SCENES -> {
				if (options.scenes() < 1) {
					throw new ModuleException("dataset 'synthetic': the scenes format needs scenes >= 1, got " + options.scenes());
				}
				DatasetFiles.writeScenes(options, out, progress);
			}
			default -> throw new ModuleException("dataset 'synthetic' cannot write format '" + format + "'; formats: "
					+ String.join(", ", DatasetFiles.FORMATS));
		}
	}
}
