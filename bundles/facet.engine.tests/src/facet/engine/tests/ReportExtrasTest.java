package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.runs.Run;
import facet.engine.compare.RunComparison;
import facet.engine.heatmap.AttentionMap;
import facet.engine.heatmap.FaceAttention;
import facet.engine.heatmap.FaceAttentionStudy;
import facet.engine.heatmap.FaceAttentionSummary;
import facet.engine.heatmap.FaceRegions;
import facet.engine.heatmap.GradCam;
import facet.engine.heatmap.Heatmap;
import facet.engine.heatmap.ModuleMaps;
import facet.engine.report.ComparisonReport;
import facet.engine.report.DetectorComparison;
import facet.engine.report.ReportExtras;
import facet.engine.tests.fixtures.FakeRuns;

/**
 * The report's detector and attention-on-face sections from small hand-made inputs: a
 * {@code detect-compare.csv}, a face table with landmarks, and maps whose mass is known to lie in
 * the mouth (or the eyes).
 */
class ReportExtrasTest {

	@TempDir
	Path dir;

	/**
	 * One 100×100 photo with two faces in boxes 60 px wide; eyes at y 40, mouth corners at y 68.
	 * The first face is happy, the second sad.
	 */
	private Path faceTable() throws IOException {
		Files.createDirectories(dir.resolve("images"));
		ImageFiles.writePng(new ImageRaster(200, 100, 1, new byte[200 * 100]), dir.resolve("images/scene.png"));
		String table = """
				image\tx1\ty1\tx2\ty2\tleft_eye_x\tleft_eye_y\tright_eye_x\tright_eye_y\tnose_x\tnose_y\tmouth_left_x\tmouth_left_y\tmouth_right_x\tmouth_right_y\texpression\toccluder
				images/scene.png\t20\t20\t80\t80\t35\t40\t65\t40\t50\t55\t40\t68\t60\t68\thappiness\tnone
				images/scene.png\t120\t20\t180\t80\t135\t40\t165\t40\t150\t55\t140\t68\t160\t68\tsadness\tnone
				""";
		Path file = dir.resolve("annotations.tsv");
		Files.writeString(file, table);
		return file;
	}

	/** A map over each crop with all its mass in a small disc around crop point (cx, cy); every face predicted happy. */
	private static FaceAttentionStudy.MapSource discAt(double cx, double cy) {
		return crops -> {
			List<GradCam.ClassMap> maps = new ArrayList<>();
			for (ImageRaster crop : crops) {
				float[] v = new float[crop.width() * crop.height()];
				for (int y = 0; y < crop.height(); y++) {
					for (int x = 0; x < crop.width(); x++) {
						double dx = x + 0.5 - cx;
						double dy = y + 0.5 - cy;
						v[y * crop.width() + x] = dx * dx + dy * dy <= 4 ? 1 : 0;
					}
				}
				float[] p = new float[ExpressionClass.COUNT];
				p[ExpressionClass.HAPPINESS.ordinal()] = 0.9f;
				maps.add(new GradCam.ClassMap(new Heatmap(crop.width(), crop.height(), v), ExpressionClass.HAPPINESS.ordinal(), p));
			}
			return maps;
		};
	}

	@Test
	void facesWithLandmarksAreReadAndAMapOnTheMouthScoresOnTheMouth() throws IOException {
		List<FaceAttentionStudy.Face> faces = FaceAttentionStudy.read(faceTable(), 100);
		assertEquals(2, faces.size());
		assertEquals(Optional.of(ExpressionClass.SADNESS), faces.get(1).truth());
		assertEquals(135, faces.get(1).box().landmarks().get(0).x(), 1e-9);
		// the crop is the 60 px square of the box: the mouth centre (50, 68) is at (30, 48) in it
		List<FaceAttentionStudy.Measured> onMouth = FaceAttentionStudy.measure(faces, discAt(30, 48), 1);
		assertEquals(2, onMouth.size());
		assertEquals(60, onMouth.get(0).crop().width());
		assertEquals(1.0, onMouth.get(0).attention().mouth(), 1e-6);
		assertEquals(0.0, onMouth.get(0).attention().eyes(), 1e-6);
		assertEquals(FaceRegions.Region.MOUTH, onMouth.get(0).attention().hit());
		assertEquals(Optional.of(true), onMouth.get(0).correct());
		assertEquals(Optional.of(false), onMouth.get(1).correct());
		FaceAttentionSummary summary = FaceAttentionStudy.summary(onMouth);
		assertEquals(List.of("happiness", "sadness"), List.copyOf(summary.byGroup().keySet()));
		assertEquals(1.0, summary.overall().hitRate(), 1e-12);
		// the left eye (35, 40) is at (15, 20) in the crop: all mass on the eyes, none on the mouth
		List<FaceAttentionStudy.Measured> onEye = FaceAttentionStudy.measure(faces, discAt(15, 20), 2);
		assertEquals(1.0, onEye.get(1).attention().eyes(), 1e-6);
		assertEquals(0.0, onEye.get(1).attention().mouth(), 1e-6);
		// the top-left corner of the crop is on no region: a miss
		assertEquals(0.0, FaceAttentionStudy.summary(FaceAttentionStudy.measure(faces, discAt(2, 2), 2)).overall().hitRate(), 1e-12);
	}

	@Test
	void badFaceTablesAndDetectorTablesAreNamedWithTheLine() throws IOException {
		Path table = faceTable();
		Files.writeString(table, Files.readString(table).replace("\t65\t40\t50", "\tx65\t40\t50"));
		IOException e = assertThrows(IOException.class, () -> FaceAttentionStudy.read(table, 10));
		assertTrue(e.getMessage().contains(table + ":2") && e.getMessage().contains("column 8 is not a number: 'x65'"), e.getMessage());
		Files.writeString(table, "images/scene.png\t20\t20\t80\t80\t35\t40\t65\t40\t50\t55\t40\t68\t60\t68\tsmug\n");
		e = assertThrows(IOException.class, () -> FaceAttentionStudy.read(table, 10));
		assertTrue(e.getMessage().contains(table + ":1") && e.getMessage().contains("'smug'"), e.getMessage());
		Path csv = dir.resolve("detect-compare.csv");
		Files.writeString(csv, "detector,ap\nhaar,0.5\n");
		e = assertThrows(IOException.class, () -> DetectorComparison.read(csv));
		assertTrue(e.getMessage().contains(csv + ":1") && e.getMessage().contains("header"), e.getMessage());
		e = assertThrows(IOException.class, () -> DetectorComparison.read(dir.resolve("nowhere")));
		assertTrue(e.getMessage().contains("facet detect-compare"), e.getMessage());
	}

	@Test
	void theReportHasTheDetectorTableTheFaceNumbersAndGalleriesOfRightAndWrongPredictions() throws IOException {
		Path detections = Files.createDirectories(dir.resolve("detections"));
		Files.writeString(detections.resolve("detect-compare.csv"), """
				detector,ap,recall,precision,recallAt1FpPerImage,msPer640x480,msPerPhoto
				mtcnn,0.912,0.950,0.880,0.930,41.20,120.50
				viola-jones,n/a,n/a,n/a,n/a,3.10,9.00
				""");
		ImageFiles.writePng(new ImageRaster(4, 4, 3, new byte[48]), detections.resolve("pr-curves.png"));
		FakeRuns fake = new FakeRuns(dir.resolve("runs"));
		Run a = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(40, 30), 0);
		RunComparison c = RunComparison.of(List.of(a.folder()), "test");
		List<FaceAttentionStudy.Measured> measured = FaceAttentionStudy.measure(FaceAttentionStudy.read(faceTable(), 100), discAt(30, 48), 4);
		ReportExtras extras = new ReportExtras(Optional.of(DetectorComparison.read(detections)), "annotations.tsv",
				List.of(new ReportExtras.FaceAttention(a.id(), "gradcam-stage3", measured)));
		Path out = dir.resolve("report");
		List<String> files = ComparisonReport.write(c, Optional.empty(), out, null, extras);
		String index = Files.readString(out.resolve("index.html"));

		assertTrue(index.contains("id=\"detectors\""), "detector section");
		assertTrue(index.contains("<td class=\"l\">mtcnn</td><td>0.912</td><td>0.950</td><td>0.880</td><td>0.930</td><td>41.2</td><td>120.5</td>"), index);
		assertTrue(index.contains("<td class=\"l\">viola-jones</td><td>–</td>"), "n/a shown as a dash");
		assertTrue(files.contains("detectors.csv") && files.contains("detectors-pr.png"));
		assertTrue(index.contains("src=\"detectors-pr.png\""));

		assertTrue(index.contains("id=\"face-attention\""), "attention-on-face section");
		// happiness: 1 face, all mass on the mouth, hit, right; sadness: the same map, predicted happy: wrong
		assertTrue(index.contains("<tr><td class=\"l\">happiness</td><td>1</td><td>0.0</td><td>0.0</td><td>100.0</td><td>100.0</td>"), index);
		assertTrue(index.contains("<tr><td class=\"l\">sadness</td><td>1</td><td>0.0</td><td>0.0</td><td>100.0</td><td>100.0</td>"), index);
		assertTrue(index.contains("<td>100.0</td><td>0.0</td></tr>"), "sadness: pointing 100 %, accuracy 0 %");
		String gallery = "gallery/" + a.id() + "/";
		assertTrue(Files.isRegularFile(out.resolve(gallery + "correct-1.png")));
		assertTrue(Files.isRegularFile(out.resolve(gallery + "wrong-1.png")));
		assertTrue(index.contains("src=\"" + gallery + "wrong-1.png\"") && index.contains("true sadness, predicted happiness; face 100 %, peak on mouth"),
				index);
		ImageRaster picture = ImageFiles.read(out.resolve(gallery + "correct-1.png"), false);
		assertEquals(128, picture.width(), "small crops are enlarged for the gallery");
		List<String> csv = Files.readAllLines(out.resolve("face-attention.csv"));
		assertEquals("run,map,class,faces,eyes,brows,mouth,face,uniform,pointingHitRate,accuracy", csv.get(0));
		assertTrue(csv.get(1).startsWith(a.id() + ",gradcam-stage3,happiness,1,0.00000,0.00000,1.00000,1.00000,"), csv.get(1));
		assertTrue(csv.get(3).startsWith(a.id() + ",gradcam-stage3,all,2,"), csv.get(3));
		assertTrue(csv.get(3).endsWith(",1.00000,0.500000"), csv.get(3));
	}

	/** A disc of radius 2 around crop point (cx, cy), as a map over the crop. */
	private static Heatmap disc(ImageRaster crop, double cx, double cy) {
		float[] v = new float[crop.width() * crop.height()];
		for (int y = 0; y < crop.height(); y++) {
			for (int x = 0; x < crop.width(); x++) {
				double dx = x + 0.5 - cx;
				double dy = y + 0.5 - cy;
				v[y * crop.width() + x] = dx * dx + dy * dy <= 4 ? 0.8f : 0.001f;
			}
		}
		return new Heatmap(crop.width(), crop.height(), v);
	}

	/** Per crop: csam after stage2 looking at the left eye, se after stage3 with weights 0.1·c, msa after stage3 on the mouth. */
	private static final FaceAttentionStudy.ModuleSource MODULES = crops -> {
		List<List<AttentionMap>> result = new ArrayList<>();
		for (ImageRaster crop : crops) {
			float[] weights = new float[8];
			for (int c = 0; c < weights.length; c++) {
				weights[c] = 0.1f * c;
			}
			result.add(List.of(new AttentionMap(0, "stage2", "csam", disc(crop, 15, 20), null),
					new AttentionMap(1, "stage3", "se", null, weights), new AttentionMap(2, "stage3", "msa", disc(crop, 30, 48), null)));
		}
		return result;
	};

	@Test
	void eachAttentionModuleGetsItsOwnNumbersAndGalleryInModuleOrder() throws IOException {
		List<FaceAttentionStudy.Face> faces = FaceAttentionStudy.read(faceTable(), 100);
		List<ModuleMaps> modules = FaceAttentionStudy.measureModules(faces, MODULES, 1);
		assertEquals(List.of("attention1-stage2-csam", "attention2-stage3-se", "attention3-stage3-msa"), modules.stream().map(ModuleMaps::name).toList());
		assertTrue(modules.get(0).isSpatial() && !modules.get(1).isSpatial());
		assertEquals(2, modules.get(0).onFace().size());
		assertEquals(List.of(), modules.get(1).onFace(), "channel attention has no spatial numbers");
		// the disc holds 0.8 on the eye, the rest 0.001: most of the mass, not all, and the peak is on the eye
		FaceAttention eye = modules.get(0).onFace().get(1);
		assertTrue(eye.eyes() > 0.3 && eye.eyes() < 1 && eye.mouth() < 0.1, eye.toString());
		assertEquals(FaceRegions.Region.EYES, eye.hit());
		assertEquals(FaceRegions.Region.MOUTH, modules.get(2).onFace().get(0).hit());
		assertEquals(0.7f, modules.get(1).meanChannelWeights()[7], 1e-6);

		FakeRuns fake = new FakeRuns(dir.resolve("runs"));
		Run a = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(40, 30), 0);
		List<FaceAttentionStudy.Measured> measured = FaceAttentionStudy.measure(faces, discAt(30, 48), 4);
		ReportExtras extras = new ReportExtras(Optional.empty(), "annotations.tsv",
				List.of(new ReportExtras.FaceAttention(a.id(), "gradcam-stage3", measured, modules)));
		Path out = dir.resolve("report");
		List<String> files = ComparisonReport.write(RunComparison.of(List.of(a.folder()), "test"), Optional.empty(), out, null, extras);
		String index = Files.readString(out.resolve("index.html"));

		// the summary table: Grad-CAM, then each spatial module of the run
		String row = "<tr><td class=\"l\">" + a.id() + "</td><td class=\"l\">";
		int gradCam = index.indexOf(row + "gradcam-stage3</td>");
		int csam = index.indexOf(row + "attention1-stage2-csam</td>");
		int msa = index.indexOf(row + "attention3-stage3-msa</td>");
		assertTrue(gradCam > 0 && csam > gradCam && msa > csam, index);
		assertFalse(index.contains(row + "attention2-stage3-se</td>"), "no spatial numbers for channel attention");
		// the galleries: Grad-CAM, then each module in forward order, on the same faces
		String gallery = "gallery/" + a.id() + "/";
		int[] at = { index.indexOf("src=\"" + gallery + "correct-1.png\""), index.indexOf("src=\"" + gallery + "attention1-stage2-csam/correct-1.png\""),
				index.indexOf("src=\"" + gallery + "attention2-stage3-se/channels.png\""),
				index.indexOf("src=\"" + gallery + "attention3-stage3-msa/wrong-1.png\"") };
		for (int i = 0; i < at.length; i++) {
			assertTrue(at[i] > (i == 0 ? 0 : at[i - 1]), "gallery " + i + " in module order: " + Arrays.toString(at));
		}
		for (String f : List.of(gallery + "attention1-stage2-csam/correct-1.png", gallery + "attention3-stage3-msa/wrong-1.png",
				gallery + "attention2-stage3-se/channels.png", gallery + "attention2-stage3-se/channels.csv")) {
			assertTrue(files.contains(f) && Files.isRegularFile(out.resolve(f)), f);
		}
		String msaFigure = index.substring(at[3], index.indexOf("</figure>", at[3]));
		assertTrue(msaFigure.contains("true sadness, predicted happiness; face ") && msaFigure.contains("peak on mouth"), msaFigure);
		assertTrue(index.contains("The 8 largest of 8 channel weights") && index.contains("weights from 0.000 to 0.700"), index);
		ImageRaster bars = ImageFiles.read(out.resolve(gallery + "attention2-stage3-se/channels.png"), false);
		assertEquals(640, bars.width());
		List<String> channels = Files.readAllLines(out.resolve(gallery + "attention2-stage3-se/channels.csv"));
		assertEquals(List.of("channel,meanWeight", "0,0.00000"), channels.subList(0, 2));
		List<String> csv = Files.readAllLines(out.resolve("face-attention.csv"));
		assertTrue(csv.stream().anyMatch(l -> l.startsWith(a.id() + ",attention1-stage2-csam,sadness,1,")), csv.toString());
		assertTrue(csv.stream().anyMatch(l -> l.startsWith(a.id() + ",attention3-stage3-msa,all,2,")), csv.toString());
		assertThrows(IllegalArgumentException.class,
				() -> new ReportExtras.FaceAttention(a.id(), "gradcam-stage3", measured.subList(0, 1), modules), "modules of other faces");
	}

	@Test
	void withoutExtrasTheSectionsSayHowToGetThem() throws IOException {
		FakeRuns fake = new FakeRuns(dir.resolve("runs"));
		Run a = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(40, 30), 0);
		Path out = dir.resolve("plain");
		ComparisonReport.write(RunComparison.of(List.of(a.folder()), "test"), Optional.empty(), out, null);
		String index = Files.readString(out.resolve("index.html"));
		assertTrue(index.contains("--detections DIR") && index.contains("--faces TABLE"), "how to add the sections");
	}
}
