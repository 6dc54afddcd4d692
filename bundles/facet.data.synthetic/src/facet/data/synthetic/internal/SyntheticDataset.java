package facet.data.synthetic.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.spi.Dataset;

/** The generated faces as a {@link Dataset}: listed without drawing, drawn when loaded. */
public final class SyntheticDataset implements Dataset {

	private final FaceGenerator generator;
	private final SamplePlan plan;
	private final Map<String, SampleSpec> byId = new HashMap<>();

	public SyntheticDataset(GeneratorOptions options) {
		generator = new FaceGenerator(options);
		plan = new SamplePlan(options);
		for (SampleSpec spec : plan.samples()) {
			byId.put(spec.id(), spec);
		}
	}

	@Override
	public Map<String, List<Sample>> splits() {
		Map<String, List<Sample>> splits = new LinkedHashMap<>();
		plan.splits().forEach((name, specs) -> splits.put(name, specs.stream().map(SampleSpec::sample).toList()));
		return splits;
	}

	@Override
	public ImageRaster load(Sample sample) throws IOException {
		SampleSpec spec = byId.get(sample.id());
		if (spec == null) {
			throw new IOException("synthetic: no sample '" + sample.id() + "' in this dataset (ids look like train/happiness/s000123-id0042)");
		}
		return generator.render(spec).image();
	}

	/** Whether the sample has an occluder drawn over the face. */
	public boolean occluded(Sample sample) {
		SampleSpec spec = byId.get(sample.id());
		return spec != null && spec.occluded();
	}

	public SamplePlan plan() {
		return plan;
	}

	public FaceGenerator generator() {
		return generator;
	}
}
