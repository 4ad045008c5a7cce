package dev.chainrule.derive;

import dev.chainrule.expr.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a derivation, the one shape every derivation line has (derive's steps, explain's traces, the
 * checker's worked solution): {@code lhs = expr}, reached by applying {@code rules} to the line before.
 * {@code lhs} is null when the line continues the equation above ("= expr"); {@code note} (its math between
 * {@code $…$}, see {@link #labelMarked}) says more where a rule
 * name alone is not enough (e.g. "ŷ = σ(z)" for a recognition); {@code conclusion} marks a final ⇒ line.
 */
public record Step(Expr lhs, Expr expr, List<Rule> rules, String note, boolean conclusion) {
    public Step {
        rules = List.copyOf(rules);
        note = note == null ? "" : note;
    }

    /** A line that continues the equation above. */
    public Step(Expr expr, List<Rule> rules, String note) {
        this(null, expr, rules, note, false);
    }

    public Step(Expr expr, List<Rule> rules) {
        this(null, expr, rules, "", false);
    }

    /** {@code lhs = expr}, with what gives it in words only (no rule of ours: a backprop formula, a definition). */
    public static Step equation(Expr lhs, Expr expr, String note) {
        return new Step(lhs, expr, List.of(), note, false);
    }

    /** {@code lhs = expr} by {@code rule}. */
    public static Step equation(Expr lhs, Expr expr, Rule rule) {
        return new Step(lhs, expr, List.of(rule), "", false);
    }

    /**
     * {@code lhs = expr} labelled with the rules a whole derivation applied, as a summary line states them: the
     * differentiation rules in order, each once, without the trivial ∂c = 0 and ∂w = 1 when other rules did the
     * work, and without simplification (except the one-hot targets' Σₖ yₖ = 1, the step that makes CE∘softmax
     * ŷ − y); a single rule with its statement.
     */
    public static Step summary(Expr lhs, Expr expr, List<Rule> used) {
        Map<String, Rule> byLabel = new LinkedHashMap<>();
        for (Rule r : used) {
            if (!r.isSimplification() && r != Rule.SUBSTITUTE && r != Rule.DEFINITION || r == Rule.TARGETS_SUM_TO_ONE) {
                byLabel.putIfAbsent(r.label(), r);
            }
        }
        List<Rule> shown = new ArrayList<>(byLabel.values());
        if (shown.stream().anyMatch(r -> r != Rule.CONSTANT && r != Rule.VARIABLE)) {
            shown.removeIf(r -> r == Rule.CONSTANT || r == Rule.VARIABLE);
        }
        return new Step(lhs, expr, shown, shown.size() == 1 ? shown.get(0).statement() : "", false);
    }

    /** The same line with another expression (its rules and note kept). */
    public Step withExpr(Expr e) {
        return new Step(lhs, e, rules, note, conclusion);
    }

    /** The same line as {@code lhs = expr}; {@code conclusion}: as the final ⇒ line. */
    public Step under(Expr newLhs, boolean isConclusion) {
        return new Step(newLhs, expr, rules, note, isConclusion);
    }

    /**
     * "sum rule, constant rule" — the rules in the order they were applied, each once, then the note, as plain text
     * (a note's math is written in Unicode between {@code $…$}; here the markers are dropped).
     */
    public String label() {
        return labelMarked().replace("$", "");
    }

    /** The note as plain text (its {@code $…$} markers dropped), as JSON and the text output write it. */
    public String noteText() {
        return note.replace("$", "");
    }

    /** The label with the note's math spans marked {@code $…$}, for documents that typeset them as math. */
    public String labelMarked() {
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
