package facet.engine.heatmap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.FaceBox;
import facet.core.Point;
import facet.engine.heatmap.FaceAttention;
import facet.engine.heatmap.FaceAttentionSummary;
import facet.engine.heatmap.FaceRegions;
import facet.engine.heatmap.FaceRegions.Region;
import facet.engine.heatmap.Heatmap;
import facet.engine.heatmap.SquareCrop;

/** The attention-on-face metric on hand-made maps over an upright face (eye distance 48) and a turned one. */
class FaceRegionsTest {

	private static final int SIZE = 128;
	/** Left eye, right eye, nose, mouth left, mouth right. */
	private static final List<Point> FACE = List.of(new Point(40, 50), new Point(88, 50), new Point(64, 72), new Point(46, 92),
			new Point(82, 92));

	/** A square blob of ones, 5×5, centred on a point. */
	private static Heatmap blob(double cx, double cy) {
		float[] v = new float[SIZE * SIZE];
		for (int y = (int) cy - 2; y <= (int) cy + 2; y++) {
			for (int x = (int) cx - 2; x <= (int) cx + 2; x++) {
				v[y * SIZE + x] = 1;
			}
		}
		return new Heatmap(SIZE, SIZE, v);
	}

	private static Heatmap add(Heatmap a, Heatmap b) {
		float[] v = a.values().clone();
		for (int i = 0; i < v.length; i++) {
			v[i] += b.values()[i];
		}
		return new Heatmap(SIZE, SIZE, v);
	}

	@Test
	void allMassInTheMouthEllipseIsAllMouth() {
		FaceAttention a = new FaceRegions(FACE).measure(blob(64, 92));
		assertEquals(1.0, a.mouth(), 1e-9);
		assertEquals(0.0, a.eyes(), 1e-9);
		assertEquals(0.0, a.brows(), 1e-9);
		assertEquals(1.0, a.total(), 1e-9);
		assertEquals(Region.MOUTH, a.hit());
	}

	@Test
	void eyesBrowsAndOffFace() {
		FaceRegions regions = new FaceRegions(FACE);
		FaceAttention eye = regions.measure(blob(88, 50));
		assertEquals(1.0, eye.eyes(), 1e-9);
		assertEquals(Region.EYES, eye.hit());
		// brows: 0.35 eye distances above the eye line
		FaceAttention brow = regions.measure(blob(40, 50 - 0.35 * 48));
		assertEquals(1.0, brow.brows(), 1e-9);
		assertEquals(Region.BROWS, brow.hit());
		FaceAttention nose = regions.measure(blob(64, 72));
		assertEquals(0.0, nose.total(), 1e-9, "the nose tip is in none of the regions");
		FaceAttention corner = regions.measure(blob(8, 120));
		assertEquals(0.0, corner.total(), 1e-9);
		assertNull(corner.hit());
		assertFalse(corner.isHit());
	}

	@Test
	void massSplitsAndThePeakDecidesThePointingGame() {
		Heatmap twice = add(blob(64, 92), blob(40, 50));
		float[] v = twice.values().clone();
		v[92 * SIZE + 64] = 2; // the peak in the mouth
		FaceAttention a = new FaceRegions(FACE).measure(new Heatmap(SIZE, SIZE, v));
		assertEquals(26 / 51.0, a.mouth(), 1e-9);
		assertEquals(25 / 51.0, a.eyes(), 1e-9);
		assertEquals(Region.MOUTH, a.hit());
	}

	@Test
	void aUniformMapScoresTheRegionsArea() {
		float[] v = new float[SIZE * SIZE];
		Arrays.fill(v, 0.5f);
		FaceAttention a = new FaceRegions(FACE).measure(new Heatmap(SIZE, SIZE, v));
		assertEquals(a.area(), a.total(), 1e-9);
		assertTrue(a.area() > 0.05 && a.area() < 0.5, "regions cover part of the face square: " + a.area());
		FaceAttention empty = new FaceRegions(FACE).measure(new Heatmap(SIZE, SIZE, new float[SIZE * SIZE]));
		assertEquals(0, empty.total());
		assertFalse(empty.isHit());
	}

	@Test
	void regionsTurnWithTheFace() {
		// the face turned 90° clockwise about the centre: (x, y) -> (SIZE - y, x)
		List<Point> turned = new ArrayList<>();
		for (Point p : FACE) {
			turned.add(new Point(SIZE - p.y(), p.x()));
		}
		FaceRegions regions = new FaceRegions(turned);
		assertEquals(1.0, regions.measure(blob(SIZE - 92, 64)).mouth(), 1e-9);
		assertEquals(1.0, regions.measure(blob(SIZE - (50 - 0.35 * 48), 40)).brows(), 1e-9);
		assertEquals(0.0, regions.measure(blob(64, 92)).mouth(), 1e-9, "the upright mouth position is the turned face's cheek");
	}

	@Test
	void landmarksMapFromThePhotoIntoTheCropsMap() {
		FaceBox box = new FaceBox(100, 200, 180, 300, 0.9, FACE);
		SquareCrop crop = SquareCrop.around(box, 1.0);
		assertEquals(new SquareCrop(90, 200, 100), crop);
		Point p = crop.toMap(new Point(140, 250), SIZE);
		assertEquals(64, p.x(), 1e-9);
		assertEquals(64, p.y(), 1e-9);
	}

	@Test
	void badLandmarksAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> new FaceRegions(FACE.subList(0, 2)));
		assertThrows(IllegalArgumentException.class,
				() -> new FaceRegions(List.of(new Point(1, 1), new Point(1, 1), new Point(2, 3), new Point(1, 5), new Point(3, 5))));
	}

	@Test
	void summaryAveragesPerClassAndOverall() {
		FaceRegions regions = new FaceRegions(FACE);
		FaceAttentionSummary summary = new FaceAttentionSummary();
		summary.add("happiness", regions.measure(blob(64, 92)));
		summary.add("happiness", regions.measure(blob(8, 120)));
		summary.add("anger", regions.measure(blob(40, 50)));
		assertEquals(3, summary.count());
		FaceAttentionSummary.Row happy = summary.byGroup().get("happiness");
		assertEquals(2, happy.count());
		assertEquals(0.5, happy.mouth(), 1e-9);
		assertEquals(0.5, happy.hitRate(), 1e-9);
		assertEquals(2 / 3.0, summary.overall().hitRate(), 1e-9);
		assertEquals(1 / 3.0, summary.overall().eyes(), 1e-9);
		String table = summary.table("class");
		assertTrue(table.contains("happiness") && table.contains("all"), table);
	}
}
