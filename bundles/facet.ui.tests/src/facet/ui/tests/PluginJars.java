package facet.ui.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import facet.core.tests.fixtures.BundleJars;

/** Bundle jars written at test time, as a third party's plug-in arrives. */
final class PluginJars {

	private PluginJars() {
	}

	/** A bundle jar; {@code pluginXml} may be null, {@code classes} are copied from this bundle. */
	static Path write(Path jar, String symbolicName, String version, String pluginXml, Class<?>... classes) throws IOException {
		return BundleJars.write(jar, symbolicName, version, "facet.core.modules,facet.core.spi", pluginXml, classes);
	}

	/** A plain jar without a bundle manifest. */
	static Path plain(Path jar) throws IOException {
		Files.createDirectories(jar.getParent());
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
			jarOut.putNextEntry(new JarEntry("readme.txt"));
			jarOut.write("not a bundle".getBytes(StandardCharsets.UTF_8));
			jarOut.closeEntry();
		}
		return jar;
	}

	static String attention(String... idAndClass) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plugin>\n   <extension point=\"facet.core.attention\">\n");
		for (int i = 0; i < idAndClass.length; i += 2) {
			xml.append("      <attention id=\"").append(idAndClass[i]).append("\" name=\"").append(idAndClass[i]).append("\" class=\"")
					.append(idAndClass[i + 1]).append("\"/>\n");
		}
		return xml.append("   </extension>\n</plugin>\n").toString();
	}
}
