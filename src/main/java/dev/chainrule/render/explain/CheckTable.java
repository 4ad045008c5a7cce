package dev.chainrule.render.explain;

import static dev.chainrule.render.doc.DocLayout.num;
import static dev.chainrule.render.doc.DocLayout.small;
import static dev.chainrule.render.doc.MathDoc.math;
import static dev.chainrule.render.doc.MathDoc.text;

import dev.chainrule.network.spec.ParamId;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.render.doc.MathDoc;
import dev.chainrule.render.doc.MathDoc.Inline;
import java.util.ArrayList;
import java.util.List;

/**
 * The closing "Check" section of the conv and rnn documents: a count of the verdicts, then a table of every
 * parameter's value, gradient, finite difference, relative error and verdict, and a line for each kink met.
 */
final class CheckTable {
    /** One parameter's row. */
    record Entry(ParamId id, double value, double gradient, Check check) {
    }

    private CheckTable() {
    }

    /** {@code loss} names what was differenced: "the reduced loss", "… with its regularization term". */
    static void write(MathDoc doc, List<Entry> entries, String loss) {
        doc.section("Check");
        long pass = entries.stream().filter(e -> e.check().verdict() == Verdict.PASS).count();
        long fail = entries.stream().filter(e -> e.check().verdict() == Verdict.FAIL).count();
        long kink = entries.stream().filter(e -> e.check().verdict() == Verdict.KINK).count();
        List<Inline> caption = List.of(text(entries.size() + " parameters: " + pass + " pass, " + fail + " fail, "
                + kink + " kink. Each gradient against the central finite difference "),
                math("\\bigl(L(p + h) - L(p - h)\\bigr)/2h"), text(" of " + loss + ":"));
        List<List<Inline>> rows = new ArrayList<>();
        rows.add(List.of(text("parameter"), text("value"), text("gradient"), text("finite difference"),
                text("relative error"), text("verdict")));
        for (Entry e : entries) {
            Check c = e.check();
            rows.add(List.of(text(e.id().toString()), math(num(e.value())), math(num(e.gradient(), 6)),
                    math(num(c.numeric(), 8)), c.verdict() == Verdict.KINK ? text("—") : math(small(c.relativeError())),
                    text(ExplainDocument.verdictWord(c.verdict()))));
        }
        doc.table(caption, rows, new boolean[] {false, true, true, true, true, false});
        for (Entry e : entries) {
            if (e.check().verdict() == Verdict.KINK) {
                e.check().kink().ifPresent(k -> doc.paragraph(MathDoc.text(e.id() + ": a kink inside the step — "
                        + k.describe() + ".")));
            }
        }
    }
}
