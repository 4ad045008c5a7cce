package dev.chainrule.cas;

import static dev.chainrule.cas.CasTestSupport.LIMIT;
import static dev.chainrule.cas.CasTestSupport.defs;
import static dev.chainrule.cas.CasTestSupport.parse;
import static dev.chainrule.cas.CasTestSupport.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsZeroTest {
    private static final Definitions BCE = defs(
            "z = w1*x1 + b; yhat = sigmoid(z); L = -(y*log(yhat) + (1 - y)*log(1 - yhat))");

    private static void zero(String a, String b) {
        ZeroCheck c = Cas.checkZero(sub(parse(a), parse(b)), LIMIT);
        assertEquals(Optional.of(true), c.zero(), a + " ≡ " + b + ": " + c);
    }

    private static void notZero(String a, String b) {
        ZeroCheck c = Cas.checkZero(sub(parse(a), parse(b)), LIMIT);
        assertEquals(Optional.of(false), c.zero(), a + " ≢ " + b + ": " + c);
    }

    @Test
    void factoredAndExpandedForms() {
        zero("(a + b)^3", "a^3 + 3*a^2*b + 3*a*b^2 + b^3");
        zero("(x^2 - 1)/(x - 1)", "x + 1");
        zero("1/a + 1/b", "(a + b)/(a*b)");
        notZero("(a + b)^2", "a^2 + b^2");
        notZero("Run", "run"); // Symja's relaxed parser would call these the same symbol
    }

    @Test
    void sigmoidDerivativeForms() {
        zero("D(sigmoid(z), z)", "sigmoid(z)*(1 - sigmoid(z))");
        zero("sigmoid(z)", "1/(1 + exp(-z))");
        zero("D(1/(1 + exp(-w*x - b)), w)", "x*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))");
        zero("1 - sigmoid(z)", "sigmoid(-z)");
        notZero("D(sigmoid(z), z)", "sigmoid(z)*(1 + sigmoid(z))");
        // ŷ(1 − ŷ) vs σ′(z), with ŷ a named intermediate
        Definitions d = defs("yhat = sigmoid(z)");
        assertEquals(Optional.of(true), Cas.equivalentNodeLocal(parse("D(yhat, z)"), parse("yhat*(1 - yhat)"), d, LIMIT));
        assertEquals(Optional.of(true), Cas.equivalentExpanded(parse("D(yhat, z)"), parse("yhat*(1 - yhat)"), d, LIMIT));
    }

    @Test
    void binaryCrossEntropyThroughSigmoid() {
        // (a) ŷ a plain symbol
        zero("(-y/yhat + (1 - y)/(1 - yhat))*yhat*(1 - yhat)", "yhat - y");
        // (b) ŷ = σ(w1 x1 + b) substituted
        assertEquals(Optional.of(true), Cas.equivalentExpanded(
                parse("(-y/yhat + (1 - y)/(1 - yhat))*yhat*(1 - yhat)"), parse("yhat - y"), BCE, LIMIT));
        // the derivative itself, both ways
        Expr dL = parse("D(L, w1)");
        Expr expected = parse("(yhat - y)*x1");
        assertEquals(Optional.of(true), Cas.equivalentNodeLocal(dL, expected, BCE, LIMIT));
        assertEquals(Optional.of(true), Cas.equivalentExpanded(dL, expected, BCE, LIMIT));
        assertTrue(Cas.equivalent(dL, expected, BCE, LIMIT));
        // a wrong answer: not shown equivalent, and node-local numbers respect the definitions
        Expr wrong = parse("(yhat - y)*w1");
        assertEquals(Optional.of(false), Cas.equivalentNodeLocal(dL, wrong, BCE, LIMIT));
        assertFalse(Cas.equivalent(dL, wrong, BCE, LIMIT));
    }

    @Test
    void derivativeWithRespectToANamedIntermediate() {
        Expr dLdyhat = parse("D(L, yhat)");
        Expr want = parse("-y/yhat + (1 - y)/(1 - yhat)");
        assertEquals(Optional.of(true), Cas.equivalentNodeLocal(dLdyhat, want, BCE, LIMIT));
        assertEquals(Optional.of(true), Cas.equivalentExpanded(dLdyhat, want, BCE, LIMIT));
        // chain through a name: dL/dz = dL/dŷ · dŷ/dz
        assertEquals(Optional.of(true), Cas.equivalentNodeLocal(parse("D(L, z)"), parse("D(L, yhat)*D(yhat, z)"), BCE, LIMIT));
        assertEquals(Optional.of(true), Cas.equivalentExpanded(parse("D(L, z)"), parse("yhat - y"), BCE, LIMIT));
        assertEquals(Optional.of(false), Cas.equivalentExpanded(parse("D(L, z)"), parse("yhat + y"), BCE, LIMIT));
    }

    @Test
    void nodeLocalNumbersFollowTheDefinitions() {
        // ŷ and σ(z) are different symbols node-locally, yet the same value: never "false"
        Definitions d = defs("yhat = sigmoid(z)");
        Optional<Boolean> r = Cas.equivalentNodeLocal(parse("yhat^2 + 1"), parse("sigmoid(z)^2 + 1"), d, LIMIT);
        assertNotEquals(Optional.of(false), r);
        assertTrue(Cas.equivalent(parse("yhat^2 + 1"), parse("sigmoid(z)^2 + 1"), d, LIMIT));
    }

    @Test
    void piecewiseFunctions() {
        zero("D(relu(w*x + b), w)", "x*step(w*x + b)");
        zero("relu(z)", "z*step(z)");
        zero("relu(z) - relu(-z)", "z");
        zero("D(leaky_relu(w*x + b, 0.01), w)", "x*leaky_step(w*x + b, 0.01)");
        zero("leaky_relu(z, 0.1)", "z*leaky_step(z, 0.1)");
        zero("D(abs(w*x + b), w)", "x*sign(w*x + b)");
        notZero("D(relu(w*x + b), w)", "w*step(w*x + b)");
        notZero("relu(z)", "z");
    }

    @Test
    void softmaxAndTanh() {
        String s1 = "softmax(1, z1, z2, z3)";
        String s2 = "softmax(2, z1, z2, z3)";
        zero("D(" + s1 + ", z1)", s1 + "*(1 - " + s1 + ")");
        zero("D(" + s1 + ", z2)", "-" + s1 + "*" + s2);
        zero(s1 + " + " + s2 + " + softmax(3, z1, z2, z3)", "1");
        zero("D(tanh(w*x + b), w)", "x*(1 - tanh(w*x + b)^2)");
        zero("tanh(z)", "2*sigmoid(2*z) - 1");
        notZero("D(tanh(w*x + b), w)", "x*(1 + tanh(w*x + b)^2)");
    }

    @Test
    void derivativeNodesAreDifferentiated() {
        zero("D(x^3*y, x)", "3*x^2*y");
        zero("D(D(x^3*y, x), y)", "3*x^2");
        notZero("D(x^3*y, x)", "3*x^2");
    }

    @Test
    void timeoutGivesUndecidedAndTheCasStillWorks() {
        // an identity whose proof needs a big expansion (several seconds), given 100 ms
        ZeroCheck c = Cas.checkZero(parse("(a+b+c+d+e+f)^7 - ((a+b+c)^2 + 2*(a+b+c)*(d+e+f) + (d+e+f)^2)^3*(a+b+c+d+e+f)"),
                Duration.ofMillis(100));
        assertEquals(Optional.empty(), c.zero(), c.toString());
        assertEquals("timeout", c.method());
        zero("(a + b)^2", "a^2 + 2*a*b + b^2");
    }
}
