package facet.ui.harness.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;

import facet.engine.run.PretrainedModel;
import facet.ui.internal.heatmap.HeatmapComputation;
import facet.ui.internal.heatmap.HeatmapView;

/** The heatmap viewer in the running workbench: Grad-CAM of the pretrained model on a real photo's faces. */
class HeatmapViewerTest {

	static final Path DEMO = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"))
			.resolve("face-api/demo/sample1.jpg");

	@Test
	void thePretrainedModelsMapsAreShownOnTheFacesOfADemoPhoto() throws Exception {
		assertTrue(Files.isRegularFile(DEMO), DEMO + " is missing: run releng/setup.sh");
		try (ErrorLog log = new ErrorLog()) {
			HeatmapView view = UI.sync(() -> (HeatmapView) UI.page().showView(HeatmapView.ID));
			UI.run(() -> {
				assertTrue(view.checkModels(List.of(PretrainedModel.NAME)) == 1, "the viewer offers the pretrained model");
				view.start(List.of(DEMO), List.of(PretrainedModel.NAME));
				assertEquals(List.of(DEMO), view.images());
			});
			UI.waitUntil("the heatmaps", 240, () -> Job.getJobManager().find(view).length == 0);
			// the results reach the view through asyncExec after the job
			UI.waitFor("the faces to be shown", 30, () -> !view.shown().isEmpty());
			List<HeatmapComputation.FaceMaps> faces = UI.sync(view::shown);
			for (HeatmapComputation.FaceMaps face : faces) {
				assertNotNull(face.crop());
				assertEquals(1, face.models().size());
				HeatmapComputation.ModelMaps maps = face.models().get(0);
				assertNull(maps.error(), maps.error());
				assertFalse(maps.panels().isEmpty(), "a map per face");
				assertEquals(7, maps.probabilities().length);
				double sum = 0;
				for (float p : maps.probabilities()) {
					sum += p;
				}
				assertEquals(1.0, sum, 1e-3);
			}
			log.assertNone("computing the heatmaps");
		}
	}
}
