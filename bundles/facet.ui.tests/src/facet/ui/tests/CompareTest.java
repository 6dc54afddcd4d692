package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.charts.SwtChartRenderer;
import facet.core.runs.Run;
import facet.engine.compare.RunComparison;
import facet.engine.tests.fixtures.FakeRuns;
import facet.ui.internal.compare.CompareEditorInput;
import facet.ui.internal.compare.ComparePanel;
import facet.ui.internal.compare.ComparisonTables;

/** The compare editor's content and exports, from the comparison of facet.engine.compare. */
class CompareTest {

	private static final int N = 40;

	@TempDir
	Path dir;

	private Run cam1;
	private Run cam2;
	private Run plain;

	private RunComparison comparison() throws IOException {
		FakeRuns fake = new FakeRuns(dir.resolve("runs"));
		boolean[] middle = new boolean[N];
		for (int i = 12; i < 32; i++) {
			middle[i] = true;
		}
		cam1 = fake.run(FakeRuns.experiment("resnet-cam", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		cam2 = fake.run(FakeRuns.experiment("resnet-cam", 2, true, true, false), FakeRuns.firstRight(N, 33), 0.1);
		plain = fake.run(FakeRuns.experiment("resnet", 1, false, true, false), middle, 0.4);
		return RunComparison.of(List.of(cam1.folder(), cam2.folder(), plain.folder()), "test");
	}

	@Test
	void tableHasARowPerRunWithTheAccuraciesOfTheComparison() throws IOException {
		RunComparison comparison = comparison();
		List<List<String>> rows = ComparisonTables.runRows(comparison);
		assertEquals(3, rows.size());
		assertEquals(ComparisonTables.runHeader().size(), rows.get(0).size());
		assertEquals(cam1.id(), rows.get(0).get(0));
		assertEquals("resnet-cam", rows.get(0).get(1));
		assertEquals(RunComparison.percent(30.0 / N), rows.get(0).get(3), "30 of 40 right");
		assertEquals(RunComparison.percent(20.0 / N), rows.get(2).get(3), "20 of 40 right");
		assertEquals("1,234", rows.get(2).get(ComparisonTables.runHeader().indexOf("Parameters")));
	}

	@Test
	void significanceSaysWhatTheTestsFoundForEachPairOfExperiments() throws IOException {
		String text = ComparisonTables.significance(comparison());
		assertTrue(text.contains("Experiments over seeds"), "two seeds of resnet-cam form a group: " + text);
		assertTrue(text.contains("resnet-cam vs resnet"), text);
		assertTrue(text.contains("McNemar's exact test"), text);
		assertEquals(1, text.lines().filter(l -> l.startsWith("• ")).count(), "one pair of experiments: " + text);
	}

	@Test
	void oneExperimentHasNothingToTest() throws IOException {
		FakeRuns fake = new FakeRuns(dir.resolve("one"));
		Run a = fake.run(FakeRuns.experiment("resnet", 1, false, true, false), FakeRuns.firstRight(N, 30), 0);
		String text = ComparisonTables.significance(RunComparison.of(List.of(a.folder()), "test"));
		assertTrue(text.contains("no pair of experiments"), text);
	}

	@Test
	void editorInputNamesTheRunsOnceEach() {
		Path a = dir.resolve("a");
		CompareEditorInput input = new CompareEditorInput(List.of(a, a.resolve("..").resolve("a"), dir.resolve("b")), "test");
		assertEquals(2, input.runs().size());
		assertEquals("Compare 2 runs", input.getName());
		assertEquals(input, new CompareEditorInput(List.of(a, dir.resolve("b")), "test"));
		assertThrows(IllegalArgumentException.class, () -> new CompareEditorInput(List.of(), "test"));
	}

	@Test
	void thePanelKeepsTheTableAndExportButtonsInViewAndExportsSvg() throws Exception {
		TestDisplay.require();
		RunComparison comparison = comparison();
		Display display = Display.getDefault();
		Shell shell = new Shell(display);
		shell.setLayout(new FillLayout());
		try {
			ComparePanel panel = new ComparePanel(shell, new CompareEditorInput(List.of(cam1.folder(), cam2.folder(), plain.folder()), "test"));
			// narrower than the two charts side by side: the charts need sideways scrolling, the table must not
			shell.setSize(900, 700);
			shell.open();
			assertTrue(panel.exportButtons().stream().noneMatch(Button::isEnabled), "nothing to export while the runs are read");
			panel.show(comparison);
			shell.layout(true, true);
			while (display.readAndDispatch()) {
				// the layout after the resize
			}
			int visible = panel.visibleWidth();
			Rectangle table = panel.table().getBounds();
			assertTrue(table.x + table.width <= visible, "the table ends at " + (table.x + table.width) + " px, beyond the visible " + visible + " px");
			int columns = java.util.Arrays.stream(panel.table().getColumns()).mapToInt(TableColumn::getWidth).sum();
			assertTrue(columns > table.width, "this many columns do not fit: the table scrolls them itself");
			assertEquals(List.of("Export HTML report…", "Export PNG…", "Export SVG…"), panel.exportButtons().stream().map(Button::getText).toList());
			for (Button button : panel.exportButtons()) {
				assertTrue(button.isEnabled());
				Rectangle b = display.map(button.getParent(), panel.table().getParent(), button.getBounds());
				assertTrue(b.x + b.width <= visible, button.getText() + " ends at " + (b.x + b.width) + " px, beyond the visible " + visible + " px");
			}

			List<Path> svgs = ComparisonTables.writeSvgs(comparison, dir.resolve("svg"));
			assertEquals(List.of("loss.svg", "accuracy.svg", "recall.svg", "confusion.svg"), svgs.stream().map(p -> p.getFileName().toString()).toList());
			String said = panel.export(ComparePanel.Export.SVG, dir.resolve("svg2"));
			assertTrue(said.startsWith("4 SVG files"), said);
			for (Path svg : svgs) {
				String text = Files.readString(svg);
				assertTrue(text.contains("<svg") && text.strip().endsWith("</svg>"), svg + " is no SVG document");
				assertEquals(text, Files.readString(dir.resolve("svg2").resolve(svg.getFileName())), "the button writes what facet report writes");
			}
			assertTrue(Files.readString(svgs.get(0)).contains(cam1.id()) || Files.readString(svgs.get(0)).contains("resnet-cam"), "the loss chart names the runs");
		} finally {
			shell.dispose();
		}
	}

	@Test
	void exportsWriteTheChartsAsPngAndTheHtmlReport() throws IOException {
		TestDisplay.require();
		RunComparison comparison = comparison();
		try (SwtChartRenderer renderer = SwtChartRenderer.open()) {
			List<Path> pngs = ComparisonTables.writePngs(comparison, dir.resolve("png"), renderer);
			assertEquals(List.of("loss.png", "accuracy.png", "recall.png", "confusion.png"),
					pngs.stream().map(p -> p.getFileName().toString()).toList());
			for (Path png : pngs) {
				assertTrue(Files.size(png) > 2000, png + " is too small to hold a chart");
			}
			Path index = ComparisonTables.writeReport(comparison, dir.resolve("report"), renderer);
			String html = Files.readString(index);
			assertTrue(html.contains(cam1.id()) && html.contains(plain.id()), "the report lists the runs");
		}
	}
}
