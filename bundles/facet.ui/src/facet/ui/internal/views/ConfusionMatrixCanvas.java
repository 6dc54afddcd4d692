package facet.ui.internal.views;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/** A confusion matrix as a shaded grid: rows the true class, columns the prediction, counts in the cells. */
public final class ConfusionMatrixCanvas extends Canvas {

	private List<String> labels = List.of();
	private long[][] counts = new long[0][0];
	private String title = "Confusion matrix (test): no evaluation yet";

	public ConfusionMatrixCanvas(Composite parent) {
		super(parent, SWT.DOUBLE_BUFFERED);
		addPaintListener(event -> paint(event.gc));
	}

	public void setMatrix(String newTitle, List<String> newLabels, long[][] newCounts) {
		title = newTitle;
		labels = List.copyOf(newLabels);
		counts = newCounts;
		redraw();
	}

	private void paint(GC gc) {
		Rectangle area = getClientArea();
		gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
		gc.fillRectangle(area);
		gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
		gc.drawString(title, 6, 4, true);
		int n = labels.size();
		if (n == 0) {
			return;
		}
		int labelWidth = 0;
		for (String label : labels) {
			labelWidth = Math.max(labelWidth, gc.stringExtent(label).x);
		}
		int top = 26 + gc.getFontMetrics().getHeight();
		int left = 10 + labelWidth;
		int cell = Math.max(12, Math.min((area.width - left - 8) / n, (area.height - top - 8) / n));
		long max = 1;
		for (long[] row : counts) {
			for (long c : row) {
				max = Math.max(max, c);
			}
		}
		for (int j = 0; j < n; j++) {
			String label = labels.get(j);
			String shown = gc.stringExtent(label).x > cell - 2 ? label.substring(0, Math.min(3, label.length())) : label;
			Point extent = gc.stringExtent(shown);
			gc.drawString(shown, left + j * cell + (cell - extent.x) / 2, top - extent.y - 2, true);
		}
		for (int i = 0; i < n; i++) {
			Point extent = gc.stringExtent(labels.get(i));
			// the previous row's dark cells left the foreground white
			gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
			gc.drawString(labels.get(i), left - extent.x - 4, top + i * cell + (cell - extent.y) / 2, true);
			for (int j = 0; j < n; j++) {
				long value = i < counts.length && j < counts[i].length ? counts[i][j] : 0;
				double share = value / (double) max;
				RGB rgb = new RGB((int) (255 - share * 205), (int) (255 - share * 140), 255 - (int) (share * 40));
				Color color = new Color(rgb);
				gc.setBackground(color);
				gc.fillRectangle(left + j * cell, top + i * cell, cell, cell);
				gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_GRAY));
				gc.drawRectangle(left + j * cell, top + i * cell, cell, cell);
				String text = Long.toString(value);
				Point t = gc.stringExtent(text);
				gc.setForeground(getDisplay().getSystemColor(share > 0.6 ? SWT.COLOR_WHITE : SWT.COLOR_BLACK));
				gc.drawString(text, left + j * cell + (cell - t.x) / 2, top + i * cell + (cell - t.y) / 2, true);
			}
		}
	}
}
