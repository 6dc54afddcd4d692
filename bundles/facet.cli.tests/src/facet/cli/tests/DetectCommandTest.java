package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;
import facet.core.ImageFiles;
import facet.core.ImageRaster;

/** {@code facet detect} in process: real detectors on demo photos, and a batch with bad files. */
class DetectCommandTest extends CommandLineFixture {

	private static final Path DEMO = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"))
			.resolve("face-api/demo");

	@TempDir
	Path dir;

	@Test
	void mtcnnIsTheDefaultAndGivesBoxesScoresAndLandmarksAsJson() throws IOException {
		Path outDir = dir.resolve("annotated");
		assertEquals(ExitCodes.OK, run("detect", "--json", "--out", outDir.toString(), DEMO.resolve("sample3.jpg").toString()), err);
		JsonArray results = JsonParser.parseString(out).getAsJsonArray();
		assertEquals(1, results.size());
		JsonObject result = results.get(0).getAsJsonObject();
		assertEquals(DEMO.resolve("sample3.jpg").toString(), result.get("image").getAsString());
		assertEquals(1920, result.get("width").getAsInt());
		assertTrue(result.get("ms").getAsDouble() > 0);
		JsonArray faces = result.getAsJsonArray("faces");
		assertEquals(3, faces.size(), out);
		for (var f : faces) {
			JsonObject face = f.getAsJsonObject();
			JsonArray box = face.getAsJsonArray("box");
			assertEquals(4, box.size());
			assertTrue(box.get(0).getAsDouble() < box.get(2).getAsDouble() && box.get(1).getAsDouble() < box.get(3).getAsDouble(), face.toString());
			assertTrue(face.get("score").getAsDouble() > 0.7);
			assertEquals(5, face.getAsJsonArray("landmarks").size());
			assertEquals(2, face.getAsJsonArray("landmarks").get(0).getAsJsonArray().size());
		}
		ImageRaster annotated = ImageFiles.read(outDir.resolve("sample3.faces.png"), false);
		assertEquals(1920, annotated.width());
	}

	@Test
	void haarByIdWithParametersInText() {
		assertEquals(ExitCodes.OK, run("detect", "--detector", "haar", "--param", "maxWidth=640", "--param", "minNeighbors=4",
				DEMO.resolve("sample3.jpg").toString()), err);
		assertTrue(out.startsWith(DEMO.resolve("sample3.jpg") + ": "), out);
		assertTrue(out.contains("score"), out);
		assertTrue(!out.contains("landmarks"), "haar has no landmarks: " + out);
	}

	@Test
	void badFilesAreNamedAndTheBatchGoesOn() throws IOException {
		Path folder = Files.createDirectories(dir.resolve("mixed"));
		Files.copy(DEMO.resolve("sample1.jpg"), folder.resolve("a-good.jpg"));
		Files.writeString(folder.resolve("b-text.jpg"), "this is not an image");
		byte[] jpeg = Files.readAllBytes(DEMO.resolve("sample2.jpg"));
		Files.write(folder.resolve("c-truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 4));
		Files.write(folder.resolve("d-empty.png"), zeroSizePng());
		Files.writeString(folder.resolve("notes.txt"), "ignored: not an image name");
		Path empty = Files.createDirectories(dir.resolve("nothing-here"));
		Path outDir = dir.resolve("out");

		int status = run("detect", "--detector", "test-detector", "--json", "--out", outDir.toString(), folder.toString(), empty.toString(),
				DEMO.resolve("sample4.jpg").toString());

		assertEquals(ExitCodes.FAILURE, status, err);
		for (String bad : List.of("b-text.jpg", "c-truncated.jpg", "d-empty.png")) {
			assertTrue(err.contains(folder.resolve(bad).toString()), bad + " not named: " + err);
		}
		assertTrue(err.contains(empty + ": folder holds no image"), err);
		assertTrue(err.contains("4 of 6 input(s) failed"), err);
		JsonArray results = JsonParser.parseString(out).getAsJsonArray();
		assertEquals(2, results.size(), "the good images were still processed: " + out);
		assertEquals(folder.resolve("a-good.jpg").toString(), results.get(0).getAsJsonObject().get("image").getAsString());
		assertTrue(Files.isRegularFile(outDir.resolve("a-good.faces.png")));
		assertTrue(Files.isRegularFile(outDir.resolve("sample4.faces.png")));
	}

	@Test
	void missingWeightsFailNamingTheFile() {
		assertEquals(ExitCodes.FAILURE, run("detect", "--param", "weights=" + dir, DEMO.resolve("sample1.jpg").toString()));
		assertTrue(err.contains(dir.resolve("pnet.tflite").toString()), err);
	}

	@Test
	void unknownDetectorOrParameterIsBadUsage() {
		assertEquals(ExitCodes.BAD_INPUT, run("detect", "--detector", "nope", DEMO.resolve("sample1.jpg").toString()));
		assertTrue(err.contains("unknown detector 'nope'") && err.contains("mtcnn"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("detect", "--param", "minFaceSize=tiny", DEMO.resolve("sample1.jpg").toString()));
		assertTrue(err.contains("minFaceSize"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("detect", "--param", "colour=red", DEMO.resolve("sample1.jpg").toString()));
		assertTrue(err.contains("has no parameter 'colour'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("detect"));
	}

	/** A PNG whose header says 0×0 pixels. */
	private static byte[] zeroSizePng() {
		ByteBuffer ihdr = ByteBuffer.allocate(17);
		ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(0).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
				.put((byte) 0);
		CRC32 crc = new CRC32();
		crc.update(ihdr.array());
		ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
		png.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
		return png.array();
	}
}
