/**
 * Data: sequences and their masked, time-major batches, vocabularies, the course's datasets, synthetic tasks,
 * series windows, and NumPy's {@code .npy} files.
 *
 * <pre>
 *   String text = Datasets.text("devils-dictionary");                       // datasets/ by name
 *   Vocabulary chars = Vocabulary.ofCharacters(text);                       // symbols ⇄ ids
 *   Sequence s = Sequence.tokens(chars.encode("hello"), label);             // one example, T steps
 *   Batcher batcher = Batcher.of(sequences, 32).shuffled(42);               // padded batches, new order each epoch
 *   SequenceBatch b = batcher.epoch(0).get(0);                              // x [T, B, D] or ids [T, B], mask [T, B]
 *   INDArray bases = Dna.oneHot("GATTACAN");                               // [8, 4] over A, C, G, T; N = [¼, ¼, ¼, ¼]
 *   INDArray w = Npy.read(Path.of("weight_hh_l0.npy"));                     // what np.save wrote, checked first
 * </pre>
 *
 * <p>A batch is time-major: {@code x.slice(t)} is step t's {@code [B, D]} input, and the {@code [T, B]} mask is 1
 * at real steps and 0 at padding, so models keep the state and ignore the loss there (symbols as in
 * {@link org.seqlab.nn}). {@link org.seqlab.data.Datasets} is the one way to the files in {@code datasets/};
 * {@link org.seqlab.data.Tasks} makes the synthetic problems (adding, copying, ...) that probe what a recurrent
 * network can carry; {@link org.seqlab.data.TimeSeriesWindows} cuts a series into windows split in time order.
 */
package org.seqlab.data;
