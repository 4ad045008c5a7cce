package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    static double eval(String src, Map<String, Double> env) {
        Program p = Parser.parseProgram(src);
        return new Evaluator(p.toDefinitions()).eval(p.target(), env);
    }

    static EvaluationException failure(String src, Map<String, Double> env) {
        return assertThrows(EvaluationException.class, () -> eval(src, env));
    }

    static final String BCE = "L = -(y*log(yhat) + (1 - y)*log(1 - yhat)); yhat = sigmoid(z)";

    @Test
    void sigmoidDoesNotOverflow() {
        assertEquals(1.0, eval("sigmoid(z)", Map.of("z", 1000.0)));
        assertEquals(0.0, eval("sigmoid(z)", Map.of("z", -1000.0)));
        assertEquals(0.5, eval("sigmoid(z)", Map.of("z", 0.0)));
        assertEquals(1 / (1 + Math.exp(-2.0)), eval("sigmoid(z)", Map.of("z", 2.0)), 1e-16);
        assertEquals(Math.exp(-700), eval("sigmoid(z)", Map.of("z", -700.0)), 1e-310);
    }

    @Test
    void bceIsFiniteAtPlusMinus1000ThroughDefinitions() {
        assertEquals(1000.0, eval(BCE, Map.of("z", 1000.0, "y", 0.0)));
        assertEquals(1000.0, eval(BCE, Map.of("z", -1000.0, "y", 1.0)));
        assertEquals(0.0, eval(BCE, Map.of("z", 1000.0, "y", 1.0)));
        assertEquals(0.0, eval(BCE, Map.of("z", -1000.0, "y", 0.0)));
        assertEquals(500.0, eval(BCE, Map.of("z", 1000.0, "y", 0.5)));
        // ordinary points: the stable form equals the textbook formula
        double s = 1 / (1 + Math.exp(-0.3));
        assertEquals(-(0.7 * Math.log(s) + 0.3 * Math.log(1 - s)), eval(BCE, Map.of("z", 0.3, "y", 0.7)), 1e-15);
    }

    @Test
    void stableFormsWrittenDirectlyAndInEitherOrder() {
        assertEquals(-1000.0, eval("log(sigmoid(z))", Map.of("z", -1000.0)));
        assertEquals(-1000.0, eval("log(1 - sigmoid(z))", Map.of("z", 1000.0)));
        assertEquals(-1000.0, eval("log(-sigmoid(z) + 1)", Map.of("z", 1000.0)));
        assertEquals(-1000.0, eval("log(q); q = 1 - p; p = sigmoid(z)", Map.of("z", 1000.0)));
        assertEquals(-Math.log1p(Math.exp(-3.0)), eval("log(sigmoid(z))", Map.of("z", 3.0)), 1e-16);
    }

    @Test
    void crossEntropyOfSoftmaxIsFinite() {
        Map<String, Double> env = Map.of("z1", -1000.0, "z2", 1000.0, "z3", 0.0);
        assertEquals(2000.0, eval("-log(softmax(1, z1, z2, z3))", env));
        assertEquals(0.0, eval("-log(yhat2); yhat2 = softmax(2, z1, z2, z3)", env));
        assertEquals(1.0, eval("softmax(2, z1, z2, z3)", env));
        assertEquals(0.5, eval("softmax(1, a, b)", Map.of("a", 1000.0, "b", 1000.0)));
        double e1 = Math.exp(1), e2 = Math.exp(2), e3 = Math.exp(3);
        assertEquals(e2 / (e1 + e2 + e3), eval("softmax(2, 1, 2, 3)", Map.of()), 1e-16);
    }

    @Test
    void logOfZeroIsMinusInfinityNotNaN() {
        assertEquals(Double.NEGATIVE_INFINITY, eval("log(x)", Map.of("x", 0.0)));
        assertEquals(Double.NEGATIVE_INFINITY, eval("log(yhat)", Map.of("yhat", 0.0)));
        // a given value for a defined name is a number, not a form: log(1 - 1) = −∞
        assertEquals(Double.NEGATIVE_INFINITY, eval("log(1 - yhat); yhat = sigmoid(z)", Map.of("yhat", 1.0, "z", 0.0)));
    }

    @Test
    void nanIsNeverReturned() {
        EvaluationException e = failure("exp(x) - exp(y)", Map.of("x", 1000.0, "y", 1000.0));
        assertTrue(e.getMessage().contains("exp(x) - exp(y)"), e.getMessage());
        failure("y*log(x)", Map.of("x", 0.0, "y", 0.0));
        failure("sin(exp(x))", Map.of("x", 1000.0));
        EvaluationException given = assertThrows(EvaluationException.class,
                () -> new Evaluator(Definitions.none()).eval(Exprs.var("x"), Map.of("x", Double.NaN)));
        assertEquals("the value given for 'x' is not a number", given.getMessage());
    }

    @Test
    void divisionByZeroIsAOneLineUserError() {
        EvaluationException e = failure("1/(x - 2)", Map.of("x", 2.0));
        assertEquals("division by zero at the given point: the denominator (x - 2) is 0", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e instanceof UserError);
        assertEquals(Optional.of(Parser.parseExpression("x - 2")), e.expression());
        assertEquals("division by zero at the given point: the denominator (x) is 0",
                failure("x^-1", Map.of("x", 0.0)).getMessage());
        assertEquals("division by zero at the given point: the denominator (x^2) is 0",
                failure("x^-2", Map.of("x", 0.0)).getMessage());
    }

    @Test
    void domainErrors() {
        assertEquals("log of a negative number at the given point: the argument (x - 3) is -1",
                failure("log(x - 3)", Map.of("x", 2.0)).getMessage());
        assertEquals("square root of a negative number at the given point: the argument (x) is -0.5",
                failure("sqrt(x)", Map.of("x", -0.5)).getMessage());
        assertTrue(failure("x^(1/2)", Map.of("x", -4.0)).getMessage().startsWith("even root of a negative number"));
        assertTrue(failure("x^y", Map.of("x", -4.0, "y", 0.5)).getMessage().contains("non-integer power"));
    }

    @Test
    void powers() {
        assertEquals(-2.0, eval("x^(1/3)", Map.of("x", -8.0)));
        assertEquals(4.0, eval("x^(2/3)", Map.of("x", -8.0)), 1e-15);
        assertEquals(-32.0, eval("x^(5/3)", Map.of("x", -8.0)), 1e-13);
        assertEquals(Math.sqrt(2.0), eval("x^(1/2)", Map.of("x", 2.0)));
        assertEquals(Math.sqrt(2.0), eval("sqrt(x)", Map.of("x", 2.0)));
        assertEquals(0.1 * 0.1, eval("x^2", Map.of("x", 0.1)));
        assertEquals(1.0, eval("x^0", Map.of("x", 0.0)));
        assertEquals(-27.0, eval("x^y", Map.of("x", -3.0, "y", 3.0)));
        assertEquals(0.0, eval("x^(3/2)", Map.of("x", 0.0)));
    }

    @Test
    void missingVariableNamesIt() {
        MissingValueException e = assertThrows(MissingValueException.class, () -> eval("w*x1 + b", Map.of("w", 1.0, "b", 2.0)));
        assertEquals("no value for 'x1'", e.getMessage());
        assertEquals("x1", e.variable());
    }

    @Test
    void derivativeNodesAreRefused() {
        assertThrows(IllegalStateException.class, () -> eval("D(x^2, x)", Map.of("x", 1.0)));
    }

    @Test
    void eachDefinitionIsEvaluatedOncePerCall() {
        KinkLog log = new KinkLog();
        Program p = Parser.parseProgram("L = a + a*a + a^2; a = relu(x)");
        double v = new Evaluator(p.toDefinitions()).eval(p.target(), Map.of("x", 3.0), log);
        assertEquals(21.0, v);
        assertEquals(1, log.size());
        assertEquals(new KinkEvent(Fn.RELU, 3.0, KinkEvent.Side.POSITIVE, Optional.of("a")), log.events().get(0));
    }

    @Test
    void kinksAreRecordedInEvaluationOrderWithTheirUnits() {
        KinkLog log = new KinkLog();
        Program p = Parser.parseProgram("L = abs(h1 - h2) + step(x); h1 = relu(x); h2 = leaky_relu(-x, 0.1)");
        double v = new Evaluator(p.toDefinitions()).eval(p.target(), Map.of("x", 0.0), log);
        assertEquals(0.0, v);
        List<KinkEvent> ev = log.events();
        assertEquals(4, ev.size());
        assertEquals(Fn.RELU, ev.get(0).fn());
        assertEquals(Optional.of("h1"), ev.get(0).unit());
        assertEquals(KinkEvent.Side.ZERO, ev.get(0).side());
        assertEquals(Fn.LEAKY_RELU, ev.get(1).fn());
        assertEquals(Optional.of("h2"), ev.get(1).unit());
        assertEquals(Fn.ABS, ev.get(2).fn());
        assertEquals(Optional.of("L"), ev.get(2).unit());
        assertEquals(Fn.STEP, ev.get(3).fn());
    }

    @Test
    void reluAndLeakyConventions() {
        assertEquals(0.0, eval("relu(x)", Map.of("x", 0.0)));
        assertEquals(0.0, eval("step(x)", Map.of("x", 0.0)));
        assertEquals(1.0, eval("leaky_step(x, 0.1)", Map.of("x", 0.0)));
        assertEquals(0.1, eval("leaky_step(x, 0.1)", Map.of("x", -1.0)));
        assertEquals(-0.02, eval("leaky_relu(x)", Map.of("x", -2.0)), 1e-18);
        assertEquals(0.0, eval("sign(x)", Map.of("x", 0.0)));
        assertEquals(-1.0, eval("sign(x)", Map.of("x", -3.0)));
    }

    @Test
    void aGivenValueHoldsADefinedNodeFixed() {
        assertEquals(4.0, eval("L = (t - z)^2; z = w*x", Map.of("t", 1.0, "w", 2.0, "x", 3.0, "z", -1.0)));
        assertEquals(25.0, eval("L = (t - z)^2; z = w*x", Map.of("t", 1.0, "w", 2.0, "x", 3.0)));
    }

    @Test
    void scopesShareDefinitionValues() {
        KinkLog log = new KinkLog();
        Program p = Parser.parseProgram("L = a + 1; a = relu(x)");
        Evaluator.Scope s = new Evaluator(p.toDefinitions()).scope(Map.of("x", 2.0), log);
        assertEquals(3.0, s.eval(p.target()));
        assertEquals(2.0, s.value("a"));
        assertEquals(4.0, s.eval(Parser.parseExpression("a*a")));
        assertEquals(1, log.size());
    }

    @Test
    void contractExampleLoss() {
        // the 1-D example of the lecture notes: x = 3, w = 0.1, b = 0, identity, se, y = 1
        Expr loss = Parser.parseExpression("(y - (w*x + b))^2");
        assertEquals(0.49, new Evaluator(Definitions.none()).eval(loss, Map.of("x", 3.0, "w", 0.1, "b", 0.0, "y", 1.0)), 1e-15);
    }
}
