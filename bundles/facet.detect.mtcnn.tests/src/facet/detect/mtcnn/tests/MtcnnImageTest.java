package facet.detect.mtcnn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import facet.core.ImageRaster;
import facet.detect.mtcnn.internal.MtcnnImage;
import facet.detect.mtcnn.internal.MtcnnImage.Level;
import facet.detect.mtcnn.internal.MtcnnImage.LevelMaps;
import facet.detect.mtcnn.internal.MtcnnImage.PyramidAtlas;
import facet.detect.mtcnn.internal.MtcnnMath;
import facet.detect.mtcnn.internal.MtcnnNetworks;

/**
 * The networks' input: crops and pyramid levels against a plain area average computed pixel by
 * pixel, and P-Net over the packed pyramid against P-Net over each level alone.
 */
class MtcnnImageTest {

	private static final double TOLERANCE = 1e-3;

	@Test
	void cropsAreAreaAveragesPaddedWithBlack() {
		ImageRaster image = noise(97, 61, 3, 1);
		MtcnnImage planes = MtcnnImage.of(image);
		// inside; over every edge; wholly outside; smaller than the output (enlarged)
		int[][] boxes = { { 10, 5, 60, 55 }, { -20, -10, 110, 70 }, { 200, 200, 260, 260 }, { 30, 20, 40, 30 } };
		for (int[] b : boxes) {
			float[] crop = new float[3 * 24 * 24];
			planes.crop(b[0], b[1], b[2], b[3], 24, crop, 0);
			int cw = b[2] - b[0] + 1;
			if (cw >= 24) {
				assertClose(areaAverage(image, b[0] - 1, b[1] - 1, cw, b[3] - b[1] + 1, 24, 24), crop, "box " + Arrays.toString(b));
			} else {
				// enlarged bilinearly: every value lies within the box's own range
				for (float v : crop) {
					assertTrue(v >= -1 && v <= 1, "value " + v);
				}
			}
		}
		float[] outside = new float[3 * 24 * 24];
		planes.crop(200, 200, 260, 260, 24, outside, 0);
		for (float v : outside) {
			assertEquals(-127.5f / 128f, v, 1e-6f, "outside the image is black");
		}
	}

	@Test
	void grayImagesGiveThreeEqualChannels() {
		ImageRaster gray = noise(40, 30, 1, 2);
		float[] crop = new float[3 * 12 * 12];
		MtcnnImage.of(gray).crop(1, 1, 40, 30, 12, crop, 0);
		for (int i = 0; i < 144; i++) {
			assertEquals(crop[i], crop[144 + i], 1e-6f);
			assertEquals(crop[i], crop[288 + i], 1e-6f);
		}
		assertClose(areaAverage(gray, 0, 0, 40, 30, 12, 12), crop, "gray");
	}

	@Test
	void atlasLevelsAreAreaAveragesAtEvenPlacesWithoutOverlap() {
		ImageRaster image = noise(320, 240, 3, 3);
		PyramidAtlas atlas = MtcnnImage.of(image).atlas(MtcnnMath.scales(320, 240, 20, 0.709));
		assertTrue(atlas.levels().size() >= 6, "levels " + atlas.levels());
		for (int i = 0; i < atlas.levels().size(); i++) {
			Level level = atlas.levels().get(i);
			assertEquals(0, level.x() % 2, "x of " + level);
			assertEquals(0, level.y() % 2, "y of " + level);
			assertTrue(level.x() + level.width() <= atlas.width() && level.y() + level.height() <= atlas.height(), level + " inside");
			for (int j = 0; j < i; j++) {
				Level other = atlas.levels().get(j);
				boolean apart = level.x() >= other.x() + other.width() || other.x() >= level.x() + level.width()
						|| level.y() >= other.y() + other.height() || other.y() >= level.y() + level.height();
				assertTrue(apart, level + " overlaps " + other);
			}
			assertClose(areaAverage(image, 0, 0, 320, 240, level.width(), level.height()), levelPlanes(atlas, level), "level " + level);
		}
	}

	@Test
	void pnetOverTheAtlasSeesEachLevelAsAlone() throws Exception {
		ImageRaster image = noise(200, 150, 3, 4);
		PyramidAtlas atlas = MtcnnImage.of(image).atlas(MtcnnMath.scales(200, 150, 20, 0.709));
		try (NDManager manager = NDManager.newBaseManager(); MtcnnNetworks nets = MtcnnNetworks.load(TfliteModelTest.weights(), manager)) {
			NDList maps = nets.pnet().forward(manager.create(atlas.planes(), new Shape(1, 3, atlas.width(), atlas.height())));
			float[] prob = maps.get(0).toFloatArray();
			float[] reg = maps.get(1).toFloatArray();
			int mx = (int) maps.get(0).getShape().get(2);
			int my = (int) maps.get(0).getShape().get(3);
			int odd = 0;
			for (Level level : atlas.levels()) {
				LevelMaps packed = atlas.levelMaps(level, prob, reg, mx, my);
				NDList alone = nets.pnet()
						.forward(manager.create(levelPlanes(atlas, level), new Shape(1, 3, level.width(), level.height())));
				int ax = (int) alone.get(0).getShape().get(2);
				int ay = (int) alone.get(0).getShape().get(3);
				// the level alone has one more row or column of windows where a side is odd
				assertEquals(ax - (level.width() % 2), packed.mx(), "columns of " + level);
				assertEquals(ay - (level.height() % 2), packed.my(), "rows of " + level);
				odd += level.width() % 2 + level.height() % 2;
				float[] p = alone.get(0).toFloatArray();
				float[] r = alone.get(1).toFloatArray();
				for (int x = 0; x < packed.mx(); x++) {
					for (int y = 0; y < packed.my(); y++) {
						for (int c = 0; c < 2; c++) {
							assertEquals(p[(c * ax + x) * ay + y], packed.prob()[(c * packed.mx() + x) * packed.my() + y], 1e-4f,
									"probability at " + x + "," + y + " of " + level);
						}
						for (int c = 0; c < 4; c++) {
							assertEquals(r[(c * ax + x) * ay + y], packed.reg()[(c * packed.mx() + x) * packed.my() + y], 1e-4f,
									"offset at " + x + "," + y + " of " + level);
						}
					}
				}
			}
			assertTrue(odd > 0, "the scales give odd sides too, so the left-out edge is tested");
		}
	}

	/** A level's values copied out of the atlas, [c][x][y]. */
	private static float[] levelPlanes(PyramidAtlas atlas, Level level) {
		float[] out = new float[3 * level.width() * level.height()];
		for (int c = 0; c < 3; c++) {
			for (int x = 0; x < level.width(); x++) {
				for (int y = 0; y < level.height(); y++) {
					out[(c * level.width() + x) * level.height() + y] = atlas.planes()[(c * atlas.width() + level.x() + x) * atlas.height()
							+ level.y() + y];
				}
			}
		}
		return out;
	}

	/**
	 * The region {@code [x0, x0 + w) × [y0, y0 + h)} averaged over each output cell by the area
	 * each pixel shares with it (zero outside the image), normalized, [c][x][y].
	 */
	private static float[] areaAverage(ImageRaster image, int x0, int y0, int w, int h, int outX, int outY) {
		double sx = (double) w / outX;
		double sy = (double) h / outY;
		float[] out = new float[3 * outX * outY];
		for (int c = 0; c < 3; c++) {
			for (int ox = 0; ox < outX; ox++) {
				for (int oy = 0; oy < outY; oy++) {
					double left = x0 + ox * sx;
					double right = x0 + Math.min(w, (ox + 1) * sx);
					double top = y0 + oy * sy;
					double bottom = y0 + Math.min(h, (oy + 1) * sy);
					double sum = 0;
					for (int x = (int) Math.floor(left); x < right; x++) {
						for (int y = (int) Math.floor(top); y < bottom; y++) {
							double share = (Math.min(right, x + 1) - Math.max(left, x)) * (Math.min(bottom, y + 1) - Math.max(top, y));
							boolean inside = x >= 0 && y >= 0 && x < image.width() && y < image.height();
							sum += share * (inside ? image.get(x, y, image.channels() == 3 ? c : 0) : 0);
						}
					}
					out[(c * outX + ox) * outY + oy] = (float) ((sum / (sx * sy) - 127.5) / 128);
				}
			}
		}
		return out;
	}

	private static void assertClose(float[] expected, float[] actual, String what) {
		assertEquals(expected.length, actual.length, what);
		for (int i = 0; i < expected.length; i++) {
			assertEquals(expected[i], actual[i], TOLERANCE, what + " at " + i);
		}
	}

	private static ImageRaster noise(int width, int height, int channels, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		byte[] pixels = new byte[width * height * channels];
		// smooth enough to look like a photo, noisy enough that a misplaced pixel shows
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				for (int c = 0; c < channels; c++) {
					int base = (int) (127 + 100 * Math.sin(x / 9.0 + c) * Math.cos(y / 7.0));
					pixels[(y * width + x) * channels + c] = (byte) Math.clamp(base + random.nextInt(-20, 21), 0, 255);
				}
			}
		}
		return new ImageRaster(width, height, channels, pixels);
	}
}
