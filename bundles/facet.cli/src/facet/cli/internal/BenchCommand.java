package facet.cli.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import facet.bench.Benchmark;
import facet.cli.ExitCodes;
import facet.core.modules.ModuleRegistry;

/**
 * {@code facet bench}: the benchmark suite of {@link Benchmark}, run from a Facet checkout (its
 * shipped experiments are the models measured). Each measurement group runs as
 * {@code ROOT/facet bench --child GROUP}, a process of its own.
 */
final class BenchCommand implements Command {

	@Override
	public String name() {
		return "bench";
	}

	@Override
	public String usage() {
		return "bench [--quick] [--out FILE] [--dry]";
	}

	@Override
	public String summary() {
		return "benchmark Facet against bare DJL, threads, pipeline, detectors, memory, scaling; append to the results file";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		boolean quick = args.flag("--quick");
		boolean dry = args.flag("--dry");
		boolean child = args.flag("--child");
		String outText = args.option("--out");
		List<String> rest = args.positional();
		Path root = Path.of(Optional.ofNullable(System.getenv("FACET_ROOT")).orElse(System.getProperty("user.dir"))).toAbsolutePath();
		if (!Files.isDirectory(root.resolve("examples"))) {
			throw new UsageException("bench: " + root.resolve("examples") + " is missing: the suite measures the shipped experiments of a "
					+ "Facet checkout; run ./facet from one, or set FACET_ROOT to it");
		}
		Benchmark benchmark = new Benchmark(root, quick, out);
		if (child) {
			benchmark.measure(ModuleRegistry.getDefault(), rest);
			return ExitCodes.OK;
		}
		if (!rest.isEmpty()) {
			throw new UsageException("bench: unexpected argument " + rest.get(0));
		}
		Path launcher = root.resolve("facet");
		if (!Files.isExecutable(launcher)) {
			err.println("facet bench: " + launcher + " is missing: the suite starts each measurement group as a process of its own "
					+ "through the launcher of the checkout");
			return ExitCodes.FAILURE;
		}
		Path results = outText == null ? root.resolve(Benchmark.DEFAULT_RESULTS) : Path.of(outText).toAbsolutePath();
		Path charts = dry ? Files.createTempDirectory("facet-bench") : results.getParent();
		benchmark.run(benchmark.processes(List.of(launcher.toString(), "bench")), dry ? null : results, charts);
		return ExitCodes.OK;
	}
}
