package dev.chainrule.render.doc;

import java.util.List;

/**
 * {@link MathDoc} as LaTeX for plain pdflatex (T1 fontenc with lmodern and textcomp, so that UTF-8 names set;
 * amsmath, amssymb, booktabs, pifont, geometry): display blocks as
 * {@code align*} with the rules in a right-hand {@code &&\text{…}} column, tables with booktabs. A fragment
 * (for {@code \input}) leaves out the preamble and keeps {@code \allowdisplaybreaks} inside a group.
 */
public final class LatexDoc implements MathDoc {
    private final StringBuilder out = new StringBuilder();
    private final boolean fragment;
    private String title = "";

    /** Which command made the document, for its header comment. */
    private final String command;

    public LatexDoc(boolean fragment) {
        this(fragment, "explain");
    }

    public LatexDoc(boolean fragment, String command) {
        this(fragment, command, 0);
    }

    /** {@code line}: the display line in characters ({@link LineWidth}); 0 for this document's or a fragment's own. */
    public LatexDoc(boolean fragment, String command, int line) {
        this.fragment = fragment;
        this.command = command;
        this.line = line > 0 ? line : fragment ? LineWidth.FRAGMENT : DocLayout.LINE;
    }

    private final int line;

    @Override
    public int lineWidth() {
        return line;
    }

    @Override
    public void title(String text, List<Inline> subtitle) {
        title = LatexText.escape(text);
        if (fragment) {
            // inside the host's own chapter or section: a heading of the host's, not a title page's \Large
            out.append("\\subsection*{").append(breakable(title)).append("}\n\n").append(breakable(inline(subtitle)))
                    .append("\n\n");
            return;
        }
        // flush left, with breaks allowed after / and spaces, so that a long user-given name cannot run off the page
        out.append("\\begin{flushleft}\\sloppy\n{\\Large\\bfseries ").append(breakable(title)).append("\\par}\n")
                .append("\\smallskip\n").append(breakable(inline(subtitle))).append("\n\\end{flushleft}\n\n");
    }

    private static String breakable(String s) {
        return s.replace("/", "/\\allowbreak{}").replace("\\{", "\\{\\allowbreak{}");
    }

    @Override
    public void section(String text) {
        out.append(fragment ? "\n\\subsubsection*{" : "\n\\subsection*{").append(LatexText.escape(text)).append("}\n\n");
    }

    @Override
    public void subsection(String math, String text) {
        out.append(fragment ? "\n\\paragraph*{$" : "\n\\subsection*{$").append(math).append('$');
        if (!text.isEmpty()) {
            out.append("\\quad {\\normalfont\\small\\texttt{").append(LatexText.escape(text)).append("}}");
        }
        out.append("}\n\n");
    }

    @Override
    public void paragraph(List<Inline> parts) {
        out.append(inline(parts)).append("\n\n");
    }

    static String inline(List<Inline> parts) {
        StringBuilder sb = new StringBuilder();
        for (Inline p : parts) {
            if (p instanceof Text t) {
                sb.append(LatexText.escape(t.text()));
            } else if (p instanceof Math m) {
                sb.append('$').append(m.latex()).append('$');
            }
        }
        return sb.toString();
    }

    @Override
    public void display(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("\\begin{align*}\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.append("  ").append(r.lhs()).append(" &").append(r.body().isEmpty() ? "" : " " + r.body());
            if (!r.label().isEmpty()) {
                out.append(" && \\text{\\small ").append(inline(MathDoc.marked(r.label()))).append('}');
            }
            if (i < rows.size() - 1) {
                out.append(rows.get(i + 1).gap() ? " \\\\[1.5ex]" : " \\\\");
            }
            out.append('\n');
        }
        out.append("\\end{align*}\n\n");
    }

    /**
     * Each line escaped as text (so UTF-8 names set as they do elsewhere; verbatim would not), spaces kept as
     * unbreakable spaces so that YAML's indentation shows.
     */
    @Override
    public void code(String text) {
        out.append("\\begin{flushleft}\\small\\ttfamily\n");
        for (String line : text.stripTrailing().split("\n", -1)) {
            out.append(line.isEmpty() ? "\\mbox{}" : LatexText.escape(line).replace(" ", "~")).append(" \\\\\n");
        }
        out.append("\\end{flushleft}\n\n");
    }

    @Override
    public void table(List<List<Inline>> rows, boolean[] numeric) {
        // rows a little apart, so that sub- and superscripts of neighbouring rows (w_{11}^{(1)}) do not touch
        out.append("\\begin{center}\\renewcommand{\\arraystretch}{1.2}\n");
        tabular(rows, numeric);
        out.append("\\end{center}\n\n");
    }

    /** The caption and the table in one unbreakable box, so that a page never ends between them. */
    @Override
    public void table(List<Inline> caption, List<List<Inline>> rows, boolean[] numeric) {
        out.append("\\begin{center}\\renewcommand{\\arraystretch}{1.2}\n\\begin{minipage}{\\linewidth}\n")
                .append(inline(caption)).append("\\par\\smallskip\n\\centering\n");
        tabular(rows, numeric);
        out.append("\\end{minipage}\n\\end{center}\n\n");
    }

    private void tabular(List<List<Inline>> rows, boolean[] numeric) {
        StringBuilder spec = new StringBuilder();
        for (boolean b : numeric) {
            spec.append(b ? 'r' : 'l');
        }
        // in a fragment, fitted to the host's line (this document's own tables are laid out for its page)
        tables = true;
        out.append(fragment ? "\\chainrulefit{%\n" : "").append("\\begin{tabular}{").append(spec).append("}\n\\toprule\n");
        for (int i = 0; i < rows.size(); i++) {
            List<Inline> row = rows.get(i);
            for (int c = 0; c < row.size(); c++) {
                out.append(c == 0 ? "" : " & ").append(inline(List.of(row.get(c))));
            }
            out.append(" \\\\\n");
            if (i == 0) {
                out.append("\\midrule\n");
            }
        }
        out.append("\\bottomrule\n\\end{tabular}").append(fragment ? "}" : "").append('\n');
    }

    private boolean tables;

    /**
     * A fragment's table wider than the host's line (a narrow host, many samples) is scaled down to that line, never
     * up: graphicx's \resizebox where the host loads it, else the table as it is.
     */
    private static final String FIT = "\\providecommand{\\chainrulefit}[1]{\\ifdefined\\resizebox"
            + "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{#1}\\else#1\\fi}\n";

    /**
     * Raw LaTeX: a figure drawn with pgfplots (train's loss curve, the only raw LaTeX there is), so the document
     * loads pgfplots once it has one.
     */
    @Override
    public void raw(String format, String content) {
        if (format.equals("latex") && !content.isEmpty()) {
            out.append(content).append('\n');
            pgfplots = true;
        }
    }

    private boolean pgfplots;

    @Override
    public String finish() {
        StringBuilder doc = new StringBuilder();
        if (fragment) {
            doc.append("% chainrule " + command + " --format latex --fragment: \\input this file into a document that loads\n")
                    .append("% amsmath, amssymb, booktabs and pifont" + (tables ? ", graphicx (to fit a wide table)" : "") + (pgfplots ? ", pgfplots" : "")
                            + " (and, for accented names, T1 fontenc).\n")
                    .append("\\begingroup\n\\allowdisplaybreaks\\sloppy\n").append(tables ? FIT : "").append('\n')
                    .append(out).append("\\endgroup\n");
            return doc.toString();
        }
        doc.append("% Generated by chainrule " + command + " --format latex; compiles with plain pdflatex.\n")
                .append("\\documentclass[11pt]{article}\n")

                // T1 with Latin Modern sets accented names; without lmodern (rare) the default fonts still compile
                .append("\\IfFileExists{lmodern.sty}{\\usepackage[T1]{fontenc}\\usepackage{lmodern}}{}\n\\usepackage{textcomp}\n")
                .append("\\usepackage{amsmath}\n\\usepackage{amssymb}\n\\usepackage{booktabs}\n\\usepackage{pifont}\n")
                .append("\\usepackage[a4paper,margin=2.2cm]{geometry}\n")
                .append(pgfplots ? "\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n" : "")
                .append("\\allowdisplaybreaks\n")
                .append("\\setlength{\\parindent}{0pt}\n\\setlength{\\parskip}{0.6ex}\n")
                .append("\\pagestyle{plain}\n")
                .append("\\begin{document}\n\n")
                .append(out)
                .append("\\end{document}\n");
        return doc.toString();
    }
}
