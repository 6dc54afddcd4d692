package facet.nn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleSettings;
import facet.nn.api.StagedBackbone;

/** Every backbone's stages and their output shapes, run for real; ResNet parameter counts. */
class BackboneTest {

	private static final List<String> FOUR_STAGES = List.of("stem", "stage1", "stage2", "stage3", "stage4", "head-input");

	private static NDManager manager;

	@BeforeAll
	static void open() {
		manager = Nets.manager();
	}

	@AfterAll
	static void close() {
		manager.close();
	}

	/** id, params, input (C, H, W), then (channels, side) per stage in FOUR_STAGES order. */
	static List<Arguments> shapes() {
		return List.of(
				Arguments.of("resnet18", Map.of("stem", "fer"), new long[] { 1, 48, 48 }, new long[] { 64, 48, 64, 48, 128, 24, 256, 12, 512, 6, 512, 6 }),
				Arguments.of("resnet18", Map.of("stem", "imagenet"), new long[] { 1, 48, 48 }, new long[] { 64, 12, 64, 12, 128, 6, 256, 3, 512, 2, 512, 2 }),
				Arguments.of("resnet18", Map.of("stem", "imagenet"), new long[] { 3, 112, 112 }, new long[] { 64, 28, 64, 28, 128, 14, 256, 7, 512, 4, 512, 4 }),
				Arguments.of("resnet18", Map.of("stem", "fer"), new long[] { 3, 112, 112 }, new long[] { 64, 112, 64, 112, 128, 56, 256, 28, 512, 14, 512, 14 }),
				Arguments.of("resnet34", Map.of("stem", "fer"), new long[] { 1, 48, 48 }, new long[] { 64, 48, 64, 48, 128, 24, 256, 12, 512, 6, 512, 6 }),
				Arguments.of("resnet34", Map.of("stem", "imagenet"), new long[] { 3, 112, 112 }, new long[] { 64, 28, 64, 28, 128, 14, 256, 7, 512, 4, 512, 4 }),
				Arguments.of("vgg", Map.of(), new long[] { 1, 48, 48 }, new long[] { 64, 48, 64, 24, 128, 12, 256, 6, 512, 3, 512, 3 }),
				Arguments.of("vgg", Map.of(), new long[] { 3, 112, 112 }, new long[] { 64, 112, 64, 56, 128, 28, 256, 14, 512, 7, 512, 7 }),
				Arguments.of("ghost-resnet", Map.of(), new long[] { 1, 48, 48 }, new long[] { 32, 48, 32, 48, 64, 24, 128, 12, 256, 6, 256, 6 }),
				Arguments.of("ghost-resnet", Map.of("stem", "imagenet"), new long[] { 3, 112, 112 }, new long[] { 32, 28, 32, 28, 64, 14, 128, 7, 256, 4, 256, 4 }),
				Arguments.of("separable", Map.of(), new long[] { 1, 48, 48 }, new long[] { 32, 48, 64, 24, 128, 12, 256, 6, 512, 3, 512, 3 }),
				Arguments.of("separable", Map.of(), new long[] { 3, 112, 112 }, new long[] { 32, 112, 64, 56, 128, 28, 256, 14, 512, 7, 512, 7 }));
	}

	@ParameterizedTest(name = "{0} {1} at {2}")
	@MethodSource("shapes")
	void everyStageHasTheExpectedShape(String id, Map<String, Object> params, long[] chw, long[] expected) throws ModuleException {
		ModuleSettings settings = Nets.settings(ModuleKind.BACKBONE, id, params);
		int channels = (int) chw[0];
		assertEquals(FOUR_STAGES, Nets.backbone(id).stageNames(settings));
		StagedBackbone backbone = Nets.backbone(id).create(settings, channels, Map.of());
		Shape input = new Shape(1, chw[0], chw[1], chw[2]);
		try (NDManager scope = manager.newSubManager()) {
			Nets.initialize(backbone, scope, input);
			Map<String, Integer> declared = Nets.backbone(id).stageChannels(settings, channels);
			Map<String, Shape> predicted = backbone.stageOutputShapes(input);
			NDArray x = Nets.random(scope, input);
			ParameterStore store = new ParameterStore(scope, false);
			for (int i = 0; i < FOUR_STAGES.size(); i++) {
				String stage = FOUR_STAGES.get(i);
				Shape want = new Shape(1, expected[2 * i], expected[2 * i + 1], expected[2 * i + 1]);
				assertEquals(want, predicted.get(stage), id + " predicted shape of " + stage);
				assertEquals(want.get(1), (long) declared.get(stage), id + " declared channels of " + stage);
			}
			// run for real: to the middle stage, then on from it, must equal the whole pass
			NDArray whole = backbone.forward(store, new NDList(x), false).singletonOrThrow();
			NDList middle = backbone.forwardTo(store, new NDList(x), false, "stage2");
			assertEquals(predicted.get("stage2"), middle.singletonOrThrow().getShape());
			NDArray rest = backbone.forwardFrom(store, middle, false, "stage2").singletonOrThrow();
			assertEquals(predicted.get("head-input"), whole.getShape());
			assertTrue(whole.allClose(rest, 1e-4, 1e-5, false), id + ": forwardTo + forwardFrom differs from forward");
		}
	}

	@Test
	void resnet18HasTheLiteraturesParameterCount() throws ModuleException {
		// torchvision's resnet18: 11,689,512 with the 1000-class fc (11,176,512 without)
		long trunk = trunkParameters("resnet18");
		assertEquals(11_176_512, trunk, 0.0001 * 11_176_512, "ResNet-18 trunk");
		long withFc = trunk + 512 * 1000 + 1000;
		assertEquals(11_689_512, withFc, 0.01 * 11_689_512, "ResNet-18 trunk + fc");
	}

	@Test
	void resnet34HasTheLiteraturesParameterCount() throws ModuleException {
		// torchvision's resnet34: 21,797,672 with the 1000-class fc
		assertEquals(21_797_672, trunkParameters("resnet34") + 513_000, 0.01 * 21_797_672);
	}

	@Test
	void trunkAndFcCountedAsOneNetwork() throws ModuleException {
		ModuleSettings settings = Nets.settings(ModuleKind.BACKBONE, "resnet18", Map.of("stem", "imagenet"));
		Block net = new SequentialBlock().add(Nets.backbone("resnet18").create(settings, 3, Map.of())).add(Pool.globalAvgPool2dBlock())
				.add(Linear.builder().setUnits(1000).build());
		try (NDManager scope = manager.newSubManager()) {
			Nets.initialize(net, scope, new Shape(1, 3, 64, 64));
			long count = Nets.trainableParameters(net);
			assertTrue(Math.abs(count - 11_689_512) <= 0.01 * 11_689_512, "ResNet-18 with fc: " + count);
		}
	}

	private static long trunkParameters(String id) throws ModuleException {
		ModuleSettings settings = Nets.settings(ModuleKind.BACKBONE, id, Map.of("stem", "imagenet"));
		StagedBackbone backbone = Nets.backbone(id).create(settings, 3, Map.of());
		try (NDManager scope = manager.newSubManager()) {
			Nets.initialize(backbone, scope, new Shape(1, 3, 64, 64));
			return Nets.trainableParameters(backbone);
		}
	}

	@Test
	void attentionIsSplicedAfterTheNamedStages() throws ModuleException {
		ModuleSettings settings = Nets.settings(ModuleKind.BACKBONE, "separable", Map.of("stages", 3, "width", 8));
		Map<String, Integer> channels = Nets.backbone("separable").stageChannels(settings, 1);
		Map<String, List<Block>> attention = new LinkedHashMap<>();
		attention.put("stem", List.of(Nets.attention("cam", Map.of("reduction", 2), channels.get("stem"))));
		attention.put("stage2", new ArrayList<>(List.of(Nets.attention("csam", Map.of("reduction", 4), channels.get("stage2")),
				Nets.attention("msa", Map.of(), channels.get("stage2")))));
		attention.put("head-input", List.of(Nets.attention("ehorm", Map.of("reduction", 4), channels.get("head-input"))));
		StagedBackbone backbone = Nets.backbone("separable").create(settings, 1, attention);
		try (NDManager scope = manager.newSubManager()) {
			Shape input = new Shape(2, 1, 48, 48);
			Nets.initialize(backbone, scope, input);
			NDArray out = Nets.infer(backbone, scope, Nets.random(scope, input)).singletonOrThrow();
			assertEquals(new Shape(2, 64, 6, 6), out.getShape());
			assertEquals(List.of("stem", "stage2", "head-input"), List.copyOf(backbone.attentionBlocks().keySet()));
			assertEquals(2, backbone.attentionBlocks().get("stage2").size());
			assertEquals(new Shape(2, 1, 12, 12), backbone.attentionBlocks().get("stage2").get(0).spatialMap().orElseThrow().getShape());
			assertEquals(new Shape(2, 8), backbone.attentionBlocks().get("stem").get(0).channelWeights().orElseThrow().getShape());
		}
	}

	@Test
	void attentionAtAnUnknownStageIsRefusedNamingTheStages() throws ModuleException {
		ModuleSettings settings = Nets.settings(ModuleKind.BACKBONE, "vgg", Map.of("blocks", 2));
		ModuleException e = assertThrows(ModuleException.class,
				() -> Nets.backbone("vgg").create(settings, 1, Map.of("stage5", List.of(Nets.attention("se", Map.of(), 64)))));
		assertTrue(e.getMessage().contains("stage5") && e.getMessage().contains("stem, stage1, stage2, head-input"), e.getMessage());
	}
}
