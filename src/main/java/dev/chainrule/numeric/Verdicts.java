package dev.chainrule.numeric;

import java.util.Optional;

/**
 * Judges an analytic derivative a against a central difference n (h = 1e-6·max(1, |v|)).
 *
 * <p>Relative error = |a − n| / max(|a| + |n|, {@link #TINY}) (0 when both are 0). The verdict is
 * {@link Verdict#KINK} whenever a kink was met (never FAIL there), else {@link Verdict#PASS} when the relative
 * error is at most {@link #RELATIVE_TOLERANCE}, or the absolute error at most {@link #ABSOLUTE_TOLERANCE}, or
 * (when the difference's values are known) within {@link #ROUNDING_NOISE_FACTOR}·ε·max|f|/h, the rounding
 * noise of the difference itself; otherwise {@link Verdict#FAIL}. Non-finite values fail.
 */
public final class Verdicts {
    /** Central differences with h = 1e-6 are accurate to ~1e-9–1e-10 relative on smooth functions; a wrong sign, factor or term gives ≥ 1e-3. */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    /** A derivative that is truly 0 comes out of the difference as ~1e-10 (rounding ε·|f|/h for |f| ~ 1): 1e-8 leaves a factor 100. */
    public static final double ABSOLUTE_TOLERANCE = 1e-8;
    /** f is computed with a relative error of a few to ~100 ulps, which the difference amplifies by 1/h: errors below 100·ε·max|f|/h are noise. */
    public static final double ROUNDING_NOISE_FACTOR = 100;
    /** Floor of the relative error's denominator. */
    public static final double TINY = Double.MIN_NORMAL;

    private Verdicts() {
    }

    public static double relativeError(double analytic, double numeric) {
        if (analytic == numeric) {
            return 0.0;
        }
        if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), TINY);
    }

    /** The rounding noise of a central difference: ROUNDING_NOISE_FACTOR·ε·max(|f(v)|, |f(v ± h)|)/h. */
    public static double roundingNoise(FiniteDifference.Result fd) {
        double f = Math.max(Math.abs(fd.value()), Math.max(Math.abs(fd.plus()), Math.abs(fd.minus())));
        return ROUNDING_NOISE_FACTOR * Math.ulp(1.0) * f / fd.h();
    }

    public static Verdict verdict(double analytic, double numeric, boolean kink) {
        return verdict(analytic, numeric, kink, 0.0);
    }

    private static Verdict verdict(double analytic, double numeric, boolean kink, double noise) {
        if (kink) {
            return Verdict.KINK;
        }
        if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
            return Verdict.FAIL;
        }
        double abs = Math.abs(analytic - numeric);
        boolean pass = relativeError(analytic, numeric) <= RELATIVE_TOLERANCE
                || abs <= ABSOLUTE_TOLERANCE || abs <= noise;
        return pass ? Verdict.PASS : Verdict.FAIL;
    }

    public static Check check(double analytic, double numeric, Optional<Kink> kink) {
        return new Check(analytic, numeric, relativeError(analytic, numeric),
                verdict(analytic, numeric, kink.isPresent()), kink, Double.NaN);
    }

    /** Judges against a finite difference, allowing for its rounding noise. */
    public static Check check(double analytic, FiniteDifference.Result fd) {
        double n = fd.derivative();
        double noise = Double.isFinite(roundingNoise(fd)) ? roundingNoise(fd) : 0.0;
        return new Check(analytic, n, relativeError(analytic, n),
                verdict(analytic, n, fd.kink().isPresent(), noise), fd.kink(), fd.h());
    }
}
