/**
 * Simple baselines a sequence model is measured against: count-based n-gram models of characters with add-k
 * smoothing, and their loss in nats, bits per character and perplexity; for labelled DNA, the majority class,
 * k-mer bags and position weights; a digit-copying rule for dates.
 *
 * <pre>
 *   Vocabulary chars = Vocabulary.ofCharacters(trainText);
 *   List&lt;Sequence&gt; valid = TextSequences.nextCharacter(validText, chars, 32);   // what the RNN is validated on
 *   Map&lt;String, TextLoss&gt; losses = new LinkedHashMap&lt;&gt;();
 *   for (int n = 0; n &lt;= 3; n++) {
 *       NGramModel m = NGramModel.fit(n, trainText, chars, 0.05);
 *       losses.put(m.name(), m.loss(valid));
 *   }
 *   losses.put("RNN", TextLoss.of(trainer.evaluate(validBatches).get("loss"), 32L * valid.size()));
 *   TextLoss.table("Validation loss", losses);       // nats, bits per character, perplexity
 * </pre>
 *
 * <ul>
 *   <li>{@link org.seqlab.baselines.NGramModel}: uniform (order 0), unigram, bigram, trigram and longer; fitted by
 *       counting, scored on a stream of ids or on the same chunks a recurrent model sees, sampled like
 *       {@code CharLanguageModel}.</li>
 *   <li>{@link org.seqlab.baselines.TextLoss}: one loss in nats, bits per character and perplexity; a Tablesaw table
 *       of several.</li>
 *   <li>{@link org.seqlab.baselines.TextBaseline}: a classifier of labelled texts fitted by counting, with its
 *       confusion matrix and accuracy: {@link org.seqlab.baselines.MajorityClass} (the floor),
 *       {@link org.seqlab.baselines.KmerBag} (DNA as counts of its k-mers, naive Bayes: the order-free model) and
 *       {@link org.seqlab.baselines.PositionWeights} (the base at each position, naive Bayes: order without
 *       interactions).</li>
 *   <li>{@link org.seqlab.baselines.DateDigitCopy}: the rule a date translator must beat, copying the numbers of a
 *       human-written date into {@code yyyy-mm-dd}.</li>
 * </ul>
 *
 * <pre>
 *   LabelledText.Split dna = LabelledText.split(Datasets.dna(), 0.8, 42);
 *   for (TextBaseline m : List.of(MajorityClass.fit(dna.train()), KmerBag.fit(3, dna.train(), 1.0)))
 *       System.out.println(m.name() + ": " + m.accuracy(dna.test()));
 * </pre>
 */
package org.seqlab.baselines;
