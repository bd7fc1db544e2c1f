package org.seqlab.models;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.nn.Recurrent;

/** Which recurrent cell a model stacks: PyTorch's {@code nn.RNN} (tanh), {@code nn.LSTM} or {@code nn.GRU}. */
public enum CellType {
    /** The vanilla (Elman) RNN with tanh. */
    RNN,
    /** Long short-term memory. */
    LSTM,
    /** Gated recurrent unit. */
    GRU;

    /** A stack of {@code layers} layers of this cell. */
    Recurrent stack(int inputSize, int hiddenSize, int layers, Random rng, DataType dtype) {
        return switch (this) {
            case RNN -> Recurrent.rnn(inputSize, hiddenSize, layers, rng, dtype);
            case LSTM -> Recurrent.lstm(inputSize, hiddenSize, layers, rng, dtype);
            case GRU -> Recurrent.gru(inputSize, hiddenSize, layers, rng, dtype);
        };
    }
}
