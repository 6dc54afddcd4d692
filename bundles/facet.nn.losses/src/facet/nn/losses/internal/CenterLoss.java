package facet.nn.losses.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import facet.nn.api.FacetLoss;

/**
 * Center loss (Wen et al., ECCV 2016): {@code L_C = ½ · mean_i ‖x_i − c_{y_i}‖²} over the
 * embeddings x of a batch, one learned centre per class. Its gradient pulls each embedding
 * towards its class centre ({@code ∂L_C/∂x_i = (x_i − c_{y_i}) / N}). The centres are not
 * network parameters: after each training step they move towards their class's embeddings by
 * Wen et al.'s rule {@code c_j ← c_j − α Δc_j}, {@code Δc_j = Σ_{y_i=j} (c_j − x_i) / (1 + n_j)}.
 * They start as small random vectors (fixed seed), sized by the first embedding seen, and go
 * into every checkpoint ({@link #saveState}).
 */
public class CenterLoss extends FacetLoss {

	private final int classes;
	private final float alpha;
	/** K × D, row-major; null until the embedding size is known. */
	protected float[] centres;
	protected int dimension;

	public CenterLoss(String name, int classes, float alpha) {
		super(name);
		this.classes = classes;
		this.alpha = alpha;
	}

	public CenterLoss(int classes, float alpha) {
		this("center", classes, alpha);
	}

	@Override
	public boolean needsEmbedding() {
		return true;
	}

	/** A copy of the centres, K rows of D values; empty before the first batch. */
	public float[][] centres() {
		if (centres == null) {
			return new float[0][];
		}
		float[][] rows = new float[classes][];
		for (int j = 0; j < classes; j++) {
			rows[j] = java.util.Arrays.copyOfRange(centres, j * dimension, (j + 1) * dimension);
		}
		return rows;
	}

	/** Sets the centres, e.g. restored with a model; K rows of equal length D. */
	public void setCentres(float[][] rows) {
		if (rows.length != classes) {
			throw new IllegalArgumentException("loss '" + getName() + "' has " + classes + " classes, got " + rows.length + " centres");
		}
		dimension = rows[0].length;
		centres = new float[classes * dimension];
		for (int j = 0; j < classes; j++) {
			if (rows[j].length != dimension) {
				throw new IllegalArgumentException("centre " + j + " has " + rows[j].length + " values, centre 0 has " + dimension);
			}
			System.arraycopy(rows[j], 0, centres, j * dimension, dimension);
		}
	}

	/** Classes, dimension (0 before the first batch), then the centres row by row. */
	@Override
	public void saveState(DataOutputStream out) throws IOException {
		out.writeInt(classes);
		out.writeInt(centres == null ? 0 : dimension);
		if (centres != null) {
			for (float v : centres) {
				out.writeFloat(v);
			}
		}
	}

	@Override
	public void loadState(DataInputStream in) throws IOException {
		int savedClasses = in.readInt();
		if (savedClasses != classes) {
			throw new IOException("loss '" + getName() + "' has " + classes + " classes, the saved centres are for " + savedClasses);
		}
		int d = in.readInt();
		if (d < 0) {
			throw new IOException("loss '" + getName() + "': saved centre size " + d + " is negative");
		}
		if (d == 0) {
			centres = null;
			dimension = 0;
			return;
		}
		float[] values = new float[classes * d];
		for (int i = 0; i < values.length; i++) {
			values[i] = in.readFloat();
		}
		centres = values;
		dimension = d;
	}

	private void ensureCentres(NDArray embedding) {
		Shape shape = embedding.getShape();
		if (shape.dimension() != 2) {
			throw new IllegalArgumentException("loss '" + getName() + "' expects an embedding (N, D), got " + shape);
		}
		int d = (int) shape.get(1);
		if (centres == null) {
			dimension = d;
			centres = new float[classes * d];
			Random random = new Random(31L * classes + d);
			for (int i = 0; i < centres.length; i++) {
				centres[i] = (float) (0.1 * random.nextGaussian());
			}
		} else if (d != dimension) {
			throw new IllegalArgumentException("loss '" + getName() + "' has centres of size " + dimension + ", got an embedding of size " + d);
		}
	}

	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray x = embedding(predictions);
		ensureCentres(x);
		NDArray c = x.getManager().create(centres, new Shape(classes, dimension)).toType(x.getDataType(), false);
		NDArray own = classes(labels).oneHot(classes, x.getDataType()).matMul(c);
		return x.sub(own).square().sum(new int[] { 1 }).mean().mul(0.5f);
	}

	@Override
	public void afterStep(NDList labels, NDList predictions) {
		NDArray x = embedding(predictions);
		ensureCentres(x);
		float[] values = x.toType(DataType.FLOAT32, false).toFloatArray();
		int[] y = classes(labels).toIntArray();
		float[] sums = new float[centres.length];
		int[] counts = new int[classes];
		for (int i = 0; i < y.length; i++) {
			if (y[i] < 0 || y[i] >= classes) {
				throw new IllegalArgumentException("label " + y[i] + " is not a class index in [0, " + (classes - 1) + "]");
			}
			counts[y[i]]++;
			for (int d = 0; d < dimension; d++) {
				sums[y[i] * dimension + d] += values[i * dimension + d];
			}
		}
		float[] step = new float[centres.length];
		for (int j = 0; j < classes; j++) {
			for (int d = 0; d < dimension; d++) {
				int at = j * dimension + d;
				step[at] = (counts[j] * centres[at] - sums[at]) / (1 + counts[j]);
			}
		}
		addCentreGradient(step);
		for (int i = 0; i < centres.length; i++) {
			centres[i] -= alpha * step[i];
		}
	}

	/** Hook for terms on the centres themselves (the island loss); adds to the centres' step. */
	protected void addCentreGradient(float[] step) {
		// the center loss has none
	}

	protected int classCount() {
		return classes;
	}
}
