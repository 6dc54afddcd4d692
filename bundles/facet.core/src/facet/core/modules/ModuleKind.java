package facet.core.modules;

import java.util.Locale;
import java.util.Optional;

import facet.core.spi.AttentionFactory;
import facet.core.spi.AugmentationFactory;
import facet.core.spi.BackboneFactory;
import facet.core.spi.ClassifierFactory;
import facet.core.spi.DatasetFactory;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FeatureExtractorFactory;
import facet.core.spi.HeadFactory;
import facet.core.spi.LossFactory;
import facet.core.spi.ModuleFactory;
import facet.core.spi.PreprocessorFactory;

/**
 * The kinds of module, one extension point each ({@code facet.core.<pointName>}), each with
 * its own element name in {@code plugin.xml} and the factory interface its {@code class}
 * attribute must implement.
 */
public enum ModuleKind {
	DETECTOR("detectors", "detector", DetectorFactory.class),
	DATASET("datasets", "dataset", DatasetFactory.class),
	PREPROCESSOR("preprocessors", "preprocessor", PreprocessorFactory.class),
	AUGMENTATION("augmentations", "augmentation", AugmentationFactory.class),
	BACKBONE("backbones", "backbone", BackboneFactory.class),
	ATTENTION("attention", "attention", AttentionFactory.class),
	HEAD("heads", "head", HeadFactory.class),
	LOSS("losses", "loss", LossFactory.class),
	FEATURE("features", "feature", FeatureExtractorFactory.class),
	CLASSIFIER("classifiers", "classifier", ClassifierFactory.class);

	/** The namespace of Facet's extension points. */
	public static final String NAMESPACE = "facet.core";

	private final String pointName;
	private final String elementName;
	private final Class<? extends ModuleFactory> factoryType;

	ModuleKind(String pointName, String elementName, Class<? extends ModuleFactory> factoryType) {
		this.pointName = pointName;
		this.elementName = elementName;
		this.factoryType = factoryType;
	}

	/** Simple id of the extension point, e.g. {@code detectors}. */
	public String pointName() {
		return pointName;
	}

	/** Full id of the extension point, e.g. {@code facet.core.detectors}. */
	public String extensionPointId() {
		return NAMESPACE + "." + pointName;
	}

	/** The element a contribution uses in {@code plugin.xml}, e.g. {@code detector}. */
	public String elementName() {
		return elementName;
	}

	/** The interface a contribution's factory must implement. */
	public Class<? extends ModuleFactory> factoryType() {
		return factoryType;
	}

	/** The name used on the command line and in JSON: the element name, e.g. {@code detector}. */
	public String label() {
		return elementName;
	}

	/** Looks a kind up by its label, its point name or its enum name, ignoring case. */
	public static Optional<ModuleKind> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String key = text.trim().toLowerCase(Locale.ROOT);
		for (ModuleKind kind : values()) {
			if (kind.elementName.equals(key) || kind.pointName.equals(key) || kind.name().toLowerCase(Locale.ROOT).equals(key)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}
}
