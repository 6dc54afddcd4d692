package facet.ui.internal.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.Sample;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;
import facet.engine.data.ContactSheet;
import facet.engine.report.ChartSpec;

/**
 * What the Dataset view shows of a dataset, read through its module as a run reads it: the
 * samples per split and class ({@link Dataset#classCounts()}) as a bar chart, and per class a
 * contact sheet ({@link ContactSheet}) of faces spread over all its samples.
 *
 * @param source what was read: the dataset id and settings, or the experiment file
 * @param counts samples per split and canonical class
 * @param sheets a contact sheet per class that has samples
 */
public record DatasetOverview(String source, Map<String, int[]> counts, Map<ExpressionClass, ImageRaster> sheets) {

	/** Faces per side of a contact sheet. */
	public static final int SHEET_SIDE = 6;

	/** Reads the dataset an experiment file names, with the experiment's settings. */
	public static DatasetOverview ofExperiment(Path experiment, ModuleRegistry registry, Progress progress) throws Exception {
		ModuleRef ref = ExperimentFormat.read(experiment).dataset();
		return of(ref, experiment.getFileName() + ": " + ref.id(), registry, progress);
	}

	/** Reads a dataset module with the given settings (empty: its defaults). */
	public static DatasetOverview of(ModuleRef ref, String source, ModuleRegistry registry, Progress progress) throws Exception {
		ModuleDescriptor module = registry.find(ModuleKind.DATASET, ref.id())
				.orElseThrow(() -> new IOException(registry.unknownMessage(ModuleKind.DATASET, ref.id())));
		Dataset dataset = module.factory(DatasetFactory.class).create(module.settings(ref.params()));
		Map<String, List<Sample>> splits = dataset.splits();
		Map<String, int[]> counts = new LinkedHashMap<>(dataset.classCounts());
		Map<ExpressionClass, List<Sample>> byClass = new EnumMap<>(ExpressionClass.class);
		for (List<Sample> split : splits.values()) {
			for (Sample s : split) {
				byClass.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
			}
		}
		progress.begin("Contact sheets", byClass.size());
		Map<ExpressionClass, ImageRaster> sheets = new EnumMap<>(ExpressionClass.class);
		for (Map.Entry<ExpressionClass, List<Sample>> e : byClass.entrySet()) {
			if (progress.isCanceled()) {
				break;
			}
			progress.worked(0, e.getKey().label());
			sheets.put(e.getKey(), ContactSheet.of(dataset, e.getValue(), SHEET_SIDE));
			progress.worked(1, null);
		}
		return new DatasetOverview(source, counts, sheets);
	}

	/** All samples of a class over the splits. */
	public int total(ExpressionClass c) {
		return counts.values().stream().mapToInt(v -> v[c.ordinal()]).sum();
	}

	/** The class counts as grouped bars: a group per class, a bar per split. */
	public ChartSpec.BarChart chart() {
		List<String> classes = new ArrayList<>();
		for (ExpressionClass c : ExpressionClass.values()) {
			classes.add(c.label());
		}
		List<ChartSpec.Bars> series = new ArrayList<>();
		int colour = 0;
		for (Map.Entry<String, int[]> split : counts.entrySet()) {
			double[] values = new double[ExpressionClass.COUNT];
			for (int i = 0; i < values.length; i++) {
				values[i] = split.getValue()[i];
			}
			series.add(new ChartSpec.Bars(split.getKey(), values, colour++));
		}
		return new ChartSpec.BarChart("Samples per class and split: " + source, "samples", classes, series);
	}
}
