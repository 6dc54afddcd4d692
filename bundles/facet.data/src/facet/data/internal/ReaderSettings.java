package facet.data.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/** The parameters every reader declares: {@code skipBad} and the re-split ones of {@link Resplit}. */
record ReaderSettings(boolean skipBad, Resplit resplit) {

	static ReaderSettings of(ModuleSettings settings) throws ModuleException {
		return new ReaderSettings(settings.getBoolean("skipBad"), Resplit.of(settings));
	}

	/** A file parameter as a path. */
	static Path path(ModuleSettings settings, String name) throws ModuleException {
		String text = settings.getString(name);
		try {
			return Path.of(text);
		} catch (InvalidPathException e) {
			throw new ModuleException(settings.module().displayName() + " parameter '" + name + "': \"" + text + "\" is not a usable path ("
					+ e.getReason() + ")");
		}
	}
}
