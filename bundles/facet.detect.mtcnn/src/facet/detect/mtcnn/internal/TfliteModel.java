package facet.detect.mtcnn.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a TensorFlow Lite model file that rebuilding a network needs: the tensors of its
 * first subgraph (name, shape, type, constant data) and its operators in execution order.
 * <p>
 * A TFLite file is a FlatBuffer of the schema in tensorflow/lite/schema/schema.fbs; this reader
 * walks the few tables it needs (Model → subgraphs → tensors, operators; Model → buffers,
 * operator_codes) by hand, so that Facet needs no TensorFlow library. Every offset is checked
 * against the file size: a truncated or foreign file gives an {@link IOException} naming the
 * file, never an index error.
 */
public final class TfliteModel {

	/** TensorType values of the schema that this reader can turn into floats. */
	public static final int FLOAT32 = 0;

	/** One tensor of the graph; {@code data} is empty for activations (non-constant tensors). */
	public record Tensor(int index, String name, int[] shape, int type, ByteBuffer data) {

		public boolean isConstant() {
			return data.remaining() > 0;
		}

		public int size() {
			int n = 1;
			for (int d : shape) {
				n *= d;
			}
			return n;
		}

		@Override
		public String toString() {
			return "#" + index + " " + name + " " + Arrays.toString(shape) + " type " + type + (isConstant() ? " const" : "");
		}
	}

	/** One operator: its builtin code (CONV_2D = 3, …) and its input and output tensor indices. */
	public record Operator(int builtinCode, String customCode, int[] inputs, int[] outputs) {

		public String opName() {
			return BUILTIN_NAMES.getOrDefault(builtinCode, customCode != null ? "CUSTOM " + customCode : "BUILTIN_" + builtinCode);
		}
	}

	private static final Map<Integer, String> BUILTIN_NAMES = Map.ofEntries(Map.entry(0, "ADD"), Map.entry(1, "AVERAGE_POOL_2D"),
			Map.entry(2, "CONCATENATION"), Map.entry(3, "CONV_2D"), Map.entry(4, "DEPTHWISE_CONV_2D"), Map.entry(9, "FULLY_CONNECTED"),
			Map.entry(14, "LOGISTIC"), Map.entry(17, "MAX_POOL_2D"), Map.entry(18, "MUL"), Map.entry(19, "RELU"),
			Map.entry(22, "RESHAPE"), Map.entry(25, "SOFTMAX"), Map.entry(39, "TRANSPOSE"), Map.entry(41, "SUB"),
			Map.entry(54, "PRELU"), Map.entry(53, "CAST"), Map.entry(6, "DEQUANTIZE"));

	private final Path file;
	private final List<Tensor> tensors;
	private final List<Operator> operators;
	private final int[] inputs;
	private final int[] outputs;

	private TfliteModel(Path file, List<Tensor> tensors, List<Operator> operators, int[] inputs, int[] outputs) {
		this.file = file;
		this.tensors = tensors;
		this.operators = operators;
		this.inputs = inputs;
		this.outputs = outputs;
	}

	/**
	 * Reads a {@code .tflite} file.
	 *
	 * @throws IOException naming the file when it is missing, truncated or not a TFLite model
	 */
	public static TfliteModel read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new NoSuchFileException(file.toString(), null, "no such TFLite model file");
		}
		byte[] bytes = Files.readAllBytes(file);
		try {
			return parse(file, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
		} catch (FormatException e) {
			throw new IOException(file + ": not a readable TFLite model (" + e.getMessage() + "); the file may be truncated or corrupt", e);
		}
	}

	public Path file() {
		return file;
	}

	public List<Tensor> tensors() {
		return tensors;
	}

	public List<Operator> operators() {
		return operators;
	}

	public Tensor tensor(int index) {
		return tensors.get(index);
	}

	public Tensor input() {
		return tensors.get(inputs[0]);
	}

	public List<Tensor> outputTensors() {
		List<Tensor> list = new ArrayList<>();
		for (int i : outputs) {
			list.add(tensors.get(i));
		}
		return list;
	}

	/** The constant float32 data of a tensor, in the file's (row-major) order. */
	public float[] floats(Tensor tensor) throws IOException {
		if (tensor.type() != FLOAT32) {
			throw new IOException(file + ": tensor '" + tensor.name() + "' has type " + tensor.type() + "; expected float32 (0)");
		}
		ByteBuffer data = tensor.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
		if (data.remaining() != 4L * tensor.size()) {
			throw new IOException(file + ": tensor '" + tensor.name() + "' of shape " + Arrays.toString(tensor.shape()) + " needs "
					+ 4L * tensor.size() + " bytes of data, has " + data.remaining());
		}
		float[] values = new float[tensor.size()];
		data.asFloatBuffer().get(values);
		return values;
	}

	/** One line per operator: name, inputs and outputs with their shapes (for understanding a graph). */
	public String describe() {
		StringBuilder text = new StringBuilder(file.getFileName() + ": input " + input() + "\n");
		for (Operator op : operators) {
			text.append(op.opName()).append('\n');
			for (int i : op.inputs()) {
				text.append("   in  ").append(i < 0 ? "(none)" : tensors.get(i).toString()).append('\n');
			}
			for (int i : op.outputs()) {
				text.append("   out ").append(tensors.get(i)).append('\n');
			}
		}
		return text.toString();
	}

	private static final class FormatException extends Exception {
		private static final long serialVersionUID = 1L;

		FormatException(String message) {
			super(message);
		}
	}

	// --- the FlatBuffer walk -------------------------------------------------------------------

	private static TfliteModel parse(Path file, ByteBuffer buf) throws FormatException {
		if (buf.capacity() < 8) {
			throw new FormatException("only " + buf.capacity() + " bytes");
		}
		String identifier = new String(new byte[] { buf.get(4), buf.get(5), buf.get(6), buf.get(7) }, java.nio.charset.StandardCharsets.US_ASCII);
		if (!identifier.equals("TFL3")) {
			throw new FormatException("file identifier is '" + identifier + "', expected 'TFL3'");
		}
		int model = indirect(buf, 0);
		List<Integer> bufferTables = tableVector(buf, model, 4);
		List<ByteBuffer> buffers = new ArrayList<>();
		for (int table : bufferTables) {
			int data = field(buf, table, 0);
			if (data == 0) {
				buffers.add(ByteBuffer.allocate(0));
			} else {
				int vector = indirect(buf, data);
				int length = vectorLength(buf, vector);
				check(buf, vector + 4, length);
				buffers.add(buf.slice(vector + 4, length));
			}
		}
		List<Integer> codes = new ArrayList<>();
		List<String> customCodes = new ArrayList<>();
		for (int table : tableVector(buf, model, 1)) {
			int deprecated = field(buf, table, 0) == 0 ? 0 : buf.get(field(buf, table, 0));
			int builtin = field(buf, table, 3) == 0 ? 0 : buf.getInt(field(buf, table, 3));
			// schema 3a: the old byte field holds codes < 127, the new int field the rest
			codes.add(Math.max(deprecated, builtin));
			customCodes.add(string(buf, table, 1));
		}
		List<Integer> subgraphs = tableVector(buf, model, 2);
		if (subgraphs.isEmpty()) {
			throw new FormatException("the model has no subgraph");
		}
		int subgraph = subgraphs.get(0);
		List<Tensor> tensors = new ArrayList<>();
		List<Integer> tensorTables = tableVector(buf, subgraph, 0);
		for (int i = 0; i < tensorTables.size(); i++) {
			int table = tensorTables.get(i);
			int[] shape = intVector(buf, table, 0);
			int typeField = field(buf, table, 1);
			int type = typeField == 0 ? 0 : buf.get(typeField);
			int bufferField = field(buf, table, 2);
			int bufferIndex = bufferField == 0 ? 0 : buf.getInt(bufferField);
			if (bufferIndex < 0 || bufferIndex >= buffers.size()) {
				throw new FormatException("tensor " + i + " refers to buffer " + bufferIndex + " of " + buffers.size());
			}
			String name = string(buf, table, 3);
			tensors.add(new Tensor(i, name == null ? "tensor" + i : name, shape, type, buffers.get(bufferIndex)));
		}
		List<Operator> operators = new ArrayList<>();
		for (int table : tableVector(buf, subgraph, 3)) {
			int opcodeField = field(buf, table, 0);
			int opcode = opcodeField == 0 ? 0 : buf.getInt(opcodeField);
			if (opcode < 0 || opcode >= codes.size()) {
				throw new FormatException("operator refers to operator code " + opcode + " of " + codes.size());
			}
			int[] in = intVector(buf, table, 1);
			int[] out = intVector(buf, table, 2);
			for (int t : concat(in, out)) {
				if (t >= tensors.size()) {
					throw new FormatException("operator refers to tensor " + t + " of " + tensors.size());
				}
			}
			operators.add(new Operator(codes.get(opcode), customCodes.get(opcode), in, out));
		}
		int[] inputs = intVector(buf, subgraph, 1);
		int[] outputs = intVector(buf, subgraph, 2);
		if (inputs.length == 0 || outputs.length == 0) {
			throw new FormatException("the graph declares no input or no output");
		}
		return new TfliteModel(file, List.copyOf(tensors), List.copyOf(operators), inputs, outputs);
	}

	private static int[] concat(int[] a, int[] b) {
		int[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	private static void check(ByteBuffer buf, int position, long length) throws FormatException {
		if (position < 0 || length < 0 || position + length > buf.capacity()) {
			throw new FormatException("offset " + position + " + " + length + " lies beyond the end of the file (" + buf.capacity() + " bytes)");
		}
	}

	/** Follows a uoffset stored at {@code position}. */
	private static int indirect(ByteBuffer buf, int position) throws FormatException {
		check(buf, position, 4);
		long target = position + (buf.getInt(position) & 0xffffffffL);
		check(buf, (int) Math.min(target, Integer.MAX_VALUE), 4);
		return (int) target;
	}

	/** The absolute position of field {@code index} of the table at {@code table}, or 0 when absent. */
	private static int field(ByteBuffer buf, int table, int index) throws FormatException {
		check(buf, table, 4);
		int vtable = table - buf.getInt(table);
		check(buf, vtable, 4);
		int vtableSize = buf.getShort(vtable) & 0xffff;
		int slot = 4 + 2 * index;
		if (slot + 2 > vtableSize) {
			return 0;
		}
		check(buf, vtable, vtableSize);
		int offset = buf.getShort(vtable + slot) & 0xffff;
		if (offset == 0) {
			return 0;
		}
		check(buf, table + offset, 1);
		return table + offset;
	}

	private static int vectorLength(ByteBuffer buf, int vector) throws FormatException {
		check(buf, vector, 4);
		int length = buf.getInt(vector);
		if (length < 0) {
			throw new FormatException("negative vector length at " + vector);
		}
		return length;
	}

	private static List<Integer> tableVector(ByteBuffer buf, int table, int index) throws FormatException {
		int field = field(buf, table, index);
		if (field == 0) {
			return List.of();
		}
		int vector = indirect(buf, field);
		int length = vectorLength(buf, vector);
		check(buf, vector + 4, 4L * length);
		List<Integer> tables = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			tables.add(indirect(buf, vector + 4 + 4 * i));
		}
		return tables;
	}

	private static int[] intVector(ByteBuffer buf, int table, int index) throws FormatException {
		int field = field(buf, table, index);
		if (field == 0) {
			return new int[0];
		}
		int vector = indirect(buf, field);
		int length = vectorLength(buf, vector);
		check(buf, vector + 4, 4L * length);
		int[] values = new int[length];
		for (int i = 0; i < length; i++) {
			values[i] = buf.getInt(vector + 4 + 4 * i);
		}
		return values;
	}

	private static String string(ByteBuffer buf, int table, int index) throws FormatException {
		int field = field(buf, table, index);
		if (field == 0) {
			return null;
		}
		int vector = indirect(buf, field);
		int length = vectorLength(buf, vector);
		check(buf, vector + 4, length);
		byte[] bytes = new byte[length];
		buf.get(vector + 4, bytes);
		return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
	}

	/** Tensors by name, for looking weights up. */
	public Map<String, Tensor> tensorsByName() {
		Map<String, Tensor> map = new LinkedHashMap<>();
		for (Tensor t : tensors) {
			map.put(t.name(), t);
		}
		return map;
	}
}
