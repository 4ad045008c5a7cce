package dev.chainrule.render.check;

import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.homework.ClaimResult;
import dev.chainrule.homework.Worked;
import dev.chainrule.render.doc.TextLayout;
import java.util.List;

/**
 * The checker's worked solution as text lines, laid out as {@code derive} lays out a derivation
 * ({@link TextLayout}): the equation of the goal at the left, the local derivatives it needs indented under it,
 * each continuation "= …" under the "=" of its equation, a final "⇒" line, the rules in one column; a chain
 * line over several paths has one path a line. The text and JSON renderers both print these lines.
 */
final class SolutionText {
    private SolutionText() {
    }

    /**
     * The correct result, a line per form ("∂L/∂w₁₁⁽²⁾ = δ₁⁽²⁾a₁⁽¹⁾"): of the goal for worked steps, which heads the
     * derivation; as "(1/N) Σₙ (…)" or "Σₙ (…)" when the claim is about the reduced loss. None without a worked result.
     */
    static List<String> result(ClaimResult r) {
        Worked w = r.worked();
        if (w == null) {
            return List.of();
        }
        Expr lhs = r.isSteps() && !r.derivation().isEmpty() ? r.derivation().get(0).lhs() : w.lhs();
        String reduce = w.reduction().map(red -> switch (red) {
            case MEAN -> "(1/N) Σₙ ";
            case SUM -> "Σₙ ";
        }).orElse("");
        List<String> out = new java.util.ArrayList<>();
        for (Worked.Form f : w.expected()) {
            String e = TextPrinter.str(f.expr());
            boolean bracket = !reduce.isEmpty() && (e.contains(" ") || e.contains("·"));
            out.add(TextPrinter.str(lhs) + " = " + reduce + (bracket ? "(" + e + ")" : e));
        }
        return out;
    }

    /** The lines, each starting with {@code indent}, without newlines. */
    static List<String> lines(List<Step> derivation, String indent) {
        TextLayout block = new TextLayout();
        Expr goal = derivation.isEmpty() ? null : derivation.get(0).lhs();
        String under = indent; // where a continuation line's "=" goes: under the last equation's
        for (Step s : derivation) {
            String prefix = under;
            if (s.lhs() != null) {
                boolean main = s.lhs().equals(goal) || s.conclusion();
                String head = (main ? indent : indent + "  ") + (s.conclusion() ? "⇒ " : "") + TextPrinter.str(s.lhs()) + " ";
                prefix = head;
                under = " ".repeat(Fmt.width(head));
            }
            if (s.expr() instanceof Expr.Sum paths && s.rules().contains(Rule.MULTIVARIABLE_CHAIN)) {
                List<Expr> terms = paths.terms();
                block.row(prefix, "= " + TextPrinter.str(terms.get(0)), s.label());
                for (Expr path : terms.subList(1, terms.size())) {
                    block.row(under, "+ " + TextPrinter.str(path), "");
                }
            } else {
                block.row(prefix, "= " + TextPrinter.str(s.expr()), s.label());
            }
        }
        StringBuilder out = new StringBuilder();
        block.appendTo(out);
        return out.toString().lines().toList();
    }
}
