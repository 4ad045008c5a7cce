package dev.chainrule.cas;

import static dev.chainrule.cas.CasTestSupport.assertAgree;
import static dev.chainrule.cas.CasTestSupport.defs;
import static dev.chainrule.cas.CasTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import org.junit.jupiter.api.Test;

/** Symja's D compared with hand-written derivatives at random points. */
class DerivativeOracleTest {
    private static void check(String f, String wrt, String expected) {
        assertAgree(Cas.derivative(parse(f), wrt, Definitions.none()), parse(expected));
    }

    @Test
    void powerRule() {
        check("x^5", "x", "5*x^4");
        check("x^(-2)", "x", "-2*x^(-3)");
        check("sqrt(x)", "x", "1/(2*sqrt(x))");
        check("(t - w*x)^2", "w", "-2*x*(t - w*x)");
        assertEquals(Exprs.num(0), Cas.derivative(parse("t^2"), "w", Definitions.none()));
    }

    @Test
    void elementaryFunctions() {
        check("exp(2*x)", "x", "2*exp(2*x)");
        check("log(x^2 + 1)", "x", "2*x/(x^2 + 1)");
        check("sin(x)*cos(x)", "x", "cos(x)^2 - sin(x)^2");
        check("tanh(w*x + b)", "w", "x*(1 - tanh(w*x + b)^2)");
        check("abs(w*x - 0.5)", "w", "x*sign(w*x - 0.5)");
    }

    @Test
    void sigmoid() {
        check("sigmoid(z)", "z", "sigmoid(z)*(1 - sigmoid(z))");
        check("sigmoid(w1*x1 + w2*x2 + b)", "w2", "x2*sigmoid(w1*x1 + w2*x2 + b)*(1 - sigmoid(w1*x1 + w2*x2 + b))");
    }

    @Test
    void binaryCrossEntropyOfSigmoid() {
        Definitions d = defs("z = w1*x1 + w2*x2 + b; yhat = sigmoid(z); L = -(y*log(yhat) + (1 - y)*log(1 - yhat))");
        for (String w : new String[] {"w1", "w2", "b"}) {
            Expr got = Cas.derivative(new Expr.Var("L"), w, d);
            Expr want = parse("(yhat - y)*" + (w.equals("b") ? "1" : "x" + w.substring(1)));
            assertAgree(got, want, d, 0.1, 0.9);
        }
        // with respect to a named intermediate: the name is held as the variable
        assertAgree(Cas.derivative(new Expr.Var("L"), "yhat", d), parse("-y/yhat + (1 - y)/(1 - yhat)"), d, 0.1, 0.9);
    }

    @Test
    void softmax() {
        String s1 = "softmax(1, z1, z2, z3)";
        String s2 = "softmax(2, z1, z2, z3)";
        check(s1, "z1", s1 + "*(1 - " + s1 + ")");
        check(s1, "z2", "-" + s1 + "*" + s2);
        check("-log(" + s2 + ")", "z2", s2 + " - 1");
    }

    @Test
    void reluAndLeakyRelu() {
        Definitions none = Definitions.none();
        assertAgree(Cas.derivative(parse("relu(w*x + b)^2"), "w", none), parse("2*relu(w*x + b)*x*step(w*x + b)"), none, -1, 1);
        assertAgree(Cas.derivative(parse("leaky_relu(w*x + b, 0.2)"), "b", none), parse("leaky_step(w*x + b, 0.2)"), none, -1, 1);
        assertEquals(Exprs.num(0), Cas.derivative(parse("step(w*x + b)"), "w", none));
    }
}
