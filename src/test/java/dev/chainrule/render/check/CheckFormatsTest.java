package dev.chainrule.render.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.cli.CliTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --format latex|markdown|html}: the judged claims typeset, compiled, rendered. */
class CheckFormatsTest {
    private static final String[] CLAIMS = {"--claim", "w[1,1,1] = (yhat - y)*w[2,1,1]*x1", "--claim",
        "w[2,1,1] = (yhat - y)*a[1,1]", "--claim", "b[2,1] = -(yhat - y)"};

    @TempDir
    Path dir;

    private static String run(String... more) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(CLAIMS));
        args.addAll(List.of(more));
        CliTestSupport.Result r = CliTestSupport.run(args.toArray(String[]::new));
        assertEquals(1, r.exitCode(), r::describe); // two of the three claims are wrong
        return r.out();
    }

    @Test
    void latexTypesetsClaimVerdictCorrectResultAndDerivation() {
        String tex = run("--format", "latex");
        assertTrue(tex.chars().allMatch(c -> c < 128), "non-ASCII character in the LaTeX");
        assertTrue(tex.contains("\\subsection*{$\\partial L/\\partial w_{11}^{(1)}$"), tex);
        assertTrue(tex.contains("\\frac{\\partial L}{\\partial w_{11}^{(1)}} & = (\\hat{y} - y) w_{11}^{(2)} x_{1}"), tex);
        assertTrue(tex.contains("incorrect: missing factor"), tex);
        assertTrue(tex.contains("[z_{1}^{(1)} > 0]"), "the correct result has ReLU′");
        assertTrue(tex.contains("\\Rightarrow \\frac{\\partial L}{\\partial w_{11}^{(1)}}"), "the derivation's conclusion");
        assertTrue(tex.contains("&& \\text{\\small chain rule}"), "rules in the right-hand column");
        // the second judge in a student's words: its finding, not its method, timing or trial point
        assertTrue(tex.contains("Computer algebra finds your result and the gradient different, as the numbers do."), tex);
        assertFalse(tex.contains("Symja") || tex.matches("(?s).*\\d ms\\).*"), "internal words on a student's sheet");
        assertTrue(tex.contains("1 of 3 correct, 2 incorrect"), tex);
    }

    /** The first wrong line's factors are typeset as math; the text report keeps Symja's method and timing. */
    @Test
    void stepsSheetSetsTheFactorsAsMathAndLeavesTheJudgesInternalsToTheText() throws Exception {
        Path steps = dir.resolve("missing-relu.txt");
        Files.writeString(steps, "dL/dw[1,1,1]\n= dL/dyhat * dyhat/dz[2,1] * dz[2,1]/da[1,1] * dz[1,1]/dw[1,1,1]\n"
                + "= (yhat - y) * w[2,1,1] * x1\n", StandardCharsets.UTF_8);
        CliTestSupport.Result tex = CliTestSupport.run("check", "--steps", steps.toString(), "--format", "latex");
        assertEquals(1, tex.exitCode(), tex::describe);
        String factors = tex.out().lines().filter(l -> l.startsWith("Line 2's factors")).findFirst().orElseThrow();
        assertTrue(factors.contains("$") && factors.contains("\\hat{y}") && !factors.contains("ŷ"), factors);
        assertFalse(tex.out().contains("Symja"), "internal words on a student's sheet");
        // the diagnosis sentence sets its math as math, ∂L/∂w with a slash as in running text
        assertTrue(tex.out().contains("Line 2 is not $\\partial L/\\partial w_{11}^{(1)}$"), tex.out());
        assertTrue(tex.out().contains("the factor $\\operatorname{ReLU}"), tex.out());
        CliTestSupport.Result text = CliTestSupport.run("check", "--steps", steps.toString());
        assertTrue(text.out().contains("Symja: not equivalent"), text.out());
    }

    @Test
    void everyFormatCompilesOrRenders() throws Exception {
        List<String> problems = new ArrayList<>();
        if (DocumentTestSupport.onPath("pdflatex")) {
            problems.addAll(DocumentTestSupport.pdflatex(dir, "check", run("--format", "latex")));
            Path steps = Path.of(getClass().getResource("/homework/steps_sign_slip.txt").toURI());
            CliTestSupport.Result s = CliTestSupport.run("check", "--steps", steps.toString(), "--format", "latex");
            assertEquals(1, s.exitCode(), s::describe);
            assertTrue(s.out().contains("Worked steps, line 5"), s.out());
            problems.addAll(DocumentTestSupport.pdflatex(dir, "steps", s.out()));
            CliTestSupport.Result f = CliTestSupport.run("check", "--expr", "J = (t - z)^2; z = x1*w1 + x2*w2 + b",
                    "--wrt", "w1", "--claim", "-(t - z)*x1", "--format", "latex");
            assertEquals(1, f.exitCode(), f::describe);
            problems.addAll(DocumentTestSupport.pdflatex(dir, "freeform", f.out()));
            // worked steps on a network: every line, the first wrong one, the correct gradient
            CliTestSupport.Result n = CliTestSupport.run("check", "--steps", networkSteps().toString(), "--format", "latex");
            assertEquals(1, n.exitCode(), n::describe);
            assertTrue(n.out().chars().allMatch(c -> c < 128), "non-ASCII character in the LaTeX");
            problems.addAll(DocumentTestSupport.pdflatex(dir, "network-steps", n.out()));
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        if (DocumentTestSupport.chromium() != null) {
            DocumentTestSupport.renderedDom(dir, "check", run("--format", "html"));
            CliTestSupport.Result n = CliTestSupport.run("check", "--steps", networkSteps().toString(), "--format", "html");
            DocumentTestSupport.renderedDom(dir, "network-steps", n.out());
        }
    }

    private static Path networkSteps() throws Exception {
        return Path.of(CheckFormatsTest.class.getResource("/homework/steps-net/xor_w111_wrong_then_right.txt").toURI());
    }

    @Test
    void aWrongStepLineIsNotTypesetAsAnEquationOfTheLineBefore() throws Exception {
        Path steps = Path.of(getClass().getResource("/homework/steps_sign_slip.txt").toURI());
        CliTestSupport.Result wrong = CliTestSupport.run("check", "--steps", steps.toString(), "--format", "latex", "--no-symbolic");
        assertEquals(1, wrong.exitCode(), wrong::describe);
        String tex = wrong.out();
        int shown = tex.indexOf("The line before, and this line:");
        assertTrue(shown >= 0, tex);
        String display = tex.substring(shown, tex.indexOf("\\end{align*}", shown));
        assertFalse(display.contains("&= ") || display.contains("& = "), "before = this would be a false equation: " + display);
        assertTrue(display.contains("the line before") && display.contains("does not follow"), display);
        // the other side of the border: a claim is still typeset as the equation it states
        CliTestSupport.Result claim = CliTestSupport.run("check", "--claim", "b[2,1] = yhat - y", "--format", "latex", "--no-symbolic");
        assertTrue(claim.out().contains("Your answer:"), claim::describe);
    }

    @Test
    void networkStepsHtmlHasTheGoalsGraph() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("check", "--steps", networkSteps().toString(), "--format", "html", "--no-symbolic");
        assertEquals(1, r.exitCode(), r::describe);
        assertEquals(1, r.out().split("class=\"computation-graph\"", -1).length - 1, "the goal's computational graph");
        assertTrue(r.out().contains("violet: the path from w₁₁⁽¹⁾ to L"), "the caption names the goal's parameter");
        assertTrue(r.out().contains("first wrong line"), r.out());
    }

    @Test
    void markdownHasDisplayMathAndTheVerdicts() {
        String md = run("--format", "markdown");
        assertTrue(md.contains("$$"), md);
        assertTrue(md.contains("\\frac{\\partial L}{\\partial w_{11}^{(1)}}"), md);
        assertTrue(md.contains("✓ correct") && md.contains("✗ incorrect: sign"), md);
    }

    @Test
    void htmlIsSelfContained() {
        String html = run("--format", "html");
        assertTrue(html.contains("<html"));
        DocumentTestSupport.assertMathMlPage("check", html);
        assertTrue(run("--format", "html", "--math", "katex").contains("katex.render("), "--math katex: KaTeX inlined");
        assertFalse(html.contains("cdn.jsdelivr") || html.contains("src=\"http"), "no network at view time");
        // a picture per claimed parameter: the computational graph with its path in violet
        assertEquals(3, html.split("class=\"computation-graph\"", -1).length - 1, "three claims on three parameters, three graphs");
        assertTrue(html.contains("violet: the path from w₁₁⁽¹⁾ to L"), "the caption names the claim's parameter");
    }

    @Test
    void userTextInAClaimIsEscaped() throws Exception {
        Path spec = dir.resolve("net.yaml");
        Files.writeString(spec, """
                inputs: [x1]
                layers:
                  - {units: 1, activation: identity, weights: [[0.5]], biases: [0]}
                loss: se
                data:
                  - {x: [2], y: [1]}
                """);
        CliTestSupport.Result r = CliTestSupport.run("check", spec.toString(), "--claim", "w[1,1,1] = 2*(yhat - y)*x1",
                "--format", "html");
        assertEquals(0, r.exitCode(), r::describe);
        assertFalse(r.out().contains("<script>alert"), r.out());
        assertTrue(r.out().contains(spec.getFileName().toString()), "the title names the spec");
    }
}
