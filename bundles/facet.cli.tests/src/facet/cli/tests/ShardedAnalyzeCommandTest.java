package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import facet.cli.tests.harness.CommandLineFixture;
import facet.cli.ExitCodes;

/**
 * {@code facet analyze --executor local --shards N} in process, its shard processes played by a
 * stand-in for ./facet that writes what {@code analyze --shard K/N} writes (one face per image,
 * an error for an image named "bad"). The real command against a single run: releng/smoke-test.sh.
 */
class ShardedAnalyzeCommandTest extends CommandLineFixture {

	private static final String FAKE = """
			#!/usr/bin/env bash
			exec python3 - "$@" <<'PY'
			import json, os, sys
			a = sys.argv[1:]
			assert a[0] == "analyze", a
			k, n = map(int, a[a.index("--shard") + 1].split("/"))
			inputs = [l.strip() for l in open(a[a.index("--inputs") + 1]) if l.strip()]
			out = a[a.index("--out") + 1]
			os.makedirs(out, exist_ok=True)
			rows, results, errors = [], [], []
			for image in sorted(inputs)[k - 1::n]:
			    if "bad" in image:
			        errors.append("%s,%s: not an image" % (image, image))
			        continue
			    rows.append("%s,0,1.00,2.00,3.00,4.00,0.90,happiness" % image)
			    results.append({"image": image, "faces": [{"box": [1, 2, 3, 4]}], "ms": 12.5})
			open(os.path.join(out, "faces.csv"), "w").write("image,face,x1,y1,x2,y2,score,expression\\n" + "".join(r + "\\n" for r in rows))
			json.dump(results, open(os.path.join(out, "faces.json"), "w"))
			open(os.path.join(out, "errors.csv"), "w").write("file,error\\n" + "".join(e + "\\n" for e in errors))
			open(os.path.join(out, "args.txt"), "w").write(" ".join(a[1:]))
			sys.exit(1 if errors else 0)
			PY
			""";

	@TempDir
	Path dir;

	private Path fake() throws IOException {
		Path launcher = dir.resolve("facet");
		Files.writeString(launcher, FAKE);
		launcher.toFile().setExecutable(true);
		return launcher;
	}

	@Test
	void localShardsAreMergedInTheOrderGivenWithEveryError() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		Path empty = Files.createDirectories(dir.resolve("empty"));
		List<String> inputs = new ArrayList<>();
		for (String name : List.of("c.jpg", "a.jpg", "bad.jpg", "e.jpg", "b.jpg")) {
			inputs.add(Files.writeString(images.resolve(name), "x").toString());
		}
		inputs.add(2, empty.toString());
		Path outDir = dir.resolve("out");
		List<String> args = new ArrayList<>(List.of("analyze", "--executor", "local", "--shards", "3", "--launcher", fake().toString(), "--detector", "haar",
				"--margin", "0.2", "--out", outDir.toString()));
		args.addAll(inputs);
		assertEquals(ExitCodes.FAILURE, run(args.toArray(String[]::new)), err + out);

		List<String> order = new ArrayList<>();
		JsonParser.parseString(Files.readString(outDir.resolve("faces.json"))).getAsJsonArray()
				.forEach(e -> order.add(Path.of(e.getAsJsonObject().get("image").getAsString()).getFileName().toString()));
		assertEquals(List.of("c.jpg", "a.jpg", "e.jpg", "b.jpg"), order);
		List<String> rows = Files.readAllLines(outDir.resolve("faces.csv"));
		assertEquals(5, rows.size());
		assertTrue(rows.get(1).startsWith(images.resolve("c.jpg") + ",0,"), rows.toString());
		List<String> errors = Files.readAllLines(outDir.resolve("errors.csv"));
		assertEquals(3, errors.size(), errors.toString());
		assertTrue(errors.get(1).startsWith(empty + ",") && errors.get(1).contains("holds no image"), errors.toString());
		assertTrue(errors.get(2).startsWith(images.resolve("bad.jpg") + ","), errors.toString());
		assertTrue(err.contains("2 input(s) failed"), err);
		// every shard got the options given
		assertTrue(Files.readString(outDir.resolve("shards/shard-2/args.txt")).endsWith("--detector haar --margin 0.2"),
				Files.readString(outDir.resolve("shards/shard-2/args.txt")));

		// --merge again: the same files
		String csv = Files.readString(outDir.resolve("faces.csv"));
		assertEquals(ExitCodes.FAILURE, run("analyze", "--merge", outDir.toString()));
		assertTrue(out.contains("merged 4 image(s), 4 face(s), 2 error(s)"), out);
		assertEquals(csv, Files.readString(outDir.resolve("faces.csv")));
	}

	@Test
	void shardOptionsThatContradictAreRefused() throws IOException {
		assertEquals(ExitCodes.BAD_INPUT, run("analyze", "--executor", "local", "--launcher", fake().toString(), "x.jpg"));
		assertTrue(err.contains("--executor needs --shards N"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("analyze", "--executor", "local", "--shards", "2", "--shard", "1/2", "--launcher", fake().toString(), "x.jpg"));
		assertTrue(err.contains("give one or the other"), err);
		assertEquals(ExitCodes.FAILURE, run("analyze", "--merge", dir.toString()));
		assertTrue(err.contains("holds no sharded analysis"), err);
	}
}
