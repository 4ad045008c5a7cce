package dev.chainrule.render.doc;

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

    /** The steps that change the line, the first compared with {@code before} (null: nothing above). */
    public static List<Step> after(Expr before, List<Step> steps) {
        List<Step> out = new ArrayList<>();
        String last = before == null ? null : key(before);
        for (Step s : steps) {
            String k = key(s.expr());
            if (!k.equals(last)) {
                out.add(s);
            }
            last = k;
        }
        return out;
    }

    /** The typeset line without multiplication dots and spaces: two lines that set the same read the same. */
    static String key(Expr e) {
        return LatexMath.str(e).replace("\\cdot", "").replaceAll("\\s+", "");
    }
}
