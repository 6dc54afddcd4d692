package facet.data.internal;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;

/** {@code fer2013}: see {@link Fer2013Dataset}. */
public class Fer2013Factory implements DatasetFactory {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		ReaderSettings.of(settings);
	}

	@Override
	public Dataset create(ModuleSettings settings) throws ModuleException {
		String ferPlus = settings.getString("ferPlus");
		return new Fer2013Dataset(ReaderSettings.of(settings), ReaderSettings.path(settings, "file"),
				ferPlus.isBlank() ? null : ReaderSettings.path(settings, "ferPlus"));
	}
}
