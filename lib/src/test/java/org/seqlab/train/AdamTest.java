package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameters;

class AdamTest {
    @Test
    void twoStepsMatchTheHandComputedUpdate() {
        Parameters ps = OptimizerFixtures.scalar(1.0);
        Adam adam = Adam.create(ps, 0.1);
        double theta = 1, m = 0, v = 0;
        double[] grads = {0.5, -0.25};
        for (int t = 1; t <= 2; t++) {
            double g = grads[t - 1];
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            theta -= 0.1 / (1 - Math.pow(0.9, t)) * m / (Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8);
            ps.get("w").grad().assign(g);
            adam.step();
            assertEquals(theta, ps.get("w").value().getDouble(0, 0), 1e-14, "after step " + t);
        }
        assertEquals(0.9, 1.0 - 0.1 * 0.5 / (0.5 + 1e-8), 1e-7); // the first step moves by about lr
    }

    @Test
    void stateHoldsBothMomentsAndTheStepCount() {
        Parameters ps = OptimizerFixtures.twoTensors(1);
        Adam adam = Adam.create(ps, 1e-3);
        OptimizerFixtures.run(adam, 3);
        var state = adam.state();
        assertEquals(java.util.List.of("step", "exp_avg.weight", "exp_avg.bias", "exp_avg_sq.weight",
                "exp_avg_sq.bias"), java.util.List.copyOf(state.keySet()));
        assertEquals(3, state.get("step").getLong(0));
        assertEquals(DataType.FLOAT, state.get("exp_avg.weight").dataType());
    }

    @Test
    void defaultsAndWeightDecayMatchPyTorch() {
        Assumptions.assumeTrue(Torch.available(), "PyTorch is not importable by /usr/bin/python3");
        Parameters plain = OptimizerFixtures.twoTensors(7);
        double[] ref = OptimizerFixtures.torchRun(plain, "torch.optim.Adam(params, lr=0.01)", 6);
        OptimizerFixtures.run(Adam.create(plain, 0.01), 6);
        assertArrayEquals(ref, OptimizerFixtures.values(plain), 1e-6);

        Parameters decayed = OptimizerFixtures.twoTensors(8);
        double[] ref2 = OptimizerFixtures.torchRun(decayed,
                "torch.optim.Adam(params, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)", 6);
        OptimizerFixtures.run(Adam.create(decayed, 0.02, 0.8, 0.99, 1e-6, 0.1), 6);
        assertArrayEquals(ref2, OptimizerFixtures.values(decayed), 1e-6);
    }

    @Test
    void submodulesWithTheSameInnerNamesKeepSeparateState() {
        Parameters a = new Parameters();
        a.add("weight", Nd4j.ones(DataType.FLOAT, 2, 3));
        Parameters b = new Parameters();
        b.add("weight", Nd4j.ones(DataType.FLOAT, 4));
        Parameters model = new Parameters().addAll("embedding", a).addAll("fc", b);
        Adam adam = Adam.create(model, 0.1);
        model.get("embedding.weight").grad().assign(1);
        model.get("fc.weight").grad().assign(-1);
        adam.step();
        assertEquals(0.9f, model.get("embedding.weight").value().getFloat(1, 2), 1e-6);
        assertEquals(1.1f, model.get("fc.weight").value().getFloat(3), 1e-6);
        assertEquals(java.util.List.of("step", "exp_avg.embedding.weight", "exp_avg.fc.weight",
                "exp_avg_sq.embedding.weight", "exp_avg_sq.fc.weight"), java.util.List.copyOf(adam.state().keySet()));
    }
}
