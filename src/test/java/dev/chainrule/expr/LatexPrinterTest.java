package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatexPrinterTest {
    private static String latex(String input) {
        return LatexPrinter.str(Parser.parseExpression(input));
    }

    @Test
    void aPowerOfALayeredSymbolIsBracketedNotADoubleSuperscript() {
        assertEquals("(a_{1}^{(1)})^{2}", latex("a[1,1]^2"));
        assertEquals("x_{1}^{2}", latex("x1^2"));
    }

    @Test
    void namesAndFractionsReadAsInTheNotes() {
        assertEquals("\\frac{\\partial L}{\\partial w_{11}^{(1)}}", latex("D(L, w[1,1,1])"));
        assertEquals("\\hat{y} - y", latex("yhat - y"));
        assertEquals("\\frac{1 - y}{1 - \\hat{y}}", latex("(1 - y)/(1 - yhat)"));
    }
}
