package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import dev.chainrule.numeric.Evaluator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the lecture notes (seeds 001 and 002 in /work/shared/seeds), derived by the
 * engine: every step's rule names in order, the result, and the notes' numbers — with a comment where the
 * notes are wrong. Each derivation also passes the step-preservation check at the notes' point.
 */
class SeedExamplesTest {
    private static final double EPS = 1e-12;

    // ------------------------------------------------------------------ seed 001: linear regression

    /** J = (t − z)², z = x₁w₁ + x₂w₂ + b; the notes' example x = (1, 0), w = (1, 0), b = 2, t = 2. */
    private static final String SEED_001 = "J = (t - z)^2; z = x1*w1 + x2*w2 + b";
    private static final Map<String, Double> SEED_001_POINT = Map.of("x1", 1.0, "x2", 0.0, "w1", 1.0, "w2", 0.0,
            "b", 2.0, "t", 2.0);

    private static final List<String> DJ_DZ = List.of("power rule, chain rule", "sum rule, constant rule",
            "constant multiple rule, variable rule", "drop ·1, +0", "arithmetic");

    @Test
    void seed001LinearRegressionGradient() {
        Program p = Parser.parseProgram(SEED_001);
        Definitions defs = p.toDefinitions();
        ChainRule engine = new ChainRule(defs);
        Evaluator ev = new Evaluator(defs);

        // the notes' forward pass: "z = 1·1 + 0·0 + 2·1 = 3" (the bias as the weight of a constant input 1)
        assertEquals(3.0, ev.eval(new Var("z"), SEED_001_POINT), EPS);
        assertEquals(1.0, ev.eval(new Var("J"), SEED_001_POINT), EPS);

        ChainDerivation w1 = engine.derive(new Var("J"), new Var("w1"));
        assertEquals(List.of(List.of(new Var("J"), new Var("z"), new Var("w1"))), w1.paths());
        assertLocal(w1.locals().get(0), "J", "z", DJ_DZ, "-2*(t - z)");
        assertLocal(w1.locals().get(1), "z", "w1", List.of("sum rule, constant rule",
                "constant multiple rule, variable rule", "drop ·1, +0"), "x1");
        assertEquals(List.of("chain rule", "substitute", "regroup"), labels(w1.steps()));
        assertEquals("-2*(t - z)*x1", InputPrinter.str(w1.result()));

        ChainDerivation w2 = engine.derive(new Var("J"), new Var("w2"));
        assertLocal(w2.locals().get(1), "z", "w2", List.of("sum rule, constant rule",
                "constant multiple rule, variable rule", "drop ·1, +0"), "x2");
        assertEquals(List.of("chain rule", "substitute", "regroup"), labels(w2.steps()));

        ChainDerivation b = engine.derive(new Var("J"), new Var("b"));
        assertLocal(b.locals().get(1), "z", "b", List.of("sum rule, constant rule, variable rule", "drop ·1, +0"), "1");
        assertEquals(List.of("chain rule", "substitute", "drop ·1, +0"), labels(b.steps()));
        assertEquals("-2*(t - z)", InputPrinter.str(b.result()));

        // With J = (t − z)²: ∂J/∂w₁ = −2(t − z)x₁ = −2(2 − 3)·1 = 2, ∂J/∂w₂ = 0, ∂J/∂b = 2.
        assertEquals(2.0, ev.eval(w1.result(), SEED_001_POINT), EPS);
        assertEquals(0.0, ev.eval(w2.result(), SEED_001_POINT), EPS);
        assertEquals(2.0, ev.eval(b.result(), SEED_001_POINT), EPS);
        for (ChainDerivation c : List.of(w1, w2, b)) {
            assertTrue(StepPreservationProperties.assertChainKeepsValue(defs, c, SEED_001_POINT) > 0);
        }
    }

    /**
     * The notes differentiate J = 1/(2N)·Σ(t − z)², here N = 1: J = ½(t − z)², whose gradient is
     * −(t − z)x₁. They print "∂J/∂w₁ = −(t − z)x₁ = (2 − 3)·1 = −1" and "∂J/∂w₃ = (2 − 3)·1 = −1": the minus
     * sign of −(t − z) is dropped; the right values are −(2 − 3)·1 = +1 for w₁ and for the bias. They then
     * print "w ← [1, 0] − ε[−1, 0] = [0.5, 0]", which no ε > 0 gives from their gradient (it would grow w₁);
     * it is what the correct gradient [1, 0] gives with ε = 0.5 — the two sign slips cancel.
     */
    @Test
    void seed001WithTheNotesHalfAndTheirUpdate() {
        Program p = Parser.parseProgram("J = 1/2*(t - z)^2; z = x1*w1 + x2*w2 + b");
        Definitions defs = p.toDefinitions();
        ChainRule engine = new ChainRule(defs);
        Evaluator ev = new Evaluator(defs);
        ChainDerivation w1 = engine.derive(new Var("J"), new Var("w1"));
        assertLocal(w1.locals().get(0), "J", "z", List.of("constant multiple rule", "power rule, chain rule",
                "sum rule, constant rule", "constant multiple rule, variable rule", "drop ·1, +0", "arithmetic",
                "expand", "regroup"), "z - t");
        assertEquals(List.of("chain rule", "substitute"), labels(w1.steps()));
        assertEquals("(z - t)*x1", InputPrinter.str(w1.result()));
        ChainDerivation w2 = engine.derive(new Var("J"), new Var("w2"));
        ChainDerivation b = engine.derive(new Var("J"), new Var("b"));

        double g1 = ev.eval(w1.result(), SEED_001_POINT);
        double g2 = ev.eval(w2.result(), SEED_001_POINT);
        double gb = ev.eval(b.result(), SEED_001_POINT);
        assertEquals(1.0, g1, EPS);  // the notes print −1
        assertEquals(0.0, g2, EPS);  // the notes print 0: right
        assertEquals(1.0, gb, EPS);  // the notes print −1
        double epsilon = 0.5;
        assertEquals(0.5, 1.0 - epsilon * g1, EPS); // the notes' updated w₁
        assertEquals(0.0, 0.0 - epsilon * g2, EPS); // the notes' updated w₂
        for (ChainDerivation c : List.of(w1, w2, b)) {
            assertTrue(StepPreservationProperties.assertChainKeepsValue(defs, c, SEED_001_POINT) > 0);
        }
    }

    // ------------------------------------------------------------------ seed 002: the 1-D example

    /** L = (y − w₁x)², x = 3, w₁ = 0.1, y = 1, identity activation, η = 1 (the notes: L = 0.49, −4.2, 4.3). */
    @Test
    void seed002OneDimensionalExample() {
        Map<String, Double> point = Map.of("x", 3.0, "w1", 0.1, "y", 1.0);
        Expr l = Parser.parseExpression("(y - w1*x)^2");
        Derivation d = new Differentiator().derive(l, new Var("w1"));
        assertEquals(List.of("power rule, chain rule", "sum rule, constant rule", "constant multiple rule",
                "constant multiple rule, variable rule", "drop ·1, +0", "regroup", "arithmetic"), labels(d.steps()));
        assertEquals("-2*(y - w1*x)*x", InputPrinter.str(d.result()));
        Evaluator ev = new Evaluator(Definitions.none());
        assertEquals(0.49, ev.eval(l, point), EPS);
        double grad = ev.eval(d.result(), point);
        assertEquals(-4.2, grad, EPS);
        double eta = 1;
        assertEquals(4.3, point.get("w1") - eta * grad, EPS);
        assertTrue(StepPreservationProperties.assertStepsKeepValue(new StepOracle(Definitions.none()), d.goal(), d.steps(),
                point) > 0);
    }

    /** The same with the prediction named, as the notes write it: L = (y − ŷ)², ŷ = w₁x; ∂L/∂w₁ = ∂L/∂ŷ·∂ŷ/∂w₁. */
    @Test
    void seed002ThroughThePrediction() {
        Map<String, Double> point = Map.of("x", 3.0, "w1", 0.1, "y", 1.0);
        Definitions defs = Parser.parseProgram("L = (y - yhat)^2; yhat = w1*x").toDefinitions();
        ChainDerivation c = new ChainRule(defs).derive(new Var("L"), new Var("w1"));
        assertLocal(c.locals().get(0), "L", "yhat", DJ_DZ, "-2*(y - yhat)");
        assertLocal(c.locals().get(1), "yhat", "w1", List.of("constant multiple rule, variable rule", "drop ·1, +0"), "x");
        assertEquals(List.of("chain rule", "substitute", "regroup"), labels(c.steps()));
        assertEquals("-2*(y - yhat)*x", InputPrinter.str(c.result()));
        Evaluator ev = new Evaluator(defs);
        assertEquals(0.3, ev.eval(new Var("yhat"), point), EPS);
        assertEquals(0.49, ev.eval(new Var("L"), point), EPS);
        assertEquals(-4.2, ev.eval(c.result(), point), EPS);
        assertTrue(StepPreservationProperties.assertChainKeepsValue(defs, c, point) > 0);
    }

    private static void assertLocal(LocalDerivative l, String of, String wrt, List<String> labels, String result) {
        assertEquals(of, l.of().name());
        assertEquals(wrt, l.wrt().name());
        assertEquals(labels, labels(l.derivation().steps()), () -> "∂" + of + "/∂" + wrt);
        assertEquals(result, InputPrinter.str(l.derivation().result()));
    }

    static List<String> labels(List<Step> steps) {
        return steps.stream().map(Step::label).toList();
    }
}
