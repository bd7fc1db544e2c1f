package org.seqlab.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameters;

/** Tiny parameter sets and a PyTorch reference run shared by the optimiser tests. */
final class OptimizerFixtures {
    private OptimizerFixtures() {}

    /** One scalar-like parameter "w" = [[value]] in float64. */
    static Parameters scalar(double value) {
        Parameters ps = new Parameters();
        ps.add("w", Nd4j.create(new double[][] {{value}}));
        return ps;
    }

    /** Two float32 parameters "weight" [3, 2] and "bias" [3] with values from a seed. */
    static Parameters twoTensors(long seed) {
        Parameters ps = new Parameters();
        ps.add("weight", Nd4j.randn(seed, new long[] {3, 2}).castTo(DataType.FLOAT));
        ps.add("bias", Nd4j.randn(seed + 1, new long[] {3}).castTo(DataType.FLOAT));
        return ps;
    }

    /** The gradient of step k, deterministic, for parameter {@code name}. */
    static INDArray grad(int k, String name, long... shape) {
        return Nd4j.randn(1000L * k + name.hashCode(), shape).castTo(DataType.FLOAT);
    }

    /** Runs {@code steps} steps of {@code optimizer} with {@link #grad} gradients. */
    static void run(Optimizer optimizer, int steps) {
        for (int k = 0; k < steps; k++) {
            for (var p : optimizer.parameters()) p.grad().assign(grad(k, p.name(), p.value().shape()));
            optimizer.step();
        }
    }

    /** The same run in PyTorch: {@code make} builds the optimiser from {@code params}; returns weight then bias. */
    static double[] torchRun(Parameters initial, String make, int steps) {
        StringBuilder s = new StringBuilder("import torch\n");
        s.append("w=torch.tensor(").append(Torch.list(initial.get("weight").value().castTo(DataType.DOUBLE)
                .reshape(6).toDoubleVector())).append(",dtype=torch.float32).reshape(3,2).requires_grad_()\n");
        s.append("b=torch.tensor(").append(Torch.list(initial.get("bias").value().castTo(DataType.DOUBLE)
                .toDoubleVector())).append(",dtype=torch.float32).requires_grad_()\n");
        s.append("params=[w,b]\nopt=").append(make).append('\n');
        for (int k = 0; k < steps; k++) {
            s.append("w.grad=torch.tensor(").append(Torch.list(grad(k, "weight", 3, 2).castTo(DataType.DOUBLE)
                    .reshape(6).toDoubleVector())).append(",dtype=torch.float32).reshape(3,2)\n");
            s.append("b.grad=torch.tensor(").append(Torch.list(grad(k, "bias", 3).castTo(DataType.DOUBLE)
                    .toDoubleVector())).append(",dtype=torch.float32)\n");
            s.append("opt.step()\n");
        }
        s.append("print(' '.join(repr(v) for v in torch.cat([w.detach().reshape(-1), b.detach()]).tolist()))\n");
        return Torch.numbers(Torch.run(s.toString()));
    }

    /** weight then bias of {@code ps}, flattened. */
    static double[] values(Parameters ps) {
        return Nd4j.concat(0, ps.get("weight").value().reshape(6), ps.get("bias").value())
                .castTo(DataType.DOUBLE).toDoubleVector();
    }
}
