package facet.core.tests;

import static facet.core.tests.fixtures.Conditions.waitFor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.AttentionFactory;
import facet.core.tests.dynamic.DynamicAttentionFactory;
import facet.core.tests.dynamic.ThrowingLossFactory;

import facet.core.tests.fixtures.BundleJars;

/**
 * Installs module bundles while the platform runs: the registry follows them in and out without
 * a restart, and broken contributions are reported with their bundle instead of breaking it.
 */
class DynamicInstallTest {

	@TempDir
	Path dir;

	private final ModuleRegistry registry = ModuleRegistry.getDefault();
	private final BundleContext context = FrameworkUtil.getBundle(DynamicInstallTest.class).getBundleContext();

	@Test
	void aBundleInstalledAtRunTimeAppearsAndDisappearsWhenUninstalled() throws Exception {
		String pluginXml = """
				<?xml version="1.0" encoding="UTF-8"?>
				<plugin>
				   <extension point="facet.core.attention">
				      <attention id="dynamic-attention" name="Dynamic attention" description="Installed at run time."
				            class="facet.core.tests.dynamic.DynamicAttentionFactory">
				         <parameter name="kernel" type="int" default="3" min="1" max="9" help="Kernel size."/>
				      </attention>
				   </extension>
				</plugin>
				""";
		Path jar = BundleJars.write(dir.resolve("dynamic.jar"), "facet.test.dynamic", pluginXml, DynamicAttentionFactory.class);
		assertTrue(registry.find(ModuleKind.ATTENTION, "dynamic-attention").isEmpty());
		int[] changes = new int[1];
		ModuleRegistry.Listener listener = r -> {
			synchronized (changes) {
				changes[0]++;
			}
		};
		registry.addListener(listener);
		Bundle bundle = context.installBundle(jar.toUri().toString());
		try {
			bundle.start();
			waitFor(() -> registry.find(ModuleKind.ATTENTION, "dynamic-attention").isPresent(), "the installed module to appear");
			ModuleDescriptor module = registry.get(ModuleKind.ATTENTION, "dynamic-attention");
			assertEquals("facet.test.dynamic", module.bundle());
			assertEquals("1.2.3", module.version());
			@SuppressWarnings("unchecked")
			AttentionFactory<String> factory = module.factory(AttentionFactory.class);
			assertEquals("facet.test.dynamic", FrameworkUtil.getBundle(factory.getClass()).getSymbolicName(),
					"the factory class comes from the installed bundle");
			assertEquals("dynamic(64, k=5)", factory.create(module.settings(Map.of("kernel", 5)), 64));
			synchronized (changes) {
				assertTrue(changes[0] > 0, "listeners hear about the new module");
			}
		} finally {
			bundle.uninstall();
		}
		waitFor(() -> registry.find(ModuleKind.ATTENTION, "dynamic-attention").isEmpty(), "the uninstalled module to disappear");
		registry.removeListener(listener);
		assertTrue(registry.find(ModuleKind.BACKBONE, "test-backbone").isPresent(), "the other modules stay");
	}

	@Test
	void brokenContributionsAreReportedWithTheirBundleAndHarmNothingElse() throws Exception {
		String pluginXml = """
				<?xml version="1.0" encoding="UTF-8"?>
				<plugin>
				   <extension point="facet.core.detectors">
				      <detector id="no-class" name="No class"/>
				   </extension>
				   <extension point="facet.core.backbones">
				      <backbone id="bad-enum" name="Bad enum" class="x.Y">
				         <parameter name="mode" type="enum" default="a"/>
				      </backbone>
				      <backbone id="bad-default" name="Bad default" class="x.Y">
				         <parameter name="depth" type="int" default="12" min="1" max="8"/>
				      </backbone>
				   </extension>
				   <extension point="facet.core.heads">
				      <head id="test-head" name="Duplicate of the test head" class="x.Y"/>
				   </extension>
				   <extension point="facet.core.losses">
				      <loss id="throwing-loss" name="Throwing" class="facet.core.tests.dynamic.ThrowingLossFactory"/>
				      <loss id="missing-class" name="Missing class" class="facet.core.tests.dynamic.DoesNotExist"/>
				   </extension>
				</plugin>
				""";
		Path jar = BundleJars.write(dir.resolve("broken.jar"), "facet.test.broken", pluginXml, ThrowingLossFactory.class);
		Bundle bundle = context.installBundle(jar.toUri().toString());
		try {
			bundle.start();
			waitFor(() -> registry.find(ModuleKind.LOSS, "throwing-loss").isPresent(), "the broken bundle's modules");
			List<String> problems = registry.problems().stream().filter(p -> p.bundle().equals("facet.test.broken"))
					.map(Object::toString).toList();
			assertEquals(4, problems.size(), problems.toString());
			assertTrue(problems.get(0).contains("detector 'no-class': missing required attribute class"), problems.toString());
			assertTrue(problems.get(1).contains("enum parameter 'mode' needs a choices attribute"), problems.toString());
			assertTrue(problems.get(2).contains("has default \"12\" that is not valid: expected an integer in [1, 8]"),
					problems.toString());
			assertTrue(problems.get(3).contains("head 'test-head': duplicate id: already contributed by facet.testmodules"),
					problems.toString());
			assertEquals("facet.testmodules", registry.get(ModuleKind.HEAD, "test-head").bundle());

			ModuleException throwing = assertThrows(ModuleException.class,
					() -> registry.get(ModuleKind.LOSS, "throwing-loss").factory());
			assertTrue(throwing.getMessage().startsWith("loss 'throwing-loss' from bundle facet.test.broken: cannot create factory"),
					throwing.getMessage());
			assertTrue(throwing.getMessage().contains("weights file missing"), throwing.getMessage());
			ModuleException missing = assertThrows(ModuleException.class,
					() -> registry.get(ModuleKind.LOSS, "missing-class").factory());
			assertTrue(missing.getMessage().contains("facet.test.broken"), missing.getMessage());
			assertTrue(registry.get(ModuleKind.LOSS, "test-loss").factory() != null, "a healthy module still works");
		} finally {
			bundle.uninstall();
		}
		waitFor(() -> registry.problems().stream().noneMatch(p -> p.bundle().equals("facet.test.broken")),
				"the broken bundle's problems to go with it");
	}

	@Test
	void pluginsInstalledTogetherAreRememberedAndADisabledModuleLeavesTheListsUntilUninstalled() throws Exception {
		String pluginXml = """
				<?xml version="1.0" encoding="UTF-8"?>
				<plugin>
				   <extension point="facet.core.attention">
				      <attention id="disabled-attention" name="To be disabled" class="facet.core.tests.dynamic.DynamicAttentionFactory"/>
				   </extension>
				</plugin>
				""";
		Path jar = BundleJars.write(dir.resolve("disabled.jar"), "facet.test.disabled", pluginXml, DynamicAttentionFactory.class);
		List<Bundle> installed = facet.core.modules.ModulePlugins.install(List.of(jar));
		try {
			assertEquals(installed, facet.core.modules.ModulePlugins.installed());
			waitFor(() -> registry.find(ModuleKind.ATTENTION, "disabled-attention").isPresent(), "the module to appear");
			registry.disable(registry.get(ModuleKind.ATTENTION, "disabled-attention"), "factory failed");
			assertTrue(registry.find(ModuleKind.ATTENTION, "disabled-attention").isEmpty(), "a disabled module is not offered");
			assertTrue(registry.problems().stream().anyMatch(p -> "disabled-attention".equals(p.id()) && p.message().equals("disabled: factory failed")));
			registry.refresh();
			assertTrue(registry.find(ModuleKind.ATTENTION, "disabled-attention").isEmpty(), "and stays disabled when the registry is reread");
		} finally {
			facet.core.modules.ModulePlugins.uninstall(installed);
		}
		assertTrue(facet.core.modules.ModulePlugins.installed().isEmpty());
		waitFor(() -> registry.problems().stream().noneMatch(p -> "disabled-attention".equals(p.id())), "the problem to go with its bundle");
	}
}
