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
import facet.nn.api.FacetLoss;
import facet.platform.djl.host.HostCopies;

/**
 * A run's checkpoints: {@code checkpoints/epoch-N/} (parameters, optimizer state, loop state, and
 * the loss's own learned state such as the center loss's centres),
 * {@code checkpoints/best/} and {@code checkpoints/last.json} naming the newest complete one.
 * A checkpoint folder is written under a temporary name and renamed when whole, and
 * {@code last.json} is replaced atomically afterwards, so a crash (or a full disk) at any point
 * leaves the previous checkpoint intact and named.
 */
public final class Checkpoints {

	static final String PARAMETERS = "model.params";
	static final String OPTIMIZER = "optimizer.bin";
	static final String STATE = "state.json";
	/** {@link FacetLoss#saveState} of the loss; absent in checkpoints of plain DJL losses. */
	static final String LOSS_STATE = "loss-state.bin";
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
		save(network, optimizer, null, state, best);
	}

	/**
	 * Saves the state after an epoch, with the loss's own state when {@code loss} is not null;
	 * copies it to {@code best/} when it is the best so far.
	 */
	public void save(Block network, FacetOptimizer optimizer, FacetLoss loss, LoopState state, boolean best) throws IOException {
		Files.createDirectories(folder);
		String name = "epoch-" + state.completedEpochs();
		Path temp = Files.createTempDirectory(folder, AtomicFiles.TEMP_PREFIX + name);
		try {
			// off the training thread: see HostCopies for what a copy from a long-lived thread costs
			HostCopies.run(() -> {
				try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(temp.resolve(PARAMETERS)))) {
					network.saveParameters(out);
				}
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				try (DataOutputStream out = new DataOutputStream(bytes)) {
					optimizer.save(out);
				}
				Files.write(temp.resolve(OPTIMIZER), bytes.toByteArray());
				if (loss != null) {
					ByteArrayOutputStream lossBytes = new ByteArrayOutputStream();
					try (DataOutputStream out = new DataOutputStream(lossBytes)) {
						loss.saveState(out);
					}
					Files.write(temp.resolve(LOSS_STATE), lossBytes.toByteArray());
				}
			});
			Files.writeString(temp.resolve(STATE), toJson(state).toString());
			Path target = folder.resolve(name);
			deleteTree(target);
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			if (best) {
				Path bestTemp = Files.createTempDirectory(folder, AtomicFiles.TEMP_PREFIX + "best");
				for (String file : new String[] { PARAMETERS, OPTIMIZER, STATE, LOSS_STATE }) {
					if (Files.exists(target.resolve(file))) {
						Files.copy(target.resolve(file), bestTemp.resolve(file));
					}
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
		return load(checkpoint, network, optimizer, null, manager);
	}

	/**
	 * Loads parameters, and the optimizer's and the loss's state when they are given, from a
	 * checkpoint folder.
	 */
	public static LoopState load(Path checkpoint, Block network, FacetOptimizer optimizer, FacetLoss loss, NDManager manager) throws IOException {
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
		if (loss != null) {
			loadLossState(checkpoint, loss);
		}
		JsonObject o = JsonParser.parseString(Files.readString(checkpoint.resolve(STATE), StandardCharsets.UTF_8)).getAsJsonObject();
		return new LoopState(o.get("completedEpochs").getAsInt(), o.get("plateauDecays").getAsInt(), o.get("bestMetric").getAsDouble(),
				o.get("bestEpoch").getAsInt(), o.get("epochsSinceBest").getAsInt());
	}

	/**
	 * Restores the loss's own state (the centres of center and island loss) from a checkpoint. A
	 * checkpoint written before losses had state holds none: the loss keeps what it has.
	 */
	public static void loadLossState(Path checkpoint, FacetLoss loss) throws IOException {
		Path file = checkpoint.resolve(LOSS_STATE);
		if (!Files.isRegularFile(file)) {
			return;
		}
		try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
			loss.loadState(in);
		} catch (java.io.EOFException e) {
			throw new IOException(file + " ends early: the file is truncated", e);
		} catch (IOException e) {
			throw new IOException(file + ": " + e.getMessage(), e);
		}
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
