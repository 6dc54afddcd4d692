package facet.engine.sweep;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The points of an ablation sweep: the full experiment, then one point per component removed —
 * each attention module, each augmentation, each loss term after the first (the classification
 * loss stays, or nothing would train).
 */
public final class Ablations {

	/** One variant: what it lacks, and the experiment without it. */
	public record Variant(String label, JsonObject experiment) {
	}

	private Ablations() {
	}

	public static List<Variant> of(JsonObject base) {
		List<Variant> variants = new ArrayList<>();
		variants.add(new Variant("full", base.deepCopy()));
		JsonObject backbone = base.has("backbone") && base.get("backbone").isJsonObject() ? base.getAsJsonObject("backbone") : null;
		if (backbone != null && backbone.has("attention") && backbone.get("attention").isJsonArray()) {
			JsonArray attention = backbone.getAsJsonArray("attention");
			for (int i = 0; i < attention.size(); i++) {
				JsonObject copy = base.deepCopy();
				copy.getAsJsonObject("backbone").getAsJsonArray("attention").remove(i);
				variants.add(new Variant("without " + id(attention.get(i)) + stage(attention.get(i)), copy));
			}
		}
		if (base.has("augmentations") && base.get("augmentations").isJsonArray()) {
			JsonArray augmentations = base.getAsJsonArray("augmentations");
			for (int i = 0; i < augmentations.size(); i++) {
				JsonObject copy = base.deepCopy();
				copy.getAsJsonArray("augmentations").remove(i);
				variants.add(new Variant("without " + id(augmentations.get(i)), copy));
			}
		}
		if (base.has("loss") && base.get("loss").isJsonObject() && base.getAsJsonObject("loss").has("terms")
				&& base.getAsJsonObject("loss").get("terms").isJsonArray()) {
			JsonArray terms = base.getAsJsonObject("loss").getAsJsonArray("terms");
			for (int i = 1; i < terms.size(); i++) {
				JsonObject copy = base.deepCopy();
				copy.getAsJsonObject("loss").getAsJsonArray("terms").remove(i);
				variants.add(new Variant("without " + id(terms.get(i)) + " loss", copy));
			}
		}
		return variants;
	}

	private static String id(JsonElement module) {
		return module.isJsonObject() && module.getAsJsonObject().has("id") ? module.getAsJsonObject().get("id").getAsString() : "?";
	}

	private static String stage(JsonElement module) {
		return module.isJsonObject() && module.getAsJsonObject().has("stage") ? " at " + module.getAsJsonObject().get("stage").getAsString() : "";
	}
}
