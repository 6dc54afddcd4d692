package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.engine.run.PretrainedModel;
import facet.engine.tests.fixtures.FakeRuns;
import facet.ui.internal.analyze.AnalyzeView;
import facet.ui.internal.common.DefaultChoices;
import facet.ui.internal.heatmap.HeatmapView;
import facet.ui.internal.preferences.FacetPreferences;

/**
 * The default detector and model preferences are what the analyze view and the heatmap viewer
 * start with; a preference that names nothing installed falls back visibly.
 */
class DefaultChoicesTest {

	@TempDir
	Path dir;

	private Display display;
	private Shell shell;
	private IEclipsePreferences node;
	private String[] saved;

	@BeforeEach
	void open() throws Exception {
		shell = TestDisplay.newShell();
		display = shell.getDisplay();
		shell.setLayout(new FillLayout());
		// the views read the workbench's own preferences: keep what was there, put it back after
		node = FacetPreferences.instance().node();
		saved = new String[] { node.get(FacetPreferences.RUN_STORE, null), node.get(FacetPreferences.DETECTOR, null), node.get(FacetPreferences.MODEL, null) };
	}

	@AfterEach
	void close() throws Exception {
		shell.dispose();
		String[] keys = { FacetPreferences.RUN_STORE, FacetPreferences.DETECTOR, FacetPreferences.MODEL };
		for (int i = 0; i < keys.length; i++) {
			if (saved[i] == null) {
				node.remove(keys[i]);
			} else {
				node.put(keys[i], saved[i]);
			}
		}
		node.flush();
	}

	/** Two runs with checkpoints, the older one first. */
	private List<Run> runs() throws Exception {
		FakeRuns fake = new FakeRuns(dir.resolve("runs"));
		Run older = fake.run(FakeRuns.experiment("older", 1, false, false, false), FakeRuns.firstRight(10, 5), 0);
		Thread.sleep(1100); // run ids and start times have seconds
		Run newer = fake.run(FakeRuns.experiment("newer", 1, false, false, false), FakeRuns.firstRight(10, 6), 0);
		for (Run run : List.of(older, newer)) {
			Files.createDirectories(run.folder().resolve("checkpoints/best"));
		}
		return List.of(older, newer);
	}

	@Test
	void thePreferredChoicesWinAndAStalePreferenceFallsBack() {
		IEclipsePreferences test = InstanceScope.INSTANCE.getNode("facet.ui.tests.choices");
		FacetPreferences preferences = new FacetPreferences(test);
		try {
			assertEquals(Optional.of("mtcnn"), DefaultChoices.detector(List.of("haar", "mtcnn"), preferences, "test"), "empty: the command line's mtcnn");
			assertEquals(Optional.of("pretrained"), DefaultChoices.model(List.of("run-1", "pretrained"), preferences, "test"));
			test.put(FacetPreferences.DETECTOR, "haar");
			test.put(FacetPreferences.MODEL, "run-1");
			assertEquals(Optional.of("haar"), DefaultChoices.detector(List.of("haar", "mtcnn"), preferences, "test"));
			assertEquals(Optional.of("run-1"), DefaultChoices.model(List.of("pretrained", "run-1"), preferences, "test"));
			test.put(FacetPreferences.MODEL, dir.resolve("store/run-1").toString());
			assertEquals(Optional.of("run-1"), DefaultChoices.model(List.of("pretrained", "run-1"), preferences, "test"), "a run folder counts by its id");

			test.put(FacetPreferences.DETECTOR, "yolo");
			test.put(FacetPreferences.MODEL, "run-9");
			assertEquals(Optional.of("mtcnn"), DefaultChoices.detector(List.of("haar", "mtcnn"), preferences, "test"));
			assertEquals(Optional.empty(), DefaultChoices.detector(List.of("haar"), preferences, "test"), "the view's own first entry");
			assertEquals(Optional.of("pretrained"), DefaultChoices.model(List.of("pretrained", "run-1"), preferences, "test"));
			assertEquals(Optional.empty(), DefaultChoices.model(List.of(), preferences, "test"));
		} finally {
			try {
				test.removeNode();
			} catch (org.osgi.service.prefs.BackingStoreException e) {
				// a test node
			}
		}
	}

	@Test
	void theAnalyzeViewAndTheHeatmapViewerStartWithTheDefaultDetectorAndModel() throws Exception {
		List<Run> runs = runs();
		String older = runs.get(0).id();
		node.put(FacetPreferences.RUN_STORE, dir.resolve("runs").toString());
		node.put(FacetPreferences.DETECTOR, "test-detector");
		node.put(FacetPreferences.MODEL, older);

		AnalyzeView analyze = new AnalyzeView();
		analyze.createPartControl(shell);
		assertEquals("test-detector", analyze.detectorChoice());
		assertEquals(older, analyze.modelChoice(), "the preferred run, not the newest one listed first");

		HeatmapView heatmaps = new HeatmapView();
		heatmaps.createPartControl(shell);
		assertEquals("test-detector", heatmaps.detectorChoice());
		assertEquals(List.of(older), heatmaps.checkedModels());
	}

	@Test
	void withoutPreferencesTheViewsStartAsTheCommandLineDoes() throws Exception {
		List<Run> runs = runs();
		node.put(FacetPreferences.RUN_STORE, dir.resolve("runs").toString());
		node.remove(FacetPreferences.DETECTOR);
		node.remove(FacetPreferences.MODEL);

		ModuleRegistry registry = ModuleRegistry.getDefault();
		List<String> detectors = registry.modules(ModuleKind.DETECTOR).stream().map(d -> d.id()).toList();
		AnalyzeView analyze = new AnalyzeView();
		analyze.createPartControl(shell);
		assertEquals(PretrainedModel.available(registry) ? PretrainedModel.NAME : runs.get(1).id(), analyze.modelChoice(),
				"pretrained when installed, else the newest run");
		assertEquals(detectors.contains("mtcnn") ? "mtcnn" : detectors.get(0), analyze.detectorChoice());
	}
}
