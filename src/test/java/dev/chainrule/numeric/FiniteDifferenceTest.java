package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FiniteDifferenceTest {

    private static FiniteDifference.Result fd(String src, Map<String, Double> env, String v) {
        Program p = Parser.parseProgram(src);
        return FiniteDifference.central(new Evaluator(p.toDefinitions()), p.target(), env, v);
    }

    @Test
    void stepIsOneMillionthOfMaxOneAndTheValue() {
        assertEquals(1e-6, FiniteDifference.step(0.1));
        assertEquals(1e-6, FiniteDifference.step(-1.0));
        assertEquals(2.5e-6, FiniteDifference.step(-2.5), 1e-21);
        FiniteDifference.Result r = fd("x^2", Map.of("x", 3.0), "x");
        assertEquals(3e-6, r.h(), 1e-21);
        assertEquals(9.0, r.value());
        assertEquals((r.plus() - r.minus()) / (2 * r.h()), r.derivative());
        assertEquals(6.0, r.derivative(), 1e-8);
        assertTrue(r.kink().isEmpty());
    }

    @Test
    void reluAtItsKinkIsDetected() {
        FiniteDifference.Result r = fd("relu(x)", Map.of("x", 0.0), "x");
        Kink k = r.kink().orElseThrow();
        assertEquals(Fn.RELU, k.fn());
        assertEquals(0.0, k.argument());
        assertEquals(1.0, k.rightDerivative(), 1e-9);
        assertEquals(0.0, k.leftDerivative(), 1e-9);
        assertEquals(0.5, r.derivative(), 1e-9);
        assertEquals(Verdict.KINK, Verdicts.check(0.0, r).verdict());
    }

    @Test
    void reluJustBesideItsKinkIsDetected() {
        FiniteDifference.Result r = fd("relu(x - 1e-7)", Map.of("x", 0.0), "x");
        Kink k = r.kink().orElseThrow();
        assertEquals(-1e-7, k.argument(), 1e-22);
        assertEquals(KinkEvent.Side.POSITIVE, KinkEvent.Side.of(k.argumentPlus()));
        assertEquals(KinkEvent.Side.NEGATIVE, KinkEvent.Side.of(k.argumentMinus()));
        assertTrue(k.describe().startsWith("relu: argument -1.0E-7"), k.describe());
    }

    @Test
    void reluAwayFromItsKinkIsNot() {
        FiniteDifference.Result r = fd("relu(x)", Map.of("x", 0.5), "x");
        assertTrue(r.kink().isEmpty());
        assertEquals(1.0, r.derivative(), 1e-9);
        assertEquals(Verdict.PASS, Verdicts.check(1.0, r).verdict());
        // a kink whose argument does not move with the variable is not crossed
        assertTrue(fd("relu(y)*x", Map.of("x", 0.5, "y", 0.0), "x").kink().isEmpty());
    }

    @Test
    void kinksInsideDefinitionsNameTheirUnit() {
        String net = "L = (t - yhat)^2; yhat = w2*a + b2; a = relu(z); z = w1*x + b1";
        Map<String, Double> env = Map.of("t", 1.0, "w2", 2.0, "b2", 0.0, "w1", 1.0, "x", 1.0, "b1", -1.0);
        FiniteDifference.Result r = fd(net, env, "w1");
        Kink k = r.kink().orElseThrow();
        assertEquals(Optional.of("a"), k.unit());
        assertEquals(1, k.count());
        assertTrue(k.describe().startsWith("relu in a: argument 0"), k.describe());
        assertTrue(fd(net, env, "w2").kink().isEmpty()); // z does not move with w2
    }

    @Test
    void otherKinkFunctions() {
        assertTrue(fd("abs(x)", Map.of("x", 0.0), "x").hasKink());
        assertTrue(fd("step(x)*x", Map.of("x", 0.0), "x").hasKink());
        assertTrue(fd("leaky_relu(x, 0.1)", Map.of("x", -5e-7), "x").hasKink());
        assertTrue(fd("sign(x)", Map.of("x", 1e-7), "x").hasKink());
        assertFalse(fd("abs(x)", Map.of("x", -2.0), "x").hasKink());
    }

    @Test
    void contractExample() {
        // x = 3, w = 0.1, b = 0, identity, se, y = 1: dL/dw = -4.2, dL/db = -1.4
        Map<String, Double> env = Map.of("x", 3.0, "w", 0.1, "b", 0.0, "y", 1.0);
        FiniteDifference.Result w = fd("L = (y - yhat)^2; yhat = w*x + b", env, "w");
        FiniteDifference.Result b = fd("L = (y - yhat)^2; yhat = w*x + b", env, "b");
        assertEquals(-4.2, w.derivative(), 1e-8);
        assertEquals(-1.4, b.derivative(), 1e-8);
        Check cw = Verdicts.check(-4.2, w);
        assertEquals(Verdict.PASS, cw.verdict());
        assertTrue(cw.relativeError() < 1e-9, "relative error " + cw.relativeError());
    }

    @Test
    void withRespectToADefinedNode() {
        // ∂L/∂yhat = -2(y - yhat) = -2(1 - 0.3) = -1.4, holding yhat's inputs fixed
        FiniteDifference.Result r = fd("L = (y - yhat)^2; yhat = w*x + b", Map.of("x", 3.0, "w", 0.1, "b", 0.0, "y", 1.0), "yhat");
        assertEquals(0.3, r.point(), 1e-16);
        assertEquals(-1.4, r.derivative(), 1e-8);
    }

    @Test
    void steppingOutOfTheDomainSaysSo() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> fd("sqrt(x)", Map.of("x", 0.0), "x"));
        assertTrue(e.getMessage().startsWith("the finite difference for 'x' (h = 1.0E-6) steps outside the domain: "
                + "square root of a negative number"), e.getMessage());
        EvaluationException atPoint = assertThrows(EvaluationException.class, () -> fd("sqrt(x)", Map.of("x", -1.0), "x"));
        assertEquals("square root of a negative number at the given point: the argument (x) is -1", atPoint.getMessage());
        assertThrows(MissingValueException.class, () -> fd("x*y", Map.of("x", 1.0), "y"));
    }

    @Test
    void plainFunctionsAndFrames() {
        FiniteDifference.Result r = FiniteDifference.central(Math::sin, 1.0);
        assertEquals(Math.cos(1.0), r.derivative(), 1e-9);
        assertTrue(r.kink().isEmpty());

        Program p = Parser.parseProgram("L = relu(w*x) + w^2");
        CompiledProgram c = CompiledProgram.compile(p.toDefinitions(), List.of("w", "x"), List.of("L"));
        CompiledProgram.Frame f = c.newFrame(new double[] {0.0, 2.0});
        FiniteDifference.Result k = FiniteDifference.central(f, 0, 0);
        assertTrue(k.hasKink());
        assertEquals(0.0, f.input(0));
        assertEquals(0.0, f.output(0));
        f.set(0, 1.5);
        FiniteDifference.Result s = FiniteDifference.central(f, 0, 0);
        assertFalse(s.hasKink());
        assertEquals(5.0, s.derivative(), 1e-8);
        FiniteDifference.Baseline base = FiniteDifference.baseline(f, 0);
        FiniteDifference.Result again = FiniteDifference.central(f, 0, 0, base);
        assertEquals(s, again);
        assertEquals(1.5, f.input(0));
    }

    @Test
    void frameAndEvaluatorDifferencesAgree() {
        Program p = Parser.parseProgram(EvaluatorTest.BCE + "; z = w*x + b");
        Definitions defs = p.toDefinitions();
        Expr target = p.target();
        Map<String, Double> env = Map.of("w", 0.7, "x", -1.3, "b", 0.2, "y", 1.0);
        FiniteDifference.Result viaEvaluator = FiniteDifference.central(new Evaluator(defs), target, env, "w");
        CompiledProgram c = CompiledProgram.compile(defs, List.of("w", "x", "b", "y"), List.of("L"));
        FiniteDifference.Result viaFrame = FiniteDifference.central(c.newFrame(new double[] {0.7, -1.3, 0.2, 1.0}), 0, 0);
        assertEquals(viaEvaluator, viaFrame);
    }
}
