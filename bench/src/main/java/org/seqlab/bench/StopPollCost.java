package org.seqlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import org.seqlab.kernel.WovenCopy;

/**
 * What the course kernel's stop polls cost a training loop written in a cell: {@link CellTrainingLoops} as
 * compiled ("plain") and as the kernel rewrites a cell's classes ("woven": a poll at every method entry and loop
 * iteration), in one JVM, side by side.
 *
 * <p>Both copies are warmed up for the same time, then measured in alternating rounds (plain, woven, plain,
 * woven, ...) so that other work on the machine falls on both alike. Each round times {@code steps} training
 * steps by the measuring thread's CPU time (which a busy machine disturbs far less than wall time) and by the
 * clock. Prints the medians and the ratio woven / plain for each loop.
 *
 * <pre>
 *   bench/poll-cost.sh [rounds=30] [warmupSeconds=20]
 * </pre>
 */
public final class StopPollCost {
    private StopPollCost() {}

    /** Runs the comparison; see the class comment. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        Class<?> plain = CellTrainingLoops.class;
        Class<?> woven = WovenCopy.of(CellTrainingLoops.class);
        for (Class<?> c : new Class<?>[] {plain, woven}) c.getMethod("prepare").invoke(null);
        System.out.printf(Locale.ROOT, "| training loop in a cell | plain ms/step (CPU, wall) | woven ms/step (CPU, wall) "
                + "| woven / plain (CPU) | woven / plain (wall) |%n|---|---:|---:|---:|---:|%n");
        for (String[] loop : new String[][] {{"libraryLoop", "10", "library LSTM language model, H = 64 (Trainer's step)"},
                {"scratchLoop", "10", "hand-written vanilla RNN on double[], H = 32 (worst case)"}}) {
            Method p = plain.getMethod(loop[0], int.class);
            Method w = woven.getMethod(loop[0], int.class);
            int steps = Integer.parseInt(loop[1]);
            long warmUntil = System.nanoTime() + (long) (warmup * 1e9);
            while (System.nanoTime() < warmUntil) {
                p.invoke(null, steps);
                w.invoke(null, steps);
            }
            double[][] pTimes = new double[2][rounds];
            double[][] wTimes = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                time(p, steps, pTimes, r);
                time(w, steps, wTimes, r);
            }
            double pCpu = median(pTimes[0]), pWall = median(pTimes[1]), wCpu = median(wTimes[0]), wWall = median(wTimes[1]);
            System.out.printf(Locale.ROOT, "| %s | %.3f, %.3f | %.3f, %.3f | %.3f | %.3f |%n", loop[2], pCpu, pWall, wCpu, wWall,
                    wCpu / pCpu, wWall / pWall);
        }
        System.out.printf(Locale.ROOT, "%n%d alternating rounds after %.0f s of warm-up each; medians; machine: %d cores, load average %.2f%n",
                rounds, warmup, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void time(Method loop, int steps, double[][] into, int round) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        loop.invoke(null, steps);
        into[0][round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / steps;
        into[1][round] = (System.nanoTime() - wall) / 1e6 / steps;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
