package dev.chainrule.render.doc;

import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Fmt;
import dev.chainrule.render.doc.MathDoc.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The one document layout of derivation lines (LaTeX, Markdown and HTML of explain, derive and check): one
 * display of aligned equations {@code lhs = e} with each rule label on the right of the line it names. The
 * block is laid out as a whole, as the display typesets it: every body starts after the widest left-hand side
 * and keeps clear of the widest label, so an expression longer than the room left is cut into lines (at its
 * top-level + or ·, continuation lines indented), and a long label is wrapped onto rows of its own. A
 * continuation whose line would print exactly as the one above (a step that changes nothing a reader can see) is
 * left out.
 */
public final class DisplayBlock {
    private record Entry(String lhs, Expr e, String label, boolean gap, boolean equation) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private boolean gapNext;

    /** {@code lhs = e}, labelled (an empty lhs continues the equation above). */
    public DisplayBlock line(String lhs, Expr e, String label) {
        entries.add(new Entry(lhs == null ? "" : lhs, e, label == null ? "" : label, gapNext, true));
        gapNext = false;
        return this;
    }

    /** An expression on its own (no "="), labelled: a line of a student's working that is not an equation of the one above. */
    public DisplayBlock expression(Expr e, String label) {
        entries.add(new Entry("", e, label == null ? "" : label, gapNext, false));
        gapNext = false;
        return this;
    }

    /** A derivation line: {@code lhs} (empty to continue the equation above) = the step's expression, its rules. */
    public DisplayBlock step(String lhs, Step s) {
        return line(lhs, s.expr(), s.labelMarked());
    }

    /** Extra space above the next line (a new equation within the display). */
    public DisplayBlock gap() {
        gapNext = !entries.isEmpty();
        return this;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The rows of the display on this document's own line ({@link DocLayout#LINE}). */
    public List<Row> rows() {
        return rows(DocLayout.LINE);
    }

    /** The rows of the display on a line of {@code line} characters. */
    public List<Row> rows(int line) {
        int labelLimit = DocLayout.LABEL_WIDTH * line / DocLayout.LINE;
        int lhsWidth = 1;
        int labelWidth = 0;
        for (Entry en : entries) {
            if (!en.lhs().isEmpty()) {
                lhsWidth = Math.max(lhsWidth, DocLayout.lhsWidth(en.lhs()));
            }
            for (String l : DocLayout.wrap(en.label(), labelLimit)) {
                labelWidth = Math.max(labelWidth, Fmt.width(l));
            }
        }
        // labels are set in text, about 4/5 as wide per character as the math the budget counts
        int budget = Math.max(24, line - lhsWidth - 4 - (labelWidth == 0 ? 0 : labelWidth * 4 / 5 + 4));
        List<Row> out = new ArrayList<>();
        String previous = null;
        for (Entry en : entries) {
            List<String> lines = LatexMath.SYMBOLIC.split(en.e(), budget);
            // a step whose line prints as the one above (a regrouping, a "·" made explicit) shows nothing new
            String key = ChangingSteps.key(en.e());
            boolean unchanged = en.lhs().isEmpty() && en.equation() && key.equals(previous);
            previous = key;
            if (unchanged) {
                continue;
            }
            List<String> labels = en.label().isEmpty() ? List.of() : DocLayout.wrap(en.label(), labelLimit);
            for (int i = 0; i < lines.size(); i++) {
                boolean last = i == lines.size() - 1;
                out.add(new Row(i == 0 ? en.lhs() : "", (i == 0 ? (en.equation() ? "= " : "") : "\\quad{}") + lines.get(i),
                        last && !labels.isEmpty() ? labels.get(0) : "", i == 0 && en.gap()));
            }
            for (int i = 1; i < labels.size(); i++) {
                out.add(new Row("", "", labels.get(i)));
            }
        }
        return out;
    }
}
