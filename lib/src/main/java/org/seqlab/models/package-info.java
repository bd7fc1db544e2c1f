/**
 * Ready-made recurrent models the {@link org.seqlab.train.Trainer} trains on
 * {@link org.seqlab.data.SequenceBatch}es, and their inference.
 *
 * <pre>
 *   CharLanguageModel lm = CharLanguageModel.builder(vocabulary.size())
 *       .cell(CellType.LSTM).hiddenSize(128).carryState(true).seed(1).build();
 *   List&lt;SequenceBatch&gt; chunks = CharLanguageModel.streamBatches(vocabulary.encode(text), 32, 64);
 *   Trainer.builder().model(lm).shuffle(false).epochs(5).build().fit(chunks);   // truncated BPTT
 *   lm.sample(vocabulary, "The ", 200, 0.8, 42);
 *   lm.sample(vocabulary, "The ", 200, Sampling.temperature(1.0).topP(0.9).pastEnd(), 42);   // nucleus, past &lt;/s&gt;
 *
 *   SequenceClassifier.builder(inputSize, classes)...build();   // last real state → classes, accuracy
 *   SequenceClassifier.forText(labelledTexts)...build();        // keeps vocabulary and class names: predict("papillon")
 *   Forecaster.builder(inputSize, outputs)...build();           // per-step or last-step MSE, MAE; forecast(...)
 *   Forecaster.forSeries(split)...build();                      // in the series' own units: forecast(from, steps)
 *   CharLanguageModel.forText(text)...build();                  // keeps its vocabulary: trace(sentence), sample(...)
 *   model.streaming(batch).step(x_t);                           // one input at a time, state kept
 *   Seq2Seq.builder(sourceVocabulary, targetVocabulary, 32, 10)...build();   // encoder–decoder: translate(...),
 *                                                               // beamSearch(source, k); TranslationAccuracy scores
 * </pre>
 *
 * Each model is an optional {@link org.seqlab.nn.Embedding}, a {@link org.seqlab.nn.Recurrent} stack and a
 * {@link org.seqlab.nn.Linear} head, with PyTorch-style parameter names ({@code embedding.weight},
 * {@code rnn.weight_ih_l0}, {@code fc.weight}, {@code fc.bias}).
 */
package org.seqlab.models;
