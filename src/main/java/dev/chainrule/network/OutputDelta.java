package dev.chainrule.network;

import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import java.util.List;

/**
 * δ_k^(L) = ∂L/∂z_k^(L) for one output unit: the chain rule through ŷ (every ŷ_j for softmax), its
 * simplification, and the extra steps where the notes' cancellation needs more than algebra (CE∘softmax
 * needs Σ_k y_k = 1). {@code result} is the simplified error signal, e.g. ŷ − y.
 */
public record OutputDelta(int unit, ChainDerivation derivation, List<Step> extraSteps, Expr result) {
    public OutputDelta {
        extraSteps = List.copyOf(extraSteps);
    }
}
