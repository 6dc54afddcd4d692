package facet.data.synthetic.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import facet.core.ImageFiles;
import facet.core.LabelOrder;
import facet.core.Point;
import facet.core.Progress;
import facet.core.spi.DatasetWriter;

/**
 * Writes generated faces and scenes in the formats the dataset readers read. Images are drawn
 * in parallel, in chunks, and written in dataset order, so the files are the same whatever the
 * thread count.
 */
public final class DatasetFiles {

	/** FER2013's {@code Usage} column for Facet's split names. */
	public static String usage(String split) {
		return switch (split) {
			case "train" -> "Training";
			case "val" -> "PublicTest";
			case "test" -> "PrivateTest";
			default -> throw new IllegalArgumentException("no FER2013 usage for split " + split);
		};
	}

	private static final int CHUNK = 256;
	private static final String SIDE_TABLE_HEADER = "id\tsplit\tlabel\tidentity\toccluder\tintensity";

	private DatasetFiles() {
	}

	/** {@code fer2013.csv} and, beside it, {@code fer2013-samples.tsv}: per row, the sample id, subject, occluder and intensity. */
	public static void writeFer2013(GeneratorOptions options, Path out, Progress progress) throws IOException {
		FaceGenerator generator = new FaceGenerator(options.gray());
		List<SampleSpec> samples = new SamplePlan(options).samples();
		Files.createDirectories(out);
		Path csv = out.resolve("fer2013.csv");
		Path table = out.resolve("fer2013-samples.tsv");
		Path csvTmp = Files.createTempFile(out, ".fer2013", ".tmp");
		Path tableTmp = Files.createTempFile(out, ".fer2013-samples", ".tmp");
		progress.begin("Writing " + samples.size() + " faces to " + csv, samples.size());
		try (BufferedWriter w = Files.newBufferedWriter(csvTmp, StandardCharsets.US_ASCII);
				BufferedWriter t = Files.newBufferedWriter(tableTmp, StandardCharsets.UTF_8)) {
			w.write("emotion,pixels,Usage\n");
			t.write("row\t" + SIDE_TABLE_HEADER + "\n");
			for (int from = 0; from < samples.size(); from += CHUNK) {
				checkCanceled(progress);
				List<SampleSpec> chunk = samples.subList(from, Math.min(samples.size(), from + CHUNK));
				FaceGenerator.Face[] faces = renderAll(generator, chunk);
				for (int i = 0; i < faces.length; i++) {
					FaceGenerator.Face face = faces[i];
					SampleSpec spec = face.spec();
					byte[] pixels = face.image().pixels();
					StringBuilder line = new StringBuilder(pixels.length * 4 + 32);
					line.append(LabelOrder.FER2013.indexOf(spec.label())).append(',');
					for (int p = 0; p < pixels.length; p++) {
						if (p > 0) {
							line.append(' ');
						}
						line.append(pixels[p] & 0xff);
					}
					line.append(',').append(usage(spec.split())).append('\n');
					w.write(line.toString());
					// the CSV's data rows are numbered from 1, after the header
					t.write((from + i + 1) + "\t" + sideRow(face) + "\n");
				}
				progress.worked(chunk.size(), null);
			}
		} catch (IOException | RuntimeException e) {
			Files.deleteIfExists(csvTmp);
			Files.deleteIfExists(tableTmp);
			throw e;
		}
		Files.move(csvTmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		Files.move(tableTmp, table, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** {@code train|val|test/<class label>/<name>.png} and {@code samples.tsv} at the root. */
	public static void writeImageFolder(GeneratorOptions options, Path out, Progress progress) throws IOException {
		FaceGenerator generator = new FaceGenerator(options);
		List<SampleSpec> samples = new SamplePlan(options).samples();
		Files.createDirectories(out);
		progress.begin("Writing " + samples.size() + " faces under " + out, samples.size());
		StringBuilder table = new StringBuilder(SIDE_TABLE_HEADER + "\n");
		for (int from = 0; from < samples.size(); from += CHUNK) {
			checkCanceled(progress);
			List<SampleSpec> chunk = samples.subList(from, Math.min(samples.size(), from + CHUNK));
			FaceGenerator.Face[] faces = renderAll(generator, chunk);
			IOException[] failure = new IOException[1];
			IntStream.range(0, faces.length).parallel().forEach(i -> {
				SampleSpec spec = faces[i].spec();
				try {
					Path file = out.resolve(spec.split()).resolve(spec.label().label()).resolve(spec.name() + ".png");
					Files.createDirectories(file.getParent());
					ImageFiles.writePng(faces[i].image(), file);
				} catch (IOException e) {
					synchronized (failure) {
						failure[0] = e;
					}
				}
			});
			if (failure[0] != null) {
				throw failure[0];
			}
			for (FaceGenerator.Face face : faces) {
				table.append(sideRow(face)).append('\n');
			}
			progress.worked(chunk.size(), null);
		}
		facet.core.runs.AtomicFiles.write(out.resolve("samples.tsv"), table.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** {@code images/sceneNNNNN.png} and {@code annotations.tsv}: one row per face, box and landmarks in scene pixels. */
	public static void writeScenes(GeneratorOptions options, Path out, Progress progress) throws IOException {
		SceneGenerator generator = new SceneGenerator(options);
		int count = options.scenes();
		Path images = out.resolve("images");
		Files.createDirectories(images);
		progress.begin("Writing " + count + " scenes under " + out, count);
		StringBuilder table = new StringBuilder("image\tx1\ty1\tx2\ty2\tleft_eye_x\tleft_eye_y\tright_eye_x\tright_eye_y\tnose_x\tnose_y"
				+ "\tmouth_left_x\tmouth_left_y\tmouth_right_x\tmouth_right_y\texpression\toccluder\n");
		for (int from = 0; from < count; from += 16) {
			checkCanceled(progress);
			int to = Math.min(count, from + 16);
			SceneGenerator.Scene[] scenes = new SceneGenerator.Scene[to - from];
			int base = from;
			IntStream.range(0, scenes.length).parallel().forEach(i -> scenes[i] = generator.render(base + i));
			for (SceneGenerator.Scene scene : scenes) {
				String file = "images/" + scene.name() + ".png";
				ImageFiles.writePng(scene.image(), out.resolve(file));
				for (SceneGenerator.SceneFace face : scene.faces()) {
					table.append(file);
					for (double v : new double[] { face.box().x1(), face.box().y1(), face.box().x2(), face.box().y2() }) {
						table.append('\t').append(format(v));
					}
					for (Point p : face.box().landmarks()) {
						table.append('\t').append(format(p.x())).append('\t').append(format(p.y()));
					}
					table.append('\t').append(face.label().label()).append('\t').append(face.occluder().label()).append('\n');
				}
			}
			progress.worked(scenes.length, null);
		}
		facet.core.runs.AtomicFiles.write(out.resolve("annotations.tsv"), table.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** The formats, for messages. */
	public static final List<String> FORMATS = List.of(DatasetWriter.FER2013, DatasetWriter.IMAGE_FOLDER, DatasetWriter.SCENES);

	static FaceGenerator.Face[] renderAll(FaceGenerator generator, List<SampleSpec> specs) {
		FaceGenerator.Face[] faces = new FaceGenerator.Face[specs.size()];
		IntStream.range(0, faces.length).parallel().forEach(i -> faces[i] = generator.render(specs.get(i)));
		return faces;
	}

	private static String sideRow(FaceGenerator.Face face) {
		SampleSpec s = face.spec();
		return s.id() + "\t" + s.split() + "\t" + s.label().label() + "\t" + s.identity() + "\t" + s.occluder().label() + "\t"
				+ String.format(Locale.ROOT, "%.3f", face.intensity());
	}

	private static String format(double v) {
		return String.format(Locale.ROOT, "%.2f", v);
	}

	private static void checkCanceled(Progress progress) throws InterruptedIOException {
		if (progress.isCanceled()) {
			throw new InterruptedIOException("cancelled");
		}
	}
}
