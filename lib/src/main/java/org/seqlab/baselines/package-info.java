/**
 * Simple baselines a sequence model is measured against: count-based n-gram models of characters with add-k
 * smoothing, and their loss in nats, bits per character and perplexity; for labelled DNA, the majority class,
 * k-mer bags and position weights; a digit-copying rule for dates; for clips of frames (spoken digits), an
 * order-free bag of frames and nearest neighbour under dynamic time warping; for series, the naive, seasonal
 * naive and linear autoregressive forecasts, scored with a recurrent forecaster in one backtest (MAE, RMSE, MASE,
 * and intervals calibrated on validation errors).
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
 *   <li>{@link org.seqlab.baselines.BagOfFrames}: each clip's per-band mean and deviation, classified by a
 *       {@link org.seqlab.baselines.SoftmaxRegression} (multinomial logistic regression); blind to frame order.</li>
 *   <li>{@link org.seqlab.baselines.DtwNearestNeighbour}: the class of the template a clip aligns with most cheaply
 *       under dynamic time warping (Sakoe &amp; Chiba 1978).</li>
 *   <li>{@link org.seqlab.baselines.SeriesForecaster}: what every series forecaster offers, {@code forecast(from,
 *       steps)} from the past only; {@link org.seqlab.baselines.NaiveForecast} (last value, same month last year)
 *       and {@link org.seqlab.baselines.LinearAutoregression} (AR(p) by least squares) are the baselines;
 *       {@link org.seqlab.baselines.SeasonalDifference} forecasts a series through a model of its year-over-year
 *       changes.</li>
 *   <li>{@link org.seqlab.baselines.Backtest}: one-step and multi-step forecasts of a test range in the series'
 *       units, {@link org.seqlab.baselines.ForecastErrors} (MAE, RMSE, MASE) and
 *       {@link org.seqlab.baselines.ForecastInterval} (width from validation errors, coverage measured on test).</li>
 * </ul>
 *
 * <pre>
 *   LabelledText.Split dna = LabelledText.split(Datasets.dna(), 0.8, 42);
 *   for (TextBaseline m : List.of(MajorityClass.fit(dna.train()), KmerBag.fit(3, dna.train(), 1.0)))
 *       System.out.println(m.name() + ": " + m.accuracy(dna.test()));
 *
 *   BagOfFrames bag = BagOfFrames.fit(train, 10);                      // clips [T, 20], digit as class
 *   DtwNearestNeighbour dtw = DtwNearestNeighbour.of(templates);
 *   bag.accuracy(test);  dtw.accuracy(test);  dtw.confusion(test, SpokenDigits.WORDS);
 *
 *   Backtest bt = Backtest.of(Datasets.series("air-passengers"), 84, 120).log().masePeriod(12);
 *   double[] logs = bt.modelValues();
 *   List&lt;Backtest.Result&gt; rows = List.of(
 *       bt.oneStep("naive", NaiveForecast.last(logs)),
 *       bt.oneStep("seasonal naive", NaiveForecast.seasonal(logs, 12)),
 *       bt.multiStep("AR(12)", LinearAutoregression.fit(logs, 12, bt.trainEnd())));
 *   bt.table("Air passengers, 1959-1960", rows);
 * </pre>
 */
package org.seqlab.baselines;
