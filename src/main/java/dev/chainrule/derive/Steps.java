package dev.chainrule.derive;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of a derivation to show. {@link Detail#FULL} shows every round of rules and every simplification
 * pass; {@link Detail#BRIEF} shows what a lecturer writes on a slide: the rounds of differentiation rules up to
 * the first expression without ∂ as one line naming every rule used, then the simplification as one line naming
 * its passes (dropping ·1 and +0 joins the rules' line). Substitutions and definitions always stay lines of
 * their own. Nothing is computed here: a brief
 * line is a line of the full derivation, with the labels of the lines it stands for.
 */
public final class Steps {
    public enum Detail { FULL, BRIEF }

    private Steps() {
    }

    public static List<Step> shown(List<Step> steps, Detail detail) {
        return detail == Detail.BRIEF ? brief(steps) : steps;
    }

    private enum Kind { RULES, SIMPLIFY, ALONE }

    private static Kind kind(Step s) {
        if (s.rules().contains(Rule.SUBSTITUTE) || s.rules().contains(Rule.DEFINITION)
                || s.rules().contains(Rule.MULTIVARIABLE_CHAIN)) {
            return Kind.ALONE;
        }
        return s.rules().stream().anyMatch(Rule::isSimplification) ? Kind.SIMPLIFY : Kind.RULES;
    }

    static List<Step> brief(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        List<Step> run = new ArrayList<>();
        Kind runKind = null;
        for (Step s : steps) {
            Kind k = kind(s);
            if (k == Kind.ALONE || k != runKind) {
                flush(run, out);
                runKind = k == Kind.ALONE ? null : k;
            }
            if (k == Kind.ALONE) {
                out.add(s);
            } else {
                run.add(s);
            }
        }
        flush(run, out);
        // "= w·1 + 0 + 0" then "= w (drop ·1, +0)": the trivial clean-up joins the rules' line
        for (int i = out.size() - 2; i >= 0; i--) {
            Step next = out.get(i + 1);
            if (kind(out.get(i)) == Kind.RULES && next.rules().stream().allMatch(r -> r == Rule.IDENTITY)) {
                out.set(i, out.get(i).withExpr(next.expr()));
                out.remove(i + 1);
            }
        }
        return out;
    }

    /** The run as one step: the last line's expression, every rule of the run in order, the notes joined. */
    private static void flush(List<Step> run, List<Step> out) {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() == 1) {
            out.add(run.get(0));
        } else {
            List<Rule> rules = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (Step s : run) {
                rules.addAll(s.rules());
                if (!s.note().isEmpty() && !notes.contains(s.note())) {
                    notes.add(s.note());
                }
            }
            out.add(new Step(run.get(run.size() - 1).expr(), rules, String.join("; ", notes)));
        }
        run.clear();
    }
}
