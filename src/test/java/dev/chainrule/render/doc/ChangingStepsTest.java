package dev.chainrule.render.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A document leaves out a step that sets as the line above it, and keeps every step that changes the line. */
class ChangingStepsTest {
    private static final Expr A = Exprs.product(new Var("a"), Exprs.sum(new Var("b"), new Var("c")));
    private static final Expr B = Exprs.sum(Exprs.product(new Var("a"), new Var("b")), Exprs.product(new Var("a"), new Var("c")));

    @Test
    void aStepThatRepeatsTheLineIsLeftOut() {
        Step distribute = new Step(B, List.of(Rule.DISTRIBUTE));
        Step recognise = new Step(B, List.of(Rule.RECOGNISE), "nothing new");
        assertEquals(List.of(distribute), ChangingSteps.after(A, List.of(distribute, recognise)));
    }

    @Test
    void theFirstStepIsComparedWithTheLineAbove() {
        Step same = new Step(A, List.of(Rule.REGROUP));
        Step distribute = new Step(B, List.of(Rule.DISTRIBUTE));
        assertEquals(List.of(distribute), ChangingSteps.after(A, List.of(same, distribute)));
        assertEquals(List.of(same, distribute), ChangingSteps.after(null, List.of(same, distribute)));
    }

    @Test
    void aLineThatComesBackAfterAChangeIsKept() {
        Step there = new Step(B, List.of(Rule.DISTRIBUTE));
        Step back = new Step(A, List.of(Rule.FACTOR));
        assertEquals(List.of(there, back), ChangingSteps.after(A, List.of(there, back)));
    }

    @Test
    void onlyMultiplicationDotsAndSpacesAreIgnored() {
        assertEquals(ChangingSteps.key(A), ChangingSteps.key(A));
        assertEquals("a(b+c)", ChangingSteps.key(A).replace("\\left", "").replace("\\right", ""));
    }

    /** A run of tidying steps is one line naming each rule; a step that does more ends the run. */
    @Test
    void aRunOfTidyingStepsIsOneLine() {
        Expr a = dev.chainrule.expr.Parser.parseExpression("s*(0 - t)");
        Expr b = dev.chainrule.expr.Parser.parseExpression("s*(-t)");
        Expr c = dev.chainrule.expr.Parser.parseExpression("s*(-1)*t");
        Expr d = dev.chainrule.expr.Parser.parseExpression("-s*t");
        Expr e = dev.chainrule.expr.Parser.parseExpression("-(s*t + 0)");
        Step drop = new Step(b, List.of(dev.chainrule.derive.Rule.IDENTITY));
        Step regroup = new Step(c, List.of(dev.chainrule.derive.Rule.REGROUP));
        Step fold = new Step(d, List.of(dev.chainrule.derive.Rule.ARITHMETIC));
        List<Step> shown = ChangingSteps.after(a, List.of(drop, regroup, fold));
        assertEquals(1, shown.size(), shown.toString());
        assertEquals(d, shown.get(0).expr());
        assertEquals("drop ·1, +0, regroup, arithmetic", shown.get(0).label());
        Step distribute = new Step(e, List.of(dev.chainrule.derive.Rule.DISTRIBUTE));
        assertEquals(3, ChangingSteps.after(a, List.of(drop, distribute, fold)).size(), "a real step between: kept apart");
        Step recognise = new Step(d, List.of(dev.chainrule.derive.Rule.IDENTITY), "$x = y$");
        assertEquals(2, ChangingSteps.after(a, List.of(drop, recognise)).size(), "a step with a note keeps its line");
    }
}
