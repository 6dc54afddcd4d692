package facet.faults.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Module bundles written and installed at test time, with classes copied from this bundle, as a
 * third party's plug-in would arrive (see facet.core.tests' BundleJars).
 */
final class FaultBundles {

	static final String IMPORTS = "facet.core,facet.core.modules,facet.core.spi,facet.nn.api,ai.djl.ndarray,ai.djl.ndarray.types,"
			+ "ai.djl.nn,ai.djl.nn.pooling,ai.djl.training,ai.djl.training.loss,ai.djl.util";

	private FaultBundles() {
	}

	/** Writes a bundle jar and installs and starts it; the registry has its modules on return. */
	static Bundle install(Path dir, String symbolicName, String pluginXml, String firstModule, Class<?>... classes) throws Exception {
		Path jar = dir.resolve(symbolicName + ".jar");
		Manifest manifest = new Manifest();
		Attributes a = manifest.getMainAttributes();
		a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		a.putValue("Bundle-ManifestVersion", "2");
		a.putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
		a.putValue("Bundle-Version", "1.0.0");
		a.putValue("Import-Package", IMPORTS);
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			jarOut.putNextEntry(new JarEntry("plugin.xml"));
			jarOut.write(pluginXml.getBytes(StandardCharsets.UTF_8));
			jarOut.closeEntry();
			for (Class<?> type : classes) {
				String resource = type.getName().replace('.', '/') + ".class";
				try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
					jarOut.putNextEntry(new JarEntry(resource));
					in.transferTo(jarOut);
					jarOut.closeEntry();
				}
			}
		}
		BundleContext context = FrameworkUtil.getBundle(FaultBundles.class).getBundleContext();
		Bundle bundle = context.installBundle(jar.toUri().toString());
		bundle.start();
		waitFor(() -> facet.core.modules.ModuleRegistry.getDefault().problems().stream().anyMatch(p -> p.bundle().equals(symbolicName))
				|| facet.core.modules.ModuleRegistry.getDefault().all().stream().anyMatch(m -> m.id().equals(firstModule)),
				"module " + firstModule);
		return bundle;
	}

	/** Uninstalls a bundle and waits until the registry no longer lists the module. */
	static void uninstall(Bundle bundle, String module) throws Exception {
		if (bundle.getState() != Bundle.UNINSTALLED) {
			bundle.uninstall();
		}
		waitFor(() -> facet.core.modules.ModuleRegistry.getDefault().all().stream().noneMatch(m -> m.id().equals(module)),
				"module " + module + " to go");
	}

	static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out after 20 s waiting for " + what);
			}
			Thread.sleep(20);
		}
	}
}
