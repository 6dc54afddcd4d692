package facet.detect.mtcnn.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import facet.core.ImageRaster;

/**
 * An image as MTCNN's networks read it: resized by area averaging when shrinking (what OpenCV's
 * {@code INTER_AREA} gives the reference, facenet's {@code detect_face.py}) and bilinearly when
 * enlarging, padded with zeros outside the image, and handed over as (v − 127.5) / 128 laid out
 * [channel][x][y] (transposed: the networks were trained on column-major images).
 * <p>
 * Shrinking reads running sums of each pixel column, so an output value costs the same whether
 * it averages 4 pixels or 400: the whole pyramid costs about two passes over its largest level,
 * where averaging afresh from the image cost a full-size pass per level, and a large box's
 * crop a pass over the box.
 */
public final class MtcnnImage {

	/** What a black pixel becomes; crops are padded with it, as the reference pads with zeros. */
	static final float BLACK = normalize(0);

	private final int width;
	private final int height;
	private final byte[] pixels;
	private final int channels;
	/** Per channel, the running sums down each pixel column: [c][y][x] is the sum of rows 0 … y − 1. */
	private final int[] columnSums;

	private MtcnnImage(int width, int height, byte[] pixels, int channels, int[] columnSums) {
		this.width = width;
		this.height = height;
		this.pixels = pixels;
		this.channels = channels;
		this.columnSums = columnSums;
	}

	/** Gray images are repeated into three channels. */
	public static MtcnnImage of(ImageRaster image) {
		int w = image.width();
		int h = image.height();
		int n = image.channels();
		byte[] p = image.pixels();
		int[] sums = new int[3 * (h + 1) * w];
		// two halves of the columns on two cores; each row of sums is the row above plus a pixel row
		int half = w / 2;
		IntStream.of(0, 1).parallel().forEach(part -> {
			int from = part == 0 ? 0 : half;
			int to = part == 0 ? half : w;
			int plane = (h + 1) * w;
			int green = n == 3 ? 1 : 0;
			int blue = n == 3 ? 2 : 0;
			for (int y = 0; y < h; y++) {
				int above = y * w;
				int row = above + w;
				for (int x = from, q = (y * w + from) * n; x < to; x++, q += n) {
					sums[row + x] = sums[above + x] + (p[q] & 0xff);
					sums[plane + row + x] = sums[plane + above + x] + (p[q + green] & 0xff);
					sums[2 * plane + row + x] = sums[2 * plane + above + x] + (p[q + blue] & 0xff);
				}
			}
		});
		return new MtcnnImage(w, h, p, n, sums);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/**
	 * One level of a {@link PyramidAtlas}: the image resized by {@code scale} to
	 * {@code width × height}, drawn at ({@code x}, {@code y}) of the atlas (both even).
	 */
	public record Level(double scale, int x, int y, int width, int height) {
	}

	/** P-Net's face probabilities and box offsets for one level, {@code mx × my} cells, [c][x][y]. */
	public record LevelMaps(float[] prob, float[] reg, int mx, int my) {
	}

	/**
	 * All levels of a pyramid drawn side by side on one canvas, so that P-Net runs once instead of
	 * once per level: a fully convolutional network sees each level as it would alone wherever its
	 * 12-pixel window lies wholly inside the level. Levels start at even pixels because P-Net moves
	 * its window by 2.
	 *
	 * @param planes the canvas, normalized, [channel][x][y]; pixels between levels are black
	 */
	public record PyramidAtlas(int width, int height, List<Level> levels, float[] planes) {

		/**
		 * The cells of P-Net's maps ({@code mx × my}, laid out [c][x][y] over the atlas) whose
		 * window lies inside the level, as maps of the level's own: cell (i, j) of the result is
		 * the window at (2i, 2j) of the level. Where an odd side leaves a last window one pixel
		 * over the level's edge (the reference evaluates it on its padded border), it is left out.
		 */
		public LevelMaps levelMaps(Level level, float[] prob, float[] reg, int mx, int my) {
			int cx = cells(level.width());
			int cy = cells(level.height());
			float[] p = new float[2 * cx * cy];
			float[] r = new float[4 * cx * cy];
			int plane = mx * my;
			int x0 = level.x() / 2;
			int y0 = level.y() / 2;
			for (int i = 0; i < cx; i++) {
				for (int j = 0; j < cy; j++) {
					int from = (x0 + i) * my + y0 + j;
					int to = i * cy + j;
					for (int c = 0; c < 2; c++) {
						p[c * cx * cy + to] = prob[c * plane + from];
					}
					for (int c = 0; c < 4; c++) {
						r[c * cx * cy + to] = reg[c * plane + from];
					}
				}
			}
			return new LevelMaps(p, r, cx, cy);
		}

		/** Windows of 12 pixels, moved by 2, that fit into {@code side} pixels. */
		static int cells(int side) {
			return side < 12 ? 0 : (side - 12) / 2 + 1;
		}
	}

	/**
	 * Resizes the image to every scale (each side {@code ceil(side · scale)}, as the reference)
	 * and packs the levels into columns as tall as the first, largest level; levels smaller than
	 * P-Net's window are left out.
	 */
	public PyramidAtlas atlas(List<Double> scales) {
		List<Level> levels = new ArrayList<>();
		int columnX = 0;
		int columnWidth = 0;
		int y = 0;
		int canvasHeight = 0;
		for (double scale : scales) {
			int w = (int) Math.ceil(width * scale);
			int h = (int) Math.ceil(height * scale);
			if (w < 12 || h < 12) {
				continue;
			}
			if (levels.isEmpty()) {
				canvasHeight = even(h);
			} else if (y + h > canvasHeight) {
				columnX += columnWidth;
				columnWidth = 0;
				y = 0;
			}
			levels.add(new Level(scale, columnX, y, w, h));
			columnWidth = Math.max(columnWidth, even(w));
			y += even(h);
		}
		if (levels.isEmpty()) {
			return new PyramidAtlas(0, 0, List.of(), new float[0]);
		}
		int canvasWidth = columnX + columnWidth;
		int atlasHeight = canvasHeight;
		float[] planes = new float[3 * canvasWidth * canvasHeight];
		Arrays.fill(planes, BLACK);
		levels.parallelStream().forEach(level -> resize(0, 0, width, height, level.width(), level.height(), planes,
				level.x() * atlasHeight + level.y(), atlasHeight, canvasWidth * atlasHeight));
		return new PyramidAtlas(canvasWidth, canvasHeight, List.copyOf(levels), planes);
	}

	private static int even(int side) {
		return side + (side & 1);
	}

	/**
	 * Crops the box with 1-based inclusive corners (the reference's convention), padding outside
	 * the image with black, and resizes it to {@code size × size} into {@code target} at
	 * {@code offset}, [channel][x][y].
	 */
	public void crop(int x1, int y1, int x2, int y2, int size, float[] target, int offset) {
		int cw = x2 - x1 + 1;
		int ch = y2 - y1 + 1;
		if (cw <= 0 || ch <= 0) {
			Arrays.fill(target, offset, offset + 3 * size * size, BLACK);
			return;
		}
		resize(x1 - 1, y1 - 1, cw, ch, size, size, target, offset, size, size * size);
	}

	/**
	 * Resizes the region {@code [x0, x0 + cw) × [y0, y0 + ch)} (pixels outside the image are zero)
	 * to {@code outX × outY}, writing value (c, x, y) to
	 * {@code target[offset + c · channelStride + x · xStride + y]}.
	 */
	private void resize(int x0, int y0, int cw, int ch, int outX, int outY, float[] target, int offset, int xStride, int channelStride) {
		if (cw < outX || ch < outY) {
			enlarge(x0, y0, cw, ch, outX, outY, target, offset, xStride, channelStride);
			return;
		}
		// where each output row starts and ends in the image's rows, each output column in the region's columns
		Cells rows = Cells.of(y0, ch, outY, height);
		Cells columns = Cells.of(0, cw, outX, cw);
		double sy = (double) ch / outY;
		double sx = (double) cw / outX;
		int from = Math.max(0, x0);
		int to = Math.min(width, x0 + cw);
		float scale = (float) (1 / (sx * sy));
		// per output row, running sums along x of the column sums: running[x] covers columns 0 … x − 1
		float[] running = new float[cw + 1];
		for (int c = 0; c < 3; c++) {
			int plane = c * (height + 1) * width;
			for (int oy = 0; oy < outY; oy++) {
				int a = plane + rows.startWhole()[oy] * width;
				int b = plane + rows.endWhole()[oy] * width;
				float fa = rows.startShare()[oy];
				float fb = rows.endShare()[oy];
				// columns left and right of the image add nothing
				int inside = Math.clamp(from - x0, 0, cw);
				Arrays.fill(running, 0, inside + 1, 0);
				for (int x = from; x < to; x++) {
					float lo = columnSums[a + x] + fa * (columnSums[a + width + x] - columnSums[a + x]);
					float hi = columnSums[b + x] + fb * (columnSums[b + width + x] - columnSums[b + x]);
					running[x - x0 + 1] = running[x - x0] + (hi - lo);
				}
				int last = Math.clamp(to - x0, inside, cw);
				Arrays.fill(running, last + 1, cw + 1, running[last]);
				int out = offset + c * channelStride + oy;
				for (int ox = 0; ox < outX; ox++) {
					int i = columns.startWhole()[ox];
					int j = columns.endWhole()[ox];
					float lo = running[i] + columns.startShare()[ox] * (running[i + 1] - running[i]);
					float hi = running[j] + columns.endShare()[ox] * (running[j + 1] - running[j]);
					target[out + ox * xStride] = normalize((hi - lo) * scale);
				}
			}
		}
	}

	/**
	 * Where the {@code out} cells of a span of {@code span} pixels starting at {@code origin} begin
	 * and end along a side of {@code size} pixels: each as the whole pixel before it and the share
	 * of that pixel, clamped to the side, which is where running sums are read.
	 */
	private record Cells(int[] startWhole, float[] startShare, int[] endWhole, float[] endShare) {

		static Cells of(int origin, int span, int out, int size) {
			Cells cells = new Cells(new int[out], new float[out], new int[out], new float[out]);
			double scale = (double) span / out;
			for (int o = 0; o < out; o++) {
				position(origin + o * scale, size, cells.startWhole(), cells.startShare(), o);
				position(origin + Math.min(span, (o + 1) * scale), size, cells.endWhole(), cells.endShare(), o);
			}
			return cells;
		}

		private static void position(double at, int size, int[] whole, float[] share, int index) {
			if (at <= 0) {
				whole[index] = 0;
				share[index] = 0;
			} else if (at >= size) {
				whole[index] = size - 1;
				share[index] = 1;
			} else {
				int i = (int) at;
				whole[index] = i;
				share[index] = (float) (at - i);
			}
		}
	}

	/**
	 * A region smaller than its output along a side (a box under 24 or 48 pixels, a pyramid for
	 * faces under 12): copied out and resized with {@link ImageResampler}, bilinear where it
	 * enlarges.
	 */
	private void enlarge(int x0, int y0, int cw, int ch, int outX, int outY, float[] target, int offset, int xStride, int channelStride) {
		float[] region = new float[3 * cw * ch];
		for (int c = 0; c < 3; c++) {
			int from = channels == 3 ? c : 0;
			for (int x = 0; x < cw; x++) {
				int ix = x0 + x;
				for (int y = 0; y < ch; y++) {
					int iy = y0 + y;
					if (ix >= 0 && ix < width && iy >= 0 && iy < height) {
						region[(c * cw + x) * ch + y] = pixels[(iy * width + ix) * channels + from] & 0xff;
					}
				}
			}
		}
		float[] resized = new float[3 * outX * outY];
		ImageResampler.resize(region, 3, cw, ch, outX, outY, resized, 0);
		for (int c = 0; c < 3; c++) {
			for (int x = 0; x < outX; x++) {
				for (int y = 0; y < outY; y++) {
					target[offset + c * channelStride + x * xStride + y] = normalize(resized[(c * outX + x) * outY + y]);
				}
			}
		}
	}

	private static float normalize(float value) {
		return (value - 127.5f) / 128f;
	}
}
