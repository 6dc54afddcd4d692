package facet.data.transforms.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.spi.ImageOperation.Result;
import facet.data.transforms.Cutout;
import facet.data.transforms.FaceCrop;
import facet.data.transforms.HorizontalFlip;
import facet.data.transforms.LandmarkAlignment;
import facet.data.transforms.RandomCrop;
import facet.data.transforms.RandomErasing;
import facet.data.transforms.RandomRotation;
import facet.data.transforms.RandomScale;
import facet.data.transforms.Region;
import facet.data.transforms.Resize;

/** Each operation moves pixels and the face together, by the amount it says. */
class GeometryTest {

	@Test
	void hflipMirrorsPixelsAndBoxAndSwapsLeftAndRightLandmarks() {
		ImageRaster image = Images.pattern(5, 3, 3);
		FaceBox face = Images.face(1, 0, 4, 3);
		Result r = new HorizontalFlip(1).apply(image, Optional.of(face), new SplittableRandom(1));
		for (int y = 0; y < 3; y++) {
			for (int x = 0; x < 5; x++) {
				for (int k = 0; k < 3; k++) {
					assertEquals(image.get(4 - x, y, k), r.image().get(x, y, k), "pixel " + x + "," + y);
				}
			}
		}
		FaceBox f = r.face().orElseThrow();
		assertEquals(1, f.x1(), 1e-12);
		assertEquals(4, f.x2(), 1e-12);
		List<Point> before = face.landmarks();
		List<Point> after = f.landmarks();
		// the old right eye, mirrored, is the new left eye; the nose stays the nose
		assertEquals(new Point(5 - before.get(1).x(), before.get(1).y()), after.get(0));
		assertEquals(new Point(5 - before.get(0).x(), before.get(0).y()), after.get(1));
		assertEquals(new Point(5 - before.get(2).x(), before.get(2).y()), after.get(2));
		assertEquals(new Point(5 - before.get(4).x(), before.get(4).y()), after.get(3));
		assertEquals(new Point(5 - before.get(3).x(), before.get(3).y()), after.get(4));
		// the left eye is still left of the right eye
		assertTrue(after.get(0).x() < after.get(1).x());
		assertTrue(after.get(3).x() < after.get(4).x());
		Result twice = new HorizontalFlip(1).apply(r.image(), r.face(), new SplittableRandom(1));
		assertArrayEquals(image.pixels(), twice.image().pixels());
		assertEquals(face, twice.face().orElseThrow());
	}

	@Test
	void hflipWithProbabilityZeroNeverFlips() {
		ImageRaster image = Images.pattern(6, 4, 1);
		for (int seed = 0; seed < 20; seed++) {
			assertSame(image, new HorizontalFlip(0).apply(image, Optional.empty(), new SplittableRandom(seed)).image());
		}
	}

	@Test
	void rotateByZeroIsTheIdentityAndByNinetyMovesPixelsAndLandmarks() {
		ImageRaster image = Images.pattern(8, 8, 3);
		FaceBox face = Images.face(2, 1, 6, 7);
		Result same = RandomRotation.rotate(image, Optional.of(face), 0);
		assertArrayEquals(image.pixels(), same.image().pixels());
		assertEquals(face, same.face().orElseThrow());
		Result none = new RandomRotation(0).apply(image, Optional.of(face), new SplittableRandom(5));
		assertArrayEquals(image.pixels(), none.image().pixels());

		// 90° clockwise on screen about the centre of a square: (x, y) -> (W - y, x) in continuous coordinates
		Result turned = RandomRotation.rotate(image, Optional.of(face), 90);
		for (int y = 0; y < 8; y++) {
			for (int x = 0; x < 8; x++) {
				assertEquals(image.get(x, y, 1), turned.image().get(7 - y, x, 1), "pixel " + x + "," + y);
			}
		}
		Point eye = face.landmarks().get(0);
		Point moved = turned.face().orElseThrow().landmarks().get(0);
		assertEquals(8 - eye.y(), moved.x(), 1e-9);
		assertEquals(eye.x(), moved.y(), 1e-9);
	}

	@Test
	void resizeScalesTheFaceAndAveragesAreasWhenShrinking() {
		// 2x2 blocks of one value each shrink to exactly those values with area interpolation
		byte[] p = new byte[4 * 4];
		for (int y = 0; y < 4; y++) {
			for (int x = 0; x < 4; x++) {
				p[y * 4 + x] = (byte) ((x / 2) * 100 + (y / 2) * 50 + ((x + y) % 2 == 0 ? 10 : -10) + 20);
			}
		}
		ImageRaster image = new ImageRaster(4, 4, 1, p);
		Result r = new Resize(2, 2, Resize.Interpolation.AREA).apply(image, Optional.of(Images.face(0, 0, 4, 2)), null);
		assertArrayEquals(new byte[] { 20, 120, 70, (byte) 170 }, r.image().pixels());
		FaceBox f = r.face().orElseThrow();
		assertEquals(new FaceBox(0, 0, 2, 1, 0.9, f.landmarks()), f);
		assertEquals(0.3 * 2, f.landmarks().get(0).x(), 1e-12);
		// enlarging a constant image keeps it constant with every interpolation
		for (Resize.Interpolation mode : Resize.Interpolation.values()) {
			ImageRaster big = Resize.resize(Images.constant(3, 5, 3, 77), 11, 7, mode);
			assertEquals(11 * 7 * 3, Images.count(big, 77), mode.toString());
		}
	}

	@Test
	void cutoutBlanksExactlyTheRegionsItDraws() {
		ImageRaster white = Images.constant(40, 30, 1, 255);
		Cutout cutout = new Cutout(1, 0.25, 1);
		assertEquals(8, cutout.side(40, 30));
		int full = 0;
		for (int seed = 0; seed < 50; seed++) {
			List<Region> regions = cutout.regions(40, 30, new SplittableRandom(seed));
			Result r = cutout.apply(white, Optional.empty(), new SplittableRandom(seed));
			assertEquals(1, regions.size());
			assertEquals(regions.get(0).area(), Images.count(r.image(), 0), "seed " + seed);
			assertTrue(regions.get(0).area() <= 64 && regions.get(0).area() > 0);
			full += regions.get(0).area() == 64 ? 1 : 0;
		}
		assertTrue(full > 10, "most holes lie wholly inside the image: " + full);
		// holes that do not overlap add up; probability 0 never cuts
		Cutout three = new Cutout(3, 0.1, 1);
		ImageRaster big = Images.constant(200, 200, 3, 255);
		Result r = three.apply(big, Optional.empty(), new SplittableRandom(7));
		List<Region> regions = three.regions(200, 200, new SplittableRandom(7));
		assertEquals(3, regions.size());
		int union = 0;
		for (int y = 0; y < 200; y++) {
			for (int x = 0; x < 200; x++) {
				int px = x;
				int py = y;
				if (regions.stream().anyMatch(g -> px >= g.x0() && px < g.x1() && py >= g.y0() && py < g.y1())) {
					union++;
					assertEquals(0, r.image().get(x, y, 2));
				} else {
					assertEquals(255, r.image().get(x, y, 2));
				}
			}
		}
		assertEquals(union * 3, Images.count(r.image(), 0));
		assertSame(big, new Cutout(3, 0.1, 0).apply(big, Optional.empty(), new SplittableRandom(7)).image());
	}

	@Test
	void randomErasingFillsOneRectangleWithinTheAreaRange() {
		ImageRaster white = Images.constant(50, 40, 1, 255);
		RandomErasing erasing = new RandomErasing(1, 0.1, 0.2, 0.5, RandomErasing.Fill.ZERO);
		for (int seed = 0; seed < 20; seed++) {
			Region region = erasing.region(50, 40, new SplittableRandom(seed)).orElseThrow();
			double share = region.area() / 2000.0;
			assertTrue(share > 0.08 && share < 0.23, "share " + share);
			Result r = erasing.apply(white, Optional.empty(), new SplittableRandom(seed));
			assertEquals(region.area(), Images.count(r.image(), 0));
		}
	}

	@Test
	void randomCropShiftsPixelsAndFaceByTheSameAmount() {
		ImageRaster image = Images.pattern(20, 20, 1);
		FaceBox face = Images.face(5, 5, 15, 15);
		for (int seed = 0; seed < 10; seed++) {
			Result r = new RandomCrop(3).apply(image, Optional.of(face), new SplittableRandom(seed));
			double dx = r.face().orElseThrow().x1() - face.x1();
			double dy = r.face().orElseThrow().y1() - face.y1();
			assertTrue(Math.abs(dx) <= 3 && Math.abs(dy) <= 3);
			assertEquals(dx, r.face().orElseThrow().landmarks().get(2).x() - face.landmarks().get(2).x(), 1e-12);
			// the pixel under the box's top-left corner moved with it
			assertEquals(image.get(5, 5, 0), r.image().get((int) (5 + dx), (int) (5 + dy), 0));
		}
	}

	@Test
	void faceCropCutsTheBoxWithMarginAndMovesTheFace() {
		ImageRaster image = Images.pattern(30, 30, 3);
		FaceBox face = Images.face(10, 8, 20, 20);
		Result r = new FaceCrop(0.5, true).apply(image, Optional.of(face), null);
		// 10 x 12 box, margin 0.5 -> 20 x 24, square 24 centred on (15, 14) -> origin (3, 2)
		assertEquals(24, r.image().width());
		assertEquals(24, r.image().height());
		assertEquals(image.get(3, 2, 0), r.image().get(0, 0, 0));
		assertEquals(face.x1() - 3, r.face().orElseThrow().x1(), 1e-12);
		assertEquals(face.landmarks().get(4).y() - 2, r.face().orElseThrow().landmarks().get(4).y(), 1e-12);
		// outside the image is black
		Result edge = new FaceCrop(1, true).apply(image, Optional.of(Images.face(0, 0, 10, 10)), null);
		assertEquals(0, edge.image().get(0, 0, 0));
		ImageRaster crop = Images.pattern(9, 9, 1);
		assertSame(crop, new FaceCrop(0.2, true).apply(crop, Optional.empty(), null).image());
	}

	@Test
	void alignMapsLandmarksOntoTheTemplateWithinOnePixel() {
		LandmarkAlignment align = new LandmarkAlignment(64, 1.0);
		List<Point> template = align.template();
		// a face 3.1 times larger than the template, turned 25° and moved, with jittered landmarks
		AffineTransform pose = new AffineTransform();
		pose.translate(140, 90);
		pose.rotate(Math.toRadians(25));
		pose.scale(3.1, 3.1);
		pose.translate(-32, -32);
		double[] jitter = { 0.4, -0.3, -0.2, 0.5, 0.1, 0.1, -0.5, 0.2, 0.3, -0.4 };
		List<Point> landmarks = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			double[] q = { template.get(i).x(), template.get(i).y() };
			pose.transform(q, 0, q, 0, 1);
			landmarks.add(new Point(q[0] + jitter[2 * i], q[1] + jitter[2 * i + 1]));
		}
		// mark the nose in the source image with a bright disc
		int w = 300;
		int h = 260;
		byte[] p = new byte[w * h];
		Point nose = landmarks.get(2);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				if (Math.hypot(x + 0.5 - nose.x(), y + 0.5 - nose.y()) < 6) {
					p[y * w + x] = (byte) 255;
				}
			}
		}
		FaceBox face = new FaceBox(60, 20, 220, 200, 1, landmarks);
		Result r = align.apply(new ImageRaster(w, h, 1, p), Optional.of(face), null);
		assertEquals(64, r.image().width());
		assertEquals(64, r.image().height());
		List<Point> aligned = r.face().orElseThrow().landmarks();
		for (int i = 0; i < 5; i++) {
			double distance = Math.hypot(aligned.get(i).x() - template.get(i).x(), aligned.get(i).y() - template.get(i).y());
			assertTrue(distance < 1, "landmark " + i + " lands " + distance + " px from the template");
		}
		// the bright disc's centroid in the output is where the nose landed
		double sx = 0, sy = 0, sum = 0;
		for (int y = 0; y < 64; y++) {
			for (int x = 0; x < 64; x++) {
				int v = r.image().get(x, y, 0);
				sx += v * (x + 0.5);
				sy += v * (y + 0.5);
				sum += v;
			}
		}
		assertTrue(sum > 0);
		assertEquals(aligned.get(2).x(), sx / sum, 0.5);
		assertEquals(aligned.get(2).y(), sy / sum, 0.5);
	}

	@Test
	void alignWithoutLandmarksCropsTheBoxAndWithoutAFaceResizes() {
		ImageRaster image = Images.pattern(100, 80, 3);
		LandmarkAlignment align = new LandmarkAlignment(32, 1.0);
		Result boxOnly = align.apply(image, Optional.of(FaceBox.of(20, 10, 60, 70, 1)), null);
		assertEquals(32, boxOnly.image().width());
		FaceBox f = boxOnly.face().orElseThrow();
		// the 40 x 60 box becomes a 60 x 60 square scaled to 32: the box spans 32 rows and 21.3 columns, centred
		assertEquals(0, f.y1(), 1e-9);
		assertEquals(32, f.y2(), 1e-9);
		assertEquals(16, (f.x1() + f.x2()) / 2, 1e-9);
		assertEquals(40 * 32 / 60.0, f.width(), 1e-9);
		Result none = align.apply(image, Optional.empty(), null);
		assertEquals(32, none.image().width());
		assertEquals(32, none.image().height());
		assertThrows(IllegalArgumentException.class, () -> new LandmarkAlignment(0, 1));
	}

	@Test
	void scaleAboutTheCentreKeepsTheCentreAndScalesDistances() {
		ImageRaster image = Images.pattern(20, 20, 1);
		FaceBox face = Images.face(6, 6, 14, 14);
		Result r = new RandomScale(2, 2).apply(image, Optional.of(face), new SplittableRandom(1));
		FaceBox f = r.face().orElseThrow();
		assertEquals(2, f.x1(), 1e-9);
		assertEquals(18, f.x2(), 1e-9);
		assertEquals(20, r.image().width());
	}
}
