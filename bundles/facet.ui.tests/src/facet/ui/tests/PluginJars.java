package facet.ui.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Bundle jars written at test time, as a third party's plug-in arrives. */
final class PluginJars {

	private PluginJars() {
	}

	/** A bundle jar; {@code pluginXml} may be null, {@code classes} are copied from this bundle. */
	static Path write(Path jar, String symbolicName, String version, String pluginXml, Class<?>... classes) throws IOException {
		Files.createDirectories(jar.getParent());
		Manifest manifest = new Manifest();
		Attributes a = manifest.getMainAttributes();
		a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		a.putValue("Bundle-ManifestVersion", "2");
		a.putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
		a.putValue("Bundle-Version", version);
		a.putValue("Import-Package", "facet.core.modules,facet.core.spi");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			if (pluginXml != null) {
				jarOut.putNextEntry(new JarEntry("plugin.xml"));
				jarOut.write(pluginXml.getBytes(StandardCharsets.UTF_8));
				jarOut.closeEntry();
			}
			for (Class<?> type : classes) {
				String resource = type.getName().replace('.', '/') + ".class";
				try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
					jarOut.putNextEntry(new JarEntry(resource));
					in.transferTo(jarOut);
					jarOut.closeEntry();
				}
			}
		}
		return jar;
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
