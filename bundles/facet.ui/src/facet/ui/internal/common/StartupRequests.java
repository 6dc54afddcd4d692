package facet.ui.internal.common;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

import facet.core.experiment.ModuleRef;
import facet.core.runs.RunStore;
import facet.ui.internal.compare.CompareEditor;
import facet.ui.internal.compare.CompareEditorInput;
import facet.ui.internal.dataset.DatasetView;

/**
 * What the environment asks the workbench to show at start, for screenshots and demonstrations
 * (releng/screenshot.sh passes these through):
 * <ul>
 * <li>{@code FACET_COMPARE}: runs (ids of the run store or folders, separated by ':') to open in
 * the compare editor;</li>
 * <li>{@code FACET_SHOW_VIEW}: view ids (separated by ':') to show, the last one on top;</li>
 * <li>{@code FACET_VIEW_INPUT}: images or folders (separated by ':') that the last shown view
 * opens at once, if it {@linkplain ImageInputView takes images}, with the models named by
 * {@code FACET_MODELS} (separated by ',', e.g. {@code pretrained});</li>
 * <li>{@code FACET_DATASET}: a dataset module id or an experiment file that the Dataset view, when
 * it is the last shown view, reads at once;</li>
 * <li>{@code FACET_MAXIMIZE=1}: maximizes the last shown view (or the compare editor), so that a
 * picture of it has room.</li>
 * </ul>
 * A name that does not resolve is logged and skipped.
 */
public final class StartupRequests {

	/** A view that can be started on images and models. */
	public interface ImageInputView {
		void start(List<Path> images, List<String> models);
	}

	private StartupRequests() {
	}

	public static void apply(IWorkbenchPage page) {
		String compare = System.getenv("FACET_COMPARE");
		if (compare != null && !compare.isBlank()) {
			compare(page, split(compare, File.pathSeparator));
		}
		boolean maximize = "1".equals(System.getenv("FACET_MAXIMIZE"));
		String views = System.getenv("FACET_SHOW_VIEW");
		if (views == null || views.isBlank()) {
			if (maximize && page.getActiveEditor() != null) {
				page.setPartState(page.getReference(page.getActiveEditor()), IWorkbenchPage.STATE_MAXIMIZED);
			}
			return;
		}
		IViewPart last = null;
		for (String id : split(views, File.pathSeparator)) {
			try {
				last = page.showView(id);
			} catch (PartInitException e) {
				Platform.getLog(StartupRequests.class).warn("$FACET_SHOW_VIEW names " + id + ", which cannot be shown: " + e.getMessage());
			}
		}
		if (maximize && last != null) {
			page.setPartState(page.getReference(last), IWorkbenchPage.STATE_MAXIMIZED);
		}
		String datasetName = System.getenv("FACET_DATASET");
		if (last instanceof DatasetView datasetView && datasetName != null && !datasetName.isBlank()) {
			Path file = Path.of(datasetName);
			if (Files.isRegularFile(file)) {
				datasetView.load(null, file);
			} else {
				datasetView.load(ModuleRef.of(datasetName), null);
			}
		}
		String input = System.getenv("FACET_VIEW_INPUT");
		if (last instanceof ImageInputView view && input != null && !input.isBlank()) {
			List<Path> images = new ArrayList<>();
			for (String name : split(input, File.pathSeparator)) {
				try {
					images.addAll(ImageInputs.expand(Path.of(name)));
				} catch (IOException e) {
					Platform.getLog(StartupRequests.class).warn("$FACET_VIEW_INPUT: " + e.getMessage());
				}
			}
			String models = System.getenv("FACET_MODELS");
			view.start(images, models == null || models.isBlank() ? List.of() : split(models, ","));
		}
	}

	private static void compare(IWorkbenchPage page, List<String> names) {
		RunStore store = RunStore.defaultStore();
		List<Path> folders = new ArrayList<>();
		for (String name : names) {
			Path path = Path.of(name);
			if (Files.isDirectory(path)) {
				folders.add(path);
				continue;
			}
			try {
				folders.add(store.open(name).folder());
			} catch (IOException e) {
				Platform.getLog(StartupRequests.class).warn("$FACET_COMPARE: " + name + ": " + e.getMessage());
			}
		}
		if (folders.isEmpty()) {
			return;
		}
		try {
			page.openEditor(new CompareEditorInput(folders, "test"), CompareEditor.ID);
		} catch (PartInitException e) {
			Platform.getLog(StartupRequests.class).error("Cannot open the compare editor", e);
		}
	}

	private static List<String> split(String text, String separator) {
		return Arrays.stream(text.split(java.util.regex.Pattern.quote(separator))).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}
}
