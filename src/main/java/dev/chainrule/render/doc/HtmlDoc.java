package dev.chainrule.render.doc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link MathDoc} as one self-contained HTML page: KaTeX's script and stylesheet inlined, its woff2 fonts
 * embedded as data: URLs, so the page renders with no network access. Math stands in elements of class
 * {@code math} (HTML-escaped LaTeX) that a small script hands to {@code katex.render}; no delimiter scanning,
 * so a {@code $} or {@code \(} in a user's name stays text. A fragment leaves out the page and KaTeX.
 */
public final class HtmlDoc implements MathDoc {
    static final String KATEX = "META-INF/resources/webjars/katex/0.16.4/dist/";

    private final StringBuilder out = new StringBuilder();
    private final boolean fragment;
    private String title = "chainrule";

    /** Which command made the page, for the fragment's comment. */
    private final String command;

    public HtmlDoc(boolean fragment) {
        this(fragment, "explain");
    }

    public HtmlDoc(boolean fragment, String command) {
        this.fragment = fragment;
        this.command = command;
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
    public void subsection(String math, String text) {
        out.append("<h3>").append(mathSpan(math));
        if (!text.isEmpty()) {
            out.append(" <code>").append(escape(text)).append("</code>");
        }
        out.append("</h3>\n");
    }

    @Override
    public void paragraph(List<Inline> parts) {
        out.append("<p>").append(inline(parts)).append("</p>\n");
    }

    private static String mathSpan(String latex) {
        return "<span class=\"math\">" + escape(latex) + "</span>";
    }

    static String inline(List<Inline> parts) {
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
        StringBuilder tex = new StringBuilder("\\begin{aligned}\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            tex.append(r.lhs()).append(" &").append(r.body().isEmpty() ? "" : " " + r.body());
            if (!r.label().isEmpty()) {
                tex.append(" && \\qquad\\text{").append(LatexText.escape(r.label())).append('}');
            }
            if (i < rows.size() - 1) {
                tex.append(rows.get(i + 1).gap() ? " \\\\[1ex]" : " \\\\");
            }
            tex.append('\n');
        }
        tex.append("\\end{aligned}");
        out.append("<div class=\"math display\">").append(escape(tex.toString())).append("</div>\n");
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

    private static final String RENDER = """
            document.querySelectorAll('.math').forEach(function (el) {
              try {
                katex.render(el.textContent, el, {displayMode: el.classList.contains('display'), throwOnError: false});
              } catch (e) { el.classList.add('math-error'); }
            });
            """;

    @Override
    public String finish() {
        if (fragment) {
            return "<!-- chainrule " + command + " --format html --fragment: math is in elements of class \"math\" "
                    + "(class \"math display\" for display math); render them with KaTeX. -->\n"
                    + "<div class=\"chainrule\">\n" + out + "</div>\n";
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<style>\n" + katexCss() + "\n</style>\n<style>\n" + STYLE + "</style>\n"
                + "<script>\n" + resource(KATEX + "katex.min.js") + "\n</script>\n"
                + "</head>\n<body>\n<main class=\"chainrule\">\n" + out + "</main>\n"
                + "<script>\n" + RENDER + "</script>\n</body>\n</html>\n";
    }

    /** KaTeX's stylesheet with each font's sources replaced by its woff2 file as a data: URL. */
    static String katexCss() {
        String css = resource(KATEX + "katex.min.css");
        Matcher m = Pattern.compile("src:url\\(fonts/([A-Za-z0-9_-]+)\\.woff2\\) format\\(\"woff2\"\\)[^;}]*").matcher(css);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            byte[] font = bytes(KATEX + "fonts/" + m.group(1) + ".woff2");
            m.appendReplacement(sb, Matcher.quoteReplacement("src:url(data:font/woff2;base64,"
                    + Base64.getEncoder().encodeToString(font) + ") format(\"woff2\")"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String resource(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8).replace("</script", "<\\/script");
    }

    private static byte[] bytes(String path) {
        try (InputStream in = HtmlDoc.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("KaTeX resource missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
