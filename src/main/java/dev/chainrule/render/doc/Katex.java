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
 * The page's math for {@code --math katex}: elements of class {@code math} holding HTML-escaped LaTeX that a small
 * script hands to {@code katex.render} (no delimiter scanning, so a {@code $} or {@code \(} in a user's name stays
 * text), with KaTeX's script and stylesheet inlined and its woff2 fonts embedded as data: URLs, so that the page
 * renders with no network access.
 */
final class Katex {
    private Katex() {
    }

    static final String DIST = "META-INF/resources/webjars/katex/0.16.4/dist/";

    static String span(String latex) {
        return "<span class=\"math\">" + HtmlDoc.escape(latex) + "</span>";
    }

    /** Display rows as one aligned environment, the rule in a right-hand text column. */
    static String display(List<MathDoc.Row> rows) {
        StringBuilder tex = new StringBuilder("\\begin{aligned}\n");
        for (int i = 0; i < rows.size(); i++) {
            MathDoc.Row r = rows.get(i);
            tex.append(r.lhs()).append(" &").append(r.body().isEmpty() ? "" : " " + r.body());
            if (!r.label().isEmpty()) {
                tex.append(" && \\qquad\\text{").append(LatexDoc.inline(MathDoc.marked(r.label()))).append('}');
            }
            if (i < rows.size() - 1) {
                tex.append(rows.get(i + 1).gap() ? " \\\\[1ex]" : " \\\\");
            }
            tex.append('\n');
        }
        tex.append("\\end{aligned}");
        return "<div class=\"math display\">" + HtmlDoc.escape(tex.toString()) + "</div>\n";
    }

    /** What the page's head holds: the stylesheet with its fonts, and the script. */
    static String head() {
        return "<style>\n" + css() + "\n</style>\n<script>\n" + resource(DIST + "katex.min.js") + "\n</script>\n";
    }

    /** The script at the end of the body that typesets each math element. */
    static String render() {
        return "<script>\n" + RENDER + "</script>\n";
    }

    private static final String RENDER = """
            document.querySelectorAll('.math').forEach(function (el) {
              try {
                katex.render(el.textContent, el, {displayMode: el.classList.contains('display'), throwOnError: false});
              } catch (e) { el.classList.add('math-error'); }
            });
            """;

    /** KaTeX's stylesheet with each font's sources replaced by its woff2 file as a data: URL. */
    static String css() {
        String css = resource(DIST + "katex.min.css");
        Matcher m = Pattern.compile("src:url\\(fonts/([A-Za-z0-9_-]+)\\.woff2\\) format\\(\"woff2\"\\)[^;}]*").matcher(css);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            byte[] font = bytes(DIST + "fonts/" + m.group(1) + ".woff2");
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
        try (InputStream in = Katex.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("KaTeX resource missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
