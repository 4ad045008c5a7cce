/**
 * Numbers: evaluation of expressions in double precision ({@link dev.chainrule.numeric.Evaluator}, and
 * {@link dev.chainrule.numeric.CompiledProgram} for the hot loops of training and gradient checks), the
 * forward-mode oracle {@link dev.chainrule.numeric.DualEvaluator}, central finite differences with kink
 * detection ({@link dev.chainrule.numeric.FiniteDifference}) and the pass/fail/kink judgement of a gradient
 * ({@link dev.chainrule.numeric.Verdicts}). Every evaluator computes the same stable formulas (σ branched on
 * sign, log σ as −softplus, log-softmax with the maximum subtracted), turns domain errors into
 * {@link dev.chainrule.numeric.EvaluationException} and never returns NaN. Imports only {@code expr}.
 */
package dev.chainrule.numeric;
