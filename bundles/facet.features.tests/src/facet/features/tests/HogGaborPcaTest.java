package facet.features.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import facet.core.ImageRaster;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.FeatureExtractor;
import facet.core.spi.FeatureExtractorFactory;
import facet.core.spi.FeatureStage;
import facet.core.spi.FeatureTransform;
import facet.core.spi.FeatureVisuals;
import facet.features.GaborBank;
import facet.features.GrayImage;
import facet.features.HistogramOfGradients;
import facet.features.PrincipalComponents;
import facet.features.RawPixels;
import facet.features.Standardization;

class HogGaborPcaTest {

	@Test
	void aVerticalRampPutsEveryVoteInTheNinetyDegreeBin() {
		HistogramOfGradients hog = new HistogramOfGradients(8, 2, 9, false);
		ImageRaster ramp = Images.of(32, 32, (x, y) -> 5 * y);
		float[][][] cells = hog.cellHistograms(GrayImage.of(ramp));
		for (float[][] row : cells) {
			for (float[] h : row) {
				for (int b = 0; b < 9; b++) {
					if (b == 4) {
						assertTrue(h[b] > 0);
					} else {
						assertEquals(0, h[b], 1e-6, "bin " + b);
					}
				}
			}
		}
		// a horizontal ramp (0°) lies between the bins centred at 10° and 170°: half each
		float[] h = hog.cellHistograms(GrayImage.of(Images.of(32, 32, (x, y) -> 5 * x)))[1][1];
		assertEquals(h[0], h[8], 1e-4);
		assertEquals(8 * 8 * 10 / 2.0, h[0], 1e-3, "magnitude 10 per pixel, half to each bin");
	}

	@Test
	void blocksAreL2HysNormalised() {
		HistogramOfGradients hog = new HistogramOfGradients(8, 2, 9, false);
		assertEquals(5 * 5 * 4 * 9, hog.length(48, 48));
		float[] v = hog.extract(Images.face(48));
		assertEquals(900, v.length);
		for (int block = 0; block < 25; block++) {
			double norm = 0;
			for (int i = 0; i < 36; i++) {
				float x = v[block * 36 + i];
				assertTrue(x >= 0 && x <= 1, "value " + x);
				norm += x * x;
			}
			assertTrue(norm < 1 + 1e-4 && (norm > 0.99 || norm < 1e-6), "block " + block + " norm² " + norm);
		}
		double[] spiky = { 10, 0, 0, 1 };
		HistogramOfGradients.normalizeL2Hys(spiky);
		assertTrue(spiky[0] < 0.99, "the clip at 0.2 flattens a single dominant bin: " + spiky[0]);
		assertThrows(IllegalArgumentException.class, () -> hog.length(12, 48));
	}

	@Test
	void gaborKernelsAreSymmetricAndRotateWithTheirOrientation() {
		int size = 15;
		float[][] k0 = GaborBank.kernel(size, 6, 0);
		float[][] k90 = GaborBank.kernel(size, 6, Math.PI / 2);
		double dc = 0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				int i = y * size + x;
				int mirrored = (size - 1 - y) * size + (size - 1 - x);
				assertEquals(k0[0][i], k0[0][mirrored], 1e-6, "the real part is even");
				assertEquals(-k0[1][i], k0[1][mirrored], 1e-6, "the imaginary part is odd");
				assertEquals(k0[0][i], k0[0][y * size + (size - 1 - x)], 1e-6, "at 0° the real part is mirror-symmetric left-right");
				assertEquals(k0[0][x * size + y], k90[0][i], 1e-5, "90° is 0° transposed");
				dc += k0[0][i];
			}
		}
		assertEquals(0, dc, 1e-4, "the real part ignores overall brightness");
		GaborBank bank = new GaborBank(2, 4, 11, 4, 3);
		assertEquals(2 * 4 * 9 * 2, bank.length(48, 48));
		assertEquals(144, bank.extract(Images.face(48)).length);
	}

	@Test
	void pcaFindsTheVarianceOfKnownDirections() {
		// four directions in 6-D with standard deviations 3, 2, 1, 0 over a balanced design
		double[][] axes = { unit(6, 0, 1), unit(6, 2, 3), unit(6, 4, 5) };
		double[] sd = { 3, 2, 1 };
		int n = 8;
		float[][] data = new float[n][6];
		for (int i = 0; i < n; i++) {
			for (int a = 0; a < 3; a++) {
				double sign = ((i >> a) & 1) == 0 ? -1 : 1;
				for (int j = 0; j < 6; j++) {
					data[i][j] += (float) (sign * sd[a] * axes[a][j] + 0.5);
				}
			}
		}
		PrincipalComponents pca = new PrincipalComponents(0, 0.999, false);
		pca.fit(data);
		double total = 9 + 4 + 1;
		assertArrayEquals(new double[] { 9 / total, 4 / total, 1 / total }, pca.explainedVarianceRatio(), 1e-5);
		assertEquals(3, pca.outputLength());
		PrincipalComponents most = new PrincipalComponents(0, 0.9, false);
		most.fit(data);
		assertEquals(2, most.outputLength(), "9/14 + 4/14 = 0.93 >= 0.9");
		assertEquals(3, Math.abs(pca.apply(data[0])[0]), 1e-4, "the first coordinate is ±3");

		// more dimensions than vectors: the Gram route gives the same spectrum
		float[][] wide = new float[n][40];
		for (int i = 0; i < n; i++) {
			System.arraycopy(data[i], 0, wide[i], 7, 6);
		}
		PrincipalComponents gram = new PrincipalComponents(3, 0, false);
		gram.fit(wide);
		assertArrayEquals(pca.explainedVarianceRatio(), gram.explainedVarianceRatio(), 1e-5);
		assertEquals(Math.abs(pca.apply(data[5])[1]), Math.abs(gram.apply(wide[5])[1]), 1e-4);

		PrincipalComponents restored = new PrincipalComponents(3, 0, false);
		restored.restore(gram.state());
		assertArrayEquals(gram.apply(wide[3]), restored.apply(wide[3]), 1e-6f);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> restored.apply(new float[5]));
		assertTrue(e.getMessage().contains("length 40, got 5"), e.getMessage());
		assertThrows(IllegalStateException.class, () -> new PrincipalComponents(2, 0, false).apply(new float[3]));
		assertThrows(IllegalArgumentException.class, () -> new PrincipalComponents(2, 0, false).restore(Map.of("mean", new float[2])));
	}

	@Test
	void standardisationCentresAndScalesEachDimension() {
		Standardization s = new Standardization();
		s.fit(new float[][] { { 1, 10, 7 }, { 3, 30, 7 } });
		assertArrayEquals(new float[] { -1, 1, 0 }, s.apply(new float[] { 1, 30, 7 }), 1e-6f);
		Standardization again = new Standardization();
		again.restore(s.state());
		assertArrayEquals(s.apply(new float[] { 2, 0, 1 }), again.apply(new float[] { 2, 0, 1 }), 1e-6f);
	}

	@Test
	void everyContributedFeatureBuildsThroughTheRegistryAndExtractorsDrawThemselves() throws Exception {
		ModuleRegistry registry = ModuleRegistry.getDefault();
		for (String id : List.of("lbp", "hog", "gabor", "raw", "pca", "standardize")) {
			var module = registry.get(ModuleKind.FEATURE, id);
			assertEquals("facet.features", module.bundle());
			FeatureStage stage = module.factory(FeatureExtractorFactory.class).create(module.defaults());
			if (id.equals("pca") || id.equals("standardize")) {
				assertTrue(stage instanceof FeatureTransform, id);
				continue;
			}
			FeatureExtractor extractor = (FeatureExtractor) stage;
			ImageRaster face = Images.face(48);
			assertEquals(extractor.length(48, 48), extractor.extract(face).length, id);
			if (extractor instanceof FeatureVisuals visuals) {
				Map<String, ImageRaster> pictures = visuals.visualize(face);
				assertFalse(pictures.isEmpty(), id);
				pictures.values().forEach(p -> assertTrue(p.width() >= 48, id));
			}
		}
		assertEquals(12 * 12, new RawPixels(4).extract(Images.face(48)).length);
		var gabor = registry.get(ModuleKind.FEATURE, "gabor");
		assertThrows(facet.core.modules.ModuleException.class,
				() -> gabor.factory().validate(gabor.settings(Map.of("kernel", 10))), "an even kernel size is refused");
	}

	private static double[] unit(int d, int i, int j) {
		double[] v = new double[d];
		v[i] = Math.sqrt(0.5);
		v[j] = Math.sqrt(0.5);
		return v;
	}
}
