package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * What a contribution's {@code class} attribute names. Instances are created by the registry
 * with a public no-argument constructor and must be cheap: the real object (a detector, a
 * network block, a loss) is built by the kind's {@code create} method from validated settings.
 */
public interface ModuleFactory {

	/**
	 * Checks combinations of parameters that single-parameter ranges cannot express (for
	 * example, kernel size smaller than image size). The default accepts everything.
	 *
	 * @throws ModuleException naming the parameters and what was expected
	 */
	default void validate(ModuleSettings settings) throws ModuleException {
		// nothing to cross-check by default
	}
}
