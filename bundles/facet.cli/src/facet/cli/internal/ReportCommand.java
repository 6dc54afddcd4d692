package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import facet.charts.NoDisplayException;
import facet.charts.SwtChartRenderer;
import facet.cli.ExitCodes;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;
import facet.engine.report.ComparisonReport;

/** {@code facet report}: a self-contained HTML report with PNG and SVG charts and CSV tables. */
final class ReportCommand implements Command {

	@Override
	public String name() {
		return "report";
	}

	@Override
	public String usage() {
		return "report RUN... --out DIR [--split test] [--ablation BASE]";
	}

	@Override
	public String summary() {
		return "HTML report of runs: tables, curves, confusion matrices, statistics (needs a display)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String split = args.option("--split");
		String ablation = args.option("--ablation");
		String target = args.option("--out");
		if (target == null) {
			throw new UsageException(name() + ": --out DIR is required");
		}
		RunComparison comparison = RunArguments.comparison(name(), args.positional(), split == null ? "test" : split);
		Optional<RunGroup> base = RunArguments.ablationBase(name(), comparison, ablation);
		try {
			write(comparison, base, Path.of(target), out);
		} catch (NoDisplayException e) {
			err.println("facet report: " + e.getMessage());
			return ExitCodes.FAILURE;
		}
		return ExitCodes.OK;
	}

	static void write(RunComparison comparison, Optional<RunGroup> base, Path folder, PrintStream out) throws IOException {
		try (SwtChartRenderer renderer = SwtChartRenderer.open()) {
			List<String> files = ComparisonReport.write(comparison, base, folder, renderer);
			out.println("report: " + folder.resolve(ComparisonReport.INDEX) + " (" + files.size() + " files)");
		}
	}
}
