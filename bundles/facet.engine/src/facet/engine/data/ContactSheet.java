package facet.engine.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.spi.Dataset;

/** A grid of a dataset's faces, as {@code facet data inspect} writes one per class and the workbench's Dataset view shows. */
public final class ContactSheet {

	private ContactSheet() {
	}

	/**
	 * Up to side × side faces spread evenly over the samples, on a square grid, each scaled to the
	 * first one's size; gray when every face is gray.
	 *
	 * @throws IllegalArgumentException when there are no samples
	 */
	public static ImageRaster of(Dataset dataset, List<Sample> samples, int side) throws IOException {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("a contact sheet needs at least one sample");
		}
		int n = Math.min(side * side, samples.size());
		ImageRaster first = dataset.load(samples.get(0));
		int cell = Math.max(first.width(), first.height());
		BufferedImage sheet = new BufferedImage(side * cell, side * cell, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = sheet.createGraphics();
		boolean gray = true;
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			for (int i = 0; i < n; i++) {
				ImageRaster image = dataset.load(samples.get((int) ((long) i * samples.size() / n)));
				gray &= image.channels() == 1;
				g.drawImage(ImageFiles.toBufferedImage(image), (i % side) * cell, (i / side) * cell, cell, cell, null);
			}
		} finally {
			g.dispose();
		}
		return ImageFiles.toRaster(sheet, gray);
	}
}
