package dev.chainrule.derive;

import dev.chainrule.expr.Expr;
import java.util.List;

/**
 * One line of a derivation: the whole expression after applying {@code rules} to the line before.
 * {@code note} says more where a rule name alone is not enough (e.g. "ŷ = σ(z)" for a recognition).
 */
public record Step(Expr expr, List<Rule> rules, String note) {
    public Step {
        rules = List.copyOf(rules);
        note = note == null ? "" : note;
    }

    public Step(Expr expr, List<Rule> rules) {
        this(expr, rules, "");
    }

    /** "sum rule, constant rule" — the rules in the order they were applied, each once. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (Rule r : rules) {
            seen.add(r.label());
        }
        for (String s : seen) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s);
        }
        if (!note.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : ": ").append(note);
        }
        return sb.toString();
    }
}
