package facet.engine.traditional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.SettingsException;
import facet.core.runs.AtomicFiles;
import facet.core.spi.Classifier;
import facet.core.spi.ClassifierFactory;
import facet.core.spi.FeatureTransform;

/**
 * A trained traditional model: the feature chain with its fitted post-processing, and the
 * classifier. On disk in a run folder: {@value #CLASSIFIER_FILE} (the library's own format,
 * OpenCV XML for the OpenCV classifiers) and the sidecar {@value #SIDECAR_FILE}, which records
 * the feature configuration (ids and resolved parameters), the image size, the vector length and
 * the fitted state of every post-processing stage. Loading checks the sidecar against the
 * experiment, so a model is never fed vectors of another configuration.
 */
public final class TraditionalModel implements AutoCloseable {

	public static final String CLASSIFIER_FILE = "classifier.xml";
	public static final String SIDECAR_FILE = "traditional-model.json";
	private static final int SIDECAR_FORMAT = 1;

	private final FeatureChain chain;
	private final Classifier classifier;
	private final String classifierId;
	private final Map<String, Object> classifierSettings;
	private final int width;
	private final int height;

	TraditionalModel(FeatureChain chain, Classifier classifier, String classifierId, Map<String, Object> classifierSettings, int width, int height) {
		this.chain = chain;
		this.classifier = classifier;
		this.classifierId = classifierId;
		this.classifierSettings = classifierSettings;
		this.width = width;
		this.height = height;
	}

	public FeatureChain chain() {
		return chain;
	}

	public Classifier classifier() {
		return classifier;
	}

	/** The size every image must have (after preprocessing). */
	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Class probabilities in canonical order for one preprocessed face. */
	public float[] predict(ImageRaster face) {
		requireSize(face, "the image");
		return classifier.predictProbabilities(new float[][] { chain.vector(face) })[0];
	}

	void requireSize(ImageRaster face, String what) {
		if (face.width() != width || face.height() != height) {
			throw new IllegalArgumentException(what + " is " + face.width() + "x" + face.height() + " after preprocessing; the model was trained on "
					+ width + "x" + height + " faces (add or fix a resize preprocessor)");
		}
	}

	/** Writes the classifier file and the sidecar into {@code folder}. */
	public void save(Path folder) throws IOException {
		Files.createDirectories(folder);
		classifier.save(folder.resolve(CLASSIFIER_FILE));
		JsonObject o = new JsonObject();
		o.addProperty("format", SIDECAR_FORMAT);
		o.addProperty("width", width);
		o.addProperty("height", height);
		o.addProperty("featureLength", chain.length(width, height));
		o.addProperty("classes", ExpressionClass.COUNT);
		JsonArray features = new JsonArray();
		for (FeatureChain.Stage s : chain.stages()) {
			JsonObject f = new JsonObject();
			f.addProperty("id", s.id());
			f.add("params", json(s.settings()));
			if (s.stage() instanceof FeatureTransform t) {
				JsonObject state = new JsonObject();
				t.state().forEach((k, v) -> {
					JsonArray values = new JsonArray();
					for (float x : v) {
						values.add(x);
					}
					state.add(k, values);
				});
				f.add("state", state);
			}
			features.add(f);
		}
		o.add("features", features);
		JsonObject c = new JsonObject();
		c.addProperty("id", classifierId);
		c.add("params", json(classifierSettings));
		c.addProperty("file", CLASSIFIER_FILE);
		c.add("chosen", json(classifier.chosenSettings()));
		c.addProperty("probabilitiesAreHard", classifier.probabilitiesAreHard());
		o.add("classifier", c);
		AtomicFiles.write(folder.resolve(SIDECAR_FILE),
				(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Loads a model saved by {@link #save(Path)} for an experiment.
	 *
	 * @throws IOException naming the file when it is missing or damaged, or when it was trained
	 *         with another feature or classifier configuration than the experiment's
	 */
	public static TraditionalModel load(Path folder, ExperimentSpec spec, ModuleRegistry registry) throws IOException, ModuleException {
		Path file = folder.resolve(SIDECAR_FILE);
		if (!Files.isRegularFile(file)) {
			throw new NoSuchFileException(file.toString(), null, "no traditional model here (written by a features → classifier run)");
		}
		JsonObject o;
		try {
			o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			throw new IOException(file + ": not a JSON object: " + e.getMessage(), e);
		}
		try {
			if (o.get("format").getAsInt() != SIDECAR_FORMAT) {
				throw new IOException(file + ": format " + o.get("format") + "; this Facet reads format " + SIDECAR_FORMAT);
			}
			FeatureChain chain = FeatureChain.build(registry, spec.features());
			JsonArray saved = o.getAsJsonArray("features");
			List<String> savedConfig = new ArrayList<>();
			for (JsonElement e : saved) {
				savedConfig.add(e.getAsJsonObject().get("id").getAsString() + " " + e.getAsJsonObject().get("params"));
			}
			List<String> wanted = new ArrayList<>();
			for (FeatureChain.Stage s : chain.stages()) {
				wanted.add(s.id() + " " + json(s.settings()));
			}
			if (!savedConfig.equals(wanted)) {
				throw new IOException(file + ": the model was trained with the features " + savedConfig + ", but the experiment asks for " + wanted
						+ "; train a model for this configuration");
			}
			for (int i = 0; i < saved.size(); i++) {
				if (chain.stages().get(i).stage() instanceof FeatureTransform t) {
					JsonObject state = saved.get(i).getAsJsonObject().getAsJsonObject("state");
					Map<String, float[]> values = new LinkedHashMap<>();
					for (Map.Entry<String, JsonElement> entry : state.entrySet()) {
						JsonArray array = entry.getValue().getAsJsonArray();
						float[] v = new float[array.size()];
						for (int k = 0; k < v.length; k++) {
							v[k] = array.get(k).getAsFloat();
						}
						values.put(entry.getKey(), v);
					}
					try {
						t.restore(values);
					} catch (IllegalArgumentException e) {
						throw new IOException(file + ": features[" + i + "]: " + e.getMessage(), e);
					}
				}
			}
			ModuleRef ref = spec.classifier().orElseThrow(() -> new IllegalArgumentException("the experiment has no classifier"));
			ModuleDescriptor module = registry.get(ModuleKind.CLASSIFIER, ref.id());
			ModuleSettings settings;
			try {
				settings = module.settings(ref.params());
			} catch (SettingsException e) {
				throw new ModuleException("classifier: " + e.getMessage(), e);
			}
			JsonObject c = o.getAsJsonObject("classifier");
			String savedClassifier = c.get("id").getAsString() + " " + c.get("params");
			String wantedClassifier = ref.id() + " " + json(settings.values());
			if (!savedClassifier.equals(wantedClassifier)) {
				throw new IOException(file + ": the model is classifier " + savedClassifier + ", but the experiment asks for " + wantedClassifier);
			}
			int width = o.get("width").getAsInt();
			int height = o.get("height").getAsInt();
			int length = o.get("featureLength").getAsInt();
			if (chain.length(width, height) != length) {
				throw new IOException(file + ": records vectors of length " + length + " but its features give " + chain.length(width, height));
			}
			Classifier classifier = module.factory(ClassifierFactory.class).create(settings);
			classifier.load(folder.resolve(c.get("file").getAsString()), ExpressionClass.COUNT);
			if (classifier.featureLength() != length) {
				throw new IOException(folder.resolve(c.get("file").getAsString()) + ": the classifier was trained on vectors of length "
						+ classifier.featureLength() + ", the features give " + length);
			}
			return new TraditionalModel(chain, classifier, ref.id(), new LinkedHashMap<>(settings.values()), width, height);
		} catch (NullPointerException | ClassCastException | IllegalStateException | UnsupportedOperationException e) {
			throw new IOException(file + ": missing or malformed field (" + e + ")", e);
		}
	}

	static JsonObject json(Map<String, ?> values) {
		JsonObject o = new JsonObject();
		values.forEach((k, v) -> {
			if (v instanceof Number n) {
				o.addProperty(k, n);
			} else if (v instanceof Boolean b) {
				o.addProperty(k, b);
			} else {
				o.addProperty(k, String.valueOf(v));
			}
		});
		return o;
	}

	@Override
	public void close() {
		classifier.close();
	}
}
