package facet.core.experiment;

import java.util.List;

/**
 * The learning-rate schedule.
 *
 * @param name one of {@link #NAMES}
 * @param warmupEpochs epochs of linear warm-up from 0 before the schedule starts
 * @param stepEpochs for {@code step}: epochs between decays
 * @param gamma factor of each decay ({@code step}, {@code plateau})
 * @param patience for {@code plateau}: epochs without improvement before a decay
 */
public record ScheduleSpec(String name, int warmupEpochs, int stepEpochs, double gamma, int patience) {

	public static final List<String> NAMES = List.of("constant", "step", "cosine", "plateau");

	public static ScheduleSpec defaults() {
		return new ScheduleSpec("cosine", 0, 10, 0.1, 3);
	}
}
