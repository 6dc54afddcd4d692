package facet.classifiers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.ml.StatModel;

import facet.core.Progress;
import facet.core.spi.Classifier;
import nu.pattern.OpenCV;

/**
 * A classifier backed by a model of OpenCV's ml module. The model is saved in OpenCV's own XML
 * or YAML (by the file's suffix), with the class count, the vector length and the class labels
 * seen in training beside it in {@code <file>.labels} (OpenCV's files do not all keep them in a
 * form its Java API can read back).
 */
public abstract class OpenCvClassifier<M extends StatModel> implements Classifier {

	private static boolean loaded;

	private final String id;
	protected M model;
	/** The labels present in training, ascending. */
	protected int[] labels;
	protected int classes;
	private int length;
	private final Map<String, Object> chosen = new LinkedHashMap<>();

	protected OpenCvClassifier(String id) {
		this.id = id;
		loadOpenCv();
	}

	/** Loads OpenCV's native library once per process. */
	public static synchronized void loadOpenCv() {
		if (!loaded) {
			OpenCV.loadLocally();
			loaded = true;
		}
	}

	/** The module id, for messages. */
	public String id() {
		return id;
	}

	/** Trains the OpenCV model on rows of CV_32F samples and CV_32S labels. */
	protected abstract M train(Mat samples, Mat responses, Progress progress);

	/** Reads a saved model; returns null or an empty model when the file holds none of this kind. */
	protected abstract M read(String file);

	/** Probabilities over {@link #classes} for each row of CV_32F samples. */
	protected abstract float[][] probabilities(Mat samples);

	@Override
	public void fit(float[][] features, int[] targets, int classCount, Progress progress) {
		if (features.length == 0 || features.length != targets.length) {
			throw new IllegalArgumentException("classifier '" + id + "' needs as many labels as feature vectors (at least one), got "
					+ features.length + " vectors and " + targets.length + " labels");
		}
		TreeSet<Integer> present = new TreeSet<>();
		for (int label : targets) {
			if (label < 0 || label >= classCount) {
				throw new IllegalArgumentException("classifier '" + id + "': labels are class indices in [0, " + (classCount - 1) + "], got " + label);
			}
			present.add(label);
		}
		if (present.size() < 2) {
			throw new IllegalArgumentException("classifier '" + id + "' needs at least two classes in training, got only " + present);
		}
		Mat samples = toMat(features, -1);
		Mat responses = new Mat(targets.length, 1, CvType.CV_32S);
		responses.put(0, 0, targets);
		close();
		chosen.clear();
		classes = classCount;
		labels = present.stream().mapToInt(Integer::intValue).toArray();
		length = features[0].length;
		try {
			model = train(samples, responses, progress);
		} catch (CvException e) {
			model = null;
			throw new IllegalArgumentException("classifier '" + id + "': OpenCV refused the training data: " + e.getMessage(), e);
		} finally {
			samples.release();
			responses.release();
		}
	}

	/** Records a setting the classifier chose itself. */
	protected void chose(String name, Object value) {
		chosen.put(name, value);
	}

	@Override
	public Map<String, Object> chosenSettings() {
		return Map.copyOf(chosen);
	}

	@Override
	public boolean trained() {
		return model != null;
	}

	@Override
	public int featureLength() {
		requireTrained();
		// not model.getVarCount(): logistic regression counts its bias column
		return length;
	}

	@Override
	public float[][] predictProbabilities(float[][] features) {
		requireTrained();
		if (features.length == 0) {
			return new float[0][];
		}
		Mat samples = toMat(features, featureLength());
		try {
			return probabilities(samples);
		} finally {
			samples.release();
		}
	}

	/** One-hot vectors of predicted labels, for models that give no probabilities. */
	protected float[][] oneHot(Mat predicted) {
		float[] values = new float[predicted.rows()];
		predicted.get(0, 0, values);
		float[][] out = new float[values.length][classes];
		for (int i = 0; i < values.length; i++) {
			int label = Math.round(values[i]);
			out[i][Math.max(0, Math.min(classes - 1, label))] = 1;
		}
		return out;
	}

	/** Normalises scores of the present labels (columns in {@link #labels} order) into probabilities over all classes. */
	protected float[] spread(double[] scores) {
		float[] p = new float[classes];
		double sum = 0;
		for (double s : scores) {
			sum += Math.max(0, s);
		}
		for (int j = 0; j < labels.length; j++) {
			p[labels[j]] = sum > 0 ? (float) (Math.max(0, scores[j]) / sum) : 1f / labels.length;
		}
		return p;
	}

	@Override
	public void save(Path file) throws IOException {
		requireTrained();
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try {
			model.save(file.toString());
		} catch (CvException e) {
			throw new IOException(file + ": OpenCV could not write the model: " + e.getMessage(), e);
		}
		Files.writeString(labelsFile(file), classes + " " + length + " " + String.join(" ", Arrays.stream(labels).mapToObj(Integer::toString).toList()) + "\n",
				StandardCharsets.UTF_8);
	}

	@Override
	public void load(Path file, int classCount) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new NoSuchFileException(file.toString(), null, "no saved model of classifier '" + id + "'");
		}
		Path labelsFile = labelsFile(file);
		if (!Files.isRegularFile(labelsFile)) {
			throw new NoSuchFileException(labelsFile.toString(), null, "the class labels saved beside " + file.getFileName() + " are missing");
		}
		int[] read;
		try {
			read = Arrays.stream(Files.readString(labelsFile, StandardCharsets.UTF_8).trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
		} catch (NumberFormatException e) {
			throw new IOException(labelsFile + ": expected the class count and the trained labels as integers, got " + e.getMessage(), e);
		}
		if (read.length < 4 || read[0] != classCount || read[1] < 1) {
			throw new IOException(labelsFile + ": expected the class count " + classCount + ", the vector length and at least two trained labels, got "
					+ Arrays.toString(read));
		}
		M loadedModel;
		try {
			loadedModel = read(file.toString());
		} catch (CvException e) {
			throw new IOException(file + ": not a model OpenCV can read as classifier '" + id + "': " + firstLine(e.getMessage()), e);
		}
		if (loadedModel == null || loadedModel.empty() || !loadedModel.isTrained()) {
			throw new IOException(file + ": holds no trained model of classifier '" + id + "'");
		}
		close();
		model = loadedModel;
		classes = classCount;
		length = read[1];
		labels = Arrays.copyOfRange(read, 2, read.length);
	}

	/** Where {@link #save(Path)} keeps the labels. */
	public static Path labelsFile(Path file) {
		return file.resolveSibling(file.getFileName() + ".labels");
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "";
		}
		int nl = text.indexOf('\n');
		return nl < 0 ? text : text.substring(0, nl);
	}

	protected void requireTrained() {
		if (model == null) {
			throw new IllegalStateException("classifier '" + id + "' is used before it was trained or loaded");
		}
	}

	private Mat toMat(float[][] rows, int expected) {
		int d = expected >= 0 ? expected : rows[0].length;
		float[] flat = new float[rows.length * d];
		for (int i = 0; i < rows.length; i++) {
			if (rows[i].length != d) {
				throw new IllegalArgumentException("classifier '" + id + "' " + (expected >= 0 ? "was trained on" : "needs") + " vectors of length "
						+ d + ", got one of length " + rows[i].length + " (row " + i + ")");
			}
			for (float v : rows[i]) {
				if (!Float.isFinite(v)) {
					throw new IllegalArgumentException("classifier '" + id + "': feature vector " + i + " holds " + v);
				}
			}
			System.arraycopy(rows[i], 0, flat, i * d, d);
		}
		Mat mat = new Mat(rows.length, d, CvType.CV_32F);
		mat.put(0, 0, flat);
		return mat;
	}

	@Override
	public void close() {
		// the Java wrapper frees the native model when collected; dropping the reference is all we can do
		model = null;
	}
}
