package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Parser.Syntax;
import org.junit.jupiter.api.Test;

/** ∂A/∂B always, dA/dB when the caller opts in: both the node d(A, B) builds. */
class DerivativeFractionParserTest {
    private static Expr frac(String src) {
        return Parser.parseExpression(src, Syntax.DERIVATIVE_FRACTIONS);
    }

    private static Derivative d(String body, String wrt) {
        return new Derivative(new Var(body), new Var(wrt));
    }

    @Test
    void partialFractionsAreDerivatives() {
        assertEquals(d("L", "w[2,1,1]"), Parser.parseExpression("∂L/∂w[2,1,1]"));
        assertEquals(d("L", "yhat"), Parser.parseExpression("∂L/∂ŷ"));
        assertEquals(d("L", "yhat"), Parser.parseExpression("∂L / ∂yhat"));
        assertEquals(Parser.parseExpression("d(L, w[2,1,1])"), Parser.parseExpression("∂L/∂w[2,1,1]"));
    }

    @Test
    void dFractionsAreDerivativesOnlyWhenAskedFor() {
        assertEquals(d("L", "w[2,1,1]"), frac("dL/dw[2,1,1]"));
        assertEquals(d("L", "yhat"), frac("dL/dyhat"));
        assertEquals(d("z[2,1]", "a[1,1]"), frac("dz[2,1]/da[1,1]"));
        assertEquals(d("L", "yhat"), frac("dL/dŷ"));
        assertEquals(d("x", "y"), frac("dx/dy"));
        // without the option, dx and dy are names
        assertEquals(new Expr.Quotient(new Var("dx"), new Var("dy")), Parser.parseExpression("dx/dy"));
        // a space after d: not a derivative; δ (delta) is not d·elta
        assertEquals(new Expr.Quotient(new Var("delta[2,1]"), new Var("dz")), frac("delta[2,1]/dz"));
        assertEquals(new Expr.Quotient(new Var("dL"), new Var("delta")), frac("dL/δ"));
        // dLσ is dL·σ, not a derivative of L that drops σ
        assertEquals(new Expr.Quotient(Exprs.product(new Var("dL"), new Var("sigma")), new Var("dz")), frac("dLσ/dz"));
    }

    @Test
    void aChainOfFractionsIsAProductOfDerivatives() {
        Expr chain = Exprs.product(d("L", "p"), d("p", "z"), d("z", "w"));
        assertEquals(chain, frac("dL/dp * dp/dz * dz/dw"));
        assertEquals(chain, frac("dL/dp·dp/dz·dz/dw"));
        assertEquals(chain, Parser.parseExpression("∂L/∂p · ∂p/∂z × ∂z/∂w"));
        assertEquals(Exprs.product(d("L", "yhat"), d("yhat", "z")), Parser.parseExpression("∂L/∂ŷ · ∂ŷ/∂z"));
        assertEquals(Exprs.product(Num2.two(), d("L", "p")), frac("2*dL/dp"));
        assertEquals(Exprs.sum(d("L", "p"), Exprs.neg(d("L", "q"))), frac("dL/dp - dL/dq"));
    }

    @Test
    void derivativeOfABracketAsTheTextPrinterWritesIt() {
        Expr body = Parser.parseExpression("t - w*x1");
        Expr e = new Derivative(body, new Var("w"));
        assertEquals(e, Parser.parseExpression("∂/∂w (t - w*x1)"));
        assertEquals(e, Parser.parseExpression("∂/∂w (t − w·x1)"));
        // the derivative binds to its bracket, as a call does: ∂/∂w (x)^2 is (∂/∂w (x))^2
        assertEquals(new Expr.Pow(new Derivative(new Var("x"), new Var("w")), Expr.Num.TWO),
                Parser.parseExpression("∂/∂w (x)^2"));
    }

    @Test
    void malformedFractionsAreOneLineErrorsWithTheColumn() {
        for (String bad : new String[] {"∂L", "∂L/w", "∂L/∂", "∂/∂", "∂(x)/∂w", "∂L/∂sigmoid(z)", "∂ + 1"}) {
            ParseError e = assertThrows(ParseError.class, () -> Parser.parseExpression(bad), bad);
            assertTrue(e.getMessage().startsWith("column "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertEquals(4, assertThrows(ParseError.class, () -> Parser.parseExpression("∂L/w")).column());
    }

    private static final class Num2 {
        static Expr two() {
            return Expr.Num.TWO;
        }
    }
}
