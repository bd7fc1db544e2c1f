package org.seqlab.models;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.Shapes;
import org.seqlab.nn.CellFactory;
import org.seqlab.nn.Recurrent;
import org.seqlab.nn.RecurrentCell;

/**
 * The settings every recurrent model shares: the cell, its size and depth, an optional embedding for token
 * inputs, the seed of the initial weights and the data type.
 *
 * @param <S> the concrete builder, so chained calls keep its own methods
 */
public abstract class ModelBuilder<S extends ModelBuilder<S>> {
    CellType cell = CellType.LSTM;
    CellFactory cellFactory;
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
        Shapes.require(cell != null, "cell must be RNN, LSTM or GRU but is null");
        this.cell = cell;
        this.cellFactory = null;
        return self();
    }

    /**
     * A cell of your own (or any {@link RecurrentCell}), made once per layer, for example
     * {@code .cell(MyGruCell::new)} with a constructor {@code MyGruCell(int inputSize, int hiddenSize, Random rng,
     * DataType dtype)}. The model unrolls it with {@link Recurrent}, through the cell's own {@code forward} and
     * {@code backward}.
     */
    public S cell(CellFactory factory) {
        Shapes.require(factory != null, "the cell factory is null");
        this.cellFactory = factory;
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
        return new SequenceNetwork(cellFactory == null ? cell.toString() : null, this::stack, inputSize, embeddingSize,
                hiddenSize, outputs, seed, dataType);
    }

    /** The recurrent stack over {@code inputSize} features. */
    Recurrent stack(int inputSize, Random rng) {
        if (cellFactory == null) return cell.stack(inputSize, hiddenSize, layers, rng, dataType);
        RecurrentCell<?>[] cells = new RecurrentCell<?>[layers];
        for (int l = 0; l < layers; l++) {
            cells[l] = cellFactory.create(l == 0 ? inputSize : hiddenSize, hiddenSize, rng, dataType);
            Shapes.require(cells[l] != null, "the cell factory returned null for layer %d", l);
            Shapes.require(cells[l].inputSize() == (l == 0 ? inputSize : hiddenSize) && cells[l].hiddenSize() == hiddenSize,
                    "the cell factory was asked for a cell %d -> %d (layer %d) but made %s with %d -> %d",
                    l == 0 ? inputSize : hiddenSize, hiddenSize, l, cells[l], cells[l].inputSize(), cells[l].hiddenSize());
        }
        return Recurrent.of(cells);
    }
}
