package dev.chainrule.freeform;

import dev.chainrule.numeric.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * The derivative's value at the point and its independent check.
 *
 * @param value             the simplified derivative evaluated at the point
 * @param finiteDifference  the central difference (f(v + h) − f(v − h)) / 2h
 * @param h                 the step: 1e-6·max(1, |v|), or less when v ± h would leave the domain
 * @param method            how the step was chosen
 * @param relativeError     |value − fd| / (|value| + |fd|), 0 when both are 0
 * @param verdict           pass, fail, or kink (a finite difference cannot judge across a kink)
 * @param kink              the kink met, if any
 */
public record NumericCheck(double value, double finiteDifference, double h, Method method, double relativeError,
        Verdict verdict, Optional<KinkSite> kink) {

    /**
     * How the step was chosen: the usual one; a smaller one because v ± h would leave the domain; or a
     * smaller one because with the usual one the difference disagreed (the function bends sharply there)
     * and a smaller step agrees.
     */
    public enum Method { CENTRAL, DOMAIN_EDGE, FINER }

    public NumericCheck {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(kink, "kink");
    }

    public double absoluteError() {
        return Math.abs(value - finiteDifference);
    }
}
