package dev.chainrule.homework;

import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * The two slips of a regularized batch gradient, as every judge of a number names them: the regularization term left
 * out — L = data loss + (λ/2)Σw² + μΣ|w| has a second path to the weight (missing_path) — or its derivative doubled,
 * 2λw for λw (extra_factor).
 */
final class PenaltySlips {
    private PenaltySlips() {
    }

    /**
     * The slip the claimed number {@code cv} shows against the truth {@code tv}, whose term is {@code pen}; none when
     * pen is 0 or cv is neither tv − pen nor tv + pen. {@code show} writes a number, {@code truth} ends the message.
     */
    static Optional<Diagnosis> diagnose(NumberPolicy policy, double cv, double tv, double pen, DoubleFunction<String> show,
                                        String truth) {
        if (pen != 0 && policy.match(cv, tv - pen).matched()) {
            return Optional.of(new Diagnosis(Diagnosis.Kind.MISSING_PATH, "your number is the data loss's gradient alone:"
                    + " L also has the regularization term, a second path from L to the weight, whose derivative"
                    + " λw + μ·sign(w) = " + show.apply(pen) + " belongs in the sum" + truth, Double.NaN, null)
                    .withHint("L = data loss + (λ/2)Σw² + μΣ|w|, so ∂L/∂w = ∂(data loss)/∂w + λw + μ·sign(w)"));
        }
        if (pen != 0 && policy.match(cv, tv + pen).matched()) {
            return Optional.of(new Diagnosis(Diagnosis.Kind.EXTRA_FACTOR, "your number has the regularization term's"
                    + " derivative twice (2λw for λw: the ½ of (λ/2)w² cancels the power rule's 2)" + truth, Double.NaN,
                    null).withHint("power rule: ∂/∂w (λ/2)w² = λw"));
        }
        return Optional.empty();
    }
}
