package facet.testmodules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import facet.core.Progress;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Classifier;
import facet.core.spi.ClassifierFactory;

/** Predicts the most frequent training class, whatever the features. */
public class TestClassifierFactory implements ClassifierFactory {

	@Override
	public Classifier create(ModuleSettings settings) {
		return new Classifier() {
			private int length = -1;
			private int majority;
			private int classes;

			@Override
			public void fit(float[][] features, int[] labels, int classCount, Progress progress) {
				int[] counts = new int[classCount];
				for (int label : labels) {
					counts[label]++;
				}
				for (int c = 0; c < classCount; c++) {
					majority = counts[c] > counts[majority] ? c : majority;
				}
				classes = classCount;
				length = features[0].length;
			}

			@Override
			public boolean trained() {
				return length >= 0;
			}

			@Override
			public int featureLength() {
				return length;
			}

			@Override
			public float[][] predictProbabilities(float[][] features) {
				float[][] out = new float[features.length][classes];
				for (float[] row : out) {
					row[majority] = 1;
				}
				return out;
			}

			@Override
			public boolean probabilitiesAreHard() {
				return true;
			}

			@Override
			public void save(Path file) throws IOException {
				Files.writeString(file, length + " " + majority);
			}

			@Override
			public void load(Path file, int classCount) throws IOException {
				String[] parts = Files.readString(file).trim().split(" ");
				length = Integer.parseInt(parts[0]);
				majority = Integer.parseInt(parts[1]);
				classes = classCount;
			}
		};
	}
}
