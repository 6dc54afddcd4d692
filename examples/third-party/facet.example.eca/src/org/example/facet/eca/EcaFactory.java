package org.example.facet.eca;

import ai.djl.nn.Block;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/**
 * Named by {@code plugin.xml}; Facet creates it on first use, with no arguments, and asks it
 * for one block per place the experiment puts the module. Parameters arrive validated against
 * their {@code <parameter>} declarations, defaults filled in.
 */
public class EcaFactory implements AttentionFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int channels) throws ModuleException {
		int kernel = settings.getInt("kernel");
		if (kernel == 0) {
			kernel = EcaAttention.adaptiveKernel(channels, settings.getInt("gamma"), settings.getInt("b"));
		} else if (kernel % 2 == 0) {
			throw new ModuleException("attention 'eca' parameter 'kernel': expected an odd size (or 0 for adaptive), got " + kernel);
		}
		return new EcaAttention(channels, kernel);
	}
}
