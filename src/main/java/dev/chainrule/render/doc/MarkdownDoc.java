package dev.chainrule.render.doc;

import java.util.List;

/**
 * {@link MathDoc} as Markdown with math for GitHub and Jupyter: inline {@code $…$}, display {@code $$} blocks
 * holding {@code \begin{aligned}} (no align*), the rules in a right-hand {@code &&\text{…}} column, tables as
 * Markdown tables. Text is escaped so that a user's name cannot start markup or math.
 */
public final class MarkdownDoc implements MathDoc {
    private final StringBuilder out = new StringBuilder();

    @Override
    public void title(String text, List<Inline> subtitle) {
        out.append("# ").append(escape(text)).append("\n\n").append(inline(subtitle)).append("\n\n");
    }

    @Override
    public void section(String text) {
        out.append("## ").append(escape(text)).append("\n\n");
    }

    @Override
    public void subsection(String math, String text) {
        out.append("### $").append(math).append('$');
        if (!text.isEmpty()) {
            out.append(" &nbsp; `").append(text.replace("`", "'").replace("\n", " ")).append('`');
        }
        out.append("\n\n");
    }

    @Override
    public void paragraph(List<Inline> parts) {
        out.append(inline(parts)).append("\n\n");
    }

    static String inline(List<Inline> parts) {
        StringBuilder sb = new StringBuilder();
        for (Inline p : parts) {
            if (p instanceof Text t) {
                sb.append(escape(t.text()));
            } else if (p instanceof Math m) {
                sb.append('$').append(m.latex().strip()).append('$');
            }
        }
        return sb.toString();
    }

    /** Markdown text: backslash-escapes the ASCII punctuation that can start markup, HTML or math. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\`*_[]<>#|$~&".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c < 32 ? ' ' : c);
        }
        return sb.toString();
    }

    @Override
    public void display(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("$$\n\\begin{aligned}\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.append(r.lhs()).append(" &").append(r.body().isEmpty() ? "" : " " + r.body());
            if (!r.label().isEmpty()) {
                out.append(" && \\text{");
                for (Inline part : MathDoc.marked(r.label())) {
                    out.append(part instanceof Math m ? "$" + m.latex() + "$" : textLabel(((Text) part).text()));
                }
                out.append('}');
            }
            if (i < rows.size() - 1) {
                out.append(rows.get(i + 1).gap() ? " \\\\[1ex]" : " \\\\");
            }
            out.append('\n');
        }
        out.append("\\end{aligned}\n$$\n\n");
    }

    /**
     * A rule label for {@code \text{…}} under MathJax (GitHub, Jupyter), which sets the text literally: the
     * trace's Unicode stays, and the characters that could unbalance or leave the text are replaced by look-alikes.
     */
    static String textLabel(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append('∖');
                case '{' -> sb.append('(');
                case '}' -> sb.append(')');
                case '$' -> sb.append('＄');
                case '_' -> sb.append('＿');
                case '^' -> sb.append('ˆ');
                case '%' -> sb.append('％');
                case '#' -> sb.append('＃');
                case '&' -> sb.append('＆');
                case '~' -> sb.append('∼');
                default -> sb.append(c < 32 ? ' ' : c);
            }
        }
        return sb.toString();
    }

    @Override
    public void code(String text) {
        // a fence longer than any run of backticks inside
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        out.append(fence).append('\n').append(text.stripTrailing()).append('\n').append(fence).append("\n\n");
    }

    @Override
    public void table(List<List<Inline>> rows, boolean[] numeric) {
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder sb = new StringBuilder("|");
            for (Inline cell : rows.get(i)) {
                sb.append(' ').append(inline(List.of(cell)).replace("|", "\\|")).append(" |");
            }
            out.append(sb).append('\n');
            if (i == 0) {
                StringBuilder sep = new StringBuilder("|");
                for (int c = 0; c < rows.get(0).size(); c++) {
                    sep.append(c < numeric.length && numeric[c] ? " ---: |" : " --- |");
                }
                out.append(sep).append('\n');
            }
        }
        out.append('\n');
    }

    @Override
    public String finish() {
        return out.toString();
    }
}
