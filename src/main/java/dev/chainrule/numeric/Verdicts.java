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

    /**
     * A failed check looked at once more: the differences at h/4, h/16 … h/4096 are taken, and when the seven differences
     * disagree among themselves (beyond rounding noise) by at least half as much as the first disagrees with the
     * analytic value, or as the differences are large, the difference has not settled — the function varies faster
     * than the step resolves — and the verdict is {@link Verdict#UNRESOLVED}, not FAIL. When one of the smaller
     * steps agrees with the analytic value (the usual step was too coarse where f bends sharply), that step's check
     * is returned: PASS, with its h. The test looks only at f, never at the derivative being judged, so a
     * wrong derivative of a function the difference resolves stays FAIL. Any other check is returned as it is.
     */
    public static Check settled(Check c, FiniteDifference.Probe f, double v) {
        double fMax;
        try {
            fMax = Math.max(Math.abs(f.apply(v, null)), Math.max(Math.abs(f.apply(v + c.h(), null)),
                    Math.abs(f.apply(v - c.h(), null))));
        } catch (EvaluationException outside) {
            return c;
        }
        if (c.verdict() != Verdict.FAIL || !Double.isFinite(c.analytic()) || !Double.isFinite(c.numeric())
                || !(c.h() > 0)) {
            return c;
        }
        double n = c.numeric();
        double lo = n;
        double hi = n;
        double size = Math.abs(n);
        try {
            for (int k = 1; k <= SMALLER_STEPS; k++) {
                double step = Math.scalb(c.h(), -2 * k);
                double d = FiniteDifference.at(f, v, step);
                if (!Double.isFinite(d)) {
                    return unresolved(c);
                }
                // a step too coarse for a sharply bending f: the smaller one agrees, and is reported
                double noiseHere = ROUNDING_NOISE_FACTOR * Math.ulp(1.0) * fMax / step;
                if (verdict(c.analytic(), d, false, noiseHere) == Verdict.PASS) {
                    return new Check(c.analytic(), d, relativeError(c.analytic(), d), Verdict.PASS, c.kink(), step);
                }
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
                size = Math.max(size, Math.abs(d));
            }
        } catch (EvaluationException outside) {
            return c;
        }
        // rounding alone moves a difference at h/4ᵏ by up to 4ᵏ× the noise at h: a spread within it settles nothing
        double noise = Math.scalb(ROUNDING_NOISE_FACTOR * Math.ulp(1.0) * fMax / c.h(), 2 * SMALLER_STEPS);
        double spread = hi - lo;
        boolean unsettled = spread > noise && spread >= UNSETTLED * Math.min(c.absoluteError(), size);
        return unsettled ? unresolved(c) : c;
    }

    private static Check unresolved(Check c) {
        return new Check(c.analytic(), c.numeric(), c.relativeError(), Verdict.UNRESOLVED, c.kink(), c.h());
    }

    /** The differences at h/4, h/16 … h/4ᵏ (k up to this) taken to see whether the difference settles. */
    public static final int SMALLER_STEPS = 6;

    /** Why an unresolved check is not judged, as every report says it. */
    public static final String UNSETTLED_WHY = "the finite difference does not settle as its step shrinks (from h to "
            + "h/4096 it changes by as much as it differs from the derivative), so it cannot judge here";

    /** The share of the disagreement by which the differences at h, h/2 and h/4 must differ to be unsettled. */
    public static final double UNSETTLED = 0.5;

    /**
     * Judges against a finite difference, allowing for its rounding noise. A kink met inside the step makes the
     * verdict KINK unless L does not bend there ({@link #unbent}): then the difference is judged as on a smooth
     * function, and a PASS carries no kink (a tie between two cells of a max-pooling window that neither wins).
     */
    public static Check check(double analytic, FiniteDifference.Result fd) {
        double n = fd.derivative();
        double noise = Double.isFinite(roundingNoise(fd)) ? roundingNoise(fd) : 0.0;
        if (fd.kink().isPresent() && unbent(fd.kink().get())
                && verdict(analytic, n, false, noise) == Verdict.PASS) {
            return new Check(analytic, n, relativeError(analytic, n), Verdict.PASS, Optional.empty(), fd.h());
        }
        return new Check(analytic, n, relativeError(analytic, n),
                verdict(analytic, n, fd.kink().isPresent(), noise), fd.kink(), fd.h());
    }

    /** One-sided slopes that agree this closely show no bend: a one-sided difference is good to ~1e-6 on smooth f. */
    public static final double UNBENT_TOLERANCE = 1e-4;

    /**
     * A kink whose one-sided slopes of L agree (relatively within {@link #UNBENT_TOLERANCE}, or both within 1e-8 of
     * 0): the kinked function's bend cancels on the way to L (max(u, v, w) built as nested v + ReLU(u − v) bends
     * where two cells tie, yet not where the third wins), so the central difference can be trusted there.
     */
    static boolean unbent(Kink k) {
        double l = k.leftDerivative();
        double r = k.rightDerivative();
        if (!Double.isFinite(l) || !Double.isFinite(r)) {
            return false;
        }
        double gap = Math.abs(l - r);
        return gap <= ABSOLUTE_TOLERANCE || gap <= UNBENT_TOLERANCE * Math.max(Math.abs(l), Math.abs(r));
    }
}
