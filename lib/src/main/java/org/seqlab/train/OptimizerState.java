package org.seqlab.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameters;

/** Per-parameter state buffers of an optimiser, named {@code kind + "." + parameter name}. */
final class OptimizerState {
    private OptimizerState() {}

    /** One zero buffer per parameter, the parameter's shape and type, in parameter order. */
    static Map<String, INDArray> zeros(String kind, Parameters parameters) {
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        for (String name : parameters.names()) {
            buffers.put(kind + "." + name, parameters.get(name).value().ulike().assign(0));
        }
        return buffers;
    }

    /** The full state map: the buffers and the step count as a scalar int64 array. */
    static Map<String, INDArray> withStep(long step, Map<String, INDArray> buffers) {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put("step", Nd4j.scalar(DataType.LONG, step));
        state.putAll(buffers);
        return state;
    }

    /** Copies {@code saved} into {@code buffers} and returns the saved step count. */
    static long load(Map<String, INDArray> saved, Map<String, INDArray> buffers) {
        INDArray step = saved.get("step");
        if (step == null || !saved.keySet().containsAll(buffers.keySet()) || saved.size() != buffers.size() + 1) {
            throw new IllegalArgumentException("optimizer state must hold " + withStep(0, buffers).keySet()
                    + " but holds " + saved.keySet() + "; was it saved from another optimiser or model?");
        }
        for (Map.Entry<String, INDArray> e : buffers.entrySet()) {
            INDArray from = saved.get(e.getKey());
            if (!Arrays.equals(from.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("optimizer state " + e.getKey() + " must be "
                        + Arrays.toString(e.getValue().shape()) + " but is " + Arrays.toString(from.shape()));
            }
            e.getValue().assign(from.castTo(e.getValue().dataType()));
        }
        return step.getLong(0);
    }
}
