package facet.core.runs;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code run.json} holds: identity, state and environment of a run.
 *
 * @param id the run folder's name
 * @param experiment the experiment's name
 * @param seed the seed of the run
 * @param status where it stands
 * @param started when it started
 * @param ended when it ended, empty while running
 * @param message why it failed or was cancelled, empty otherwise
 * @param environment where it ran
 */
public record RunInfo(String id, String experiment, long seed, RunStatus status, Instant started, Optional<Instant> ended,
		Optional<String> message, RunEnvironment environment) {

	public RunInfo {
		ended = ended == null ? Optional.empty() : ended;
		message = message == null ? Optional.empty() : message;
	}

	RunInfo finished(RunStatus newStatus, Instant at, String why) {
		return new RunInfo(id, experiment, seed, newStatus, started, Optional.of(at), Optional.ofNullable(why), environment);
	}
}
