package dev.chainrule.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.spec.BuiltinExamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --format html}: one self-contained page (no network needed) whose math KaTeX renders in
 * headless Chromium, with the SVG network diagram; user text escaped. The browser test is skipped only where
 * chromium is not installed.
 */
class HtmlRenderTest {
    @TempDir
    Path dir;

    private static String page() {
        return ExplainHtmlRenderer.render(DocumentTestSupport.explain(BuiltinExamples.xor()), false);
    }

    @Test
    void thePageIsSelfContained() {
        String html = page();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("katex.render("), "KaTeX render call");
        assertTrue(html.contains("data:font/woff2;base64,"), "fonts embedded");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:|//)").matcher(html).find(), "a network reference");
        assertFalse(html.contains("url(fonts/"), "a font left as a relative URL");
        assertTrue(html.length() < 1_500_000, "page size " + html.length());
        assertTrue(html.contains("<svg") && html.contains("class=\"network-diagram\""));
    }

    @Test
    void userTextIsEscaped() {
        String html = ExplainHtmlRenderer.render(DocumentTestSupport.explain(DocumentTestSupport.hostile()), false);
        assertFalse(html.contains("<script>alert"), "script injection");
        assertTrue(html.contains("&lt;script&gt;alert"));
    }

    @Test
    void theDiagramColoursEdgesByTheGradientsSign() {
        NetworkExplanation x = DocumentTestSupport.explain(BuiltinExamples.xor());
        String svg = SvgNetworkDiagram.svg(x);
        assertTrue(svg.contains("#2563eb") && svg.contains("#dc2626"), "blue and red edges");
        assertTrue(svg.contains("stroke-dasharray"), "the kink of w[1,2,1] is marked");
        assertTrue(svg.contains("∂L/∂w"));
    }

    @Test
    void katexRendersEveryFormulaInHeadlessChromium() throws Exception {
        String chromium = DocumentTestSupport.onPath("chromium") ? "chromium" : "chromium-browser";
        assumeTrue(DocumentTestSupport.onPath(chromium), "chromium is not installed");
        Path file = dir.resolve("xor.html");
        Files.writeString(file, page(), StandardCharsets.UTF_8);
        Path profile = Files.createDirectory(dir.resolve("profile"));
        DocumentTestSupport.Ran r = DocumentTestSupport.run(dir, 120, chromium, "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                file.toUri().toString());
        String dom = r.output();
        assertTrue(r.exit() == 0 && dom.contains("</html>"), () -> "chromium failed: " + dom.substring(0, Math.min(2000, dom.length())));
        assertTrue(dom.contains("class=\"katex\""), "no KaTeX output in the DOM");
        assertFalse(dom.contains("class=\"katex-error\""), "KaTeX reported an error");
        assertTrue(dom.contains("<svg"), "no SVG");
        // raw LaTeX may remain only in KaTeX's annotation elements (and the inlined script)
        String text = dom.replaceAll("(?s)<annotation[^>]*>.*?</annotation>", "")
                .replaceAll("(?s)<script[^>]*>.*?</script>", "")
                .replaceAll("(?s)<style[^>]*>.*?</style>", "");
        assertFalse(text.contains("math-error"), "a formula failed to render");
        assertFalse(text.contains("\\frac"), "unrendered \\frac in the page");
        assertFalse(text.contains("\\begin{aligned}"), "unrendered display math in the page");
    }
}
