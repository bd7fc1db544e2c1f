package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DrawingBudgetTest {
    static final long MS = 1_000_000;
    static final long S = 1_000_000_000;

    /** 4 % of a core, a burst of 0.25 s, a wait of at most 10 s: LiveView's settings. */
    static DrawingBudget budget() {
        return new DrawingBudget(0.04, 0.25, 10);
    }

    @Test
    void framesWithinTheBurstDoNotWait() {
        DrawingBudget b = budget();
        assertEquals(0, b.pay(100 * MS, 0));
        assertEquals(0, b.pay(150 * MS, 0), "0.25 s of credit pays exactly for both");
    }

    @Test
    void aDebtIsRepaidAtTheBudgetsShare() {
        DrawingBudget b = budget();
        b.pay(250 * MS, 0);
        // 40 ms of debt at 4 % of a core takes 1 s of wall time to repay
        assertEquals(1.0 * S, b.pay(40 * MS, 0), 1);
        // half a second later half of it is repaid: the same frame again leaves 60 ms of debt, 1.5 s to wait
        assertEquals(1.5 * S, b.pay(40 * MS, S / 2), 1);
    }

    @Test
    void theBucketHoldsNoMoreThanItsBurst() {
        DrawingBudget b = budget();
        // 100 s idle would earn 4 s of drawing, but the bucket holds 0.25 s: a 0.3 s frame leaves 50 ms of debt
        assertEquals(1.25 * S, b.pay(300 * MS, 100 * S), 1);
    }

    @Test
    void aWaitIsCappedAndTheDebtBeyondTheCapForgiven() {
        DrawingBudget b = budget();
        // 1.25 s of drawing leaves 1 s of debt, 25 s to repay: the frame waits the cap, 10 s
        assertEquals(10 * S, b.pay(1250 * MS, 0));
        // and those 10 s repay what is left (0.4 s): after them a frame of nothing is free
        assertEquals(0, b.pay(0, 10 * S));
    }

    @Test
    void resetFillsTheBucketForANewRun() {
        DrawingBudget b = budget();
        b.pay(1250 * MS, 0);
        b.reset(20 * S);
        assertEquals(0, b.pay(250 * MS, 20 * S));
    }
}
