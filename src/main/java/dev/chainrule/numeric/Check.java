package dev.chainrule.numeric;

import java.util.Objects;
import java.util.Optional;

/**
 * An analytic derivative, its finite difference, their relative error and the verdict; {@code h} is the step
 * the finite difference took (NaN when the numeric value came from elsewhere), so that renderers print the
 * step that was used instead of recomputing it.
 */
public record Check(double analytic, double numeric, double relativeError, Verdict verdict, Optional<Kink> kink,
        double h) {
    public Check {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(kink, "kink");
    }

    public double absoluteError() {
        return Math.abs(analytic - numeric);
    }
}
