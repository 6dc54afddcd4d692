package facet.core.experiment;

import java.util.List;
import java.util.Optional;

/**
 * One experiment, as stored in a {@code *.facet.json} file: what data, which modules, how to
 * train. Engine-neutral; the engine turns it into a network and a training loop.
 *
 * @param format the file format version ({@link ExperimentFormat#CURRENT} when written)
 * @param name short name used in run folder names and reports
 * @param dataset the dataset module
 * @param detector the face detector, absent when the dataset holds face crops
 * @param preprocessors applied in order to every image
 * @param augmentations applied in order to training images
 * @param backbone the backbone with its attention modules; null in a features → classifier experiment
 * @param head the classification head; null in a features → classifier experiment
 * @param loss the weighted loss terms (at least one); empty in a features → classifier experiment
 * @param optimizer the optimizer
 * @param schedule the learning-rate schedule
 * @param epochs number of training epochs
 * @param batchSize samples per batch
 * @param seed the seed of every random choice of the run
 * @param features the feature stages of a traditional model, in order (empty for a network)
 * @param classifier the classifier of a traditional model, absent for a network
 * @param earlyStopping when to stop before the last epoch, and the metric of the best checkpoint
 */
public record ExperimentSpec(int format, String name, ModuleRef dataset, Optional<ModuleRef> detector,
		List<ModuleRef> preprocessors, List<ModuleRef> augmentations, BackboneSpec backbone, ModuleRef head,
		List<LossTerm> loss, OptimizerSpec optimizer, ScheduleSpec schedule, int epochs, int batchSize, long seed,
		List<ModuleRef> features, Optional<ModuleRef> classifier, EarlyStoppingSpec earlyStopping) {

	public ExperimentSpec {
		earlyStopping = earlyStopping == null ? EarlyStoppingSpec.NONE : earlyStopping;
		detector = detector == null ? Optional.empty() : detector;
		preprocessors = List.copyOf(preprocessors);
		augmentations = List.copyOf(augmentations);
		loss = loss == null ? List.of() : List.copyOf(loss);
		features = features == null ? List.of() : List.copyOf(features);
		classifier = classifier == null ? Optional.empty() : classifier;
	}

	/** An experiment without early stopping. */
	public ExperimentSpec(int format, String name, ModuleRef dataset, Optional<ModuleRef> detector, List<ModuleRef> preprocessors,
			List<ModuleRef> augmentations, BackboneSpec backbone, ModuleRef head, List<LossTerm> loss, OptimizerSpec optimizer,
			ScheduleSpec schedule, int epochs, int batchSize, long seed, List<ModuleRef> features, Optional<ModuleRef> classifier) {
		this(format, name, dataset, detector, preprocessors, augmentations, backbone, head, loss, optimizer, schedule, epochs,
				batchSize, seed, features, classifier, EarlyStoppingSpec.NONE);
	}

	/** A network experiment: backbone → head, trained with the loss. */
	public ExperimentSpec(int format, String name, ModuleRef dataset, Optional<ModuleRef> detector, List<ModuleRef> preprocessors,
			List<ModuleRef> augmentations, BackboneSpec backbone, ModuleRef head, List<LossTerm> loss, OptimizerSpec optimizer,
			ScheduleSpec schedule, int epochs, int batchSize, long seed) {
		this(format, name, dataset, detector, preprocessors, augmentations, backbone, head, loss, optimizer, schedule, epochs,
				batchSize, seed, List.of(), Optional.empty(), EarlyStoppingSpec.NONE);
	}

	/**
	 * Whether the model is hand-crafted features → a trained classifier (a traditional
	 * baseline) instead of backbone → head.
	 */
	public boolean isTraditional() {
		return classifier.isPresent();
	}

	/** The same experiment with another seed, for seed sweeps. */
	public ExperimentSpec withSeed(long newSeed) {
		return new ExperimentSpec(format, name, dataset, detector, preprocessors, augmentations, backbone, head, loss,
				optimizer, schedule, epochs, batchSize, newSeed, features, classifier, earlyStopping);
	}

	/** The same experiment with another number of epochs. */
	public ExperimentSpec withEpochs(int newEpochs) {
		return new ExperimentSpec(format, name, dataset, detector, preprocessors, augmentations, backbone, head, loss,
				optimizer, schedule, newEpochs, batchSize, seed, features, classifier, earlyStopping);
	}
}
