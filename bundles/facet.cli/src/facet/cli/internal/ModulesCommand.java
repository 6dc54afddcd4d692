package facet.cli.internal;

import java.io.PrintStream;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import facet.cli.ExitCodes;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ParameterSpec;

/** {@code facet modules}: every contribution with its bundle, version and parameters. */
final class ModulesCommand implements Command {

	@Override
	public String name() {
		return "modules";
	}

	@Override
	public String usage() {
		return "modules [--kind K] [--json]";
	}

	@Override
	public String summary() {
		return "list installed modules by kind, with bundle, version and parameters";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws UsageException {
		boolean json = args.flag("--json");
		String kindText = args.option("--kind");
		if (!args.positional().isEmpty()) {
			throw new UsageException("modules: unexpected argument " + args.positional().get(0));
		}
		List<ModuleKind> kinds = List.of(ModuleKind.values());
		if (kindText != null) {
			ModuleKind kind = ModuleKind.parse(kindText).orElseThrow(() -> new UsageException("modules: unknown kind '" + kindText
					+ "'; kinds: " + String.join(", ", java.util.Arrays.stream(ModuleKind.values()).map(ModuleKind::label).toList())));
			kinds = List.of(kind);
		}
		ModuleRegistry registry = ModuleRegistry.getDefault();
		for (ModuleRegistry.Problem problem : registry.problems()) {
			err.println("warning: rejected contribution: " + problem);
		}
		if (json) {
			JsonArray array = new JsonArray();
			for (ModuleKind kind : kinds) {
				registry.modules(kind).forEach(m -> array.add(toJson(m)));
			}
			out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array));
			return ExitCodes.OK;
		}
		for (ModuleKind kind : kinds) {
			List<ModuleDescriptor> modules = registry.modules(kind);
			out.println(kind.label() + " (" + modules.size() + ")");
			for (ModuleDescriptor m : modules) {
				out.println("  " + m.id() + " — " + m.name() + "  [" + m.bundle() + " " + m.version() + "]");
				if (!m.description().isEmpty()) {
					out.println("      " + m.description());
				}
				for (ParameterSpec p : m.parameters()) {
					out.printf("      %-16s %-6s %-14s %s%s%n", p.name(), p.type().label(),
							p.defaultText().map(d -> "= " + d).orElse("(required)"), p.describe(),
							p.help().isEmpty() ? "" : " — " + p.help());
				}
			}
		}
		return ExitCodes.OK;
	}

	static JsonObject toJson(ModuleDescriptor m) {
		JsonObject o = new JsonObject();
		o.addProperty("kind", m.kind().label());
		o.addProperty("id", m.id());
		o.addProperty("name", m.name());
		o.addProperty("description", m.description());
		o.addProperty("bundle", m.bundle());
		o.addProperty("version", m.version());
		o.addProperty("class", m.factoryClass());
		JsonArray parameters = new JsonArray();
		for (ParameterSpec p : m.parameters()) {
			JsonObject po = new JsonObject();
			po.addProperty("name", p.name());
			po.addProperty("type", p.type().label());
			po.addProperty("required", p.required());
			if (p.defaultValue() instanceof Number n) {
				po.addProperty("default", n);
			} else if (p.defaultValue() instanceof Boolean b) {
				po.addProperty("default", b);
			} else if (p.defaultValue() != null) {
				po.addProperty("default", p.defaultValue().toString());
			}
			if (p.min() != null) {
				po.addProperty("min", p.min());
			}
			if (p.max() != null) {
				po.addProperty("max", p.max());
			}
			if (!p.choices().isEmpty()) {
				JsonArray choices = new JsonArray();
				p.choices().forEach(choices::add);
				po.add("choices", choices);
			}
			po.addProperty("help", p.help());
			parameters.add(po);
		}
		o.add("parameters", parameters);
		return o;
	}
}
