package facet.nn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import facet.core.modules.ModuleException;
import facet.nn.api.ClassifierHead;

/** Heads give [logits (N, K)] or [logits, embedding (N, D)] from a feature map. */
class HeadTest {

	private static final Shape FEATURES = new Shape(4, 64, 3, 3);

	private static NDManager manager;

	@BeforeAll
	static void open() {
		manager = Nets.manager();
	}

	@AfterAll
	static void close() {
		manager.close();
	}

	private static NDList run(ClassifierHead head, NDManager scope) {
		Nets.initialize(head, scope, FEATURES);
		NDList out = Nets.infer(head, scope, Nets.random(scope, FEATURES));
		assertEquals(head.getOutputShapes(new Shape[] { FEATURES }).length, out.size());
		return out;
	}

	@Test
	void linearGivesLogitsOnly() throws ModuleException {
		ClassifierHead head = (ClassifierHead) Nets.head("linear", Map.of(), 7);
		try (NDManager scope = manager.newSubManager()) {
			NDList out = run(head, scope);
			assertEquals(1, out.size());
			assertEquals(new Shape(4, 7), ClassifierHead.logits(out).getShape());
			assertEquals(0, head.embeddingSize());
		}
	}

	@Test
	void embeddingHeadGivesLogitsAndEmbedding() throws ModuleException {
		ClassifierHead head = (ClassifierHead) Nets.head("embedding", Map.of("size", 32), 7);
		try (NDManager scope = manager.newSubManager()) {
			NDList out = run(head, scope);
			assertEquals(new Shape(4, 7), out.get(0).getShape());
			assertEquals(new Shape(4, 32), ClassifierHead.embedding(out).orElseThrow().getShape());
			assertEquals(32, head.embeddingSize());
		}
	}

	@Test
	void refinementGivesLogitsAndOptionallyTheRefinedFeatures() throws ModuleException {
		try (NDManager scope = manager.newSubManager()) {
			ClassifierHead plain = (ClassifierHead) Nets.head("refinement", Map.of(), 7);
			NDList out = run(plain, scope);
			assertEquals(1, out.size());
			assertEquals(new Shape(4, 7), out.head().getShape());
			ClassifierHead withEmbedding = (ClassifierHead) Nets.head("refinement", Map.of("embedding", true), 7);
			assertTrue(withEmbedding.hasEmbedding());
			out = run(withEmbedding, scope);
			assertEquals(new Shape(4, 64), out.get(1).getShape());
			assertEquals(64, withEmbedding.embeddingSize());
		}
	}
}
