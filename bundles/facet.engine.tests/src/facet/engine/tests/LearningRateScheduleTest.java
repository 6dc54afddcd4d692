package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import facet.core.experiment.ScheduleSpec;
import facet.engine.train.LearningRateSchedule;

/** The learning rate per epoch against hand-computed values for every schedule, with and without warm-up. */
class LearningRateScheduleTest {

	@Test
	void linearWarmUpRisesToTheBaseRateThenCosineAnnealsToZero() {
		LearningRateSchedule s = new LearningRateSchedule(new ScheduleSpec("cosine", 2, 10, 0.1, 3), 0.1, 10);
		assertEquals(0.1 / 3, s.rate(0, 0), 1e-12);
		assertEquals(0.2 / 3, s.rate(1, 0), 1e-12);
		assertEquals(0.1, s.rate(2, 0), 1e-12, "warm-up over: the base rate");
		// 8 epochs after warm-up; half-way (e = 4) the cosine is at half the base rate
		assertEquals(0.05, s.rate(6, 0), 1e-12);
		assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 7 / 8)), s.rate(9, 0), 1e-12);
		assertFalse(s.usesPlateau());
	}

	@Test
	void stepDecaysByGammaEveryStepEpochs() {
		LearningRateSchedule s = new LearningRateSchedule(new ScheduleSpec("step", 0, 3, 0.1, 3), 0.1, 10);
		assertEquals(0.1, s.rate(2, 0), 1e-12);
		assertEquals(0.01, s.rate(3, 0), 1e-12);
		assertEquals(0.001, s.rate(6, 0), 1e-12);
	}

	@Test
	void reduceOnPlateauDecaysOncePerPlateauAndConstantStays() {
		LearningRateSchedule plateau = new LearningRateSchedule(new ScheduleSpec("plateau", 0, 10, 0.5, 4), 0.2, 20);
		assertTrue(plateau.usesPlateau());
		assertEquals(4, plateau.patience());
		assertEquals(0.2, plateau.rate(7, 0), 1e-12);
		assertEquals(0.05, plateau.rate(7, 2), 1e-12);
		LearningRateSchedule constant = new LearningRateSchedule(new ScheduleSpec("constant", 1, 10, 0.5, 4), 0.2, 20);
		assertEquals(0.1, constant.rate(0, 0), 1e-12, "warm-up applies to every schedule");
		assertEquals(0.2, constant.rate(19, 3), 1e-12);
	}
}
