package org.seqlab.nn;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Makes the cell of one recurrent layer, for models that stack layers of a cell you choose: the library's
 * ({@code LstmCell::create}) or your own.
 *
 * <pre>
 *   CharLanguageModel model = CharLanguageModel.builder(vocabulary.size())
 *       .cell(MyGruCell::new).hiddenSize(64).layers(2).build();      // MyGruCell(int D, int H, Random, DataType)
 * </pre>
 */
@FunctionalInterface
public interface CellFactory {
    /**
     * A new cell reading {@code inputSize} features into {@code hiddenSize} units, its parameters drawn from
     * {@code rng} and stored in {@code dtype}.
     */
    RecurrentCell<?> create(int inputSize, int hiddenSize, Random rng, DataType dtype);
}
