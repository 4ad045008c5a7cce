package dev.chainrule.render.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The display-line splitter: long sums and products break at their top-level + and ·, short ones do not. */
class LatexMathTest {

    private static Expr longSum(int n) {
        List<Expr> terms = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Expr t = Exprs.product(Exprs.var("w[2,1," + i + "]"), Exprs.var("a[1," + i + "]"));
            terms.add(i % 2 == 0 ? Exprs.neg(t) : t);
        }
        return Exprs.sum(terms);
    }

    @Test
    void aShortExpressionStaysOnOneLine() {
        Expr e = longSum(2);
        assertEquals(List.of(LatexMath.str(e)), LatexMath.SYMBOLIC.split(e, 50));
    }

    @Test
    void aLongSumBreaksBeforeItsOperators() {
        List<String> lines = LatexMath.SYMBOLIC.split(longSum(16), 40);
        assertTrue(lines.size() >= 3, lines.toString());
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith("+ ") || lines.get(i).startsWith("- "), lines.get(i));
        }
        // nothing lost: the lines hold every term
        String joined = String.join(" ", lines);
        for (int i = 1; i <= 16; i++) {
            assertTrue(joined.contains("w_{1" + i + "}^{(2)}") || joined.contains("w_{1," + i + "}^{(2)}"), joined);
        }
    }

    @Test
    void aLongProductBreaksBeforeACdotAndBracketsMayBreak() {
        Expr e = Exprs.product(longSum(12), Exprs.call(Fn.STEP, Exprs.var("z[1,1]")), Exprs.var("x1"), longSum(3));
        List<String> lines = LatexMath.SYMBOLIC.split(e, 40);
        assertTrue(lines.size() >= 3, lines.toString());
        String joined = String.join(" ", lines);
        assertTrue(joined.contains("\\bigl(") && joined.contains("\\bigr)"), joined);
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            assertTrue(l.startsWith("+ ") || l.startsWith("- ") || l.startsWith("\\cdot "), l);
        }
    }

    @Test
    void numbersInDecimalsMode() {
        Expr e = Exprs.sum(Exprs.num(org.apache.commons.math3.fraction.BigFraction.ONE_HALF), Exprs.var("x"));
        assertEquals("0.5 + x", LatexMath.decimals(e));
        assertEquals("\\frac{1}{2} + x", LatexMath.str(e));
    }

    /** Leaky ReLU′ is written out as cases on a line of its own, and by its name inside a product. */
    @Test
    void leakyReluPrimeIsCasesAloneAndANameInsideAProduct() {
        Expr step = dev.chainrule.expr.Parser.parseExpression("leaky_step(z, 0.1)");
        assertEquals(List.of("\\begin{cases} 1 & z \\ge 0 \\\\ 0.1 & z < 0 \\end{cases}"), LatexMath.SYMBOLIC.split(step, 60));
        Expr product = dev.chainrule.expr.Parser.parseExpression("leaky_step(z, 0.1)*(w*d + v*e)");
        String line = String.join(" ", LatexMath.SYMBOLIC.split(product, 60));
        assertTrue(line.contains("\\operatorname{LReLU}'_{0.1}(z)") && !line.contains("cases"), line);
    }
}
