package facet.data.transforms.internal;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AugmentationFactory;
import facet.core.spi.ImageOperation;
import facet.core.spi.SampleMixing;
import facet.data.transforms.ColorJitter;
import facet.data.transforms.Cutout;
import facet.data.transforms.GaussianNoise;
import facet.data.transforms.HorizontalFlip;
import facet.data.transforms.Mixing;
import facet.data.transforms.RandomCrop;
import facet.data.transforms.RandomErasing;
import facet.data.transforms.RandomRotation;
import facet.data.transforms.RandomScale;

/** The factory of every augmentation this bundle contributes; the module id picks the operation. */
public class AugmentationModules implements AugmentationFactory {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		String name = settings.module().displayName();
		switch (settings.module().id()) {
			case "scale" -> {
				if (settings.getDouble("min") > settings.getDouble("max")) {
					throw new ModuleException(name + ": 'min' (" + settings.getDouble("min") + ") must not exceed 'max' ("
							+ settings.getDouble("max") + ")");
				}
			}
			case "random-erasing" -> {
				if (settings.getDouble("minArea") > settings.getDouble("maxArea")) {
					throw new ModuleException(name + ": 'minArea' (" + settings.getDouble("minArea") + ") must not exceed 'maxArea' ("
							+ settings.getDouble("maxArea") + ")");
				}
			}
			default -> {
				// single-parameter ranges in plugin.xml suffice
			}
		}
	}

	@Override
	public ImageOperation create(ModuleSettings settings) throws ModuleException {
		validate(settings);
		String id = settings.module().id();
		return switch (id) {
			case "hflip" -> new HorizontalFlip(settings.getDouble("probability"));
			case "random-crop" -> new RandomCrop(settings.getInt("padding"));
			case "rotate" -> new RandomRotation(settings.getDouble("maxDegrees"));
			case "scale" -> new RandomScale(settings.getDouble("min"), settings.getDouble("max"));
			case "color" -> new ColorJitter(settings.getDouble("brightness"), settings.getDouble("contrast"), settings.getDouble("gamma"));
			case "noise" -> new GaussianNoise(settings.getDouble("sigma"), settings.getDouble("probability"));
			case "cutout" -> new Cutout(settings.getInt("holes"), settings.getDouble("size"), settings.getDouble("probability"));
			case "random-erasing" -> new RandomErasing(settings.getDouble("probability"), settings.getDouble("minArea"),
					settings.getDouble("maxArea"), settings.getDouble("minAspect"), RandomErasing.Fill.parse(settings.getString("fill")));
			case "mixup" -> new Mixing(SampleMixing.Kind.MIXUP, settings.getDouble("alpha"), settings.getDouble("probability"));
			case "cutmix" -> new Mixing(SampleMixing.Kind.CUTMIX, settings.getDouble("alpha"), settings.getDouble("probability"));
			default -> throw new ModuleException(settings.module().displayName() + ": " + getClass().getName()
					+ " builds no augmentation '" + id + "'");
		};
	}
}
