package facet.engine.train;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import facet.core.runs.AtomicFiles;

/**
 * A run's checkpoints: {@code checkpoints/epoch-N/} (parameters, optimizer state, loop state),
 * {@code checkpoints/best/} and {@code checkpoints/last.json} naming the newest complete one.
 * A checkpoint folder is written under a temporary name and renamed when whole, and
 * {@code last.json} is replaced atomically afterwards, so a crash (or a full disk) at any point
 * leaves the previous checkpoint intact and named.
 */
public final class Checkpoints {

	static final String PARAMETERS = "model.params";
	static final String OPTIMIZER = "optimizer.bin";
	static final String STATE = "state.json";
	static final String LAST = "last.json";
	private static final int KEEP = 2;

	private final Path folder;

	public Checkpoints(Path runFolder) {
		this.folder = runFolder.resolve("checkpoints");
	}

	public Path folder() {
		return folder;
	}

	/** Where the loop stands after a completed epoch. */
	public record LoopState(int completedEpochs, int plateauDecays, double bestMetric, int bestEpoch, int epochsSinceBest) {
	}

	/** Saves the state after an epoch; copies it to {@code best/} when it is the best so far. */
	public void save(Block network, FacetOptimizer optimizer, LoopState state, boolean best) throws IOException {
		Files.createDirectories(folder);
		String name = "epoch-" + state.completedEpochs();
		Path temp = Files.createTempDirectory(folder, AtomicFiles.TEMP_PREFIX + name);
		try {
			try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(temp.resolve(PARAMETERS)))) {
				network.saveParameters(out);
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (DataOutputStream out = new DataOutputStream(bytes)) {
				optimizer.save(out);
			}
			Files.write(temp.resolve(OPTIMIZER), bytes.toByteArray());
			Files.writeString(temp.resolve(STATE), toJson(state).toString());
			Path target = folder.resolve(name);
			deleteTree(target);
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			if (best) {
				Path bestTemp = Files.createTempDirectory(folder, AtomicFiles.TEMP_PREFIX + "best");
				for (String file : new String[] { PARAMETERS, OPTIMIZER, STATE }) {
					Files.copy(target.resolve(file), bestTemp.resolve(file));
				}
				Path bestFolder = folder.resolve("best");
				Path old = folder.resolve(AtomicFiles.TEMP_PREFIX + "old-best");
				deleteTree(old);
				if (Files.exists(bestFolder)) {
					Files.move(bestFolder, old, StandardCopyOption.ATOMIC_MOVE);
				}
				Files.move(bestTemp, bestFolder, StandardCopyOption.ATOMIC_MOVE);
				deleteTree(old);
			}
			JsonObject last = new JsonObject();
			last.addProperty("checkpoint", name);
			last.addProperty("completedEpochs", state.completedEpochs());
			AtomicFiles.write(folder.resolve(LAST), last.toString() + "\n");
			pruneOlderThan(state.completedEpochs() - KEEP + 1);
		} finally {
			deleteTree(temp);
		}
	}

	/** The newest complete checkpoint, if any. */
	public Optional<Path> last() throws IOException {
		Path pointer = folder.resolve(LAST);
		if (!Files.isRegularFile(pointer)) {
			return Optional.empty();
		}
		String name = JsonParser.parseString(Files.readString(pointer)).getAsJsonObject().get("checkpoint").getAsString();
		Path checkpoint = folder.resolve(name);
		if (!Files.isRegularFile(checkpoint.resolve(STATE))) {
			throw new IOException(pointer + " names " + name + ", which is missing or incomplete");
		}
		return Optional.of(checkpoint);
	}

	/** Loads parameters (and optimizer state, when given) from a checkpoint folder. */
	public static LoopState load(Path checkpoint, Block network, FacetOptimizer optimizer, NDManager manager) throws IOException {
		try (InputStream in = Files.newInputStream(checkpoint.resolve(PARAMETERS))) {
			network.loadParameters(manager, new DataInputStream(in));
		} catch (MalformedModelException | RuntimeException e) {
			throw new IOException(checkpoint.resolve(PARAMETERS) + " does not fit this network: " + e.getMessage(), e);
		} catch (java.io.EOFException e) {
			// DataInputStream's EOFException has no message: without this the user reads "null"
			throw new IOException(checkpoint.resolve(PARAMETERS) + " ends early: the file is truncated", e);
		}
		if (optimizer != null) {
			try (DataInputStream in = new DataInputStream(Files.newInputStream(checkpoint.resolve(OPTIMIZER)))) {
				optimizer.load(in);
			}
		}
		JsonObject o = JsonParser.parseString(Files.readString(checkpoint.resolve(STATE), StandardCharsets.UTF_8)).getAsJsonObject();
		return new LoopState(o.get("completedEpochs").getAsInt(), o.get("plateauDecays").getAsInt(), o.get("bestMetric").getAsDouble(),
				o.get("bestEpoch").getAsInt(), o.get("epochsSinceBest").getAsInt());
	}

	private static JsonObject toJson(LoopState state) {
		JsonObject o = new JsonObject();
		o.addProperty("completedEpochs", state.completedEpochs());
		o.addProperty("plateauDecays", state.plateauDecays());
		o.addProperty("bestMetric", state.bestMetric());
		o.addProperty("bestEpoch", state.bestEpoch());
		o.addProperty("epochsSinceBest", state.epochsSinceBest());
		return o;
	}

	private void pruneOlderThan(int epoch) throws IOException {
		try (Stream<Path> children = Files.list(folder)) {
			for (Path child : children.toList()) {
				String n = child.getFileName().toString();
				if (n.startsWith("epoch-")) {
					try {
						if (Integer.parseInt(n.substring(6)) < epoch) {
							deleteTree(child);
						}
					} catch (NumberFormatException e) {
						// not one of ours
					}
				}
			}
		}
	}

	static void deleteTree(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}
}
