package dev.chainrule.render.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Parser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step that changes nothing a reader sees is left out of a display; any visible change, or a new equation, stays. */
class DisplayBlockTest {
    private static Expr e(String s) {
        return Parser.parseExpression(s);
    }

    private static List<String> bodies(DisplayBlock b) {
        return b.rows().stream().map(r -> r.lhs() + " " + r.body() + " | " + r.label()).toList();
    }

    @Test
    void aContinuationThatPrintsAsTheLineAboveIsLeftOut() {
        // a*(b*c) and (a*b)*c print alike: the regrouping shows nothing
        DisplayBlock b = new DisplayBlock().line("L", e("a*(b*c)"), "product rule").line("", e("(a*b)*c"), "regroup");
        assertEquals(List.of("L = a b c | product rule"), bodies(b));
    }

    @Test
    void aVisibleChangeOrANewLeftHandSideStays() {
        DisplayBlock changed = new DisplayBlock().line("L", e("a*(b + c)"), "").line("", e("a*b + a*c"), "distribute");
        assertEquals(2, changed.rows().size(), bodies(changed).toString());
        DisplayBlock newEquation = new DisplayBlock().line("L", e("a*b"), "").line("M", e("a*b"), "definition");
        assertEquals(2, newEquation.rows().size(), "a new equation with the same right-hand side");
        DisplayBlock expression = new DisplayBlock().expression(e("a*b"), "the line before").expression(e("a*b"), "line 3");
        assertEquals(2, expression.rows().size(), "a student's lines, shown as written");
    }
}
