/**
 * Training: losses that return their gradient, optimisers, clipping, checkpoints and the training loop.
 *
 * <pre>
 *   Trainer&lt;SequenceBatch&gt; trainer = Trainer.builder()
 *       .model(model)                                   // any Trainable&lt;B&gt;
 *       .optimizer(Adam.create(model.parameters(), 2e-3))
 *       .epochs(10).clipNorm(1.0).seed(42)
 *       .callbacks(new ProgressLine(), EarlyStopping.patience(3),
 *                  CheckpointSaver.everyEpoch(Path.of("runs/lm.ckpt"), optimizer))
 *       .build();
 *   FitResult result = trainer.fit(trainBatches, validationBatches);   // or fit(batcher, validation)
 *   trainer.fit(trainSequences, 32, validSequences);                    // batched here, 32 a batch
 *   result.reason();          // COMPLETED, EARLY_STOP, INTERRUPTED or NON_FINITE_LOSS
 *   result.history();         // per-step and per-epoch loss, metrics, gradient norm, time
 * </pre>
 *
 * <ul>
 *   <li>{@link org.seqlab.train.Loss}: masked softmax cross-entropy ([T, B, K] or [B, K]) and MSE, each with
 *       dL/dinput, averaged over real steps.</li>
 *   <li>{@link org.seqlab.train.Sgd}, {@link org.seqlab.train.Adam}: as PyTorch's, in place on
 *       {@link org.seqlab.nn.Parameters}; {@link org.seqlab.train.Clipping}: global-norm clipping.</li>
 *   <li>{@link org.seqlab.train.Checkpoint}: atomic, bit-identical {@code .npz} checkpoints of parameters,
 *       optimiser state and counters.</li>
 *   <li>{@link org.seqlab.train.Trainer}, {@link org.seqlab.train.Trainable}, {@link org.seqlab.train.StepResult},
 *       {@link org.seqlab.train.Metric}, {@link org.seqlab.train.History}, {@link org.seqlab.train.Callback}s:
 *       {@link org.seqlab.train.ProgressLine} (the one progress-line format), {@link org.seqlab.train.EarlyStopping},
 *       {@link org.seqlab.train.CheckpointSaver}.</li>
 * </ul>
 */
package org.seqlab.train;
