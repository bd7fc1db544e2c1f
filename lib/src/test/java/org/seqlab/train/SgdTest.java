package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.seqlab.nn.Parameters;

class SgdTest {
    private static double w(Parameters ps) {
        return ps.get("w").value().getDouble(0, 0);
    }

    private static void step(Optimizer opt, double grad) {
        opt.parameters().get("w").grad().assign(grad);
        opt.step();
    }

    @Test
    void plainStepMovesAgainstTheGradient() {
        Parameters ps = OptimizerFixtures.scalar(1.0);
        Sgd sgd = Sgd.create(ps, 0.1);
        step(sgd, 0.5);
        assertEquals(0.95, w(ps), 1e-15);
        assertEquals(1, sgd.steps());
    }

    @Test
    void momentumStartsFromTheFirstGradientThenAccumulates() {
        Parameters ps = OptimizerFixtures.scalar(1.0);
        Sgd sgd = Sgd.create(ps, 0.1, 0.9, 0);
        step(sgd, 0.5);              // v = 0.5
        assertEquals(0.95, w(ps), 1e-15);
        step(sgd, 0.5);              // v = 0.9·0.5 + 0.5 = 0.95
        assertEquals(0.95 - 0.095, w(ps), 1e-15);
    }

    @Test
    void weightDecayAddsLambdaThetaToTheGradient() {
        Parameters ps = OptimizerFixtures.scalar(1.0);
        step(Sgd.create(ps, 0.1, 0, 0.1), 0.5); // g = 0.5 + 0.1·1
        assertEquals(0.94, w(ps), 1e-15);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Sgd.create(OptimizerFixtures.scalar(0), -1));
        assertThrows(IllegalArgumentException.class, () -> Sgd.create(OptimizerFixtures.scalar(0), 0.1, 1.5, 0));
    }

    @Test
    void stateRoundTripContinuesTheSameTrajectory() {
        Parameters a = OptimizerFixtures.twoTensors(3);
        Sgd first = Sgd.create(a, 0.05, 0.9, 0.01);
        OptimizerFixtures.run(first, 2);
        Parameters b = OptimizerFixtures.twoTensors(3);
        for (var p : b) {
            p.value().assign(a.get(p.name()).value());
            p.grad().assign(a.get(p.name()).grad());
        }
        Sgd second = Sgd.create(b, 0.05, 0.9, 0.01);
        second.loadState(first.state());
        assertEquals(2, second.steps());
        first.step();
        second.step();
        assertArrayEquals(OptimizerFixtures.values(a), OptimizerFixtures.values(b), 0);
    }

    @Test
    void momentumAndWeightDecayMatchPyTorch() {
        Assumptions.assumeTrue(Torch.available(), "PyTorch is not importable by /usr/bin/python3");
        Parameters ps = OptimizerFixtures.twoTensors(5);
        double[] ref = OptimizerFixtures.torchRun(ps,
                "torch.optim.SGD(params, lr=0.05, momentum=0.9, weight_decay=0.01)", 5);
        OptimizerFixtures.run(Sgd.create(ps, 0.05, 0.9, 0.01), 5);
        assertArrayEquals(ref, OptimizerFixtures.values(ps), 1e-6);
    }
}
