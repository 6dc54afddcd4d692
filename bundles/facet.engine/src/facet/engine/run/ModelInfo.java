package facet.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.core.runs.Run;
import facet.engine.data.ChannelStatistics;

/**
 * {@code model.json} of a run: what, besides the experiment, is needed to rebuild the network
 * and feed it as in training: the input shape and the normalization statistics measured on the
 * training split.
 */
public record ModelInfo(int channels, int height, int width, ChannelStatistics statistics, long parameters) {

	public static final String FILE = "model.json";

	public void write(Run run) throws IOException {
		JsonObject o = new JsonObject();
		o.addProperty("channels", channels);
		o.addProperty("height", height);
		o.addProperty("width", width);
		o.add("mean", array(statistics.mean()));
		o.add("std", array(statistics.std()));
		o.addProperty("parameters", parameters);
		run.writeFile(FILE, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
	}

	public static ModelInfo read(Path runFolder) throws IOException {
		Path file = runFolder.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			throw new IOException(runFolder + " has no " + FILE + ": the run never started training");
		}
		try {
			JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
			return new ModelInfo(o.get("channels").getAsInt(), o.get("height").getAsInt(), o.get("width").getAsInt(),
					new ChannelStatistics(doubles(o.getAsJsonArray("mean")), doubles(o.getAsJsonArray("std"))), o.get("parameters").getAsLong());
		} catch (RuntimeException e) {
			throw new IOException(file + " is not a valid model description: " + e.getMessage(), e);
		}
	}

	private static JsonArray array(double[] values) {
		JsonArray a = new JsonArray();
		for (double v : values) {
			a.add(v);
		}
		return a;
	}

	private static double[] doubles(JsonArray a) {
		double[] values = new double[a.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = a.get(i).getAsDouble();
		}
		return values;
	}
}
