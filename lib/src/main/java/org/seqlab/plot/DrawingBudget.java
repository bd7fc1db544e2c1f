package org.seqlab.plot;

/**
 * What keeps {@link LiveView}'s drawing within a share of one core: a token bucket of CPU time. It fills at
 * {@code share} CPU seconds per second of wall time, up to {@code burstSeconds}; each frame's cost is taken from
 * it, and a frame that leaves it in debt makes the next frame wait until the debt is repaid. The wait is capped
 * at {@code maxWaitSeconds} and the debt beyond it forgiven, so one very dear frame (a cold JIT, a swapped-out
 * machine) cannot stop the view for minutes. Times are in nanoseconds, as {@link System#nanoTime} gives them.
 */
final class DrawingBudget {
    private final double share;
    private final long burst;
    private final long maxWait;
    private long credit;
    private long refilled;

    /**
     * A budget of {@code share} of one core (0.04 = 4 %), lending up to {@code burstSeconds} ahead, making a frame
     * wait at most {@code maxWaitSeconds}. It starts full at time 0; see {@link #reset}.
     */
    DrawingBudget(double share, double burstSeconds, double maxWaitSeconds) {
        this.share = share;
        this.burst = (long) (burstSeconds * 1e9);
        this.maxWait = (long) (maxWaitSeconds * 1e9);
        reset(0);
    }

    /** Fills the bucket to its burst at wall time {@code now} (the start of a training run). */
    void reset(long now) {
        credit = burst;
        refilled = now;
    }

    /**
     * Refills the bucket for the wall time since the last call, up to its burst, and takes {@code cost} CPU
     * nanoseconds from it; returns how many nanoseconds after {@code now} the next frame must wait: 0 while the
     * bucket is not in debt, else debt / share, at most the cap.
     */
    long pay(long cost, long now) {
        credit = Math.min(burst, credit + (long) (share * (now - refilled)));
        refilled = now;
        credit -= cost;
        if (credit >= 0) return 0;
        long wait = (long) (-credit / share);
        if (wait <= maxWait) return wait;
        credit = (long) (-maxWait * share);
        return maxWait;
    }
}
