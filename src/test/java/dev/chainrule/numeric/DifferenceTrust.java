package dev.chainrule.numeric;

import dev.chainrule.expr.Expr;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a central difference that disagrees with an analytic derivative can be trusted to say so. A wrong
 * derivative disagrees with the difference at every step; a right one disagrees only where f bends sharply (a
 * smaller step agrees) or where rounding inside f swamps the difference (the estimates at two steps disagree with
 * each other, as for exp(16) − y perturbed by 1e-6, log(1 − p) with 1 − p ≈ h, or exp((6x)³)). Shared by the
 * property tests that compare the engine and forward mode with finite differences.
 */
public final class DifferenceTrust {
    /** What a second look at smaller steps says about a disagreeing difference. */
    public enum Reading {
        /** a step of h/10 or h/100 agrees with the analytic derivative: f bends sharply */
        SMALLER_STEP_AGREES,
        /** the estimates at h and h/10 disagree with each other: rounding dominates */
        SWAMPED_BY_ROUNDING,
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
        return Reading.TRUSTED;
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
