package facet.detect.adaboost.internal;

import facet.core.image.IntegralImage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * An attentional cascade (section 4 of the paper): stages of boosted stumps, each rejecting a
 * window whose summed votes fall below its threshold, so that most background is dismissed by
 * the first few features.
 * <p>
 * Model file ({@value #FORMAT}, version {@value #VERSION}), UTF-8 JSON:
 *
 * <pre>
 * {
 *   "format": "facet-viola-jones", "version": 1,
 *   "window": 24,                       // side of the square training window in pixels
 *   "box": [0.0, -0.05, 1.0, 1.1],      // the face box relative to a detected window: x, y, w, h
 *   "stages": [
 *     { "threshold": 1.23,              // a window passes when the sum of votes &gt;= threshold
 *       "stumps": [
 *         { "feature": "edge-vertical", // edge-horizontal | edge-vertical | line-horizontal | line-vertical | four-rectangle
 *           "x": 3, "y": 5, "cellWidth": 6, "cellHeight": 2,
 *           "threshold": -0.42, "polarity": 1, "alpha": 1.7 } ] } ],
 *   "training": { ... }                 // how it was trained, informative only
 * }
 * </pre>
 *
 * A stump votes {@code alpha} when {@code polarity * value < polarity * threshold}, value being
 * the feature's weighted cell sums divided by the window's standard deviation and the cell area.
 */
public final class Cascade {

	public static final String FORMAT = "facet-viola-jones";
	public static final int VERSION = 1;

	/** One stage: its stumps and the threshold on their summed votes. */
	public record Stage(List<Stump> stumps, double threshold) {

		public Stage {
			stumps = List.copyOf(stumps);
		}

		public double score(IntegralImage image, int left, int top, double deviation) {
			double sum = 0;
			for (Stump s : stumps) {
				if (s.face(s.feature().value(image, left, top, deviation))) {
					sum += s.alpha();
				}
			}
			return sum;
		}
	}

	private final int window;
	private final double[] box;
	private final List<Stage> stages;
	private final JsonObject training;

	public Cascade(int window, double[] box, List<Stage> stages, JsonObject training) {
		if (box.length != 4) {
			throw new IllegalArgumentException("box needs x, y, w, h");
		}
		this.window = window;
		this.box = box.clone();
		this.stages = List.copyOf(stages);
		this.training = training == null ? new JsonObject() : training;
	}

	public int window() {
		return window;
	}

	/** The face box relative to a window: x, y, w, h in window sides. */
	public double[] box() {
		return box.clone();
	}

	public List<Stage> stages() {
		return stages;
	}

	public JsonObject training() {
		return training;
	}

	/**
	 * How many stages the window at {@code (left, top)} passes; {@code stages().size()} means a
	 * face.
	 */
	public int passed(IntegralImage image, int left, int top) {
		double deviation = image.deviation(left, top, window, window);
		for (int i = 0; i < stages.size(); i++) {
			Stage stage = stages.get(i);
			if (stage.score(image, left, top, deviation) < stage.threshold()) {
				return i;
			}
		}
		return stages.size();
	}

	/** Whether a window passes all stages. */
	public boolean face(IntegralImage image, int left, int top) {
		return passed(image, left, top) == stages.size();
	}

	/** A cascade with one more stage. */
	public Cascade with(Stage stage) {
		List<Stage> more = new ArrayList<>(stages);
		more.add(stage);
		return new Cascade(window, box, more, training);
	}

	public Cascade withTraining(JsonObject info) {
		return new Cascade(window, box, stages, info);
	}

	public int stumpCount() {
		return stages.stream().mapToInt(s -> s.stumps().size()).sum();
	}

	public void write(Path file) throws IOException {
		JsonObject root = new JsonObject();
		root.addProperty("format", FORMAT);
		root.addProperty("version", VERSION);
		root.addProperty("window", window);
		JsonArray b = new JsonArray();
		for (double v : box) {
			b.add(v);
		}
		root.add("box", b);
		JsonArray stageArray = new JsonArray();
		for (Stage stage : stages) {
			JsonObject s = new JsonObject();
			s.addProperty("threshold", stage.threshold());
			JsonArray stumps = new JsonArray();
			for (Stump stump : stage.stumps()) {
				JsonObject o = new JsonObject();
				HaarFeature f = stump.feature();
				o.addProperty("feature", f.type().id());
				o.addProperty("x", f.x());
				o.addProperty("y", f.y());
				o.addProperty("cellWidth", f.cellWidth());
				o.addProperty("cellHeight", f.cellHeight());
				o.addProperty("threshold", stump.threshold());
				o.addProperty("polarity", stump.polarity());
				o.addProperty("alpha", stump.alpha());
				stumps.add(o);
			}
			s.add("stumps", stumps);
			stageArray.add(s);
		}
		root.add("stages", stageArray);
		root.add("training", training);
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		facet.core.runs.AtomicFiles.write(file, new GsonBuilder().setPrettyPrinting().create().toJson(root).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a model file.
	 *
	 * @throws IOException naming the file and what is wrong: missing, not JSON, truncated, another
	 *             format, or a field missing or out of range
	 */
	public static Cascade read(Path file) throws IOException {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			throw new IOException(file + ": no such Viola-Jones model file (write one with: facet detector train viola-jones)");
		}
		JsonObject root;
		try {
			JsonElement parsed = JsonParser.parseString(text);
			if (!parsed.isJsonObject()) {
				throw new IOException(file + ": not a Viola-Jones model: expected a JSON object with \"format\": \"" + FORMAT + "\"");
			}
			root = parsed.getAsJsonObject();
		} catch (JsonParseException e) {
			throw new IOException(file + ": not a Viola-Jones model, or truncated: invalid JSON (" + e.getMessage() + ")");
		}
		try {
			String format = string(root, "format");
			if (!FORMAT.equals(format)) {
				throw new IOException("expected \"format\": \"" + FORMAT + "\", got \"" + format + "\"");
			}
			int version = root.get("version").getAsInt();
			if (version != VERSION) {
				throw new IOException("format version " + version + " is not supported (this Facet reads version " + VERSION + ")");
			}
			int window = root.get("window").getAsInt();
			if (window < 8 || window > 256) {
				throw new IOException("\"window\" must be in [8, 256], got " + window);
			}
			JsonArray b = array(root, "box");
			if (b.size() != 4) {
				throw new IOException("\"box\" needs 4 numbers (x, y, w, h), got " + b.size());
			}
			double[] box = new double[4];
			for (int i = 0; i < 4; i++) {
				box[i] = b.get(i).getAsDouble();
			}
			JsonArray stageArray = array(root, "stages");
			if (stageArray.isEmpty()) {
				throw new IOException("\"stages\" is empty");
			}
			List<Stage> stages = new ArrayList<>();
			for (int i = 0; i < stageArray.size(); i++) {
				JsonObject s = stageArray.get(i).getAsJsonObject();
				JsonArray stumpArray = array(s, "stumps");
				List<Stump> stumps = new ArrayList<>();
				for (int j = 0; j < stumpArray.size(); j++) {
					JsonObject o = stumpArray.get(j).getAsJsonObject();
					String where = "stage " + i + ", stump " + j + ": ";
					HaarFeature f;
					try {
						f = new HaarFeature(HaarFeature.Type.of(string(o, "feature")), o.get("x").getAsInt(), o.get("y").getAsInt(),
								o.get("cellWidth").getAsInt(), o.get("cellHeight").getAsInt());
						if (!f.fits(window)) {
							throw new IllegalArgumentException("feature " + f + " does not fit the " + window + "-pixel window");
						}
						stumps.add(new Stump(f, o.get("threshold").getAsDouble(), o.get("polarity").getAsInt(), o.get("alpha").getAsDouble()));
					} catch (IllegalArgumentException | NullPointerException | IllegalStateException | UnsupportedOperationException e) {
						throw new IOException(where + (e.getMessage() == null ? "a field is missing" : e.getMessage()));
					}
				}
				if (stumps.isEmpty()) {
					throw new IOException("stage " + i + " has no stumps");
				}
				stages.add(new Stage(stumps, s.get("threshold").getAsDouble()));
			}
			JsonObject training = root.has("training") && root.get("training").isJsonObject() ? root.getAsJsonObject("training") : null;
			return new Cascade(window, box, stages, training);
		} catch (IOException e) {
			throw new IOException(file + ": " + e.getMessage(), e);
		} catch (RuntimeException e) {
			throw new IOException(file + ": not a valid Viola-Jones model: a field is missing or of the wrong type ("
					+ e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
		}
	}

	private static String string(JsonObject o, String name) throws IOException {
		JsonElement e = o.get(name);
		if (e == null || !e.isJsonPrimitive()) {
			throw new IOException("missing \"" + name + "\"");
		}
		return e.getAsString();
	}

	private static JsonArray array(JsonObject o, String name) throws IOException {
		JsonElement e = o.get(name);
		if (e == null || !e.isJsonArray()) {
			throw new IOException("missing array \"" + name + "\"");
		}
		return e.getAsJsonArray();
	}
}
