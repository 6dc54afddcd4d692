package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import facet.cli.ExitCodes;
import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStore;
import facet.engine.run.TrainedModel;

/**
 * {@code facet predict --model RUN IMAGE...}: classifies whole images as face crops (use
 * {@code facet analyze} to detect faces first). A bad image is named, the rest goes on, and the
 * exit status is 1 when any failed.
 */
final class PredictCommand implements Command {

	@Override
	public String name() {
		return "predict";
	}

	@Override
	public String usage() {
		return "predict --model RUN|pretrained [--json] [--runs DIR] IMAGE_OR_FOLDER...";
	}

	@Override
	public String summary() {
		return "classify face crops with a trained run (or the pretrained model)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String modelName = args.option("--model");
		boolean json = args.flag("--json");
		RunStore store = TrainCommand.store(args.option("--runs"));
		List<String> inputs = args.positional();
		if (modelName == null) {
			throw new UsageException("predict: --model RUN|pretrained is required");
		}
		if (inputs.isEmpty()) {
			throw new UsageException("predict: give at least one image or folder");
		}
		Inputs expanded = Inputs.expand(name(), inputs, err);
		List<Path> images = expanded.stillImages();
		try (TrainedModel model = open(modelName, store)) {
			JsonArray results = new JsonArray();
			for (Path image : images) {
				ImageRaster raster;
				try {
					raster = ImageFiles.read(image, model.info().channels() == 1);
				} catch (IOException e) {
					expanded.failed(image, e);
					continue;
				}
				expanded.succeeded();
				float[] p = model.predict(List.of(raster)).get(0);
				int best = ExpressionClass.mostProbable(p).ordinal();
				if (json) {
					JsonObject o = new JsonObject();
					o.addProperty("image", image.toString());
					o.add("expression", expression(p));
					results.add(o);
				} else {
					out.printf(Locale.ROOT, "%s: %s %.3f%n", image, ExpressionClass.ofIndex(best).label(), p[best]);
				}
			}
			if (json) {
				out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(results));
			}
		}
		return expanded.exitStatus();
	}

	/** {"label": …, "probabilities": {"anger": p, …}} in canonical order. */
	static JsonObject expression(float[] p) {
		int best = ExpressionClass.mostProbable(p).ordinal();
		JsonObject o = new JsonObject();
		o.addProperty("label", ExpressionClass.ofIndex(best).label());
		JsonObject probabilities = new JsonObject();
		for (ExpressionClass c : ExpressionClass.values()) {
			probabilities.addProperty(c.label(), Math.round(p[c.ordinal()] * 1e6) / 1e6);
		}
		o.add("probabilities", probabilities);
		return o;
	}

	/** A trained run by id or folder; "pretrained" is the model shipped with Facet. */
	static TrainedModel open(String name, RunStore store) throws IOException, UsageException {
		if (name.equals("pretrained")) {
			return PretrainedModel.open(ModuleRegistry.getDefault());
		}
		Run run;
		try {
			run = store.open(name);
		} catch (IOException e) {
			throw new UsageException("--model " + name + ": " + e.getMessage());
		}
		if (!Files.isDirectory(run.folder())) {
			throw new UsageException("--model " + name + ": no such run");
		}
		return TrainedModel.open(run.folder(), ModuleRegistry.getDefault());
	}
}
