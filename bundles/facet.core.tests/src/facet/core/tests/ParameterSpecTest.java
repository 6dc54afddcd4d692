package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.modules.ParameterSpec;
import facet.core.modules.ParameterType;

class ParameterSpecTest {

	private final ParameterSpec depth = new ParameterSpec("depth", ParameterType.INT, 4L, 1.0, 8.0, List.of(), "Blocks.");
	private final ParameterSpec rate = new ParameterSpec("rate", ParameterType.FLOAT, 0.5, 0.0, null, List.of(), "");
	private final ParameterSpec cascade = new ParameterSpec("cascade", ParameterType.ENUM, "alt2", null, null,
			List.of("default", "alt", "alt2"), "");

	@Test
	void integersMustBeWholeAndInRange() {
		assertEquals(3L, depth.coerce(3.0));
		assertEquals("expected an integer in [1, 8], got 12",
				assertThrows(IllegalArgumentException.class, () -> depth.coerce(12)).getMessage());
		assertEquals("expected an integer in [1, 8], got 1.5",
				assertThrows(IllegalArgumentException.class, () -> depth.coerce(1.5)).getMessage());
	}

	@Test
	void jsonStringsAreNotNumbersButCommandLineTextIs() {
		assertEquals("expected a number ≥ 0, got \"x\"",
				assertThrows(IllegalArgumentException.class, () -> rate.coerce("x")).getMessage());
		assertThrows(IllegalArgumentException.class, () -> rate.coerce("0.3"));
		assertEquals(0.3, rate.parseText("0.3"));
	}

	@Test
	void enumsListTheirChoices() {
		assertEquals("alt", cascade.coerce("alt"));
		assertEquals("expected one of default, alt, alt2, got \"frontal\"",
				assertThrows(IllegalArgumentException.class, () -> cascade.coerce("frontal")).getMessage());
	}

	@Test
	void booleansAreStrict() {
		ParameterSpec flag = new ParameterSpec("flag", ParameterType.BOOL, false, null, null, List.of(), "");
		assertEquals(true, flag.coerce(true));
		assertThrows(IllegalArgumentException.class, () -> flag.coerce("yes"));
		assertEquals(true, flag.parseText("TRUE"));
	}
}
