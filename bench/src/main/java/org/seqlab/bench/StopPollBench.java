package org.seqlab.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.seqlab.kernel.WovenCopy;

/**
 * What the course kernel's stop polls cost a training loop written in a cell: {@link CellTrainingLoops} as
 * compiled ({@code code=plain}) and as the kernel rewrites it ({@code code=woven}), same JVM settings, one fork
 * each. Run with {@code bench/jmh.sh StopPollBench}; the figures are in {@code bench/README.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class StopPollBench {
    @Param({"plain", "woven"})
    public String code;

    private MethodHandle libraryLoop;
    private MethodHandle scratchLoop;

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        Class<?> loops = code.equals("woven") ? WovenCopy.of(CellTrainingLoops.class) : CellTrainingLoops.class;
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        lookup.findStatic(loops, "prepare", MethodType.methodType(void.class)).invoke();
        libraryLoop = lookup.findStatic(loops, "libraryLoop", MethodType.methodType(double.class, int.class));
        scratchLoop = lookup.findStatic(loops, "scratchLoop", MethodType.methodType(double.class, int.class));
    }

    /** Ten steps of the library's LSTM language model (H = 64, B = 32, T = 32) with clipping and Adam. */
    @Benchmark
    public double libraryTrainingLoop() throws Throwable {
        return (double) libraryLoop.invokeExact(10);
    }

    /** Ten SGD steps of a hand-written vanilla RNN (D = 8, H = 32, T = 32) on plain arrays. */
    @Benchmark
    public double scratchTrainingLoop() throws Throwable {
        return (double) scratchLoop.invokeExact(10);
    }
}
