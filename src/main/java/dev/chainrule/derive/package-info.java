/**
 * Derivations by named rules: {@link dev.chainrule.derive.Differentiator} rewrites ∂/∂w one rule at a time
 * (sum, constant multiple, power, product, quotient, chain, exp/log, σ′ = σ(1 − σ), ReLU's piecewise
 * derivative …), every line a {@link dev.chainrule.derive.Step}; {@link dev.chainrule.derive.ChainRule} takes
 * the multivariable chain rule across named intermediates path by path; {@link dev.chainrule.derive.Simplifier}
 * makes the result readable, again one named step at a time (BCE∘σ → ŷ − y). Imports only {@code expr}.
 */
package dev.chainrule.derive;
