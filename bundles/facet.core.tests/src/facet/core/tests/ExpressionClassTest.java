package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import facet.core.ExpressionClass;
import facet.core.LabelOrder;

class ExpressionClassTest {

	@Test
	void canonicalOrderIsTheDocumentedOne() {
		assertEquals("anger,disgust,fear,happiness,neutral,sadness,surprise",
				String.join(",", java.util.Arrays.stream(ExpressionClass.values()).map(ExpressionClass::label).toList()));
		assertEquals(7, ExpressionClass.COUNT);
	}

	@Test
	void synonymsFromDatasetsAndFolderNamesMap() {
		assertEquals(Optional.of(ExpressionClass.HAPPINESS), ExpressionClass.fromName("Happy"));
		assertEquals(Optional.of(ExpressionClass.SURPRISE), ExpressionClass.fromName(" surprised "));
		assertEquals(Optional.of(ExpressionClass.FEAR), ExpressionClass.fromName("fearful"));
		assertTrue(ExpressionClass.fromName("contempt").isEmpty());
	}

	@Test
	void theMostProbableClassTakesTheLowerIndexOnATie() {
		assertEquals(ExpressionClass.FEAR, ExpressionClass.mostProbable(new float[] { 0.1f, 0.1f, 0.3f, 0.3f, 0.1f, 0.05f, 0.05f }));
		assertEquals(ExpressionClass.SURPRISE, ExpressionClass.mostProbable(new float[] { 0, 0, 0, 0, 0, 0, 1 }));
		assertThrows(IllegalArgumentException.class, () -> ExpressionClass.mostProbable(new float[3]));
	}

	@Test
	void fer2013LabelsMapToCanonical() {
		// FER2013: 0=Angry, 1=Disgust, 2=Fear, 3=Happy, 4=Sad, 5=Surprise, 6=Neutral
		assertEquals(ExpressionClass.SADNESS, LabelOrder.FER2013.toCanonical(4).orElseThrow());
		assertEquals(ExpressionClass.NEUTRAL, LabelOrder.FER2013.toCanonical(6).orElseThrow());
		assertThrows(IllegalArgumentException.class, () -> LabelOrder.FER2013.toCanonical(7));
	}

	@Test
	void rafDbAndAffectNetOrders() {
		// RAF-DB labels 1..7 = surprise, fear, disgust, happiness, sadness, anger, neutral (stored from 0)
		assertEquals(ExpressionClass.ANGER, LabelOrder.RAF_DB.toCanonical(5).orElseThrow());
		// AffectNet 7 = contempt: no canonical class
		assertTrue(LabelOrder.AFFECTNET.toCanonical(7).isEmpty());
		assertEquals(ExpressionClass.ANGER, LabelOrder.AFFECTNET.toCanonical(6).orElseThrow());
	}

	@Test
	void faceApiScoresAreReordered() {
		// face-api order: neutral, happy, sad, angry, fearful, disgusted, surprised
		float[] faceApi = { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f };
		float[] canonical = LabelOrder.FACE_API.toCanonicalScores(faceApi);
		// anger, disgust, fear, happiness, neutral, sadness, surprise
		assertArrayEquals(new float[] { 0.4f, 0.6f, 0.5f, 0.2f, 0.1f, 0.3f, 0.7f }, canonical);
		assertEquals(3, LabelOrder.FACE_API.indexOf(ExpressionClass.ANGER));
	}
}
