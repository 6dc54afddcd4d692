package facet.engine.traditional;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import com.google.gson.JsonObject;

import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.Sample;
import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.core.spi.Classifier;
import facet.core.spi.ClassifierFactory;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.core.spi.ImageOperation;
import facet.engine.data.PipelineModules;
import facet.engine.eval.EvaluationFiles;

/**
 * Runs a features → classifier experiment (a traditional baseline) into the same run folder
 * format as network training, so that comparison, reports and McNemar tests treat both alike:
 * {@code run.json}, {@code experiment.facet.json}, one record in {@code metrics.jsonl},
 * {@code evaluation-val/test.json} and {@code predictions-val/test.csv}, and the model under
 * {@code model/} ({@link TraditionalModel}).
 * <p>
 * Faces are read from the dataset's splits, located by the detector when the experiment has one
 * and the sample no box, and preprocessed in order (never augmented); the classifier is fitted on
 * the train split. The record notes the training time, the feature extraction time per face and
 * the inference time per face (features + classifier).
 */
public final class TraditionalRunner {

	/** Folder of the model inside the run folder. */
	public static final String MODEL_FOLDER = "model";

	private final ModuleRegistry registry;
	private final int threads;

	public TraditionalRunner(ModuleRegistry registry, int threads) {
		this.registry = registry;
		this.threads = Math.max(1, threads);
	}

	/** Trains with the installed modules on every available processor. */
	public static Run train(ExperimentSpec spec, RunStore store, Progress progress) throws IOException, ModuleException, ExperimentException {
		return new TraditionalRunner(ModuleRegistry.getDefault(), Runtime.getRuntime().availableProcessors()).run(spec, store, progress);
	}

	/**
	 * Validates the experiment, creates its run and trains and evaluates it. The run ends
	 * COMPLETED, FAILED (with the reason) or CANCELLED; failures are also thrown.
	 *
	 * @throws IllegalArgumentException for an experiment without a classifier
	 * @throws ExperimentException when the experiment does not fit the installed modules
	 */
	public Run run(ExperimentSpec spec, RunStore store, Progress progress) throws IOException, ModuleException, ExperimentException {
		if (!spec.isTraditional()) {
			throw new IllegalArgumentException("experiment '" + spec.name() + "' has no classifier; it is a network experiment");
		}
		new ExperimentValidator(registry).requireValid(spec, spec.name());
		ModuleRef classifierRef = spec.classifier().get();
		ModuleDescriptor classifierModule = registry.get(ModuleKind.CLASSIFIER, classifierRef.id());
		Map<String, String> bundles = new LinkedHashMap<>();
		for (ModuleRef ref : spec.features()) {
			registry.find(ModuleKind.FEATURE, ref.id()).ifPresent(m -> bundles.put(m.bundle(), m.version()));
		}
		bundles.put(classifierModule.bundle(), classifierModule.version());
		Run run = store.create(spec, RunEnvironment.current("traditional (" + classifierRef.id() + ", " + classifierModule.bundle() + ")",
				classifierModule.version(), bundles));
		try {
			train(run, spec, classifierModule, progress);
			run.finish(RunStatus.COMPLETED, null);
			return run;
		} catch (CancellationException e) {
			run.finish(RunStatus.CANCELLED, e.getMessage() == null ? "cancelled" : e.getMessage());
			return run;
		} catch (IOException | ModuleException | RuntimeException e) {
			run.finish(RunStatus.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
			throw e;
		}
	}

	private void train(Run run, ExperimentSpec spec, ModuleDescriptor classifierModule, Progress progress) throws IOException, ModuleException {
		long started = System.nanoTime();
		ModuleDescriptor datasetModule = registry.get(ModuleKind.DATASET, spec.dataset().id());
		Dataset dataset = datasetModule.factory(DatasetFactory.class).create(datasetModule.settings(spec.dataset().params()));
		List<ImageOperation> preprocessors = PipelineModules.operations(registry, ModuleKind.PREPROCESSOR, spec.preprocessors());
		Map<String, List<Sample>> splits = dataset.splits();
		List<Sample> trainSamples = splits.getOrDefault("train", List.of());
		if (trainSamples.isEmpty()) {
			throw new IOException("dataset '" + spec.dataset().id() + "' has no samples in its train split (splits: " + splits.keySet() + ")");
		}
		FeatureChain chain = FeatureChain.build(registry, spec.features());
		ModuleSettings classifierSettings = classifierModule.settings(spec.classifier().get().params());
		FaceDetector detector = detector(spec);
		try {
			List<ImageRaster> trainImages = faces(dataset, trainSamples, preprocessors, detector, spec.seed(), "train", progress);
			int width = trainImages.get(0).width();
			int height = trainImages.get(0).height();
			progress.begin("features of the train split", (long) trainImages.size() * chain.extractorCount());
			long featureStart = System.nanoTime();
			float[][] train = chain.vectors(trainImages, true, threads, progress);
			double featureSeconds = (System.nanoTime() - featureStart) / 1e9;
			int[] labels = trainSamples.stream().mapToInt(s -> s.label().ordinal()).toArray();

			progress.begin("fitting " + classifierModule.id() + " on " + train.length + " vectors of " + train[0].length, -1);
			Classifier classifier = classifierModule.factory(ClassifierFactory.class).create(classifierSettings);
			long fitStart = System.nanoTime();
			classifier.fit(train, labels, ExpressionClass.COUNT, progress);
			double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
			if (progress.isCanceled()) {
				throw new CancellationException("cancelled after fitting");
			}
			try (TraditionalModel model = new TraditionalModel(chain, classifier, classifierModule.id(), new LinkedHashMap<>(classifierSettings.values()),
					width, height)) {
				model.save(run.folder().resolve(MODEL_FOLDER));
				List<Prediction> trainPredictions = predictions(trainSamples, classifier.predictProbabilities(train));
				double trainLoss = logLoss(trainPredictions);

				Map<String, Object> record = new LinkedHashMap<>();
				record.put("epoch", 1);
				record.put("learningRate", 0.0);
				record.put("trainLoss", trainLoss);
				record.put("trainAccuracy", ClassificationMetrics.of(trainPredictions).accuracy());
				record.put("imagesPerSecond", train.length / Math.max(1e-9, featureSeconds + fitSeconds));
				Evaluation test = null;
				for (String split : List.of("val", "test")) {
					List<Sample> samples = splits.getOrDefault(split, List.of());
					if (samples.isEmpty()) {
						continue;
					}
					Evaluation evaluation = evaluate(model, dataset, samples, preprocessors, detector, spec.seed(), split, progress);
					JsonObject extra = new JsonObject();
					extra.addProperty("loss", evaluation.loss());
					// no "parameters": a vector length is not a count of learned weights; comparisons show the model file's size
					extra.addProperty("featureLength", train[0].length);
					extra.addProperty("msPerImage", evaluation.featureMs() + evaluation.classifierMs());
					extra.addProperty("featureMsPerImage", evaluation.featureMs());
					extra.addProperty("classifierMsPerImage", evaluation.classifierMs());
					extra.addProperty("checkpoint", MODEL_FOLDER + "/" + TraditionalModel.SIDECAR_FILE);
					extra.addProperty("probabilitiesAreHard", classifier.probabilitiesAreHard());
					EvaluationFiles.write(run, split, evaluation.predictions(), extra);
					if (split.equals("val")) {
						ClassificationMetrics m = ClassificationMetrics.of(evaluation.predictions());
						record.put("valLoss", evaluation.loss());
						record.put("valAccuracy", m.accuracy());
						record.put("valMacroF1", m.macroF1());
					} else {
						test = evaluation;
					}
				}
				record.put("seconds", (System.nanoTime() - started) / 1e9);
				record.put("trainingSeconds", fitSeconds);
				record.put("featureSeconds", featureSeconds);
				record.put("featureMsPerFace", 1000 * featureSeconds / train.length);
				record.put("featureLength", train[0].length);
				if (test != null) {
					record.put("inferenceMsPerFace", test.featureMs() + test.classifierMs());
				}
				classifier.chosenSettings().forEach((k, v) -> {
					if (v instanceof Number n) {
						record.put("chosen" + Character.toUpperCase(k.charAt(0)) + k.substring(1), n);
					}
				});
				run.appendMetrics(record);
			}
		} finally {
			if (detector != null) {
				detector.close();
			}
		}
	}

	private record Evaluation(List<Prediction> predictions, double loss, double featureMs, double classifierMs) {
	}

	private Evaluation evaluate(TraditionalModel model, Dataset dataset, List<Sample> samples, List<ImageOperation> preprocessors, FaceDetector detector,
			long seed, String split, Progress progress) throws IOException {
		List<ImageRaster> images = faces(dataset, samples, preprocessors, detector, seed, split, progress);
		for (int i = 0; i < images.size(); i++) {
			model.requireSize(images.get(i), "sample " + samples.get(i).id());
		}
		progress.begin("features of the " + split + " split", (long) images.size() * model.chain().extractorCount());
		// one thread, so that the time per face is what one face costs
		long featureStart = System.nanoTime();
		float[][] vectors = model.chain().vectors(images, false, 1, progress);
		double featureMs = (System.nanoTime() - featureStart) / 1e6 / images.size();
		long classifyStart = System.nanoTime();
		float[][] probabilities = model.classifier().predictProbabilities(vectors);
		double classifierMs = (System.nanoTime() - classifyStart) / 1e6 / images.size();
		List<Prediction> predictions = predictions(samples, probabilities);
		return new Evaluation(predictions, logLoss(predictions), featureMs, classifierMs);
	}

	private static List<Prediction> predictions(List<Sample> samples, float[][] probabilities) {
		List<Prediction> out = new ArrayList<>(samples.size());
		for (int i = 0; i < samples.size(); i++) {
			out.add(new Prediction(samples.get(i).id(), samples.get(i).label(), probabilities[i]));
		}
		return out;
	}

	/** Mean negative log-likelihood of the true class, probabilities clipped at 1e-7. */
	static double logLoss(List<Prediction> predictions) {
		double sum = 0;
		for (Prediction p : predictions) {
			sum -= Math.log(Math.max(1e-7, p.probabilities()[p.label().ordinal()]));
		}
		return predictions.isEmpty() ? Double.NaN : sum / predictions.size();
	}

	private FaceDetector detector(ExperimentSpec spec) throws ModuleException {
		if (spec.detector().isEmpty()) {
			return null;
		}
		ModuleDescriptor module = registry.get(ModuleKind.DETECTOR, spec.detector().get().id());
		return module.factory(DetectorFactory.class).create(module.settings(spec.detector().get().params()));
	}

	/**
	 * Loads and preprocesses the faces of samples, in order, all of one size. Preprocessors are
	 * deterministic; the generator they get is seeded by the run and the sample's position.
	 */
	private List<ImageRaster> faces(Dataset dataset, List<Sample> samples, List<ImageOperation> preprocessors, FaceDetector detector, long seed,
			String split, Progress progress) throws IOException {
		progress.begin("reading the " + split + " split", samples.size());
		List<ImageRaster> images = new ArrayList<>(samples.size());
		for (int i = 0; i < samples.size(); i++) {
			if (progress.isCanceled()) {
				throw new CancellationException("cancelled while reading the " + split + " split");
			}
			Sample sample = samples.get(i);
			ImageRaster image = dataset.load(sample);
			Optional<FaceBox> face = sample.face();
			if (face.isEmpty() && detector != null) {
				try {
					face = detector.detect(image).stream().max(Comparator.comparingDouble(FaceBox::score));
				} catch (Exception e) {
					throw new IOException("sample " + sample.id() + ": the detector failed: " + e.getMessage(), e);
				}
			}
			SplittableRandom random = new SplittableRandom(seed * 31 + i);
			for (ImageOperation op : preprocessors) {
				ImageOperation.Result result = op.apply(image, face, random);
				image = result.image();
				face = result.face();
			}
			if (!images.isEmpty() && (image.width() != images.get(0).width() || image.height() != images.get(0).height())) {
				throw new IOException("sample " + sample.id() + " is " + image.width() + "x" + image.height() + " after preprocessing, but "
						+ samples.get(0).id() + " is " + images.get(0).width() + "x" + images.get(0).height()
						+ "; hand-crafted features need one size: add a resize preprocessor");
			}
			images.add(image);
			progress.worked(1, null);
		}
		return images;
	}
}
