package facet.core.data;

/**
 * A dataset entry that did not become a sample, with the reason, so that a run can record
 * what it left out.
 *
 * @param location where the entry is: a file and line ({@code /data/fer2013.csv:17}) or a path
 * @param reason what was wrong or why it was excluded, with what was expected
 * @param bad whether the entry was malformed (skipped because the reader was asked to skip bad
 *        entries), as opposed to well-formed but excluded by a documented rule (a FER+ tie,
 *        AffectNet's contempt, a folder mapped to nothing)
 */
public record SkippedEntry(String location, String reason, boolean bad) {

	@Override
	public String toString() {
		return location + ": " + reason;
	}
}
