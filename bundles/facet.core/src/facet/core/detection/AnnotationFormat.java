package facet.core.detection;

/** The face-box annotation files Facet reads. */
public enum AnnotationFormat {

	/**
	 * WIDER FACE {@code wider_face_*_bbx_gt.txt}: an image name line, a count line, then one line
	 * per face {@code x y w h blur expression illumination invalid occlusion pose}; a count of 0
	 * is followed by one all-zero line.
	 */
	WIDER_FACE,

	/**
	 * FDDB {@code FDDB-fold-*-ellipseList.txt}: an image name line (no extension), a count line,
	 * then one line per face {@code major_radius minor_radius angle center_x center_y 1}.
	 */
	FDDB,

	/**
	 * A table with one face per line: {@code image x1 y1 x2 y2} and optionally the five
	 * landmarks as ten more columns {@code x y} in {@link facet.core.FaceBox.Landmark} order;
	 * separated by tabs, commas or spaces; an optional header line and {@code #} comments.
	 */
	BOX_TABLE
}
