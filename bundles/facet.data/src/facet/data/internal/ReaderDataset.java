package facet.data.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.core.Sample;
import facet.core.data.BadDataException;
import facet.core.data.SkippedEntry;
import facet.core.spi.Dataset;

/**
 * What every reader shares: the index is read once, on the first call of {@link #splits()};
 * malformed entries either stop the reading with a {@link BadDataException} or, with
 * {@code skipBad}, are skipped and listed in {@link #skipped()}; the dataset's own splits are
 * then kept or re-split as the settings ask.
 */
abstract class ReaderDataset implements Dataset {

	private final boolean skipBad;
	private final Resplit resplit;
	private Map<String, List<Sample>> splits;
	private List<SkippedEntry> skipped = List.of();

	ReaderDataset(ReaderSettings settings) {
		this.skipBad = settings.skipBad();
		this.resplit = settings.resplit();
	}

	/** Reads the index: calls {@link Index#add} for every sample and {@link Index#bad} / {@link Index#exclude} for the rest. */
	protected abstract void read(Index index) throws IOException;

	@Override
	public final synchronized Map<String, List<Sample>> splits() throws IOException {
		if (splits == null) {
			Index index = new Index();
			read(index);
			Map<String, List<Sample>> own = new LinkedHashMap<>();
			for (String split : SplitNames.ORDER) {
				List<Sample> samples = index.samples.remove(split);
				if (samples != null) {
					own.put(split, samples);
				}
			}
			own.putAll(index.samples);
			own.replaceAll((name, list) -> Collections.unmodifiableList(list));
			splits = resplit.apply(Collections.unmodifiableMap(own));
			skipped = List.copyOf(index.skipped);
		}
		return splits;
	}

	@Override
	public final synchronized List<SkippedEntry> skipped() {
		return skipped;
	}

	/** Collects what a reader finds. */
	protected final class Index {

		private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
		private final List<SkippedEntry> skipped = new ArrayList<>();

		void add(Sample sample) {
			samples.computeIfAbsent(sample.split(), s -> new ArrayList<>()).add(sample);
		}

		/**
		 * A malformed entry: thrown, or recorded when bad entries are skipped.
		 *
		 * @throws BadDataException unless {@code skipBad}
		 */
		void bad(String location, String problem) throws BadDataException {
			if (!skipBad) {
				throw new BadDataException(location, problem);
			}
			skipped.add(new SkippedEntry(location, problem, true));
		}

		/** Like {@link #bad(String, String)} for an exception that already names the place. */
		void bad(BadDataException e) throws BadDataException {
			if (!skipBad) {
				throw e;
			}
			skipped.add(new SkippedEntry(e.location(), e.problem(), true));
		}

		/** A well-formed entry left out by a documented rule; never an error. */
		void exclude(String location, String reason) {
			skipped.add(new SkippedEntry(location, reason, false));
		}
	}
}
