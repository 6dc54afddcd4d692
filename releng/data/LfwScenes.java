import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Training scenes with real faces for facet detector train: the 100 LFW face crops of
 * scikit-image's lfw_subset.npy (Debian python3-skimage; 200 × 25 × 25 float64 in [0, 1], the
 * first 100 faces, the rest background crops of the same photos) pasted at random sizes and
 * places on backgrounds: half the scenes tiled from the 100 background crops, half cut at random
 * places and sizes out of face-free photos given (scikit-image's brick, coffee, rocket, ...),
 * which give the cascade's negatives more variety than 100 small crops. Writes gray PNG scenes
 * and annotations.tsv (image x1 y1 x2 y2) into the output folder.
 * <p>
 * Arguments: LFW_SUBSET_NPY OUT_DIR SCENES SEED [FACE_FREE_IMAGE...]
 */
public class LfwScenes {

	static final int W = 320;
	static final int H = 240;
	static final int SIDE = 25;

	public static void main(String[] args) throws IOException {
		Path npy = Path.of(args[0]);
		Path out = Path.of(args[1]);
		int count = Integer.parseInt(args[2]);
		Random random = new Random(Long.parseLong(args[3]));
		List<BufferedImage> backgrounds = new ArrayList<>();
		for (int i = 4; i < args.length; i++) {
			BufferedImage image = ImageIO.read(Path.of(args[i]).toFile());
			if (image == null) {
				throw new IOException(args[i] + ": not an image ImageIO can read");
			}
			if (image.getWidth() >= W / 2 && image.getHeight() >= H / 2) {
				backgrounds.add(image);
			}
		}
		double[][] crops = read(npy);
		if (crops.length != 200) {
			throw new IOException(npy + ": expected 200 crops of 25x25 (100 faces, 100 backgrounds), got " + crops.length);
		}
		Files.createDirectories(out);
		StringBuilder tsv = new StringBuilder("image\tx1\ty1\tx2\ty2\n");
		for (int n = 0; n < count; n++) {
			float[] scene = new float[W * H];
			if (!backgrounds.isEmpty() && random.nextBoolean()) {
				cut(scene, backgrounds.get(random.nextInt(backgrounds.size())), random);
			} else {
				tile(scene, crops, random);
			}
			List<int[]> boxes = new ArrayList<>();
			int faces = 1 + random.nextInt(3);
			for (int attempt = 0; attempt < 50 && boxes.size() < faces; attempt++) {
				int side = 28 + random.nextInt(92);
				int x = random.nextInt(W - side);
				int y = random.nextInt(H - side);
				if (boxes.stream().anyMatch(b -> x < b[2] + 4 && b[0] < x + side + 4 && y < b[3] + 4 && b[1] < y + side + 4)) {
					continue;
				}
				double gain = 0.75 + 0.5 * random.nextDouble();
				double offset = -0.1 + 0.2 * random.nextDouble();
				paste(scene, crops[random.nextInt(100)], x, y, side, random.nextBoolean(), gain, offset);
				boxes.add(new int[] { x, y, x + side, y + side });
			}
			String name = String.format("lfw-scene-%04d.png", n);
			BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
			byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
			for (int i = 0; i < pixels.length; i++) {
				pixels[i] = (byte) Math.clamp(Math.round(scene[i] * 255), 0, 255);
			}
			ImageIO.write(image, "png", out.resolve(name).toFile());
			for (int[] b : boxes) {
				tsv.append(name).append('\t').append(b[0]).append('\t').append(b[1]).append('\t').append(b[2]).append('\t').append(b[3]).append('\n');
			}
		}
		Files.writeString(out.resolve("annotations.tsv"), tsv, StandardCharsets.UTF_8);
		System.out.println(count + " scenes in " + out);
	}

	/** Crops of LFW backgrounds, each enlarged 2-4x, tiled row by row. */
	static void tile(float[] scene, double[][] crops, Random random) {
		for (int y = 0; y < H;) {
			int rowSide = SIDE * (2 + random.nextInt(3));
			for (int x = 0; x < W; x += rowSide) {
				paste(scene, crops[100 + random.nextInt(100)], x, y, rowSide, random.nextBoolean(), 0.7 + 0.6 * random.nextDouble(), 0);
			}
			y += rowSide;
		}
	}

	/** A random region of a photo, at least half the scene's size, scaled to the scene (nearest pixel), in gray. */
	static void cut(float[] scene, BufferedImage photo, Random random) {
		double zoom = Math.min(photo.getWidth() / (double) W, photo.getHeight() / (double) H) * (0.5 + 0.5 * random.nextDouble());
		double x0 = random.nextDouble() * (photo.getWidth() - W * zoom);
		double y0 = random.nextDouble() * (photo.getHeight() - H * zoom);
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				int rgb = photo.getRGB((int) (x0 + x * zoom), (int) (y0 + y * zoom));
				float v = (0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff)) / 255f;
				scene[y * W + x] = v;
			}
		}
	}

	/** Bilinear enlargement of a 25×25 crop to {@code side}, clipped to the scene. */
	static void paste(float[] scene, double[] crop, int x0, int y0, int side, boolean mirror, double gain, double offset) {
		for (int y = 0; y < side && y0 + y < H; y++) {
			for (int x = 0; x < side && x0 + x < W; x++) {
				double sx = Math.clamp((x + 0.5) * SIDE / side - 0.5, 0, SIDE - 1);
				double sy = Math.clamp((y + 0.5) * SIDE / side - 0.5, 0, SIDE - 1);
				int ix = (int) Math.min(sx, SIDE - 2);
				int iy = (int) Math.min(sy, SIDE - 2);
				double fx = sx - ix;
				double fy = sy - iy;
				int cx0 = mirror ? SIDE - 1 - ix : ix;
				int cx1 = mirror ? SIDE - 2 - ix : ix + 1;
				double v = (1 - fy) * ((1 - fx) * crop[iy * SIDE + cx0] + fx * crop[iy * SIDE + cx1])
						+ fy * ((1 - fx) * crop[(iy + 1) * SIDE + cx0] + fx * crop[(iy + 1) * SIDE + cx1]);
				scene[(y0 + y) * W + x0 + x] = (float) (v * gain + offset);
			}
		}
	}

	/** A little-endian float64 .npy of shape (n, 25, 25), C order. */
	static double[][] read(Path npy) throws IOException {
		try (InputStream in = Files.newInputStream(npy); DataInputStream data = new DataInputStream(in)) {
			byte[] magic = data.readNBytes(8);
			if (magic.length < 8 || magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
				throw new IOException(npy + ": not a .npy file");
			}
			int headerLength = magic[6] == 1 ? Short.toUnsignedInt(Short.reverseBytes(data.readShort())) : Integer.reverseBytes(data.readInt());
			String header = new String(data.readNBytes(headerLength), StandardCharsets.US_ASCII);
			if (!header.contains("'<f8'") || header.contains("'fortran_order': True")) {
				throw new IOException(npy + ": expected little-endian float64 in C order, header " + header.trim());
			}
			String shape = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(')', header.indexOf("'shape'")));
			int n = Integer.parseInt(shape.split(",")[0].trim());
			ByteBuffer buffer = ByteBuffer.wrap(data.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
			if (buffer.remaining() < n * SIDE * SIDE * 8) {
				throw new IOException(npy + ": truncated: " + buffer.remaining() + " bytes for " + n + " crops of 25x25");
			}
			double[][] crops = new double[n][SIDE * SIDE];
			for (double[] c : crops) {
				buffer.asDoubleBuffer().get(c);
				buffer.position(buffer.position() + c.length * 8);
			}
			return crops;
		}
	}
}
