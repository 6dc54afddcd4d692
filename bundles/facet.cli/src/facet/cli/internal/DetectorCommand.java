package facet.cli.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.cli.ExitCodes;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.spi.DetectorFactory;
import facet.core.spi.TrainableDetector;

/**
 * {@code facet detector train ID}: trains a detector that Facet trains itself (its factory is a
 * {@link TrainableDetector}) from annotated images and writes its model file; {@code facet
 * detect --detector ID --param model=FILE} then uses it.
 */
final class DetectorCommand implements Command {

	@Override
	public String name() {
		return "detector";
	}

	@Override
	public String usage() {
		return "detector train ID --annotations FILE [--images DIR] --out MODEL [--param K=V]...";
	}

	@Override
	public String summary() {
		return "train a trainable detector (viola-jones, cascade-cnn) or fine-tune mtcnn on face boxes (scenes TSV or WIDER FACE)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String action = args.word();
		if (!"train".equals(action)) {
			throw new UsageException("detector: expected the action 'train', got " + (action == null ? "nothing" : "'" + action + "'"));
		}
		String id = args.word();
		String annotations = args.option("--annotations");
		String images = args.option("--images");
		String model = args.option("--out");
		Map<String, String> raw = new LinkedHashMap<>();
		for (String param : args.options("--param")) {
			int eq = param.indexOf('=');
			if (eq <= 0) {
				throw new UsageException("detector train: --param needs KEY=VALUE, got '" + param + "'");
			}
			raw.put(param.substring(0, eq).trim(), param.substring(eq + 1));
		}
		List<String> rest = args.positional();
		if (!rest.isEmpty()) {
			throw new UsageException("detector train: unexpected argument(s) " + rest);
		}
		if (id == null) {
			throw new UsageException("detector train: name the detector to train, e.g. viola-jones");
		}
		if (annotations == null || model == null) {
			throw new UsageException("detector train: --annotations FILE and --out MODEL are required");
		}
		Path annotationFile = Path.of(annotations);
		if (!Files.isRegularFile(annotationFile)) {
			throw new UsageException("detector train: " + annotationFile + ": no such annotation file");
		}
		Path imageFolder = images == null ? null : Path.of(images);
		if (imageFolder != null && !Files.isDirectory(imageFolder)) {
			throw new UsageException("detector train: " + imageFolder + ": no such image folder");
		}
		ModuleRegistry registry = ModuleRegistry.getDefault();
		ModuleDescriptor module = registry.find(ModuleKind.DETECTOR, id)
				.orElseThrow(() -> new UsageException("detector train: " + registry.unknownMessage(ModuleKind.DETECTOR, id)));
		if (!(module.factory(DetectorFactory.class) instanceof TrainableDetector trainable)) {
			List<String> trainables = registry.modules(ModuleKind.DETECTOR).stream().filter(DetectorCommand::trainable).map(ModuleDescriptor::id)
					.toList();
			throw new UsageException("detector train: detector '" + id + "' is not trained by Facet; trainable: " + String.join(", ", trainables));
		}
		ModuleSettings settings = DetectCommand.settings("detector train", module, raw);
		String summary = trainable.train(settings, annotationFile, imageFolder, Path.of(model), new ConsoleProgress(err));
		out.println(summary);
		out.println("use it with: facet detect --detector " + id + " --param model=" + model + " IMAGE...");
		return ExitCodes.OK;
	}

	private static boolean trainable(ModuleDescriptor module) {
		try {
			return module.factory() instanceof TrainableDetector;
		} catch (Exception e) {
			return false;
		}
	}
}
