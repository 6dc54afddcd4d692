package facet.ui.internal.plugins;

import java.nio.file.Path;

/**
 * One bundle jar that Install Module Plugin… found, and whether the running platform has a
 * bundle of that symbolic name already (then it is left alone: Facet's own update site offers
 * every bundle Facet already runs).
 */
public record PluginCandidate(Path jar, String symbolicName, String version, boolean installed) {

	public String statusText() {
		return installed ? "already installed" : "new";
	}
}
