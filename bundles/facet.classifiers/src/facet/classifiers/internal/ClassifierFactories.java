package facet.classifiers.internal;

import java.util.Locale;

import org.opencv.ml.LogisticRegression;

import facet.classifiers.LogisticRegressionClassifier;
import facet.classifiers.NearestNeighbours;
import facet.classifiers.RandomForest;
import facet.classifiers.SupportVectorMachine;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Classifier;
import facet.core.spi.ClassifierFactory;

/** The factories this bundle contributes to {@code facet.core.classifiers}, one nested class per module. */
public final class ClassifierFactories {

	private ClassifierFactories() {
	}

	public static final class Svm implements ClassifierFactory {
		@Override
		public Classifier create(ModuleSettings s) {
			return new SupportVectorMachine("rbf".equals(s.getString("kernel")), s.getDouble("c"), s.getDouble("gamma"), s.getBoolean("autoTune"),
					s.getInt("folds"), s.getInt("probabilityFolds"));
		}
	}

	public static final class Knn implements ClassifierFactory {
		@Override
		public Classifier create(ModuleSettings s) {
			return new NearestNeighbours(s.getInt("k"));
		}
	}

	public static final class Logistic implements ClassifierFactory {
		@Override
		public Classifier create(ModuleSettings s) {
			int regularization = switch (s.getString("regularization").toLowerCase(Locale.ROOT)) {
				case "l1" -> LogisticRegression.REG_L1;
				case "l2" -> LogisticRegression.REG_L2;
				default -> LogisticRegression.REG_DISABLE;
			};
			return new LogisticRegressionClassifier(s.getDouble("learningRate"), s.getInt("iterations"), regularization, s.getInt("miniBatch"));
		}
	}

	public static final class Forest implements ClassifierFactory {
		@Override
		public Classifier create(ModuleSettings s) {
			return new RandomForest(s.getInt("trees"), s.getInt("maxDepth"), s.getInt("minSamples"), s.getInt("activeVariables"));
		}
	}
}
