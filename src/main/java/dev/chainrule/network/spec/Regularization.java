package dev.chainrule.network.spec;

/**
 * The penalty {@code regularization: {l2: λ, l1: μ}} adds to the reduced loss: (λ/2)·Σw² + μ·Σ|w| over the
 * weights, never the biases (docs/reference.md §1). Its gradient λw + μ·sign(w) is torch's {@code weight_decay = λ}
 * for the L2 part.
 *
 * @param l2 λ, non-negative
 * @param l1 μ, non-negative
 */
public record Regularization(double l2, double l1) {
    /** No penalty. */
    public static final Regularization NONE = new Regularization(0, 0);

    /** @throws IllegalArgumentException for a negative or non-finite weight */
    public Regularization {
        if (!(l2 >= 0) || !(l1 >= 0) || Double.isInfinite(l2) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("regularization weights must be finite and non-negative, got l2 = "
                    + l2 + ", l1 = " + l1);
        }
    }

    public boolean isNone() {
        return l2 == 0 && l1 == 0;
    }

    /** (λ/2)·w² + μ·|w| of one weight. */
    public double penalty(double w) {
        return 0.5 * l2 * w * w + l1 * Math.abs(w);
    }

    /** λw + μ·sign(w), sign(0) = 0. */
    public double derivative(double w) {
        return l2 * w + l1 * Math.signum(w);
    }
}
