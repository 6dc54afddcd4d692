package facet.data.synthetic.internal;

import facet.core.modules.ModuleSettings;

/** The module's settings, read once. */
public record GeneratorOptions(int size, int perClass, Difficulty difficulty, int channels, double occlusion, long seed,
		int identities, double valFraction, double testFraction, int scenes, int sceneWidth, int sceneHeight) {

	public static GeneratorOptions of(ModuleSettings s) {
		return new GeneratorOptions(s.getInt("size"), s.getInt("perClass"), Difficulty.parse(s.getString("difficulty")),
				s.getString("channels").equals("rgb") ? 3 : 1, s.getDouble("occlusion"), s.getLong("seed"), s.getInt("identities"),
				s.getDouble("valFraction"), s.getDouble("testFraction"), s.getInt("scenes"), s.getInt("sceneWidth"),
				s.getInt("sceneHeight"));
	}

	/** The same options with gray output. */
	public GeneratorOptions gray() {
		return new GeneratorOptions(size, perClass, difficulty, 1, occlusion, seed, identities, valFraction, testFraction, scenes,
				sceneWidth, sceneHeight);
	}
}
