package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.expr.Fn;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    private static final Optional<Kink> NONE = Optional.empty();

    @Test
    void relativeError() {
        assertEquals(0.0, Verdicts.relativeError(0, 0));
        assertEquals(0.0, Verdicts.relativeError(-4.2, -4.2));
        assertEquals(1.0, Verdicts.relativeError(1, -1));
        assertEquals(1.0, Verdicts.relativeError(0, 1e-300));
        assertEquals(1.0 / 3.0, Verdicts.relativeError(2, 1), 1e-16);
        assertEquals(Double.POSITIVE_INFINITY, Verdicts.relativeError(Double.NaN, 1));
    }

    @Test
    void thresholds() {
        assertEquals(Verdict.PASS, Verdicts.check(1.0, 1.0 + 1e-6, NONE).verdict());
        assertEquals(Verdict.FAIL, Verdicts.check(1.0, 1.0 + 1e-5, NONE).verdict());
        assertEquals(Verdict.PASS, Verdicts.check(0.0, 9e-9, NONE).verdict());
        assertEquals(Verdict.FAIL, Verdicts.check(0.0, 2e-8, NONE).verdict());
        assertEquals(Verdict.FAIL, Verdicts.check(-4.2, 4.2, NONE).verdict());
        assertEquals(Verdict.FAIL, Verdicts.check(Double.NaN, 1.0, NONE).verdict());
        assertEquals(Verdict.FAIL, Verdicts.check(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, NONE).verdict());
    }

    @Test
    void aKinkIsNeverAFailure() {
        Kink k = new Kink(Fn.RELU, Optional.of("z[1,1]"), 0, 0, 1e-6, -1e-6, 1, 0, 1);
        Check c = Verdicts.check(0.0, 0.5, Optional.of(k));
        assertEquals(Verdict.KINK, c.verdict());
        assertEquals(1.0, c.relativeError());
        assertEquals(0.5, c.absoluteError());
    }

    /** A kink L does not bend at (one-sided slopes agree) is judged as a smooth point; one it bends at is KINK. */
    @Test
    void anUnbentKinkIsJudgedBothSidesOfItsBorder() {
        // slopes 1 and 1 + 5e-5 (relative gap 5e-5 ≤ 1e-4): no bend, the central difference 1 + 2.5e-7 judges 1
        Kink flat = new Kink(Fn.RELU, Optional.of("a[2,1,1,1]"), 0, 0, 1e-6, -1e-6, 1 + 5e-5, 1, 1);
        FiniteDifference.Result r = new FiniteDifference.Result(0.5, 1e-6, 0, 0, 0, 1 + 2.5e-7, Optional.of(flat));
        assertEquals(Verdict.PASS, Verdicts.check(1.0, r).verdict());
        assertEquals(Optional.empty(), Verdicts.check(1.0, r).kink());
        // …yet a wrong derivative there is still a failure of the difference, not hidden: it stays KINK (never FAIL)
        assertEquals(Verdict.KINK, Verdicts.check(2.0, r).verdict());
        // slopes 1 and 1.0002 (gap 2e-4 > 1e-4): L bends, the check cannot judge
        Kink bent = new Kink(Fn.RELU, Optional.of("a[2,1,1,1]"), 0, 0, 1e-6, -1e-6, 1.0002, 1, 1);
        FiniteDifference.Result b = new FiniteDifference.Result(0.5, 1e-6, 0, 0, 0, 1.0001, Optional.of(bent));
        assertEquals(Verdict.KINK, Verdicts.check(1.0, b).verdict());
        assertEquals(Verdict.KINK, Verdicts.check(1.0001, b).verdict());
        // slopes both ~0 (within 1e-8): no bend
        Kink zero = new Kink(Fn.RELU, Optional.empty(), 0, 0, 1e-6, -1e-6, 0, -5e-9, 1);
        FiniteDifference.Result z = new FiniteDifference.Result(0.5, 1e-6, 0, 0, 0, -2.5e-9, Optional.of(zero));
        assertEquals(Verdict.PASS, Verdicts.check(0.0, z).verdict());
        Kink step = new Kink(Fn.RELU, Optional.empty(), 0, 0, 1e-6, -1e-6, 3e-8, 0, 1);
        FiniteDifference.Result s2 = new FiniteDifference.Result(0.5, 1e-6, 0, 0, 0, 1.5e-8, Optional.of(step));
        assertEquals(Verdict.KINK, Verdicts.check(0.0, s2).verdict());
    }

    @Test
    void roundingNoiseOfALargeLossIsNotAFailure() {
        // |f| = 1e4: the difference's own rounding noise is ~100·ε·1e4/1e-6 ≈ 2e-4
        FiniteDifference.Result r = new FiniteDifference.Result(0.5, 1e-6, 1e4, 1e4, 1e4, 1e-3 + 1e-4, Optional.empty());
        assertEquals(Verdict.PASS, Verdicts.check(1e-3, r).verdict());
        assertEquals(Verdict.FAIL, Verdicts.check(1e-3, r.derivative(), Optional.empty()).verdict());
        assertEquals(Verdict.FAIL, Verdicts.check(1e-2, r).verdict());
    }

    @Test
    void jsonNames() {
        assertEquals("pass", Verdict.PASS.jsonName());
        assertEquals("fail", Verdict.FAIL.jsonName());
        assertEquals("kink", Verdict.KINK.jsonName());
    }

    // ---------------------------------------------------------------- a difference that does not settle

    private static Check judged(java.util.function.DoubleUnaryOperator f, double v, double analytic) {
        FiniteDifference.Probe probe = (x, rec) -> f.applyAsDouble(x);
        return Verdicts.settled(Verdicts.check(analytic, FiniteDifference.central(probe, v)), probe, v);
    }

    /** cos(eˣ) for x ≥ 20 turns through thousands of periods within any usable step: the difference cannot judge. */
    @org.junit.jupiter.api.Test
    void aDifferenceThatDoesNotSettleIsUnresolvedNotAFailure() {
        for (double x : new double[] {20, 25, 30, 40, 178}) {
            double right = -Math.sin(Math.exp(x)) * Math.exp(x);
            assertEquals(Verdict.UNRESOLVED, judged(t -> Math.cos(Math.exp(t)), x, right).verdict(), "x = " + x);
            // a wrong derivative there cannot be told from a right one either: unresolved, never "pass"
            assertEquals(Verdict.UNRESOLVED, judged(t -> Math.cos(Math.exp(t)), x, -right).verdict(), "x = " + x);
        }
        // where the step resolves it (x = 10: e¹⁰·h ≈ 0.2 rad), the right derivative passes and a wrong one fails
        double right = -Math.sin(Math.exp(10)) * Math.exp(10);
        assertEquals(Verdict.PASS, judged(t -> Math.cos(Math.exp(t)), 10, right).verdict());
        assertEquals(Verdict.FAIL, judged(t -> Math.cos(Math.exp(t)), 10, 2 * right).verdict());
    }

    /** The test looks at f only: a wrong derivative of a function the difference resolves stays a failure. */
    @org.junit.jupiter.api.Test
    void aWrongDerivativeOfAResolvedFunctionStaysAFailure() {
        assertEquals(Verdict.FAIL, judged(t -> t * t * t, 2, 24).verdict(), "factor 2 on x³");
        assertEquals(Verdict.FAIL, judged(t -> Math.sin(1000 * t), 0.3, 2000 * Math.cos(300)).verdict(),
                "factor 2 on a fast but resolved oscillation");
        assertEquals(Verdict.FAIL, judged(Math::cos, 0, 1).verdict(), "a true 0 against 1: rounding noise is not unsettled");
        assertEquals(Verdict.FAIL, judged(t -> 1e-9 * t * t, 3, 1).verdict(), "a tiny function, a wrong derivative");
        Check pass = judged(t -> t * t * t, 2, 12);
        assertEquals(Verdict.PASS, pass.verdict(), "a passing check is returned as it is");
    }
}
