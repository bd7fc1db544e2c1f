/**
 * Recurrent networks with hand-written back-propagation: the cells ({@link org.seqlab.nn.VanillaRnnCell},
 * {@link org.seqlab.nn.LstmCell}, {@link org.seqlab.nn.GruCell}, or one of your own implementing
 * {@link org.seqlab.nn.RecurrentCell}), {@link org.seqlab.nn.Recurrent} which unrolls any cell over a sequence
 * (masks, initial states, stacking, truncated BPTT), {@link org.seqlab.nn.Linear}, {@link org.seqlab.nn.Embedding}
 * and {@link org.seqlab.nn.Parameters} with PyTorch's names.
 *
 * <pre>
 *   Recurrent rnn = Recurrent.lstm(D, H, 1, new Random(0));             // like nn.LSTM(D, H)
 *   Linear fc = Linear.create(H, K, new Random(1));                     // like nn.Linear(H, K)
 *   Recurrent.Output out = rnn.forward(x, mask, null);                  // x [T, B, D] → outputs [T, B, H]
 *   INDArray z = fc.forward(out.outputs());                             // logits [T, B, K]
 *   rnn.backward(out.cache(), fc.backward(out.outputs(), dz), null);    // δW_ih, δW_hh, δb_ih, δb_hh, δW_hy, δb_y
 * </pre>
 *
 * <h2>Notation</h2>
 *
 * One set of symbols, used by the javadoc here and by the notebooks alike:
 *
 * <table>
 *   <caption>Symbols</caption>
 *   <tr><th>symbol</th><th>meaning</th><th>in code</th></tr>
 *   <tr><td>T</td><td>time steps in a sequence (a batch is padded to its longest), counted t = 1 .. T in the
 *       lessons and 0 .. T−1 in code</td><td>{@code x.size(0)}</td></tr>
 *   <tr><td>B</td><td>sequences in a batch</td><td>{@code x.size(1)}</td></tr>
 *   <tr><td>D</td><td>input features at one step; for token ids the vocabulary size (the one-hot width)</td>
 *       <td>{@code inputSize()}</td></tr>
 *   <tr><td>H</td><td>hidden units of a recurrent layer</td><td>{@code hiddenSize()}</td></tr>
 *   <tr><td>K</td><td>outputs of the output layer: classes, next-character scores (then K = the vocabulary
 *       size), forecast values</td><td>{@code Linear.out()}</td></tr>
 *   <tr><td>E</td><td>embedding size</td><td>{@code Embedding.dim()}</td></tr>
 *   <tr><td>G</td><td>gate blocks stacked in the weights: 1 (RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n)</td>
 *       <td>{@code gates()}</td></tr>
 *   <tr><td>x_t</td><td>the input at step t, {@code [B, D]} (a sequence: {@code [T, B, D]}, time first)</td>
 *       <td>{@code x.slice(t)}</td></tr>
 *   <tr><td>h, h'</td><td>the hidden state before and after a step, {@code [B, H]} (h_{t−1} and h_t)</td>
 *       <td>{@code prev.h()}, {@code next.h()}</td></tr>
 *   <tr><td>c, c'</td><td>the LSTM's cell state before and after a step, {@code [B, H]}</td>
 *       <td>{@code prev.c()}, {@code next.c()}</td></tr>
 *   <tr><td>m_t</td><td>the mask at step t, {@code [B]}: 1 where the step is real, 0 where it is padding</td>
 *       <td>{@code mask}</td></tr>
 *   <tr><td>W_ih, W_hh</td><td>input-to-hidden {@code [G·H, D]} and hidden-to-hidden {@code [G·H, H]} weights</td>
 *       <td>{@code weight_ih_l0}, {@code weight_hh_l0}</td></tr>
 *   <tr><td>b_ih, b_hh</td><td>their biases, {@code [G·H]} each (PyTorch keeps two; only their sum matters
 *       except in the GRU's candidate)</td><td>{@code bias_ih_l0}, {@code bias_hh_l0}</td></tr>
 *   <tr><td>W_hy, b_y</td><td>the output layer, {@code [K, H]} and {@code [K]}: z_t = W_hy h_t + b_y</td>
 *       <td>{@code fc.weight}, {@code fc.bias}</td></tr>
 *   <tr><td>z_t</td><td>the output layer's scores (logits) at step t, {@code [B, K]}</td><td>{@code logits}</td></tr>
 *   <tr><td>σ, tanh, ⊙</td><td>the logistic function, the hyperbolic tangent, the element-wise product</td>
 *       <td></td></tr>
 *   <tr><td>δv</td><td>∂L/∂v, the gradient of the loss with respect to v, the shape of v</td>
 *       <td>{@code dv}: {@code dh}, {@code dNext}, {@code dz}</td></tr>
 * </table>
 *
 * <p>In a batch, vectors are rows: the equation {@code a = W_ih x + b_ih + W_hh h + b_hh} on one sequence is
 * {@code a = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh} on a {@code [B, ·]} batch, as PyTorch computes it.
 *
 * <h2>Which code runs</h2>
 *
 * Each library cell's file holds its readable step ({@code forward} and {@code backward}, one ND4J operation
 * per equation) and, under it, its fast path: the same equations over a whole unrolled sequence, in plain Java
 * loops with one BLAS product per step, which {@link org.seqlab.nn.Recurrent} uses for that cell. A cell of your
 * own runs through its own {@code forward} and {@code backward}, as does any cell under
 * {@link org.seqlab.nn.Recurrent#withReferencePath()}. Tests hold both paths to the same numbers and to finite
 * differences and PyTorch.
 */
package org.seqlab.nn;
