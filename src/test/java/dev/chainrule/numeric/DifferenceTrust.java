package dev.chainrule.numeric;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Var;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a central difference that disagrees with an analytic derivative can be trusted to say so. A wrong
 * derivative disagrees with the difference at every step; a right one disagrees only where f bends sharply (a
 * smaller step agrees) or where rounding inside f swamps the difference (the estimates at two steps disagree with
 * each other, as for exp(16) − y perturbed by 1e-6, log(1 − p) with 1 − p ≈ h, or exp((6x)³)), or where f
 * oscillates faster than any step tried resolves (the difference is stable but measures only f's smooth part, as
 * for cos(u) with u = exp(u1²) ≈ 1e77: its period in x is ~1e-79, far below the step and below an ulp of x).
 * Shared by the property tests that compare the engine and forward mode with finite differences.
 *
 * <p>The last is judged at the smallest step tried, δ = h/100, with forward mode ({@link DualEvaluator}, an oracle
 * independent of the engine), by two bounds on how far the difference d(δ) may lie from f′(v); it is set aside
 * ({@link Reading#UNRESOLVED_BY_ANY_STEP}) only when both allow its disagreement |a − d(δ)| with the analytic a:
 * <ul>
 * <li>the Taylor bound: d(δ) = f′(v) + f‴(v)·δ²/6 + O(δ⁴), so |f‴|·δ²/6 ≥ |a − d(δ)|. This one keeps a wrong
 * derivative of a smooth f {@link Reading#TRUSTED} (|f‴|·δ²/6 ~ 1e-16·|f‴/f′| relative, against ≥ 1e-3 for a
 * wrong factor or term), also at magnitudes ~1e79 such as exp(u1²);
 * <li>the mean-value bound: d(δ) is the mean of f′ over [v − δ, v + δ], so it can lie from f′(v) only as far as
 * f′ varies there; forward-mode f′ at 32 points of that interval must vary from f′(v) by at least |a − d(δ)|/2.
 * This one keeps TRUSTED a wrong derivative of Kx + cos(ωx) with K ≫ ω: the cos is unresolved (the Taylor bound
 * is huge) but moves f′ by only ~ω, and the difference still sees K.
 * </ul>
 */
public final class DifferenceTrust {
    /** What a second look at smaller steps says about a disagreeing difference. */
    public enum Reading {
        /** a step of h/10 or h/100 agrees with the analytic derivative: f bends sharply */
        SMALLER_STEP_AGREES,
        /** the estimates at h and h/10 disagree with each other: rounding dominates */
        SWAMPED_BY_ROUNDING,
        /**
         * the estimates agree with each other but f oscillates faster than the smallest step (h/100) resolves:
         * both the difference's truncation error |f‴|·(h/100)²/6 and the variation of f′ within the step (forward
         * mode) are as large as its disagreement
         */
        UNRESOLVED_BY_ANY_STEP,
        /** the difference is stable and disagrees: the analytic derivative is wrong */
        TRUSTED
    }

    private DifferenceTrust() {
    }

    /** The reading at {@code point}, where the difference at the usual step was {@code usual}. */
    public static Reading read(Evaluator ev, Expr f, Map<String, Double> point, String v, double analytic, double usual) {
        double x = ev.scope(point).value(v);
        double tenth = difference(ev, f, point, v, x, 0.1);
        double hundredth = difference(ev, f, point, v, x, 0.01);
        if (agrees(analytic, tenth) || agrees(analytic, hundredth)) {
            return Reading.SMALLER_STEP_AGREES;
        }
        if (Verdicts.relativeError(usual, tenth) > 10 * Verdicts.RELATIVE_TOLERANCE) {
            return Reading.SWAMPED_BY_ROUNDING;
        }
        double disagreement = Math.abs(analytic - hundredth);
        if (truncationBound(ev, f, point, v, x, 0.01) >= disagreement
                && slopeVariation(ev, f, point, v, x, 0.01) >= disagreement / 2) {
            return Reading.UNRESOLVED_BY_ANY_STEP;
        }
        return Reading.TRUSTED;
    }

    /**
     * The leading truncation error |f‴(v)|·h²/6 of the central difference with a step {@code scale} times the
     * usual one, f‴ by forward mode (D(D(f, v), v) differentiated once more); +∞ when f‴ overflows, 0 (no
     * excuse) when forward mode cannot compute it. A defined {@code v} is held at its value, as in
     * {@link #difference}.
     */
    static double truncationBound(Evaluator ev, Expr f, Map<String, Double> point, String v, double x, double scale) {
        double h = FiniteDifference.step(x) * scale;
        Map<String, Double> p = new HashMap<>(point);
        p.put(v, x);
        Var wrt = new Var(v);
        double third;
        try {
            third = new DualEvaluator(ev.definitions()).partial(new Derivative(new Derivative(f, wrt), wrt), p, v);
        } catch (EvaluationException outsideTheDomain) {
            return 0.0;
        }
        if (Double.isNaN(third)) {
            return 0.0;
        }
        return Math.abs(third) * h * h / 6;
    }

    /** Points on each side of v at which {@link #slopeVariation} samples f′. */
    private static final int SLOPE_SAMPLES = 16;

    /**
     * max |f′(v + t) − f′(v)| over t = ±δ·k/16, k = 1..16, δ = {@code scale} times the usual step, f′ by forward
     * mode; points outside the domain are skipped, and +∞ is kept. For f′ that oscillates with a period far
     * below δ the phases at these points are as good as independent, so the maximum comes near the oscillation's
     * full swing (for f′ = K(1 − sin u), as in the case that failed, each point falls short of |a − d(δ)|/2 with
     * probability ≤ ~0.4).
     */
    static double slopeVariation(Evaluator ev, Expr f, Map<String, Double> point, String v, double x, double scale) {
        double delta = FiniteDifference.step(x) * scale;
        DualEvaluator dual = new DualEvaluator(ev.definitions());
        Map<String, Double> p = new HashMap<>(point);
        p.put(v, x);
        double at;
        try {
            at = dual.partial(f, p, v);
        } catch (EvaluationException outsideTheDomain) {
            return 0.0;
        }
        double max = 0.0;
        for (int k = -SLOPE_SAMPLES; k <= SLOPE_SAMPLES; k++) {
            if (k == 0) {
                continue;
            }
            p.put(v, x + delta * k / SLOPE_SAMPLES);
            try {
                double moved = Math.abs(dual.partial(f, p, v) - at);
                if (!Double.isNaN(moved)) {
                    max = Math.max(max, moved);
                }
            } catch (EvaluationException outsideTheDomain) {
                // not a point of f′: no evidence either way
            }
        }
        return max;
    }

    private static boolean agrees(double analytic, double numeric) {
        return Double.isFinite(numeric) && Verdicts.relativeError(analytic, numeric) <= Verdicts.RELATIVE_TOLERANCE;
    }

    /** The central difference with a step {@code scale} times the usual one; NaN outside the domain. */
    private static double difference(Evaluator ev, Expr f, Map<String, Double> point, String v, double x, double scale) {
        double h = FiniteDifference.step(x) * scale;
        Map<String, Double> p = new HashMap<>(point); // a defined v put here is held as a node
        try {
            p.put(v, x + h);
            double plus = ev.eval(f, p);
            p.put(v, x - h);
            double minus = ev.eval(f, p);
            return (plus - minus) / (2 * h);
        } catch (EvaluationException outsideTheDomain) {
            return Double.NaN;
        }
    }
}
