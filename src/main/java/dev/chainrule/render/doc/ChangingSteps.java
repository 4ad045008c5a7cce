package dev.chainrule.render.doc;

import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a derivation that change the line a document shows: a step whose typeset expression is the line
 * above it (a "regroup" that only adds a multiplication dot, a "recognise" that repeats the line) is left out,
 * since on paper it says nothing. The text output keeps every step; documents use this.
 */
public final class ChangingSteps {
    private ChangingSteps() {
    }

    /**
     * The steps that change the line, the first compared with {@code before} (null: nothing above); a run of
     * tidying steps ({@link #TIDY}: folding numbers, dropping ·1 and +0, regrouping) is one line, the last of the
     * run, naming each of their rules — "0 − s", "s·(−1)·s", "−s·s" says no more than "−s·s".
     */
    public static List<Step> after(Expr before, List<Step> steps) {
        List<Step> out = new ArrayList<>();
        String last = before == null ? null : key(before);
        for (Step s : steps) {
            String k = key(s.expr());
            if (!k.equals(last)) {
                Step previous = out.isEmpty() ? null : out.get(out.size() - 1);
                if (previous != null && tidy(previous) && tidy(s) && previous.note().isEmpty() && s.note().isEmpty()) {
                    List<Rule> rules = new ArrayList<>(previous.rules());
                    rules.addAll(s.rules());
                    out.set(out.size() - 1, new Step(s.lhs(), s.expr(), rules, "", s.conclusion()));
                } else {
                    out.add(s);
                }
            }
            last = k;
        }
        return out;
    }

    /** The rules that only tidy a line up: nothing a reader must follow happens in them. */
    static final java.util.Set<Rule> TIDY = java.util.EnumSet.of(Rule.ARITHMETIC, Rule.IDENTITY, Rule.REGROUP);

    private static boolean tidy(Step s) {
        return !s.rules().isEmpty() && TIDY.containsAll(s.rules()) && s.lhs() == null;
    }

    /** The typeset line without multiplication dots and spaces: two lines that set the same read the same. */
    static String key(Expr e) {
        return LatexMath.str(e).replace("\\cdot", "").replaceAll("\\s+", "");
    }
}
