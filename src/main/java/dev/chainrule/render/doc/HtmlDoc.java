package dev.chainrule.render.doc;

import java.util.List;

/**
 * {@link MathDoc} as one self-contained HTML page (no network access needed to view it). Its math is MathML Core
 * ({@link MathMl}, converted from the documents' LaTeX), which browsers typeset with no script; with {@link
 * HtmlMath#KATEX} it is LaTeX that the inlined KaTeX renders ({@link Katex}). A fragment leaves out the page
 * (and KaTeX).
 */
public final class HtmlDoc implements MathDoc {
    private final StringBuilder out = new StringBuilder();
    private final boolean fragment;
    private final HtmlMath math;
    private String title = "chainrule";

    /** Which command made the page, for the fragment's comment. */
    private final String command;

    public HtmlDoc(boolean fragment, String command, HtmlMath math) {
        this.fragment = fragment;
        this.command = command;
        this.math = math;
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 32 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    @Override
    public void title(String text, List<Inline> subtitle) {
        title = text;
        out.append("<h1>").append(escape(text)).append("</h1>\n<p class=\"subtitle\">").append(inline(subtitle)).append("</p>\n");
    }

    @Override
    public void section(String text) {
        out.append("<h2>").append(escape(text)).append("</h2>\n");
    }

    @Override
    public void subsection(String latex, String text) {
        out.append("<h3>").append(mathSpan(latex));
        if (!text.isEmpty()) {
            out.append(" <code>").append(escape(text)).append("</code>");
        }
        out.append("</h3>\n");
    }

    @Override
    public void paragraph(List<Inline> parts) {
        out.append("<p>").append(inline(parts)).append("</p>\n");
    }

    private String mathSpan(String latex) {
        return switch (math) {
            case MATHML -> MathMl.inline(latex);
            case KATEX -> Katex.span(latex);
        };
    }

    private String inline(List<Inline> parts) {
        StringBuilder sb = new StringBuilder();
        for (Inline p : parts) {
            if (p instanceof Text t) {
                sb.append(escape(t.text()));
            } else if (p instanceof Math m) {
                sb.append(mathSpan(m.latex()));
            }
        }
        return sb.toString();
    }

    @Override
    public void display(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append(switch (math) {
            case MATHML -> "<div class=\"math display\">" + MathMl.display(rows) + "</div>\n";
            case KATEX -> Katex.display(rows);
        });
    }

    @Override
    public void code(String text) {
        out.append("<pre>").append(escape(text.stripTrailing())).append("</pre>\n");
    }

    @Override
    public void table(List<List<Inline>> rows, boolean[] numeric) {
        out.append("<table>\n");
        for (int i = 0; i < rows.size(); i++) {
            out.append("<tr>");
            List<Inline> row = rows.get(i);
            for (int c = 0; c < row.size(); c++) {
                String tag = i == 0 ? "th" : "td";
                boolean num = c < numeric.length && numeric[c];
                out.append('<').append(tag).append(num ? " class=\"num\"" : "").append('>')
                        .append(inline(List.of(row.get(c)))).append("</").append(tag).append('>');
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    @Override
    public void raw(String format, String content) {
        if (format.equals("html") && !content.isEmpty()) {
            out.append("<figure class=\"network\">").append(content).append("</figure>\n");
        }
    }

    private static final String STYLE = """
            body { font-family: "Latin Modern Roman", Georgia, "Times New Roman", serif; max-width: 62rem;
                   margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
            h1 { margin-bottom: 0.2rem; } .subtitle { color: #555; margin-top: 0; }
            h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2.5rem; }
            h3 { margin-top: 2rem; } h3 code { font-size: 0.8em; color: #555; font-weight: normal; }
            .math.display { overflow-x: auto; overflow-y: hidden; margin: 0.8rem 0; }
            table { border-collapse: collapse; margin: 0.8rem auto; }
            th, td { padding: 0.15rem 0.7rem; } th { border-bottom: 1px solid #333; }
            tr:first-child th { border-top: 2px solid #333; } tr:last-child td { border-bottom: 2px solid #333; }
            td.num, th.num { text-align: right; }
            figure.network { margin: 1rem 0; overflow-x: auto; text-align: center; }
            figure.network svg { max-width: 100%; height: auto; }
            figure.network figcaption { font-size: 0.9em; color: #444; margin-top: 0.4rem; }
            """;

    /** The MathML page's display tables: no rules, math on a common baseline, the rule column apart, a gap row spaced. */
    private static final String MATH_STYLE = """
            math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", math; font-size: 1.1em; }
            table.display { margin: 0.8rem auto; }
            table.display tr td { padding: 0.3em 0; border: none; vertical-align: baseline; }
            table.display tr td.lhs { text-align: right; padding-right: 0.1em; }
            table.display tr td.body { text-align: left; }
            table.display tr td.rule { text-align: left; color: #444; }
            table.display tr.gap td { padding-top: 0.9em; }
            """;

    @Override
    public String finish() {
        if (fragment) {
            return switch (math) {
                case MATHML -> "<!-- chainrule " + command + " --format html --fragment: math is MathML Core, which"
                        + " browsers typeset with no script or stylesheet. -->\n";
                case KATEX -> "<!-- chainrule " + command + " --format html --math katex --fragment: math is in elements"
                        + " of class \"math\" (class \"math display\" for display math); render them with KaTeX. -->\n";
            } + "<div class=\"chainrule\">\n" + out + "</div>\n";
        }
        String head = switch (math) {
            case MATHML -> "<style>\n" + STYLE + MATH_STYLE + "</style>\n";
            case KATEX -> Katex.head() + "<style>\n" + STYLE + "</style>\n";
        };
        String tail = switch (math) {
            case MATHML -> "";
            case KATEX -> Katex.render();
        };
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n" + head
                + "</head>\n<body>\n<main class=\"chainrule\">\n" + out + "</main>\n" + tail + "</body>\n</html>\n";
    }
}
