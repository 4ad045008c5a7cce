package dev.chainrule.render.train;

import dev.chainrule.render.doc.LatexText;
import dev.chainrule.render.doc.NetworkNames;
import dev.chainrule.train.TrainResult;
import java.util.Locale;

/**
 * The loss curve of a training run as a pgfplots figure for the LaTeX report: the numbers are in the document (no
 * image file beside it), pgfplots draws the axes and chooses round ticks, and the text is set in the document's font.
 * A run of more than {@value #POINTS} epochs is thinned out as the HTML chart is ({@link TrainPlot#curve}); TeX's
 * memory holds a few thousand coordinates, and a figure a text-width wide shows no more.
 */
final class TrainPgfplot {
    static final int POINTS = 400;

    private TrainPgfplot() {
    }

    /** The figure, or "" when no epoch has a finite loss. */
    static String figure(TrainResult r) {
        TrainPlot.Curve c = TrainPlot.curve(r, false, POINTS, POINTS);
        if (c.x().isEmpty()) {
            return "";
        }
        StringBuilder coordinates = new StringBuilder();
        for (int i = 0; i < c.x().size(); i++) {
            coordinates.append(i % 6 == 0 ? "\n    " : " ").append('(').append(c.x().get(i).longValue()).append(',')
                    .append(number(c.y().get(i))).append(')');
        }
        String ylabel = "loss (" + NetworkNames.lossName(r.spec()) + ", "
                + r.spec().reduction().name().toLowerCase(Locale.ROOT) + ")";
        boolean marks = c.x().size() <= 60;
        // guarded, so that a fragment \\input into a document without pgfplots still compiles (and says why)
        return "\\ifdefined\\addplot\n\\begin{center}\n\\begin{tikzpicture}\n\\begin{axis}[width=0.92\\linewidth, height=0.5\\linewidth,\n"
                + "    xlabel={epoch (0 = before training)}, ylabel={" + LatexText.escape(ylabel) + "},\n"
                + "    ymin=0, xmin=0, xmax=" + c.x().get(c.x().size() - 1).longValue() + ", grid=major, grid style={gray!25}, scaled x ticks=false,\n"
                + "    tick label style={font=\\small}, label style={font=\\small}]\n"
                + "\\addplot[thick, color=blue!70!black, " + (marks ? "mark=*, mark size=1.2pt" : "mark=none")
                + "] coordinates {" + coordinates + "\n};\n\\end{axis}\n\\end{tikzpicture}\n\\end{center}\n"
                + "\\else\n\\emph{(The loss curve is drawn where the preamble loads \\texttt{pgfplots}.)}\n\\fi\n";
    }

    /** Six significant digits, in a form pgfplots reads (e-notation for tiny and huge losses). */
    private static String number(double v) {
        double a = Math.abs(v);
        if (v == 0 || a >= 1e-4 && a < 1e6) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", v);
    }
}
