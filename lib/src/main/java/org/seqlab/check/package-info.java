/**
 * Checks of hand-written gradients: {@link org.seqlab.check.GradientCheck} compares a backward pass with finite
 * differences in float64, tensor by tensor, and {@link org.seqlab.check.GradientReach} reads how far a gradient
 * travels back through time.
 *
 * <pre>
 *   model.parameters().zeroGrad();
 *   model.trainStep(batch);                                          // the backward pass under test, in DOUBLE
 *   GradientCheck.Report r = GradientCheck.check(() -> model.evaluate(batch).loss(),
 *           GradientCheck.targets(model.parameters()));
 *   r.maxRelativeError();                                            // about 1e-10 when right, near 1 when wrong
 * </pre>
 *
 * A model checked this way must be built in {@code DataType.DOUBLE}: float32 rounding would drown the
 * differences the check measures.
 */
package org.seqlab.check;
