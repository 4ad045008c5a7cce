package dev.chainrule.render.doc;

import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.Expr;
import dev.chainrule.render.doc.MathDoc.Row;
import java.util.List;

/**
 * Display rows of a derivation for the document formats: {@code lhs = e}, cut into lines when e is long, and
 * the rule label (wrapped) on the last line. Used by the derive and check documents.
 */
public final class DisplayRows {
    private DisplayRows() {
    }

    /** The widest wrapped line of these labels: a block reserves it so that its bodies break alike. */
    public static int labelWidth(List<String> labels) {
        int w = 0;
        for (String label : labels) {
            for (String line : DocLayout.wrap(label, DocLayout.LABEL_WIDTH)) {
                w = Math.max(w, Fmt.width(line));
            }
        }
        return w;
    }

    /**
     * Appends {@code lhs = e (label)}; {@code reserve} is the label width the block keeps free (see
     * {@link #labelWidth}).
     */
    public static void add(List<Row> out, String lhs, Expr e, String label, int reserve) {
        List<String> labels = DocLayout.wrap(label, DocLayout.LABEL_WIDTH);
        int lw = reserve;
        for (String l : labels) {
            lw = Math.max(lw, Fmt.width(l));
        }
        int budget = DocLayout.LINE - DocLayout.lhsWidth(lhs.isEmpty() ? "x" : lhs) - 4 - (lw == 0 ? 0 : lw + 4);
        List<String> lines = LatexMath.SYMBOLIC.split(e, Math.max(24, budget));
        for (int i = 0; i < lines.size(); i++) {
            boolean last = i == lines.size() - 1;
            out.add(new Row(i == 0 ? lhs : "", (i == 0 ? "= " : "\\quad{}") + lines.get(i),
                    last && !labels.isEmpty() && !label.isEmpty() ? labels.get(0) : ""));
        }
        for (int i = 1; i < labels.size(); i++) {
            out.add(new Row("", "", labels.get(i)));
        }
    }
}
