package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepResultTest {
    @Test
    void metricsKeepTheirOrderAndTheLossWeighsByItsCount() {
        StepResult r = StepResult.of(2.0, 5).with("perplexity", Metric.expMean(10, 5)).with("accuracy",
                Metric.mean(3, 5));
        assertEquals(List.of("perplexity", "accuracy"), List.copyOf(r.metrics().keySet()));
        assertEquals(Metric.mean(10, 5), r.lossMetric());
    }
}
