package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Parser;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Steps#brief}: a brief derivation is a selection of the full one's lines (so it is right wherever the
 * full one is), ends where it ends, never has more lines, and names every rule the full one names except the
 * trivial "drop ·1, +0" it folds into the rules' line.
 */
class BriefStepsProperties {
    private final Differentiator differentiator = new Differentiator();

    @Provide
    Arbitrary<Expr> expressions() {
        return Arbitraries.of(true, false).flatMap(RandomTrees::expressions);
    }

    @Provide
    Arbitrary<String> variables() {
        return Arbitraries.of(RandomTrees.VARIABLES);
    }

    @Property(tries = 1000)
    void briefIsASelectionOfTheFullDerivation(@ForAll("expressions") Expr e, @ForAll("variables") String v) {
        List<Step> full = differentiator.derive(e, new Expr.Var(v)).steps();
        List<Step> brief = Steps.shown(full, Steps.Detail.BRIEF);
        assertTrue(brief.size() <= full.size());
        if (full.isEmpty()) {
            assertTrue(brief.isEmpty());
            return;
        }
        assertEquals(full.get(full.size() - 1).expr(), brief.get(brief.size() - 1).expr(), "same result");
        int at = 0;
        for (Step b : brief) { // each brief line is a full line, in order
            while (at < full.size() && !full.get(at).expr().equals(b.expr())) {
                at++;
            }
            assertTrue(at < full.size(), "a brief line that is no line of the full derivation: " + b.expr());
        }
        Set<Rule> named = EnumSet.noneOf(Rule.class);
        brief.forEach(s -> named.addAll(s.rules()));
        for (Step s : full) {
            for (Rule r : s.rules()) {
                assertTrue(r == Rule.IDENTITY || named.contains(r), "rule " + r + " lost");
            }
        }
    }

    @Example
    void theBceLossIsTwoLines() {
        Expr loss = Parser.parseExpression("-y*log(yhat) - (1 - y)*log(1 - yhat)");
        List<Step> full = differentiator.derive(loss, new Expr.Var("yhat")).steps();
        List<Step> brief = Steps.shown(full, Steps.Detail.BRIEF);
        assertTrue(full.size() >= 6, "the full derivation has every round");
        assertEquals(2, brief.size(), brief.toString());
        assertTrue(brief.get(0).label().contains("log rule") && brief.get(0).label().contains("chain rule"), brief.get(0).label());
        assertEquals("-y/yhat + (1 - y)/(1 - yhat)", dev.chainrule.expr.InputPrinter.str(brief.get(1).expr()));
    }

    @Example
    void aLinearLocalIsOneLine() {
        List<Step> brief = Steps.shown(differentiator.derive(Parser.parseExpression("w1*x1 + w2*x2 + b"),
                new Expr.Var("w1")).steps(), Steps.Detail.BRIEF);
        assertEquals(1, brief.size(), brief.toString());
        assertEquals("x1", dev.chainrule.expr.InputPrinter.str(brief.get(0).expr()));
        assertTrue(brief.get(0).label().startsWith("sum rule"), brief.get(0).label());
    }
}
