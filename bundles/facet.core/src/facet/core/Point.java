package facet.core;

/** A point in original image pixels (x to the right, y down). */
public record Point(double x, double y) {
}
