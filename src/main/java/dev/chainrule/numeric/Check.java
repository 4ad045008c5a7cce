package dev.chainrule.numeric;

import java.util.Objects;
import java.util.Optional;

/** An analytic derivative, its finite difference, their relative error and the verdict. */
public record Check(double analytic, double numeric, double relativeError, Verdict verdict, Optional<Kink> kink) {
    public Check {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(kink, "kink");
    }

    public double absoluteError() {
        return Math.abs(analytic - numeric);
    }
}
