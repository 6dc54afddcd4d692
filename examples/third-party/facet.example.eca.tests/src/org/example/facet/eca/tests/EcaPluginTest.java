package org.example.facet.eca.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModulePlugins;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.AttentionFactory;
import facet.nn.api.AttentionBlock;

/**
 * The plug-in as a user gets it: the jar this build produced, installed into a running Facet
 * through {@link ModulePlugins} (what {@code --plugin}, {@code $FACET_PLUGINS} and the
 * workbench's Install Module Plugin… use), then uninstalled.
 */
class EcaPluginTest {

	private static List<Bundle> installed = List.of();

	@BeforeAll
	static void install() throws Exception {
		installed = ModulePlugins.install(List.of(builtJar()));
	}

	@AfterAll
	static void uninstall() {
		ModulePlugins.uninstall(installed);
	}

	static Path builtJar() throws IOException {
		Path folder = Path.of(System.getProperty("eca.plugin.folder", "../facet.example.eca/target"));
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.getFileName().toString().matches("facet\\.example\\.eca-.*\\.jar")
					&& !p.getFileName().toString().contains("sources")).findFirst()
					.orElseThrow(() -> new AssertionError("no facet.example.eca jar in " + folder.toAbsolutePath() + ": build the bundle first"));
		}
	}

	private static ModuleDescriptor eca() throws ModuleException {
		return ModuleRegistry.getDefault().get(ModuleKind.ATTENTION, "eca");
	}

	@SuppressWarnings("unchecked")
	private static Block create(Map<String, ?> values, int channels) throws ModuleException {
		ModuleDescriptor eca = eca();
		AttentionFactory<Block> factory = (AttentionFactory<Block>) eca.factorySupplier().get();
		return factory.create(eca.settings(values), channels);
	}

	private static long parameterCount(Block block) {
		return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
	}

	@Test
	void theInstalledJarContributesEcaWithItsParameters() throws Exception {
		ModuleDescriptor eca = eca();
		assertEquals("facet.example.eca", eca.bundle());
		assertEquals(List.of("gamma", "b", "kernel"), eca.parameters().stream().map(p -> p.name()).toList());
		assertTrue(eca.description().contains("CVPR 2020"), eca.description());
	}

	@Test
	void aBlockKeepsItsInputShapeAndExposesChannelWeights() throws Exception {
		try (NDManager manager = NDManager.newBaseManager()) {
			Block block = create(Map.of(), 64);
			AttentionBlock attention = assertInstanceOf(AttentionBlock.class, block);
			Shape shape = new Shape(2, 64, 5, 7);
			block.initialize(manager, DataType.FLOAT32, shape);
			assertEquals(shape, block.getOutputShapes(new Shape[] { shape })[0]);
			NDArray x = manager.randomNormal(shape);
			NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
			assertEquals(shape, y.getShape());
			NDArray weights = attention.channelWeights().orElseThrow();
			assertEquals(new Shape(2, 64), weights.getShape());
			assertTrue(weights.min().getFloat() > 0 && weights.max().getFloat() < 1, "sigmoid weights");
			assertFalse(attention.spatialMap().isPresent(), "ECA is purely channel attention");
			// y = x * w per channel: the ratio at one position is the channel's weight
			assertEquals(weights.getFloat(1, 10), y.getFloat(1, 10, 2, 3) / x.getFloat(1, 10, 2, 3), 1e-4);
		}
	}

	@Test
	void theKernelAdaptsToTheChannelCount() throws Exception {
		try (NDManager manager = NDManager.newBaseManager()) {
			// k = odd(|log2(C)/2 + 1/2|): 3 for 64 channels, 5 for 256; the kernel's weights are all the parameters
			Block small = create(Map.of(), 64);
			small.initialize(manager, DataType.FLOAT32, new Shape(1, 64, 3, 3));
			assertEquals(3, parameterCount(small));
			Block large = create(Map.of(), 256);
			large.initialize(manager, DataType.FLOAT32, new Shape(1, 256, 3, 3));
			assertEquals(5, parameterCount(large));
			Block fixed = create(Map.of("kernel", 7), 64);
			fixed.initialize(manager, DataType.FLOAT32, new Shape(1, 64, 3, 3));
			assertEquals(7, parameterCount(fixed));
		}
	}

	@Test
	void anEvenKernelIsRefusedNamingTheParameter() {
		ModuleException e = assertThrows(ModuleException.class, () -> create(Map.of("kernel", 4), 64));
		assertTrue(e.getMessage().contains("'kernel'") && e.getMessage().contains("odd"), e.getMessage());
	}

	@Test
	void uninstallingRemovesTheModuleFromTheRegistry() throws Exception {
		Path jar = builtJar();
		// a second copy of the bundle cannot be installed beside the first: use the one installed above
		assertNotNull(eca());
		Bundle bundle = installed.get(0);
		ModulePlugins.uninstall(List.of(bundle));
		try {
			// the extension registry may tell the module registry a moment later
			long deadline = System.nanoTime() + 20_000_000_000L;
			while (ModuleRegistry.getDefault().find(ModuleKind.ATTENTION, "eca").isPresent() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertTrue(ModuleRegistry.getDefault().find(ModuleKind.ATTENTION, "eca").isEmpty(), "eca is gone");
		} finally {
			installed = ModulePlugins.install(List.of(jar));
		}
		assertNotNull(eca(), "and back after reinstalling");
	}
}
