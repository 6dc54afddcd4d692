package facet.nn.faceapi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.LabelOrder;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.spi.HeadFactory;
import facet.nn.api.ExpressionNetwork;
import facet.platform.djl.graph.LayerGraph;
import facet.nn.api.StagedBackbone;
import facet.nn.api.StagedBackboneFactory;
import facet.nn.faceapi.TfjsWeights;
import facet.nn.faceapi.internal.FaceApiModel;

/**
 * The imported face-api.js expression network, built through the module registry as the engine
 * builds it, against face-api's own JavaScript (releng/reference/faceapi-reference.js) on seven
 * face crops of its demo photos.
 */
class FaceApiNetworkTest {

	private static final String REFERENCE = "reference/";
	private static final double TOLERANCE = 1e-3;

	private static NDManager manager;
	private static ExpressionNetwork network;

	@TempDir
	Path dir;

	@BeforeAll
	static void buildThePretrainedNetwork() throws ModuleException {
		manager = NDManager.newBaseManager(Device.cpu(), "MXNet");
		network = network(Map.of());
		network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 112, 112));
	}

	@AfterAll
	static void close() {
		manager.close();
	}

	@Test
	void probabilitiesMatchFaceApisOwnJavaScript() throws IOException {
		JsonObject reference;
		try (InputStream in = resource("faceapi-reference.json")) {
			reference = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		}
		assertEquals("1.7.15", reference.get("faceApi").getAsString());
		List<String> labels = new ArrayList<>();
		reference.getAsJsonArray("labels").forEach(e -> labels.add(e.getAsString()));
		List<JsonObject> crops = new ArrayList<>();
		reference.getAsJsonArray("crops").forEach(e -> crops.add(e.getAsJsonObject()));
		assertEquals(7, crops.size());

		float[] batch = new float[crops.size() * 3 * 112 * 112];
		for (int i = 0; i < crops.size(); i++) {
			ImageRaster image = crop(crops.get(i).get("image").getAsString());
			assertEquals(112, image.width());
			assertEquals(3, image.channels());
			toChw(image, batch, i);
		}
		// block by block, and as one compiled graph (what TrainedModel.predict runs)
		for (boolean compiled : new boolean[] { false, true }) {
			float[][] probabilities;
			try (NDManager scope = manager.newSubManager()) {
				NDArray x = scope.create(batch, new Shape(crops.size(), 3, 112, 112));
				NDArray logits;
				LayerGraph graph = null;
				if (compiled) {
					graph = network.compile(scope).orElseThrow(() -> new AssertionError("the face-api network compiles"));
					assertTrue(graph.isCompiled(), "MXNet runs it as one graph");
					logits = graph.forward(x).get(0);
				} else {
					logits = network.forward(new ParameterStore(scope, false), new NDList(x), false).get(0);
				}
				assertEquals(new Shape(crops.size(), ExpressionClass.COUNT), logits.getShape());
				float[] flat = logits.softmax(1).toFloatArray();
				probabilities = new float[crops.size()][];
				for (int i = 0; i < crops.size(); i++) {
					probabilities[i] = java.util.Arrays.copyOfRange(flat, i * ExpressionClass.COUNT, (i + 1) * ExpressionClass.COUNT);
				}
				if (graph != null) {
					graph.close();
				}
			}
			double worst = 0;
			for (int i = 0; i < crops.size(); i++) {
				JsonObject expected = crops.get(i).getAsJsonObject("probabilities");
				for (int j = 0; j < labels.size(); j++) {
					ExpressionClass c = LabelOrder.FACE_API.toCanonical(j).orElseThrow();
					assertEquals(c, ExpressionClass.fromName(labels.get(j)).orElseThrow(), "face-api's label order");
					double want = expected.get(labels.get(j)).getAsDouble();
					double got = probabilities[i][c.ordinal()];
					worst = Math.max(worst, Math.abs(want - got));
					assertEquals(want, got, TOLERANCE, (compiled ? "compiled: " : "") + crops.get(i).get("image").getAsString() + " " + c.label());
				}
			}
			System.out.printf("face-api reference%s: largest probability difference %.3g over %d crops%n", compiled ? " (compiled)" : "", worst,
					crops.size());
		}
	}

	@Test
	void parametersAreExactlyThoseOfTheManifest() throws IOException {
		TfjsWeights weights = TfjsWeights.read(defaultManifest());
		assertEquals(323_687, weights.parameterCount());
		long count = 0;
		for (Pair<String, Parameter> p : network.getParameters()) {
			count += p.getValue().getArray().size();
		}
		assertEquals(weights.parameterCount(), count);
		assertEquals(FaceApiModel.expectedTensors().size(), weights.tensors().size());
	}

	@Test
	void headRowsAreFaceApisColumnsInCanonicalOrder() throws IOException {
		TfjsWeights.Tensor bias = TfjsWeights.read(defaultManifest()).tensor("fc/bias", 7);
		List<Float> rows = bias(network);
		for (ExpressionClass c : ExpressionClass.values()) {
			assertEquals(bias.values()[LabelOrder.FACE_API.indexOf(c)], rows.get(c.ordinal()), 0, c.label());
		}
	}

	/** The engine's path: a trainer initializes the network (weights come in) and gradients reach every parameter. */
	@Test
	void aTrainerLoadsTheWeightsAndGradientsReachEveryParameter() throws ModuleException {
		Engine.getEngine("MXNet").setRandomSeed(7);
		ExpressionNetwork fresh = network(Map.of());
		try (Model model = Model.newInstance("faceapi", Device.cpu(), "MXNet")) {
			model.setBlock(fresh);
			try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optDevices(new Device[] { Device.cpu() }))) {
				trainer.initialize(new Shape(2, 3, 112, 112));
				assertEquals(bias(network).get(0), bias(fresh).get(0), 0);
				NDManager m = trainer.getManager();
				NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 112, 112));
				try (GradientCollector collector = trainer.newGradientCollector()) {
					NDArray logits = trainer.forward(new NDList(x)).get(0);
					collector.backward(trainer.getLoss().evaluate(new NDList(m.create(new float[] { 3, 4 })), new NDList(logits)));
				}
				for (Pair<String, Parameter> p : fresh.getParameters()) {
					float gradient = p.getValue().getArray().getGradient().abs().sum().getFloat();
					assertTrue(gradient > 0 && Float.isFinite(gradient), p.getKey() + ": gradient " + gradient);
				}
			}
		}
	}

	private static List<Float> bias(ExpressionNetwork net) {
		float[] values = net.head().getParameters().stream().filter(p -> p.getKey().endsWith("fc_bias")).findFirst().orElseThrow().getValue()
				.getArray().toFloatArray();
		List<Float> result = new ArrayList<>();
		for (float v : values) {
			result.add(v);
		}
		return result;
	}

	@Test
	void stagesHaveFaceApisShapes() {
		Map<String, Shape> shapes = network.backbone().stageOutputShapes(new Shape(2, 3, 112, 112));
		Map<String, Shape> expected = new LinkedHashMap<>();
		expected.put("stem", new Shape(2, 3, 112, 112));
		expected.put("stage1", new Shape(2, 32, 56, 56));
		expected.put("stage2", new Shape(2, 64, 28, 28));
		expected.put("stage3", new Shape(2, 128, 14, 14));
		expected.put("stage4", new Shape(2, 256, 7, 7));
		expected.put("head-input", new Shape(2, 256, 1, 1));
		assertEquals(expected, shapes);
		assertEquals(List.of(3, 32, 64, 128, 256, 256), expected.keySet().stream().map(network.backbone()::stageChannels).toList());
		assertEquals(new Shape(2, 7), network.getOutputShapes(new Shape[] { new Shape(2, 3, 112, 112) })[0]);
	}

	@Test
	void anotherInputSizeOrGrayImagesAreRefused() throws ModuleException {
		ExpressionNetwork other = network(Map.of());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> other.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 96, 96)));
		assertTrue(e.getMessage().contains("112x112") && e.getMessage().contains("(1, 3, 96, 96)"), e.getMessage());
		ModuleException gray = assertThrows(ModuleException.class, () -> backbone().create(settings(ModuleKind.BACKBONE, Map.of()), 1, Map.of()));
		assertTrue(gray.getMessage().contains("needs RGB images (3 channels), the data has 1"), gray.getMessage());
		ModuleException classes = assertThrows(ModuleException.class, () -> head().create(settings(ModuleKind.HEAD, Map.of()), 5));
		assertTrue(classes.getMessage().contains("asks for 5 classes"), classes.getMessage());
	}

	@Test
	void missingWeightsNameTheManifest() {
		Map<String, String> empty = Map.of("weights", dir.toString());
		ModuleException e = assertThrows(ModuleException.class, () -> backbone().create(settings(ModuleKind.BACKBONE, empty), 3, Map.of()));
		assertTrue(e.getMessage().contains(dir.resolve(FaceApiModel.MANIFEST).toString()), e.getMessage());
		e = assertThrows(ModuleException.class, () -> backbone().validate(settings(ModuleKind.BACKBONE, empty)));
		assertTrue(e.getMessage().contains("no weights manifest " + dir.resolve(FaceApiModel.MANIFEST)), e.getMessage());
		e = assertThrows(ModuleException.class, () -> head().create(settings(ModuleKind.HEAD, empty), 7));
		assertTrue(e.getMessage().contains(FaceApiModel.MANIFEST), e.getMessage());
	}

	@Test
	void aMissingOrTruncatedBinNamesTheFileAndTheTensor() throws IOException {
		Path manifest = Files.copy(defaultManifest(), dir.resolve(FaceApiModel.MANIFEST));
		Map<String, String> here = Map.of("weights", dir.toString());
		ModuleException e = assertThrows(ModuleException.class, () -> backbone().create(settings(ModuleKind.BACKBONE, here), 3, Map.of()));
		assertTrue(e.getMessage().contains(dir.resolve("face_expression_model.bin") + ": no such weights file"), e.getMessage());

		// dense0/conv0 takes 864 + 128 bytes; the next tensor is cut
		byte[] bin = Files.readAllBytes(defaultManifest().resolveSibling("face_expression_model.bin"));
		Files.write(dir.resolve("face_expression_model.bin"), java.util.Arrays.copyOf(bin, 1000));
		e = assertThrows(ModuleException.class, () -> head().create(settings(ModuleKind.HEAD, Map.of("weights", manifest.toString())), 7));
		assertTrue(e.getMessage().contains(dir.resolve("face_expression_model.bin") + " has 1000 bytes"), e.getMessage());
		assertTrue(e.getMessage().contains("tensor 'dense0/conv1/depthwise_filter' at bytes 992..1280"), e.getMessage());
	}

	@Test
	void aShapeMismatchNamesTheTensorAndTheShapeNeeded() throws IOException {
		Files.copy(defaultManifest().resolveSibling("face_expression_model.bin"), dir.resolve("face_expression_model.bin"));
		String json = Files.readString(defaultManifest());
		int at = json.indexOf("dense2/conv1/pointwise_filter");
		String changed = json.substring(0, at) + json.substring(at).replaceFirst("\\[\\s*1,\\s*1,\\s*128,\\s*128\\s*\\]", "[1, 1, 128, 64]");
		Files.writeString(dir.resolve(FaceApiModel.MANIFEST), changed);
		ModuleException e = assertThrows(ModuleException.class,
				() -> backbone().create(settings(ModuleKind.BACKBONE, Map.of("weights", dir.toString())), 3, Map.of()));
		assertTrue(e.getMessage().contains("tensor 'dense2/conv1/pointwise_filter' has shape [1, 1, 128, 64], the network needs [1, 1, 128, 128]"),
				e.getMessage());
	}

	@Test
	void theExampleExperimentIsValid() throws Exception {
		Path file = findUpwards(Path.of("examples", "faceapi-pretrained.facet.json"));
		ExperimentSpec spec = ExperimentFormat.read(file);
		assertEquals("faceapi-expression", spec.backbone().module().id());
		assertEquals("faceapi-logits", spec.head().id());
		assertEquals(1, spec.epochs());
		assertEquals(List.of(), new ExperimentValidator(ModuleRegistry.getDefault()).validate(spec));
	}

	private static ExpressionNetwork network(Map<String, ?> values) throws ModuleException {
		StagedBackbone backbone = backbone().create(settings(ModuleKind.BACKBONE, values), 3, Map.of());
		return new ExpressionNetwork(backbone, (facet.nn.api.ClassifierHead) head().create(settings(ModuleKind.HEAD, values), 7));
	}

	private static StagedBackboneFactory backbone() throws ModuleException {
		return ModuleRegistry.getDefault().get(ModuleKind.BACKBONE, "faceapi-expression").factory(StagedBackboneFactory.class);
	}

	@SuppressWarnings("unchecked")
	private static HeadFactory<Block> head() throws ModuleException {
		return ModuleRegistry.getDefault().get(ModuleKind.HEAD, "faceapi-logits").factory(HeadFactory.class);
	}

	private static ModuleSettings settings(ModuleKind kind, Map<String, ?> values) throws ModuleException {
		String id = kind == ModuleKind.BACKBONE ? "faceapi-expression" : "faceapi-logits";
		return ModuleRegistry.getDefault().get(kind, id).settings(values);
	}

	private static Path defaultManifest() {
		return Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"), FaceApiModel.DEFAULT_FOLDER,
				FaceApiModel.MANIFEST);
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = FaceApiNetworkTest.class.getResourceAsStream(REFERENCE + name);
		if (in == null) {
			throw new IOException("test resource " + REFERENCE + name + " is missing");
		}
		return in;
	}

	private ImageRaster crop(String name) throws IOException {
		Path file = dir.resolve(name);
		try (InputStream in = resource(name)) {
			Files.copy(in, file);
		}
		return ImageFiles.read(file, false);
	}

	/** As the pipeline gives images to networks: planar RGB floats, pixel / 255. */
	private static void toChw(ImageRaster image, float[] batch, int index) {
		int plane = image.width() * image.height();
		int base = index * 3 * plane;
		for (int y = 0; y < image.height(); y++) {
			for (int x = 0; x < image.width(); x++) {
				for (int c = 0; c < 3; c++) {
					batch[base + c * plane + y * image.width() + x] = image.get(x, y, c) / 255f;
				}
			}
		}
	}

	private static Path findUpwards(Path relative) throws IOException {
		for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
			if (Files.isRegularFile(p.resolve(relative))) {
				return p.resolve(relative);
			}
		}
		throw new IOException(relative + " not found above " + Path.of("").toAbsolutePath());
	}

}
