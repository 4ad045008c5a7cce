package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrinterAndParserTest {
    /** Found by the derive trace of the notes' ½(t − z)²: "a/b(t − z)" reads as a/(b(t − z)). */
    @Test
    void noJuxtapositionAfterAFraction() {
        assertEquals("a/b·(t − z)", TextPrinter.str(Parser.parseExpression("a/b*(t - z)")));
        assertEquals("1/(1 − y)·(t − z)", TextPrinter.str(Parser.parseExpression("(1/(1 - y))*(t - z)")));
        assertEquals("x(1/3)·(y + 1)", TextPrinter.str(Parser.parseExpression("x*(1/3)*(y + 1)")));
        // a numeric ½ is a coefficient: the fraction goes below
        assertEquals("(t − z)²/2", TextPrinter.str(Parser.parseExpression("1/2*(t - z)^2")));
        // an integer coefficient still juxtaposes, as the notes write it
        assertEquals("2(t − z)", TextPrinter.str(Parser.parseExpression("2*(t - z)")));
        assertEquals("ŷ(1 − ŷ)", TextPrinter.str(Parser.parseExpression("yhat*(1 - yhat)")));
    }

    @Test
    void tenThousandDeepNestingIsAParseErrorNotACrash() {
        String deep = "(".repeat(10_000) + "x" + ")".repeat(10_000);
        ParseError e = assertThrows(ParseError.class, () -> Parser.parseProgram(deep));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        String deepCalls = "exp(".repeat(10_000) + "x" + ")".repeat(10_000);
        assertThrows(ParseError.class, () -> Parser.parseProgram(deepCalls));
        String deepMinus = "-".repeat(10_000) + "x";
        assertThrows(ParseError.class, () -> Parser.parseProgram(deepMinus));
        String deepPowers = "x^".repeat(10_000) + "x";
        assertThrows(ParseError.class, () -> Parser.parseProgram(deepPowers));
    }

    @Test
    void parseErrorsCarryTheColumn() {
        ParseError unbalanced = assertThrows(ParseError.class, () -> Parser.parseProgram("(t - (w1*x1 + b)^2"));
        assertEquals(19, unbalanced.column());
        ParseError unknown = assertThrows(ParseError.class, () -> Parser.parseProgram("x + sigmod(x)"));
        assertEquals(5, unknown.column());
        assertTrue(unknown.getMessage().contains("sigmoid"), unknown.getMessage());
    }

    @Test
    void aMeasuredValuePutInStaysOneDecimalNumber() {
        // ŷ(1 − ŷ)·a with ŷ = 0.84955, a = 0.5 put in: the coefficient is 16991/20000
        Expr yhat = new Expr.Num(new org.apache.commons.math3.fraction.BigFraction(16991, 20000));
        Expr e = Exprs.product(yhat, Exprs.sub(Expr.Num.ONE, yhat), new Expr.Var("a"));
        assertEquals("0.84955(1 − 0.84955)·a", TextPrinter.decimals(e));
        assertFalse(TextPrinter.decimals(e).contains("/20000"));
        // the other side: a coefficient that is no terminating decimal keeps its fraction, and exact output keeps p/q
        Expr third = Exprs.product(new Expr.Num(new org.apache.commons.math3.fraction.BigFraction(1, 3)), new Expr.Var("a"));
        assertEquals("a/3", TextPrinter.decimals(third));
        assertEquals("a/3", TextPrinter.str(third));
    }
}
