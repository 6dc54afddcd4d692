package facet.data.internal;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;

/** {@code rafdb}: see {@link RafDbDataset}. */
public class RafDbFactory implements DatasetFactory {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		ReaderSettings.of(settings);
	}

	@Override
	public Dataset create(ModuleSettings settings) throws ModuleException {
		return new RafDbDataset(ReaderSettings.of(settings), settings.getBoolean("gray"), settings.getBoolean("checkImages"),
				ReaderSettings.path(settings, "root"), settings.getString("images"));
	}
}
