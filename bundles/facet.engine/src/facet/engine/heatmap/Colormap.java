package facet.engine.heatmap;

/** Maps a value in [0, 1] to a colour, low blue to high red; values outside are clamped. */
public enum Colormap {

	/** MATLAB's jet: dark blue (0, 0, 128) at 0, through cyan, yellow, to dark red (128, 0, 0) at 1. */
	JET {
		@Override
		public int rgb(double value) {
			double v = clamp(value);
			return pack(jetChannel(4 * v - 3), jetChannel(4 * v - 2), jetChannel(4 * v - 1));
		}
	},

	/**
	 * Google's Turbo (Mikhailov 2019), a perceptually smoother jet, from its published polynomial
	 * approximation (nearly black at 0 where the table is dark purple, blue just above, green in
	 * the middle, dark red at 1).
	 */
	TURBO {
		@Override
		public int rgb(double value) {
			double x = clamp(value);
			double x2 = x * x;
			double x3 = x2 * x;
			double x4 = x3 * x;
			double x5 = x4 * x;
			double r = 0.13572138 + 4.61539260 * x - 42.66032258 * x2 + 132.13108234 * x3 - 152.94239396 * x4 + 59.28637943 * x5;
			double g = 0.09140261 + 2.19418839 * x + 4.84296658 * x2 - 14.18503333 * x3 + 4.27729857 * x4 + 2.82956604 * x5;
			double b = 0.10667330 + 12.64194608 * x - 60.58204836 * x2 + 110.36276771 * x3 - 89.90310912 * x4 + 27.34824973 * x5;
			return pack(r, g, b);
		}
	};

	/** The colour as {@code 0xRRGGBB}. */
	public abstract int rgb(double value);

	/** A colormap by name, {@code jet} or {@code turbo}, ignoring case. */
	public static Colormap named(String name) {
		for (Colormap c : values()) {
			if (c.name().equalsIgnoreCase(name)) {
				return c;
			}
		}
		throw new IllegalArgumentException("unknown colormap '" + name + "'; expected jet or turbo");
	}

	private static double clamp(double v) {
		return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
	}

	/** A jet channel: a trapezoid 1.5 - |t|, clamped, with t = 4v - 1 (blue), 4v - 2 (green), 4v - 3 (red). */
	private static double jetChannel(double t) {
		return Math.max(0, Math.min(1, 1.5 - Math.abs(t)));
	}

	private static int pack(double r, double g, double b) {
		return channel(r) << 16 | channel(g) << 8 | channel(b);
	}

	private static int channel(double v) {
		return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
	}
}
