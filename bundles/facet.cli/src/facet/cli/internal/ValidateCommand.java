package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import facet.cli.ExitCodes;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ValidationProblem;

/** {@code facet validate FILE...}: checks experiment files against the installed modules. */
final class ValidateCommand implements Command {

	@Override
	public String name() {
		return "validate";
	}

	@Override
	public String usage() {
		return "validate FILE...";
	}

	@Override
	public String summary() {
		return "check experiment files; problems are printed with their JSON path";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws UsageException {
		List<String> files = args.positional();
		if (files.isEmpty()) {
			throw new UsageException("validate: give at least one experiment file");
		}
		ExperimentValidator validator = new ExperimentValidator(ModuleRegistry.getDefault());
		int invalid = 0;
		for (String name : files) {
			Path file = Path.of(name);
			try {
				if (!Files.isRegularFile(file)) {
					throw new IOException("no such file");
				}
				ExperimentSpec spec = ExperimentFormat.read(file);
				validator.requireValid(spec, name);
				String model = spec.isTraditional()
						? "features " + String.join(" + ", spec.features().stream().map(f -> f.id()).toList()) + ", classifier "
								+ spec.classifier().get().id()
						: "backbone " + spec.backbone().module().id() + " with " + spec.backbone().attention().size()
								+ " attention module(s), " + spec.loss().size() + " loss term(s)";
				out.println(name + ": valid (" + spec.name() + ": dataset " + spec.dataset().id() + ", " + model + ")");
			} catch (ExperimentException e) {
				invalid++;
				for (ValidationProblem problem : e.problems()) {
					err.println(name + ": " + problem);
				}
			} catch (IOException e) {
				invalid++;
				err.println(name + ": cannot read: " + e.getMessage());
			}
		}
		return invalid == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
	}
}
