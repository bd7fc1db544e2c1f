package org.seqlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import org.seqlab.nn.GruCell;
import org.seqlab.nn.LstmCell;
import org.seqlab.nn.RecurrentCell;
import org.seqlab.nn.Recurrent;
import org.seqlab.nn.VanillaRnnCell;

/**
 * One cell step, forward and hand-written backward, float32, B = 32, D = H = 128: the cell's own step API (the
 * one the lessons read), and for comparison the same step inside {@link Recurrent}'s unrolled loop (64 steps,
 * divided by nothing: read it as the cost of a whole sequence). Run with {@code bench/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class CellStepBench {
    static final int B = 32;
    static final int H = 128;
    static final int T = 64;

    @Param({"rnn", "lstm", "gru"})
    public String kind;

    private RecurrentCell<?> cell;
    private Recurrent unrolled;
    private INDArray x;
    private INDArray xs;
    private INDArray dys;
    private org.seqlab.nn.State prev;
    private org.seqlab.nn.State dNext;

    @Setup(Level.Trial)
    public void setUp() {
        Random rng = new Random(1);
        cell = switch (kind) {
            case "rnn" -> VanillaRnnCell.create(H, H, rng);
            case "lstm" -> LstmCell.create(H, H, rng);
            default -> GruCell.create(H, H, rng);
        };
        unrolled = Recurrent.of(cell);
        x = Nd4j.rand(DataType.FLOAT, B, H);
        xs = Nd4j.rand(DataType.FLOAT, T, B, H);
        dys = Nd4j.rand(DataType.FLOAT, T, B, H);
        prev = new org.seqlab.nn.State(Nd4j.rand(DataType.FLOAT, B, H),
                cell.hasCellState() ? Nd4j.rand(DataType.FLOAT, B, H) : null);
        dNext = new org.seqlab.nn.State(Nd4j.rand(DataType.FLOAT, B, H),
                cell.hasCellState() ? Nd4j.rand(DataType.FLOAT, B, H) : null);
    }

    /** The cell's step API: {@code forward(x, prev)} then {@code backward(step, x, dNext)}. */
    @Benchmark
    public Object cellStepForwardBackward() {
        return stepAndBack(cell);
    }

    private <S extends RecurrentCell.Step> Object stepAndBack(RecurrentCell<S> c) {
        S step = c.forward(x, prev);
        return c.backward(step, x, dNext);
    }

    /** {@link Recurrent} forward and backward over T = 64 steps (divide by 64 for one step). */
    @Benchmark
    public Object unrolled64StepsForwardBackward() {
        Recurrent.Output out = unrolled.forward(xs);
        return unrolled.backward(out.cache(), dys, null);
    }
}
