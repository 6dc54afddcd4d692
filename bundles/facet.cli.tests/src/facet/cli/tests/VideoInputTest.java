package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.videoio.VideoWriter;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.cli.tests.harness.CommandLineFixture;
import facet.cli.ExitCodes;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import nu.pattern.OpenCV;

/**
 * Videos and image sequences through {@code facet detect} and {@code facet analyze}: a Motion-JPEG
 * video and a numbered PNG sequence that the test writes from a demo photo, one row per frame with
 * its index, and bad videos named.
 */
class VideoInputTest extends CommandLineFixture {

	private static final Path DEMO = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"))
			.resolve("face-api/demo");

	/** sample3 (three faces) at 640 px wide. */
	private static ImageRaster frame;

	@TempDir
	Path dir;

	@BeforeAll
	static void loadFrame() throws IOException {
		ImageRaster photo = ImageFiles.read(DEMO.resolve("sample3.jpg"), false);
		frame = ImageFiles.resize(photo, 640, photo.height() * 640 / photo.width());
	}

	/** Writes {@code count} copies of the frame into a Motion-JPEG .avi, the one codec Facet's OpenCV decodes. */
	private static Path writeVideo(Path file, int count) {
		OpenCV.loadLocally();
		VideoWriter writer = new VideoWriter(file.toString(), VideoWriter.fourcc('M', 'J', 'P', 'G'), 10, new Size(frame.width(), frame.height()),
				true);
		assertTrue(writer.isOpened(), "OpenCV cannot write " + file);
		Mat mat = new Mat(frame.height(), frame.width(), CvType.CV_8UC3);
		byte[] bgr = new byte[frame.pixels().length];
		for (int i = 0; i < bgr.length; i += 3) {
			bgr[i] = frame.pixels()[i + 2];
			bgr[i + 1] = frame.pixels()[i + 1];
			bgr[i + 2] = frame.pixels()[i];
		}
		mat.put(0, 0, bgr);
		for (int i = 0; i < count; i++) {
			writer.write(mat);
		}
		writer.release();
		mat.release();
		return file;
	}

	@Test
	void detectGivesOneResultPerVideoFrameWithItsIndex() throws IOException {
		Path video = writeVideo(dir.resolve("clip.avi"), 3);
		Path outDir = dir.resolve("out");

		assertEquals(ExitCodes.OK, run("detect", "--json", "--out", outDir.toString(), video.toString()), err);

		JsonArray results = JsonParser.parseString(out).getAsJsonArray();
		assertEquals(3, results.size(), out);
		for (int i = 0; i < 3; i++) {
			JsonObject result = results.get(i).getAsJsonObject();
			assertEquals(video.toString(), result.get("image").getAsString());
			assertEquals(i, result.get("frame").getAsInt());
			assertEquals(640, result.get("width").getAsInt());
			// the frames survive JPEG coding well enough for MTCNN to find sample3's three faces
			assertEquals(3, result.getAsJsonArray("faces").size(), result.toString());
			assertTrue(Files.isRegularFile(outDir.resolve(String.format("clip.frame%06d.faces.png", i))));
		}
	}

	@Test
	void analyzeReadsASequenceNamesItsBadFrameAndGoesOn() throws IOException {
		Path frames = Files.createDirectories(dir.resolve("frames"));
		ImageFiles.writePng(frame, frames.resolve("f0001.png"));
		Files.writeString(frames.resolve("f0002.png"), "not a picture");
		ImageFiles.writePng(frame, frames.resolve("f0003.png"));
		Path outDir = dir.resolve("analyzed");

		int status = run("analyze", "--detector", "test-detector", "--out", outDir.toString(), frames.resolve("f%04d.png").toString());

		assertEquals(ExitCodes.FAILURE, status, err);
		assertTrue(err.contains(frames.resolve("f0002.png").toString()), err);
		assertTrue(err.contains("1 of 3 input(s) failed"), err);
		List<String> rows = Files.readAllLines(outDir.resolve("faces.csv"));
		assertTrue(rows.get(0).startsWith("image,frame,face,x1,"), rows.get(0));
		assertEquals(3, rows.size(), rows.toString());
		assertTrue(rows.get(1).startsWith(frames.resolve("f0001.png") + ",1,0,"), rows.get(1));
		assertTrue(rows.get(2).startsWith(frames.resolve("f0003.png") + ",3,0,"), rows.get(2));
		JsonArray json = JsonParser.parseString(Files.readString(outDir.resolve("faces.json"))).getAsJsonArray();
		assertEquals(3, json.get(1).getAsJsonObject().get("frame").getAsInt());
		assertTrue(json.get(1).getAsJsonObject().getAsJsonArray("faces").get(0).getAsJsonObject().has("expression"));
		assertTrue(Files.isRegularFile(outDir.resolve("f0003.analyzed.png")));
	}

	@Test
	void analyzeOfAVideoWritesTheFrameColumn() throws IOException {
		Path video = writeVideo(dir.resolve("two.avi"), 2);
		Path still = dir.resolve("still.png");
		ImageFiles.writePng(frame, still);
		Path outDir = dir.resolve("analyzed");

		assertEquals(ExitCodes.OK, run("analyze", "--detector", "test-detector", "--out", outDir.toString(), video.toString(), still.toString()),
				err);

		List<String> rows = Files.readAllLines(outDir.resolve("faces.csv"));
		assertEquals(4, rows.size(), rows.toString());
		assertTrue(rows.get(1).startsWith(video + ",0,0,"), rows.get(1));
		assertTrue(rows.get(2).startsWith(video + ",1,0,"), rows.get(2));
		assertTrue(rows.get(3).startsWith(still + ",,0,"), "a still image has no frame index: " + rows.get(3));
		assertTrue(Files.isRegularFile(outDir.resolve("two.frame000001.analyzed.png")));
	}

	@Test
	void videosOpenCvCannotDecodeAreNamedAndTheBatchGoesOn() throws IOException {
		Path fake = Files.writeString(dir.resolve("fake.mp4"), "not a video");
		Path good = writeVideo(dir.resolve("good.avi"), 4);
		byte[] bytes = Files.readAllBytes(good);
		Path truncated = Files.write(dir.resolve("truncated.avi"), Arrays.copyOf(bytes, bytes.length / 2));
		Path missing = dir.resolve("missing.avi");

		int status = run("detect", "--detector", "test-detector", "--json", fake.toString(), truncated.toString(), missing.toString(),
				good.toString());

		assertEquals(ExitCodes.FAILURE, status, err);
		assertTrue(err.contains(fake + ": OpenCV cannot decode this video") && err.contains("Motion-JPEG"), err);
		assertTrue(err.contains(truncated.toString()), err);
		assertTrue(err.contains(missing + ": no such video file"), err);
		JsonArray results = JsonParser.parseString(out).getAsJsonArray();
		long fromGood = results.asList().stream().filter(r -> r.getAsJsonObject().get("image").getAsString().equals(good.toString())).count();
		assertEquals(4, fromGood, "the good video was still read: " + out);
	}

	@Test
	void predictRefusesVideosNamingThem() throws IOException {
		Path video = writeVideo(dir.resolve("clip.avi"), 1);
		assertEquals(ExitCodes.FAILURE, run("predict", "--model", "pretrained", video.toString()));
		assertTrue(err.contains(video + ": predict reads still images only"), err);
	}

	@Test
	void aPatternThatMatchesNothingIsNamed() {
		Path pattern = dir.resolve("none/f%03d.png");
		assertEquals(ExitCodes.FAILURE, run("detect", "--detector", "test-detector", pattern.toString()));
		assertTrue(err.contains(pattern + ": no file matches this frame pattern"), err);
		assertFalse(out.contains("face(s)"), out);
	}
}
