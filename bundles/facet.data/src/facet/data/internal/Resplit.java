package facet.data.internal;

import java.util.List;
import java.util.Map;

import facet.core.Sample;
import facet.core.data.Splits;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * The common {@code resplit}, {@code fractions}, {@code folds}, {@code fold} and {@code seed}
 * parameters: keep the dataset's own splits ({@code none}), or pool every split and divide it
 * again with {@link Splits}.
 */
record Resplit(String mode, Map<String, Double> fractions, int folds, int fold, long seed) {

	static final String NONE = "none";
	static final String STRATIFIED = "stratified";
	static final String KFOLD = "kfold";

	static Resplit of(ModuleSettings settings) throws ModuleException {
		String mode = settings.getString("resplit");
		Map<String, Double> fractions = null;
		if (STRATIFIED.equals(mode)) {
			try {
				fractions = Splits.parseFractions(settings.getString("fractions"));
			} catch (IllegalArgumentException e) {
				throw new ModuleException(settings.module().displayName() + " parameter 'fractions': " + e.getMessage());
			}
		}
		int folds = settings.getInt("folds");
		int fold = settings.getInt("fold");
		if (KFOLD.equals(mode) && fold >= folds) {
			throw new ModuleException(settings.module().displayName() + " parameter 'fold': expected an integer in [0, " + (folds - 1)
					+ "] for folds = " + folds + ", got " + fold);
		}
		return new Resplit(mode, fractions, folds, fold, settings.getLong("seed"));
	}

	Map<String, List<Sample>> apply(Map<String, List<Sample>> own) {
		return switch (mode) {
			case STRATIFIED -> Splits.stratifiedSplit(Splits.pool(own), fractions, seed);
			case KFOLD -> Splits.kFold(Splits.pool(own), folds, fold, seed);
			default -> own;
		};
	}
}
