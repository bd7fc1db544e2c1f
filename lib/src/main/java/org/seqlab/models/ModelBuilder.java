package org.seqlab.models;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.Shapes;

/**
 * The settings every recurrent model shares: the cell, its size and depth, an optional embedding for token
 * inputs, the seed of the initial weights and the data type.
 *
 * @param <S> the concrete builder, so chained calls keep its own methods
 */
public abstract class ModelBuilder<S extends ModelBuilder<S>> {
    CellType cell = CellType.LSTM;
    int hiddenSize = 64;
    int layers = 1;
    int embeddingSize = 0;
    long seed = 42;
    DataType dataType = DataType.FLOAT;

    ModelBuilder() {}

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** The recurrent cell (default LSTM). */
    public S cell(CellType cell) {
        this.cell = cell;
        return self();
    }

    /** H, the hidden size of every layer (default 64). */
    public S hiddenSize(int hiddenSize) {
        Shapes.require(hiddenSize > 0, "hiddenSize must be positive but is %d", hiddenSize);
        this.hiddenSize = hiddenSize;
        return self();
    }

    /** How many recurrent layers to stack (default 1). */
    public S layers(int layers) {
        Shapes.require(layers > 0, "layers must be positive but is %d", layers);
        this.layers = layers;
        return self();
    }

    /**
     * For token-id inputs: look each id up in an embedding of this size instead of feeding the one-hot vector
     * (default 0, one-hot).
     */
    public S embeddingSize(int embeddingSize) {
        Shapes.require(embeddingSize >= 0, "embeddingSize must be >= 0 (0 = one-hot) but is %d", embeddingSize);
        this.embeddingSize = embeddingSize;
        return self();
    }

    /** The seed of the initial weights (default 42): the same seed gives the same model. */
    public S seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The data type of parameters and computation (default FLOAT; DOUBLE for gradient checks). */
    public S dataType(DataType dataType) {
        Shapes.require(dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
                "dataType must be FLOAT or DOUBLE but is %s", dataType);
        this.dataType = dataType;
        return self();
    }

    /** The network these settings describe, reading inputs of {@code inputSize} and writing {@code outputs}. */
    SequenceNetwork network(int inputSize, int outputs) {
        return new SequenceNetwork(cell, inputSize, embeddingSize, hiddenSize, layers, outputs, seed, dataType);
    }
}
