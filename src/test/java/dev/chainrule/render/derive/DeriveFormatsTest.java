package dev.chainrule.render.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.cli.CliTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code derive --format latex|markdown|html}: the freeform derivation in the document formats. */
class DeriveFormatsTest {
    private static final String[] CHAIN = {"derive", "L = (a - t)^2; a = relu(z); z = w*x + b", "--wrt", "w,b",
        "--at", "w=0.5,x=2,b=0,t=1"};

    @TempDir
    Path dir;

    private static String run(String format, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--format";
        all[args.length + 1] = format;
        CliTestSupport.Result r = CliTestSupport.run(all);
        assertEquals(0, r.exitCode(), r::describe);
        return r.out();
    }

    @Test
    void latexHasTheChainTheLocalsAndTheCheck() {
        String tex = run("latex", CHAIN);
        assertTrue(tex.contains("\\documentclass") && tex.contains("\\begin{align*}"));
        assertTrue(tex.contains("\\frac{\\partial L}{\\partial a} \\cdot \\frac{\\partial a}{\\partial z}"), tex);
        assertTrue(tex.contains("&& \\text{\\small chain rule}"));
        assertTrue(tex.contains("[z > 0]"));
        assertTrue(tex.contains("\\toprule") && tex.contains("pass"));
        assertTrue(tex.chars().allMatch(c -> c < 128), "non-ASCII in LaTeX");
    }

    @Test
    void latexCompiles() throws Exception {
        assumeTrue(DocumentTestSupport.onPath("pdflatex"), "pdflatex is not installed");
        String[][] cases = {CHAIN, {"derive", "(t - (w1*x1 + w2*x2 + b))^2", "--wrt", "w1,b", "--at", "t=2,w1=1,w2=0,b=2,x1=1,x2=0"},
            {"derive", "log(1 + exp(-y*(w1*x1 + w2*x2 + w3*x3 + w4*x4 + w5*x5 + w6*x6 + b)))", "--wrt", "w1"}};
        int i = 0;
        for (String[] c : cases) {
            String name = "d" + i++;
            Files.writeString(dir.resolve(name + ".tex"), run("latex", c), StandardCharsets.UTF_8);
            DocumentTestSupport.Ran r = DocumentTestSupport.run(dir, 300, "pdflatex", "-interaction=nonstopmode",
                    "-halt-on-error", "-no-shell-escape", name + ".tex");
            String log = Files.readString(dir.resolve(name + ".log"), StandardCharsets.ISO_8859_1);
            assertEquals(0, r.exit(), () -> log.substring(Math.max(0, log.indexOf("\n!"))));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Overfull \\\\hbox \\(([0-9.]+)pt").matcher(log);
            while (m.find()) {
                assertTrue(Double.parseDouble(m.group(1)) <= 5, name + ": " + m.group());
            }
        }
    }

    @Test
    void markdownAndHtml() {
        String md = run("markdown", CHAIN);
        assertTrue(md.contains("$$\n\\begin{aligned}") && !md.contains("align*"));
        String html = run("html", CHAIN);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("class=\"math display\""));
        assertFalse(html.contains("<script>alert"));
    }
}
