package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both sides of {@link DifferenceTrust.Reading#UNRESOLVED_BY_ANY_STEP}: a difference set aside only where f
 * oscillates faster than every step tried and that oscillation moves f′ by as much as the disagreement; a wrong
 * derivative at the same magnitude, or of the smooth part next to an unresolved oscillation, still TRUSTED.
 */
class DifferenceTrustTest {
    /** The program of the DerivativeProperties failure (seed 7807702170259361245): u2 = exp(u1²) ≈ 1.94e77. */
    static final String OSCILLATING = "L = (cos(u2) + 1/(1 + p^2)^(1/2)) - (0*log(p) + (1 + 0)*log(1 - p));"
            + " u1 = (-3 + x)*(x - 1); u2 = exp(u1^2); p = sigmoid(u2)";
    /** The same with cos(u2) replaced by u2: as large, and smooth at the step. */
    static final String SMOOTH = "L = (u2 + 1/(1 + p^2)^(1/2)) - (0*log(p) + (1 + 0)*log(1 - p));"
            + " u1 = (-3 + x)*(x - 1); u2 = exp(u1^2); p = sigmoid(u2)";
    static final Map<String, Double> POINT = Map.of("x", -1.7868521427476787, "y", 0.25523464425185294,
            "w", 0.5459389412733957);
    /** What the engine and forward mode give for ∂L/∂x of OSCILLATING at POINT: (2 − 2 sin u2)·u2·u1·(2x − 4). */
    static final double OSCILLATING_DERIVATIVE = -5.825396724289865E79;

    private record Case(Evaluator ev, Expr f, Map<String, Double> point, String v) {
        static Case of(String src, Map<String, Double> point) {
            Program p = Parser.parseProgram(src);
            return new Case(new Evaluator(p.toDefinitions()), p.target(), point, "x");
        }

        double forward() {
            return new DualEvaluator(ev.definitions()).partial(f, point, v);
        }

        FiniteDifference.Result fd() {
            return FiniteDifference.central(ev, f, point, v);
        }

        Verdict verdict(double analytic) {
            return Verdicts.check(analytic, fd()).verdict();
        }

        DifferenceTrust.Reading read(double analytic) {
            return DifferenceTrust.read(ev, f, point, v, analytic, fd().derivative());
        }
    }

    @Test
    void aDifferenceBlindToCosOfOneE77IsSetAside() {
        Case c = Case.of(OSCILLATING, POINT);
        assertEquals(OSCILLATING_DERIVATIVE, c.forward(), 1e-9 * 5.8e79);
        // the difference sees only d(u2 − log(1 − p))/dx ≈ 2·u2·u1·(2x − 4): cos(u2) turns ~1e73 times within h
        assertEquals(-3.9221511665718775E79, c.fd().derivative(), 1e-6 * 3.9e79);
        assertEquals(Verdict.FAIL, c.verdict(OSCILLATING_DERIVATIVE));
        assertEquals(DifferenceTrust.Reading.UNRESOLVED_BY_ANY_STEP, c.read(OSCILLATING_DERIVATIVE));
        double x = POINT.get("x");
        assertTrue(DifferenceTrust.truncationBound(c.ev, c.f, POINT, "x", x, 0.01) > 1e200); // |f‴|·(h/100)²/6 ≈ 1.6e222
        assertTrue(DifferenceTrust.slopeVariation(c.ev, c.f, POINT, "x", x, 0.01) > 1e79); // f′ swings by ~K(1 ± 1)
    }

    @Test
    void aWrongDerivativeOfAsLargeASmoothFunctionIsStillTrusted() {
        Case c = Case.of(SMOOTH, POINT);
        double right = c.forward(); // ≈ −7.84e79
        assertEquals(right, c.fd().derivative(), 1e-6 * Math.abs(right));
        assertEquals(Verdict.PASS, c.verdict(right));
        // the oscillating program's value is wrong here by a factor 0.74: |f‴|·(h/100)²/6 ≈ 1.7e68 ≪ 2e79
        assertEquals(Verdict.FAIL, c.verdict(OSCILLATING_DERIVATIVE));
        assertEquals(DifferenceTrust.Reading.TRUSTED, c.read(OSCILLATING_DERIVATIVE));
        assertEquals(DifferenceTrust.Reading.TRUSTED, c.read(2 * right));
    }

    @Test
    void anUnresolvedOscillationSmallBesideItsSmoothPartSetsAsideOnlyWhatItCanMove() {
        // f′ = 1e20 − 1e16·sin(1e16·x): the cos is unresolved (Taylor bound ~1e31) but moves f′ by ≤ 2e16
        Case c = Case.of("1e20*x + cos(1e16*x)", Map.of("x", 0.5));
        double right = c.forward();
        assertEquals(1e20 - 1e16 * Math.sin(1e16 * 0.5), right, 1e4);
        assertEquals(Verdict.FAIL, c.verdict(right)); // the difference says 1e20: 9e-5 off
        assertEquals(DifferenceTrust.Reading.UNRESOLVED_BY_ANY_STEP, c.read(right));
        assertEquals(DifferenceTrust.Reading.TRUSTED, c.read(2e20)); // a wrong factor on the smooth part is seen
        assertEquals(DifferenceTrust.Reading.TRUSTED, c.read(1e20 + 1e18)); // and a term 100 times the cos's
    }

    @Test
    void aWrongDerivativeOfAnOrdinaryFunctionIsTrusted() {
        Case c = Case.of("x*cos(3*x) + exp(x)", Map.of("x", 0.7));
        double right = c.forward();
        assertEquals(Verdict.PASS, c.verdict(right));
        assertEquals(DifferenceTrust.Reading.TRUSTED, c.read(right + 0.01));
        assertEquals(DifferenceTrust.Reading.TRUSTED, c.read(-right));
    }
}
