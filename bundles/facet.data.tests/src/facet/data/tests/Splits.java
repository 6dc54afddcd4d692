package facet.data.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import facet.core.Sample;

/** Test shorthand. */
final class Splits {

	private Splits() {
	}

	static List<Sample> flat(Map<String, List<Sample>> splits) {
		List<Sample> all = new ArrayList<>();
		splits.values().forEach(all::addAll);
		return all;
	}
}
