package facet.core.tests;

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

/**
 * Writes module bundle jars at test time, so that the tests can install a bundle the platform
 * has never seen, with classes copied from this test bundle.
 */
public final class BundleJars {

	private BundleJars() {
	}

	public static Path write(Path jar, String symbolicName, String pluginXml, Class<?>... classes) throws IOException {
		Manifest manifest = new Manifest();
		Attributes a = manifest.getMainAttributes();
		a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		a.putValue("Bundle-ManifestVersion", "2");
		a.putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
		a.putValue("Bundle-Version", "1.2.3");
		a.putValue("Bundle-Name", "Test plug-in " + symbolicName);
		a.putValue("Import-Package", "facet.core,facet.core.modules,facet.core.spi");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			jarOut.putNextEntry(new JarEntry("plugin.xml"));
			jarOut.write(pluginXml.getBytes(StandardCharsets.UTF_8));
			jarOut.closeEntry();
			for (Class<?> type : classes) {
				String resource = type.getName().replace('.', '/') + ".class";
				try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
					if (in == null) {
						throw new IOException("cannot read the bytes of " + resource);
					}
					jarOut.putNextEntry(new JarEntry(resource));
					in.transferTo(jarOut);
					jarOut.closeEntry();
				}
			}
		}
		return jar;
	}
}
