package facet.nn.faceapi.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.GraphLayers;
import facet.platform.djl.graph.LayerGraph;

/**
 * One 3×3 convolution of a dense block as face-api runs it, {@code 'same'} padded, bias added,
 * no activation: either a plain convolution ({@code tf.conv2d(x, filters) + bias}, dense0/conv0)
 * or a depthwise separable one ({@code tf.separableConv2d(x, depthwise, pointwise) + bias}: a
 * depthwise 3×3 without bias, then a pointwise 1×1 carrying the bias).
 */
final class FaceApiConv extends AbstractBlock implements GraphLayers {

	private final String prefix;
	private final boolean separable;
	private final WeightSource weights;
	private final Block padding;
	private final Block spatial;
	private final Block pointwise;
	private final int stride;
	/** The zeros SamePadding adds (top, bottom, left, right) for the input this block was initialized with. */
	private int[] samePadding = new int[4];

	/**
	 * @param prefix the manifest's name of this convolution, e.g. {@code dense1/conv0}
	 * @param weights where the pretrained values come from; null to keep DJL's initialization
	 */
	FaceApiConv(String prefix, boolean separable, int in, int out, int stride, WeightSource weights) {
		super((byte) 1);
		this.prefix = prefix;
		this.separable = separable;
		this.weights = weights;
		this.stride = stride;
		// stride 1 'same' pads one on each side, which DJL's symmetric padding does
		int pad = stride == 1 ? 1 : 0;
		padding = addChildBlock("padding", stride == 1 ? Blocks.identityBlock() : new SamePadding());
		Conv2d.Builder conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad));
		if (separable) {
			spatial = addChildBlock("depthwise", conv.setFilters(in).optGroups(in).optBias(false).build());
			pointwise = addChildBlock("pointwise", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(out).build());
		} else {
			spatial = addChildBlock("conv", conv.setFilters(out).build());
			pointwise = null;
		}
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDList x = spatial.forward(parameters, padding.forward(parameters, inputs, training), training);
		return separable ? pointwise.forward(parameters, x, training) : x;
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		boolean fresh = !isInitialized();
		if (stride != 1) {
			samePadding = SamePadding.sides(inputShapes[0].get(2), inputShapes[0].get(3));
		}
		padding.initialize(manager, dataType, inputShapes);
		Shape[] shapes = padding.getOutputShapes(inputShapes);
		spatial.initialize(manager, dataType, shapes);
		if (separable) {
			pointwise.initialize(manager, dataType, spatial.getOutputShapes(shapes));
		}
		if (fresh && weights != null) {
			if (separable) {
				Layouts.load(spatial.getParameters().get("weight"), weights, prefix + "/depthwise_filter", Layouts.DEPTHWISE);
				Layouts.load(pointwise.getParameters().get("weight"), weights, prefix + "/pointwise_filter", Layouts.CONV);
				Layouts.load(pointwise.getParameters().get("bias"), weights, prefix + "/bias", Layouts.SAME);
			} else {
				Layouts.load(spatial.getParameters().get("weight"), weights, prefix + "/filters", Layouts.CONV);
				Layouts.load(spatial.getParameters().get("bias"), weights, prefix + "/bias", Layouts.SAME);
			}
		}
	}

	@Override
	public LayerGraph.Node addTo(LayerGraph.Builder graph, LayerGraph.Node input) {
		LayerGraph.Node x = input;
		int pad = 1;
		if (stride != 1) {
			x = graph.pad(x, samePadding[0], samePadding[1], samePadding[2], samePadding[3]);
			pad = 0;
		}
		NDArray weight = spatial.getParameters().get("weight").getArray();
		if (separable) {
			x = graph.convolution(x, weight, null, stride, pad, (int) weight.getShape().get(0));
			return graph.convolution(x, pointwise.getParameters().get("weight").getArray(), pointwise.getParameters().get("bias").getArray(), 1, 0,
					1);
		}
		return graph.convolution(x, weight, spatial.getParameters().get("bias").getArray(), stride, pad, 1);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		Shape[] shapes = spatial.getOutputShapes(padding.getOutputShapes(inputShapes));
		return separable ? pointwise.getOutputShapes(shapes) : shapes;
	}
}
