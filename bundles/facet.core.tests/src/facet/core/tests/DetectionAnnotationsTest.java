package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.FaceBox;
import facet.core.data.BadDataException;
import facet.core.detection.AnnotatedImage;
import facet.core.detection.AnnotationFormat;
import facet.core.detection.DetectionAnnotations;

/** The WIDER FACE, FDDB and box-table readers on files the tests write. */
class DetectionAnnotationsTest {

	@TempDir
	Path dir;

	private Path write(String name, String text) throws IOException {
		return Files.writeString(dir.resolve(name), text);
	}

	private static void assertBox(double x1, double y1, double x2, double y2, FaceBox box) {
		assertEquals(x1, box.x1(), 1e-9);
		assertEquals(y1, box.y1(), 1e-9);
		assertEquals(x2, box.x2(), 1e-9);
		assertEquals(y2, box.y2(), 1e-9);
	}

	@Test
	void widerFaceGivesBoxesInvalidFlagsAndEmptyImages() throws IOException {
		Path file = write("wider_face_val_bbx_gt.txt", """
				0--Parade/0_Parade_1.jpg
				2
				10 20 30 40 0 0 0 0 0 0\s
				50 60 5 6 2 0 0 1 0 0
				1--Handshaking/1_Handshaking_2.jpg
				0
				0 0 0 0 0 0 0 0 0 0
				2--Demo/2_Demo_3.jpg
				1
				1 2 3 4 1 1 1 0 1 1
				""");
		DetectionAnnotations a = DetectionAnnotations.read(file);
		assertEquals(AnnotationFormat.WIDER_FACE, a.format());
		assertEquals(List.of("0--Parade/0_Parade_1.jpg", "1--Handshaking/1_Handshaking_2.jpg", "2--Demo/2_Demo_3.jpg"),
				a.images().stream().map(AnnotatedImage::image).toList());
		AnnotatedImage first = a.images().get(0);
		assertEquals(2, first.faces().size());
		assertBox(10, 20, 40, 60, first.faces().get(0).box());
		assertFalse(first.faces().get(0).ignored());
		assertTrue(first.faces().get(1).ignored(), "invalid = 1");
		assertEquals(0, a.images().get(1).faces().size());
		assertEquals(8, a.images().get(2).line());
		assertEquals(3, a.faceCount());
	}

	@Test
	void widerFaceErrorsNameFileAndLine() throws IOException {
		Path shortCount = write("a_bbx_gt.txt", "img1.jpg\n2\n10 20 30 40 0 0 0 0 0 0\nimg2.jpg\n1\n1 2 3 4 0 0 0 0 0 0\n");
		BadDataException e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(shortCount));
		assertEquals(shortCount + ":4", e.location(), e.getMessage());
		assertTrue(e.getMessage().contains("'img2.jpg'") && e.getMessage().contains("x y w h"), e.getMessage());

		Path nineFields = write("b_bbx_gt.txt", "img1.jpg\n1\n10 20 30 40 0 0 0 0 0\n");
		e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(nineFields));
		assertEquals(nineFields + ":3", e.location());
		assertTrue(e.getMessage().contains("got 9 fields"), e.getMessage());

		Path badCount = write("c_bbx_gt.txt", "img1.jpg\ntwo\n");
		e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(badCount));
		assertEquals(badCount + ":2", e.location());

		Path truncated = write("d_bbx_gt.txt", "img1.jpg\n3\n10 20 30 40 0 0 0 0 0 0\n");
		e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(truncated));
		assertTrue(e.getMessage().contains("ends after 1 of the 3 faces"), e.getMessage());

		Path negative = write("e_bbx_gt.txt", "img1.jpg\n1\n10 20 -3 40 0 0 0 0 0 0\n");
		e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(negative));
		assertEquals(negative + ":3", e.location());
	}

	@Test
	void fddbEllipsesBecomeTheirBoundingBoxes() throws IOException {
		Path file = write("FDDB-fold-01-ellipseList.txt", """
				2002/08/11/big/img_591
				2
				20 10 0 100 100 1
				20 10 1.5707963267948966 50 60  1
				""");
		DetectionAnnotations a = DetectionAnnotations.read(file);
		assertEquals(AnnotationFormat.FDDB, a.format());
		List<FaceBox> boxes = a.images().get(0).faces().stream().map(f -> f.box()).toList();
		// angle 0: the major radius lies along x
		assertBox(80, 90, 120, 110, boxes.get(0));
		// a quarter turn: the major radius lies along y
		assertBox(40, 40, 60, 80, boxes.get(1));
		// 45 degrees: both half-sides are sqrt((a² + b²) / 2)
		FaceBox tilted = DetectionAnnotations.ellipseBox(20, 10, Math.PI / 4, 0, 0);
		assertEquals(Math.sqrt(250), tilted.x2(), 1e-9);
		assertEquals(Math.sqrt(250), tilted.y2(), 1e-9);
		// FDDB names carry no extension
		Files.createDirectories(dir.resolve("2002/08/11/big"));
		Files.writeString(dir.resolve("2002/08/11/big/img_591.jpg"), "");
		assertEquals(dir.resolve("2002/08/11/big/img_591.jpg"), DetectionAnnotations.resolve(dir, a.images().get(0)));
	}

	@Test
	void fddbErrorsNameFileAndLine() throws IOException {
		Path fiveFields = write("FDDB-fold-02-ellipseList.txt", "img_1\n1\n20 10 0 100 1\n");
		BadDataException e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(fiveFields));
		assertEquals(fiveFields + ":3", e.location());
		assertTrue(e.getMessage().contains("major_radius"), e.getMessage());
		Path zeroRadius = write("FDDB-fold-03-ellipseList.txt", "img_1\n1\n0 10 0 100 100 1\n");
		e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(zeroRadius));
		assertEquals(zeroRadius + ":3", e.location());
	}

	@Test
	void boxTablesWithHeaderLandmarksCommentsAndImagesWithoutFaces() throws IOException {
		Path csv = write("faces.csv", """
				image,x1,y1,x2,y2,lex,ley,rex,rey,nx,ny,mlx,mly,mrx,mry
				# a comment
				a.jpg,10,20,110,140,30,50,80,50,55,80,35,110,75,110
				b.jpg,0,0,5,5,1,1,4,1,2,2,1,4,4,4
				a.jpg,200,20,260,100,210,40,240,40,225,60,212,80,238,80
				""");
		DetectionAnnotations a = DetectionAnnotations.read(csv);
		assertEquals(AnnotationFormat.BOX_TABLE, a.format());
		assertEquals(2, a.images().size());
		assertEquals("a.jpg", a.images().get(0).image());
		assertEquals(2, a.images().get(0).faces().size(), "lines of one image are gathered");
		FaceBox face = a.images().get(0).faces().get(0).box();
		assertBox(10, 20, 110, 140, face);
		assertEquals(5, face.landmarks().size());
		assertEquals(55, face.landmarks().get(FaceBox.Landmark.NOSE.ordinal()).x());

		Path tsv = write("faces.tsv", "a.png\t1\t2\t3\t4\nempty.png\n");
		DetectionAnnotations b = DetectionAnnotations.read(tsv);
		assertEquals(0, b.images().get(1).faces().size());
		assertFalse(b.images().get(0).faces().get(0).box().hasLandmarks());
	}

	@Test
	void boxTableErrorsNameFileLineAndColumn() throws IOException {
		Path notNumber = write("bad.tsv", "image\tx1\ty1\tx2\ty2\na.png\t1\t2\t3\t4\na.png\t1\tx\t3\t4\n");
		BadDataException e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(notNumber));
		assertEquals(notNumber + ":3", e.location());
		assertTrue(e.getMessage().contains("column 3 is not a number: 'x'"), e.getMessage());

		Path inverted = write("inverted.csv", "a.png,10,2,3,4\n");
		e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(inverted));
		assertEquals(inverted + ":1", e.location());
		assertTrue(e.getMessage().contains("x1 <= x2"), e.getMessage());

		Path columns = write("columns.csv", "a.png,1,2,3,4,5,6\n");
		e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(columns));
		assertTrue(e.getMessage().contains("got 7 columns"), e.getMessage());
	}

	/** The table {@code facet data synth --scenes} writes: landmarks, then expression and occluder labels. */
	@Test
	void boxTablesWithLabelColumnsAfterTheLandmarksAreRead() throws IOException {
		Path scenes = write("annotations.tsv", "image\tx1\ty1\tx2\ty2\tleft_eye_x\tleft_eye_y\tright_eye_x\tright_eye_y\tnose_x\tnose_y"
				+ "\tmouth_left_x\tmouth_left_y\tmouth_right_x\tmouth_right_y\texpression\toccluder\n"
				+ "images/s0.png\t67.5\t11.4\t96.5\t51.0\t75.8\t28.4\t88.3\t27.7\t82.6\t35.8\t76.7\t39.7\t88.6\t39.1\thappiness\tnone\n");
		DetectionAnnotations a = DetectionAnnotations.read(scenes);
		FaceBox box = a.images().get(0).faces().get(0).box();
		assertBox(67.5, 11.4, 96.5, 51.0, box);
		assertEquals(5, box.landmarks().size());
		assertEquals(88.6, box.landmarks().get(4).x(), 1e-12);
		Path shortLandmarks = write("short.tsv", "a.png\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\thappy\n");
		BadDataException e = assertThrows(BadDataException.class, () -> DetectionAnnotations.read(shortLandmarks));
		assertTrue(e.getMessage().contains("column 15 is not a number: 'happy'"), e.getMessage());
	}

	@Test
	void formatIsGuessedFromContentWhenTheNameSaysNothing() throws IOException {
		assertEquals(AnnotationFormat.WIDER_FACE, DetectionAnnotations.guessFormat(write("gt.txt", "a.jpg\n1\n1 2 3 4 0 0 0 0 0 0\n")));
		assertEquals(AnnotationFormat.FDDB, DetectionAnnotations.guessFormat(write("ellipses.txt", "a\n1\n20 10 0 100 100 1\n")));
		assertEquals(AnnotationFormat.BOX_TABLE, DetectionAnnotations.guessFormat(write("boxes.txt", "a.jpg 1 2 3 4\n")));
	}
}
