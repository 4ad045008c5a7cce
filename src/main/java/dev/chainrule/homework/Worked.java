package dev.chainrule.homework;

import dev.chainrule.expr.Expr;
import dev.chainrule.network.spec.Reduction;
import java.util.List;
import java.util.Optional;

/**
 * A judged claim as math, for the document renderers (LaTeX, Markdown, HTML), which typeset trees rather
 * than the text lines of {@link ClaimResult}.
 *
 * @param lhs        what was asked for, as a derivative node (∂L/∂w₁₁⁽¹⁾), or the line before for a step
 * @param claim      the student's expression
 * @param expected   the correct result in one or more forms (for a network: the chain rule written out, then the δ form)
 * @param reduction  empty for a per-sample claim; the loss's reduction when the claim is about the reduced loss
 */
public record Worked(Expr lhs, Expr claim, List<Form> expected, Optional<Reduction> reduction) {
    public Worked {
        expected = List.copyOf(expected);
    }

    /** One form of the correct result, and what form it is ("δ form"; empty when there is one form). */
    public record Form(Expr expr, String label) {
    }

    /** The forms of a result: one unlabelled, or each with its label (labels.length must match). */
    static List<Form> forms(List<Expr> exprs, String... labels) {
        if (exprs.size() == 1) {
            return List.of(new Form(exprs.get(0), ""));
        }
        List<Form> out = new java.util.ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            out.add(new Form(exprs.get(i), labels[i]));
        }
        return out;
    }
}
