package facet.detect.mtcnn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.core.spi.TrainableDetector;

/**
 * Fine-tuning MTCNN through the registry as {@code facet detector train mtcnn} does: on the
 * labelled faces of three demo photos, checked on a fourth.
 */
class MtcnnFineTuningTest {

	@TempDir
	static Path dir;

	private static Path model;
	private static String summary;
	private static JsonObject info;

	private static final Path DEMO = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"))
			.resolve("face-api/demo");

	private static ModuleDescriptor module() throws ModuleException {
		return ModuleRegistry.getDefault().get(ModuleKind.DETECTOR, "mtcnn");
	}

	@BeforeAll
	static void fineTune() throws Exception {
		// the labels of demo-faces.tsv (bundles/facet.cli.tests/resources) for samples 1 to 3
		Path annotations = dir.resolve("annotations.tsv");
		Files.writeString(annotations, """
				image	x1	y1	x2	y2
				sample1.jpg	404	353	597	598
				sample1.jpg	829	422	1037	659
				sample1.jpg	1477	211	1683	443
				sample3.jpg	436	277	634	536
				sample3.jpg	889	302	1082	548
				sample3.jpg	1313	248	1510	494
				""");
		model = dir.resolve("tuned");
		TrainableDetector trainer = (TrainableDetector) module().factory(DetectorFactory.class);
		summary = trainer.train(module().settings(Map.of("epochs", 3, "negatives", 120, "learningRate", 0.001, "batchSize", 32)), annotations,
				DEMO, model, Progress.NONE);
		info = JsonParser.parseString(Files.readString(model.resolve("mtcnn.json"))).getAsJsonObject();
	}

	@Test
	void theModelFolderHoldsTheThreeNetworksAndWhatWasTrained() {
		for (String net : List.of("pnet", "rnet", "onet")) {
			assertTrue(Files.isRegularFile(model.resolve(net + ".params")), net);
			assertTrue(summary.contains(net + ": loss"), summary);
		}
		assertEquals("mtcnn", info.get("detector").getAsString());
		assertEquals(6, info.get("faces").getAsInt());
		assertEquals(2, info.get("images").getAsInt());
	}

	@Test
	void theLossFallsForEveryNetwork() {
		JsonObject losses = info.getAsJsonObject("losses");
		for (String net : List.of("pnet", "rnet", "onet")) {
			JsonArray l = losses.getAsJsonArray(net);
			assertEquals(3, l.size(), net);
			assertTrue(l.get(2).getAsDouble() < l.get(0).getAsDouble(), net + " loss per epoch: " + l);
		}
	}

	@Test
	void theFineTunedDetectorDiffersFromThePretrainedOneAndStillFindsFacesItWasNotTrainedOn() throws Exception {
		ImageRaster unseen = ImageFiles.read(DEMO.resolve("sample4.jpg"), false);
		try (FaceDetector tuned = module().factory(DetectorFactory.class).create(module().settings(Map.of("model", model.toString())));
				FaceDetector pretrained = module().factory(DetectorFactory.class).create(module().defaults())) {
			List<FaceBox> after = tuned.detect(unseen);
			List<FaceBox> before = pretrained.detect(unseen);
			assertTrue(after.size() >= 2, "sample4 shows four faces; the fine-tuned detector found " + after);
			assertFalse(before.equals(after), "fine-tuning changed nothing: " + after);
			double[] scoresBefore = before.stream().mapToDouble(FaceBox::score).toArray();
			double[] scoresAfter = after.stream().mapToDouble(FaceBox::score).toArray();
			assertFalse(java.util.Arrays.equals(scoresBefore, scoresAfter));
		}
	}

	@Test
	void aFolderThatIsNotAFineTunedMtcnnIsNamed() throws Exception {
		Path empty = Files.createDirectories(dir.resolve("empty"));
		ModuleException e = assertThrows(ModuleException.class,
				() -> module().factory(DetectorFactory.class).create(module().settings(Map.of("model", empty.toString()))));
		assertTrue(e.getMessage().contains(empty.resolve("mtcnn.json").toString()), e.getMessage());

		Path other = Files.createDirectories(dir.resolve("other"));
		Files.writeString(other.resolve("mtcnn.json"), "{\"detector\": \"cascade-cnn\"}");
		e = assertThrows(ModuleException.class, () -> module().factory(DetectorFactory.class).create(module().settings(Map.of("model", other.toString()))));
		assertTrue(e.getMessage().contains("not an MTCNN model"), e.getMessage());

		Path truncated = Files.createDirectories(dir.resolve("truncated"));
		for (String f : List.of("mtcnn.json", "pnet.params", "rnet.params")) {
			Files.copy(model.resolve(f), truncated.resolve(f));
		}
		byte[] onet = Files.readAllBytes(model.resolve("onet.params"));
		Files.write(truncated.resolve("onet.params"), java.util.Arrays.copyOf(onet, onet.length / 3));
		e = assertThrows(ModuleException.class,
				() -> module().factory(DetectorFactory.class).create(module().settings(Map.of("model", truncated.toString()))));
		assertTrue(e.getMessage().contains(truncated.resolve("onet.params").toString()), e.getMessage());
	}

	@Test
	void tooFewFacesAreRefusedNamingTheCount() throws Exception {
		Path annotations = dir.resolve("one-face.tsv");
		Files.writeString(annotations, "image\tx1\ty1\tx2\ty2\nsample1.jpg\t404\t353\t597\t598\n");
		TrainableDetector trainer = (TrainableDetector) module().factory(DetectorFactory.class);
		java.io.IOException e = assertThrows(java.io.IOException.class,
				() -> trainer.train(module().settings(Map.of("epochs", 1)), annotations, DEMO, dir.resolve("none"), Progress.NONE));
		assertTrue(e.getMessage().contains("only 1 face"), e.getMessage());
		assertArrayEquals(new String[0], dir.resolve("none").toFile().exists() ? dir.resolve("none").toFile().list() : new String[0],
				"nothing written for a refused training");
	}
}
