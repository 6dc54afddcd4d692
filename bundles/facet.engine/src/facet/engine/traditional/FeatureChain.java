package facet.engine.traditional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.SettingsException;
import facet.core.spi.FeatureExtractor;
import facet.core.spi.FeatureExtractorFactory;
import facet.core.spi.FeatureStage;
import facet.core.spi.FeatureTransform;

/**
 * The {@code "features"} list of an experiment as one function from a face image to a vector:
 * extractor vectors are concatenated in order, and a post-processing stage (PCA,
 * standardisation) replaces everything concatenated before it with its output, fitted on the
 * training vectors.
 */
public final class FeatureChain {

	/** One stage with the module it came from and its resolved settings. */
	public record Stage(String id, Map<String, Object> settings, FeatureStage stage) {
	}

	private final List<Stage> stages;

	private FeatureChain(List<Stage> stages) {
		this.stages = List.copyOf(stages);
	}

	/**
	 * Builds the stages from the installed modules.
	 *
	 * @throws ModuleException naming the stage ({@code features[i]}) that is unknown, refused or
	 *         misplaced (a post-processing stage needs an extractor before it)
	 */
	public static FeatureChain build(ModuleRegistry registry, List<ModuleRef> refs) throws ModuleException {
		if (refs.isEmpty()) {
			throw new ModuleException("features: expected at least one feature extractor");
		}
		List<Stage> stages = new ArrayList<>();
		for (int i = 0; i < refs.size(); i++) {
			ModuleRef ref = refs.get(i);
			ModuleDescriptor module = registry.get(ModuleKind.FEATURE, ref.id());
			ModuleSettings settings;
			try {
				settings = module.settings(ref.params());
			} catch (SettingsException e) {
				throw new ModuleException("features[" + i + "]: " + e.getMessage(), e);
			}
			FeatureExtractorFactory factory = module.factory(FeatureExtractorFactory.class);
			factory.validate(settings);
			FeatureStage stage = factory.create(settings);
			if (stage instanceof FeatureTransform && stages.isEmpty()) {
				throw new ModuleException("features[" + i + "]: '" + ref.id() + "' reworks the vector of the stages before it, so it cannot come first; "
						+ "put a feature extractor (lbp, hog, gabor, raw …) before it");
			}
			stages.add(new Stage(ref.id(), new LinkedHashMap<>(settings.values()), stage));
		}
		return new FeatureChain(stages);
	}

	public List<Stage> stages() {
		return stages;
	}

	/** The length of the final vector for images of this size; transforms must be fitted. */
	public int length(int width, int height) {
		int length = 0;
		for (Stage s : stages) {
			length = switch (s.stage()) {
				case FeatureExtractor e -> length + e.length(width, height);
				case FeatureTransform t -> t.outputLength();
			};
		}
		return length;
	}

	/**
	 * Vectors of many images on {@code threads} threads, fitting every post-processing stage on
	 * them on the way when {@code fit} (the training split) or applying the fitted ones.
	 *
	 * @throws CancellationException when {@code progress} asks to stop
	 */
	public float[][] vectors(List<ImageRaster> images, boolean fit, int threads, Progress progress) {
		int n = images.size();
		float[][] acc = new float[n][0];
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
			Thread t = new Thread(r, "facet-features");
			t.setDaemon(true);
			return t;
		});
		try {
			for (int s = 0; s < stages.size(); s++) {
				Stage stage = stages.get(s);
				switch (stage.stage()) {
					case FeatureExtractor e -> {
						List<Future<float[]>> futures = new ArrayList<>(n);
						for (ImageRaster image : images) {
							futures.add(pool.submit(() -> checked(stage, e, image)));
						}
						for (int i = 0; i < n; i++) {
							if (progress.isCanceled()) {
								futures.forEach(f -> f.cancel(true));
								throw new CancellationException("cancelled while extracting " + stage.id() + " features");
							}
							acc[i] = concat(acc[i], get(futures.get(i)));
							progress.worked(1, null);
						}
					}
					case FeatureTransform t -> {
						if (fit) {
							t.fit(acc);
						}
						for (int i = 0; i < n; i++) {
							acc[i] = t.apply(acc[i]);
						}
					}
				}
			}
		} finally {
			pool.shutdownNow();
		}
		return acc;
	}

	/** The vector of one image; every post-processing stage must be fitted. */
	public float[] vector(ImageRaster image) {
		float[] acc = new float[0];
		for (Stage stage : stages) {
			acc = switch (stage.stage()) {
				case FeatureExtractor e -> concat(acc, checked(stage, e, image));
				case FeatureTransform t -> t.apply(acc);
			};
		}
		return acc;
	}

	/** Extractor stages counted in {@link #vectors} progress: one unit per image and extractor. */
	public int extractorCount() {
		return (int) stages.stream().filter(s -> s.stage() instanceof FeatureExtractor).count();
	}

	private static float[] checked(Stage stage, FeatureExtractor e, ImageRaster image) {
		float[] v = e.extract(image);
		int declared = e.length(image.width(), image.height());
		if (v.length != declared) {
			throw new IllegalStateException("feature '" + stage.id() + "' declared " + declared + " values for a " + image.width() + "x"
					+ image.height() + " image but gave " + v.length);
		}
		return v;
	}

	private static float[] get(Future<float[]> future) {
		try {
			return future.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted while extracting features");
		} catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	private static float[] concat(float[] a, float[] b) {
		if (a.length == 0) {
			return b;
		}
		float[] out = new float[a.length + b.length];
		System.arraycopy(a, 0, out, 0, a.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}
}
