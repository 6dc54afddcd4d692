package facet.ui.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small p2 repositories written at test time, shaped as Tycho writes Facet's update site:
 * {@code content.jar} and {@code artifacts.xml} with the usual mapping rules, jars in {@code plugins/}.
 */
final class P2Sites {

	private final Path folder;
	private final List<String> units = new ArrayList<>();
	private final List<String> artifacts = new ArrayList<>();

	P2Sites(Path folder) {
		this.folder = folder;
	}

	/** A bundle unit; {@code requires} are p2 {@code <required …/>} elements. */
	P2Sites bundle(String id, String version, String provides, String... requires) {
		units.add("<unit id='" + id + "' version='" + version + "'>\n<properties size='1'><property name='org.eclipse.equinox.p2.name' value='" + id
				+ " bundle'/></properties>\n<provides size='2'><provided namespace='org.eclipse.equinox.p2.iu' name='" + id + "' version='" + version
				+ "'/><provided namespace='osgi.bundle' name='" + id + "' version='" + version + "'/>" + provides + "</provides>\n<requires size='"
				+ requires.length + "'>" + String.join("\n", requires) + "</requires>\n<artifacts size='1'><artifact classifier='osgi.bundle' id='" + id
				+ "' version='" + version + "'/></artifacts>\n</unit>");
		artifacts.add("<artifact classifier='osgi.bundle' id='" + id + "' version='" + version + "'/>");
		return this;
	}

	/** A feature group requiring its members exactly. */
	P2Sites feature(String id, String version, String... members) {
		StringBuilder requires = new StringBuilder();
		for (int i = 0; i < members.length; i += 2) {
			requires.append("<required namespace='org.eclipse.equinox.p2.iu' name='").append(members[i]).append("' range='[").append(members[i + 1])
					.append(',').append(members[i + 1]).append("]'/>\n");
		}
		requires.append("<required namespace='org.eclipse.equinox.p2.iu' name='").append(id).append(".feature.jar' range='[").append(version).append(',')
				.append(version).append("]'><filter>(org.eclipse.update.install.features=true)</filter></required>");
		units.add("<unit id='" + id + ".feature.group' version='" + version + "'>\n<properties size='2'><property name='org.eclipse.equinox.p2.name' value='%featureName'/>"
				+ "<property name='df_LT.featureName' value='An example feature'/><property name='org.eclipse.equinox.p2.type.group' value='true'/></properties>\n"
				+ "<provides size='1'><provided namespace='org.eclipse.equinox.p2.iu' name='" + id + ".feature.group' version='" + version + "'/></provides>\n"
				+ "<requires size='" + (members.length / 2 + 1) + "'>" + requires + "</requires>\n</unit>");
		return this;
	}

	/** Gives the last unit a p2 filter (the platforms it is for). */
	P2Sites filtered(String filter) {
		int last = units.size() - 1;
		units.set(last, units.get(last).replace("\n</unit>", "\n<filter>" + filter + "</filter>\n</unit>"));
		return this;
	}

	static String requiresPackage(String name, String range, boolean optional) {
		return "<required namespace='java.package' name='" + name + "' range='" + range + "'" + (optional ? " optional='true'" : "") + "/>";
	}

	static String providesPackage(String name, String version) {
		return "<provided namespace='java.package' name='" + name + "' version='" + version + "'/>";
	}

	/** Writes content.jar and artifacts.xml. */
	Path write() throws IOException {
		Files.createDirectories(folder.resolve("plugins"));
		String content = "<?xml version='1.0' encoding='UTF-8'?>\n<?metadataRepository version='1.2.0'?>\n"
				+ "<repository name='Example site' type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository' version='1'>\n"
				+ "<units size='" + units.size() + "'>\n" + String.join("\n", units) + "\n</units>\n</repository>\n";
		try (OutputStream out = Files.newOutputStream(folder.resolve("content.jar")); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("content.xml"));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		Files.writeString(folder.resolve("artifacts.xml"), "<?xml version='1.0' encoding='UTF-8'?>\n<?artifactRepository version='1.1.0'?>\n"
				+ "<repository name='Example site' type='org.eclipse.equinox.p2.artifact.repository.simpleRepository' version='1'>\n"
				+ "<mappings size='2'>\n<rule filter='(&amp; (classifier=osgi.bundle))' output='${repoUrl}/plugins/${id}_${version}.jar'/>\n"
				+ "<rule filter='(&amp; (classifier=org.eclipse.update.feature))' output='${repoUrl}/features/${id}_${version}.jar'/>\n</mappings>\n"
				+ "<artifacts size='" + artifacts.size() + "'>\n" + String.join("\n", artifacts) + "\n</artifacts>\n</repository>\n");
		return folder;
	}
}
