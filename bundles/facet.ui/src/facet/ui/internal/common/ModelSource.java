package facet.ui.internal.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.run.PretrainedModel;
import facet.engine.run.TrainedModel;

/**
 * The models a view can explain or apply: the pretrained model and every run of the store that
 * has a checkpoint, by name ({@link PretrainedModel#NAME} or a run id). Opened models are kept
 * until {@link #close()}, because opening one builds its network and reads its weights.
 */
public final class ModelSource implements AutoCloseable {

	private final RunStore store;
	private final ModuleRegistry registry;
	private final Map<String, TrainedModel> open = new LinkedHashMap<>();

	public ModelSource(RunStore store, ModuleRegistry registry) {
		this.store = store;
		this.registry = registry;
	}

	public RunStore store() {
		return store;
	}

	/** The names a user can choose: {@code pretrained} when its module is installed, then the runs with a best checkpoint, newest first. */
	public List<String> names() throws IOException {
		List<String> names = new ArrayList<>();
		if (PretrainedModel.available(registry)) {
			names.add(PretrainedModel.NAME);
		}
		List<Run> runs = new ArrayList<>(store.list());
		runs.sort((a, b) -> b.info().started().compareTo(a.info().started()));
		for (Run run : runs) {
			if (run.info().status() != RunStatus.RUNNING && Files.isDirectory(run.folder().resolve("checkpoints"))) {
				names.add(run.id());
			}
		}
		return names;
	}

	/** The model of that name, opened at the first call. */
	public synchronized TrainedModel open(String name) throws IOException {
		TrainedModel model = open.get(name);
		if (model != null) {
			return model;
		}
		if (name.equals(PretrainedModel.NAME)) {
			model = PretrainedModel.open(registry);
		} else {
			Path folder = store.open(name).folder();
			if (!Files.isDirectory(folder)) {
				throw new IOException("no run " + name + " in " + store.root());
			}
			model = TrainedModel.open(folder, registry);
		}
		open.put(name, model);
		return model;
	}

	/** Keeps a model built elsewhere under a name (tests: a small untrained network). */
	public synchronized void put(String name, TrainedModel model) {
		TrainedModel old = open.put(name, model);
		if (old != null && old != model) {
			old.close();
		}
	}

	@Override
	public synchronized void close() {
		open.values().forEach(TrainedModel::close);
		open.clear();
	}
}
