package dev.chainrule.render.explain;

import dev.chainrule.expr.Fmt;
import dev.chainrule.derive.Derivation;
import dev.chainrule.derive.Step;
import dev.chainrule.derive.Steps;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.render.doc.TextLayout;
import java.util.List;

/** Text lines of a derivation: "= expression" with the rule names in a column on the right ({@link TextLayout}). */
public final class TraceLines {

    private final StringBuilder out;
    private final Steps.Detail detail;

    public TraceLines(StringBuilder out) {
        this(out, Steps.Detail.FULL);
    }

    public TraceLines(StringBuilder out, Steps.Detail detail) {
        this.out = out;
        this.detail = detail;
    }

    /** The steps as this trace shows them (all, or merged into brief lines). */
    public List<Step> shown(List<Step> steps) {
        return Steps.shown(steps, detail);
    }

    /** A line with a rule label aligned at the rule column. */
    public void line(String indent, String text, String label) {
        out.append(TextLayout.labelled(indent + text, label, TextLayout.TRACE_COLUMN)).append('\n');
    }

    public void line(String indent, String text) {
        line(indent, text, "");
    }

    /** "head = step₁ … = step_n", the first step on the head's line. */
    public void steps(String indent, String head, List<Step> all) {
        List<Step> steps = shown(all);
        if (steps.isEmpty()) {
            return;
        }
        String pad = " ".repeat(Math.max(0, Fmt.width(head) - 0));
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String lhs = i == 0 ? head : pad;
            line(indent, lhs + " = " + TextPrinter.str(s.expr()), s.label());
        }
    }

    /** A local derivative: ∂a/∂b = … with its steps; one line when the rules settle it at once. */
    public void derivation(String indent, String head, Derivation d) {
        line(indent, head + " = " + TextPrinter.str(d.goal()), "");
        steps(indent, " ".repeat(Fmt.width(head)), d.steps());
    }

    public static String expr(Expr e) {
        return TextPrinter.str(e);
    }
}
