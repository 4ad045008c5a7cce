package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DualEvaluatorTest {

    private static DualEvaluator.Result grad(String src, Map<String, Double> env, String... wrt) {
        Program p = Parser.parseProgram(src);
        return new DualEvaluator(p.toDefinitions()).evaluate(p.target(), env, List.of(wrt));
    }

    private static double value(String src, Map<String, Double> env) {
        Program p = Parser.parseProgram(src);
        return new DualEvaluator(p.toDefinitions()).value(p.target(), env);
    }

    @Test
    void gradientOfTheContractExample() {
        DualEvaluator.Result r = grad("L = (y - yhat)^2; yhat = w*x + b", Map.of("x", 3.0, "w", 0.1, "b", 0.0, "y", 1.0), "w", "b");
        assertEquals(0.49, r.value(), 1e-15);
        assertArrayEquals(new double[] {-4.2, -1.4}, r.gradient(), 1e-14);
        assertEquals(-1.4, r.partial("b"), 1e-14);
    }

    @Test
    void bceThroughSigmoidIsYhatMinusY() {
        String src = EvaluatorTest.BCE + "; z = w*x";
        for (double z : new double[] {-1000, -30, -1, 0, 2, 40, 1000}) {
            DualEvaluator.Result r = grad(src, Map.of("w", z, "x", 1.0, "y", 1.0), "w", "z");
            double yhat = Ops.sigmoid(z);
            assertEquals(yhat - 1.0, r.partial("w"), 1e-15, "z = " + z);
            assertEquals(yhat - 1.0, r.partial("z"), 1e-15, "z = " + z);
            assertEquals(yhat - 1.0, grad(src, Map.of("w", z, "x", 1.0, "y", 1.0), "w").partial("w"), 1e-15);
            assertTrue(Double.isFinite(r.value()));
        }
        DualEvaluator.Result ce = grad("L = -log(softmax(1, z1, z2))", Map.of("z1", -1000.0, "z2", 1000.0), "z1", "z2");
        assertEquals(2000.0, ce.value());
        assertArrayEquals(new double[] {-1.0, 1.0}, ce.gradient(), 0.0);
    }

    @Test
    void kinkConventionsFollowTheContract() {
        assertEquals(0.0, grad("relu(x)", Map.of("x", 0.0), "x").partial("x"));
        assertEquals(1.0, grad("relu(x)", Map.of("x", 1e-300), "x").partial("x"));
        assertEquals(1.0, grad("leaky_relu(x, 0.1)", Map.of("x", 0.0), "x").partial("x"));
        assertEquals(0.1, grad("leaky_relu(x, 0.1)", Map.of("x", -1e-300), "x").partial("x"));
        assertEquals(0.0, grad("abs(x)", Map.of("x", 0.0), "x").partial("x"));
        assertEquals(-1.0, grad("abs(x)", Map.of("x", -2.0), "x").partial("x"));
        assertEquals(0.0, grad("step(x) + sign(x) + leaky_step(x, 0.1)", Map.of("x", 0.5), "x").partial("x"));
        assertEquals(1.0, grad("leaky_step(x, a)", Map.of("x", -1.0, "a", 0.1), "a", "x").partial("a"));
    }

    @Test
    void powersAndRoots() {
        assertEquals(1.0 / 12.0, grad("x^(1/3)", Map.of("x", -8.0), "x").partial("x"), 1e-15);
        assertEquals(-1.0 / 3.0, grad("x^(2/3)", Map.of("x", -8.0), "x").partial("x"), 1e-15);
        assertEquals(0.0, grad("x^(3/2)", Map.of("x", 0.0), "x").partial("x"));
        assertEquals(Double.POSITIVE_INFINITY, grad("x^(1/2)", Map.of("x", 0.0), "x").partial("x"));
        assertEquals(27.0, grad("x^y", Map.of("x", -3.0, "y", 3.0), "x").partial("x"), 1e-12);
        assertEquals(Math.pow(2, 0.5) * Math.log(2), grad("x^y", Map.of("x", 2.0, "y", 0.5), "y").partial("y"), 1e-15);
    }

    @Test
    void derivativeNodesAreEvaluated() {
        assertEquals(6.0, value("D(x^2, x)", Map.of("x", 3.0)));
        assertEquals(12.0, value("2*D(x^2, x)", Map.of("x", 3.0)));
        assertEquals(2.0, value("D(D(x^2, x), x)", Map.of("x", 3.0)));
        // a derivation of dL/dw, step by step, with the unevaluated derivatives inside
        String defs = "; L = (t - z)^2; z = w*x + b";
        Map<String, Double> env = Map.of("t", 1.0, "w", 0.1, "x", 3.0, "b", 0.0);
        String[] steps = {
            "D(L, w)",
            "D((t - z)^2, w)",
            "2*(t - z)*D(t - z, w)",
            "2*(t - z)*(D(t, w) - D(z, w))",
            "2*(t - z)*(0 - D(w*x + b, w))",
            "-2*(t - z)*(D(w, w)*x + w*D(x, w) + D(b, w))",
            "-2*(t - z)*x",
        };
        for (String s : steps) {
            assertEquals(-4.2, value(s + defs, env), 1e-14, s);
        }
    }

    @Test
    void aDefinedNameInWrtIsAPerturbedNode() {
        DualEvaluator.Result r = grad("L = (t - yhat)^2 + w; yhat = w*x", Map.of("t", 1.0, "w", 0.1, "x", 3.0), "yhat", "w");
        assertEquals(-1.4, r.partial("yhat"), 1e-14);
        assertEquals(-1.4 * 3 + 1, r.partial("w"), 1e-14);
        // a given value holds the node fixed
        DualEvaluator.Result fixed = grad("L = (t - yhat)^2 + w; yhat = w*x",
                Map.of("t", 1.0, "w", 0.1, "x", 3.0, "yhat", 0.3), "yhat", "w");
        assertEquals(-1.4, fixed.partial("yhat"), 1e-14);
        assertEquals(1.0, fixed.partial("w"));
    }

    @Test
    void nestedDerivativesFollowDefinitions() {
        // D(L, z) = -2(t - z); d/dw of it is 2x through z = w*x
        Map<String, Double> env = Map.of("t", 1.0, "w", 0.1, "x", 3.0);
        assertEquals(6.0, value("D(D(L, z), w); L = (t - z)^2; z = w*x", env), 1e-14);
        assertEquals(-1.4, value("D(L, z); L = (t - z)^2; z = w*x", env), 1e-14);
        assertEquals(6.0, grad("D(L, z); L = (t - z)^2; z = w*x", env, "w").partial("w"), 1e-14);
        assertEquals(1.5 * Math.exp(0.5), value("D(D(exp(x*y), x), y)", Map.of("x", 0.5, "y", 1.0)), 1e-14);
    }

    @Test
    void valuesAndErrorsMatchTheEvaluator() {
        Program p = Parser.parseProgram(EvaluatorTest.BCE);
        Map<String, Double> env = Map.of("z", 0.3, "y", 0.25);
        assertEquals(new Evaluator(p.toDefinitions()).eval(p.target(), env), new DualEvaluator(p.toDefinitions()).value(p.target(), env));
        EvaluationException e = assertThrows(EvaluationException.class, () -> grad("1/(x - 2)", Map.of("x", 2.0), "x"));
        assertEquals("division by zero at the given point: the denominator (x - 2) is 0", e.getMessage());
        assertThrows(MissingValueException.class, () -> grad("x*y", Map.of("x", 2.0), "x"));
        assertEquals(3.0, new DualEvaluator(Definitions.none()).evaluate(Parser.parseExpression("x"), Map.of("x", 3.0), List.of()).value());
    }
}
