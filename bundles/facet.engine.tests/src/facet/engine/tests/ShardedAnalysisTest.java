package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

import facet.engine.sweep.ShardedAnalysis;
import facet.engine.sweep.ShardedAnalysis.FileError;
import facet.engine.sweep.Shards;

/**
 * Merging what the shards of {@code facet analyze --shards N} wrote: the order of one run, the
 * per-file errors, a missing shard. The shards' outputs are written here the way
 * {@code facet analyze --shard K/N} writes them; the real command is checked against a single
 * run in releng/smoke-test.sh.
 */
class ShardedAnalysisTest {

	private static final String HEADER = "image,face,x1,y1,x2,y2,score,expression";

	@TempDir
	Path dir;

	/** Inputs in the order a user gave them (not sorted), so that shard order and input order differ. */
	private final List<Path> images = List.of(Path.of("d/zeta.jpg"), Path.of("a,comma.jpg"), Path.of("m/beta.png"), Path.of("c/alpha.jpg"),
			Path.of("b/gamma.jpg"));

	private ShardedAnalysis create(int shards, List<FileError> inputErrors) throws IOException {
		return ShardedAnalysis.create(dir.resolve("out"), shards, images, inputErrors, List.of("--detector", "haar"), Path.of("/bin/true"), dir, "local");
	}

	/** Writes shard K as facet analyze --shard K/N does: its images sorted, one row per face, a failing image in errors.csv. */
	private void writeShard(ShardedAnalysis analysis, int k, String failing) throws IOException {
		Path folder = Files.createDirectories(analysis.shardFolder(k));
		StringBuilder csv = new StringBuilder(HEADER).append('\n');
		JsonArray json = new JsonArray();
		List<FileError> errors = new ArrayList<>();
		for (Path image : Shards.select(images, k, analysis.shards())) {
			String name = image.toString();
			if (name.equals(failing)) {
				errors.add(new FileError(name, name + ": not an image (\"bad\" header)"));
				continue;
			}
			int faces = name.length() % 3;
			for (int f = 0; f < faces; f++) {
				csv.append(ShardedAnalysis.csvField(name)).append(',').append(f).append(",1,2,3,4,0.9,happiness\n");
			}
			json.add(JsonParser.parseString("{\"image\": \"" + name + "\", \"faces\": []}"));
			Files.writeString(folder.resolve(image.getFileName().toString().replace(".", "_") + ".analyzed.png"), "png of " + name);
		}
		Files.writeString(folder.resolve("faces.csv"), csv.toString());
		Files.writeString(folder.resolve("faces.json"), json.toString());
		Files.writeString(folder.resolve("errors.csv"), ShardedAnalysis.errorsCsv(errors));
	}

	@Test
	void theMergeHasTheOrderOfOneRunWithItsErrors() throws IOException {
		ShardedAnalysis analysis = create(3, List.of(new FileError("missing/folder", "missing/folder: no such file")));
		for (int k = 1; k <= 3; k++) {
			writeShard(analysis, k, "m/beta.png");
		}
		ShardedAnalysis.Merged merged = ShardedAnalysis.merge(dir.resolve("out"));

		Path out = dir.resolve("out");
		List<String> order = new ArrayList<>();
		JsonParser.parseString(Files.readString(out.resolve("faces.json"))).getAsJsonArray().forEach(e -> order.add(e.getAsJsonObject().get("image").getAsString()));
		assertEquals(List.of("d/zeta.jpg", "a,comma.jpg", "c/alpha.jpg", "b/gamma.jpg"), order);
		List<String> rows = Files.readAllLines(out.resolve("faces.csv"));
		assertEquals(HEADER, rows.get(0));
		List<String> expected = new ArrayList<>();
		for (Path image : images) {
			if (!image.toString().equals("m/beta.png")) {
				for (int f = 0; f < image.toString().length() % 3; f++) {
					expected.add(ShardedAnalysis.csvField(image.toString()) + "," + f + ",1,2,3,4,0.9,happiness");
				}
			}
		}
		assertEquals(expected, rows.subList(1, rows.size()));
		assertEquals(expected.size(), merged.faces());
		assertEquals(4, merged.images());
		// input errors first, as one run finds them before it analyses anything
		assertEquals(List.of(new FileError("missing/folder", "missing/folder: no such file"), new FileError("m/beta.png", "m/beta.png: not an image (\"bad\" header)")),
				merged.errors());
		assertEquals(merged.errors(), ShardedAnalysis.readErrors(out.resolve("errors.csv")));
		assertTrue(Files.isRegularFile(out.resolve("zeta_jpg.analyzed.png")) && Files.isRegularFile(out.resolve("alpha_jpg.analyzed.png")));
	}

	@Test
	void oneShardGivesTheSameFilesAsItsOwnOutput() throws IOException {
		ShardedAnalysis analysis = create(1, List.of());
		writeShard(analysis, 1, null);
		ShardedAnalysis.merge(dir.resolve("out"));
		// one shard analyses in sorted order; the merge restores the order given
		List<String> rows = Files.readAllLines(dir.resolve("out/faces.csv"));
		assertTrue(rows.get(1).startsWith("d/zeta.jpg,0"), rows.toString());
		assertEquals(List.of(), ShardedAnalysis.readErrors(dir.resolve("out/errors.csv")));
	}

	@Test
	void aMissingShardIsAnErrorNamingItAndItsLog() throws IOException {
		ShardedAnalysis analysis = create(3, List.of());
		writeShard(analysis, 1, null);
		writeShard(analysis, 3, null);
		Files.writeString(analysis.folder().resolve("2.exit"), "137\n");
		IOException e = assertThrows(IOException.class, () -> ShardedAnalysis.merge(dir.resolve("out")));
		assertTrue(e.getMessage().startsWith("shard 2/3 has no output: "), e.getMessage());
		assertTrue(e.getMessage().contains("exit status 137") && e.getMessage().contains("logs/shard-2.log"), e.getMessage());
		assertTrue(!Files.exists(dir.resolve("out/faces.csv")), "nothing merged");
	}

	@Test
	void shardsThatDisagreeOnTheListAreRefused() throws IOException {
		ShardedAnalysis analysis = create(2, List.of());
		writeShard(analysis, 1, null);
		Files.createDirectories(analysis.shardFolder(2));
		Files.writeString(analysis.shardFolder(2).resolve("faces.csv"), HEADER + "\n");
		Files.writeString(analysis.shardFolder(2).resolve("faces.json"), "[]");
		Files.writeString(analysis.shardFolder(2).resolve("errors.csv"), "file,error\n");
		IOException e = assertThrows(IOException.class, () -> ShardedAnalysis.merge(dir.resolve("out")));
		assertTrue(e.getMessage().startsWith("no shard reported "), e.getMessage());
	}

	@Test
	void aSecondShardedRunIntoTheSameFolderIsRefused() throws IOException {
		create(2, List.of());
		IOException e = assertThrows(IOException.class, () -> create(2, List.of()));
		assertTrue(e.getMessage().contains("already run into"), e.getMessage());
	}

	@Test
	void theShardScriptRunsAnalyzeWithTheShardAndTheList() throws IOException {
		ShardedAnalysis analysis = create(4, List.of());
		String script = Files.readString(analysis.folder().resolve("run-shard.sh"));
		assertTrue(script.contains("'/bin/true' analyze --shard \"$k/4\" --inputs '") && script.contains("--out \"$shards/shard-$k\" '--detector' 'haar'"), script);
		assertEquals(images.stream().map(Path::toString).toList(), Files.readAllLines(analysis.folder().resolve("inputs.txt")));
		assertEquals(4, ShardedAnalysis.open(dir.resolve("out")).shards());
	}
}
