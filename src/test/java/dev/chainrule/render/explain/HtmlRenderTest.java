package dev.chainrule.render.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.render.doc.HtmlMath;
import dev.chainrule.derive.Steps;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.spec.BuiltinExamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --format html}: one self-contained page (no network needed), its math MathML (no script) or, with
 * --math katex, LaTeX that the inlined KaTeX renders in headless Chromium; the SVG network diagram; user text
 * escaped. The browser tests are skipped only where chromium is not installed.
 */
class HtmlRenderTest {
    @TempDir
    Path dir;

    private static String page() {
        return Formats.EXPLAIN.render(Format.HTML, DocumentTestSupport.explain(BuiltinExamples.xor()), FormatTable.Options.of(false));
    }

    private static String katexPage() {
        return Formats.EXPLAIN.render(Format.HTML, DocumentTestSupport.explain(BuiltinExamples.xor()),
                new FormatTable.Options(false, Steps.Detail.FULL, HtmlMath.KATEX));
    }

    @Test
    void thePageIsSelfContained() {
        String html = page();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        DocumentTestSupport.assertMathMlPage("xor", html);
        assertTrue(html.contains("<div class=\"math display\"><table class=\"display\">"), "display math as a table");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:|//)").matcher(html).find(), "a network reference");
        assertTrue(html.length() < 400_000, "page size " + html.length());
        assertTrue(html.contains("<svg") && html.contains("class=\"network-diagram\""));
        assertTrue(html.contains("class=\"computation-graph\"") && html.contains("<figcaption>"), "the computational graph");
        assertTrue(html.indexOf("class=\"computation-graph\"") > html.indexOf("<h2>Every gradient"), "with the gradient tables");
    }

    @Test
    void withKatexThePageInlinesItsScriptAndFonts() {
        String html = katexPage();
        assertTrue(html.contains("katex.render("), "KaTeX render call");
        assertTrue(html.contains("data:font/woff2;base64,"), "fonts embedded");
        assertFalse(html.contains("url(fonts/"), "a font left as a relative URL");
        assertFalse(html.contains("<math"), "no MathML");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:|//)").matcher(html).find(), "a network reference");
        assertTrue(html.length() < 1_500_000, "page size " + html.length());
    }

    @Test
    void userTextIsEscaped() {
        String html = Formats.EXPLAIN.render(Format.HTML, DocumentTestSupport.explain(DocumentTestSupport.hostile()), FormatTable.Options.of(false));
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
        assumeTrue(DocumentTestSupport.chromium() != null, "chromium is not installed");
        String dom = DocumentTestSupport.renderedDom(dir, "xor", katexPage());
        assertTrue(dom.contains("<svg"), "no SVG");
        assertTrue(dom.contains("class=\"computation-graph\""), "no computational graph in the rendered page");
    }
}
