package dev.chainrule.render.train;

import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.expr.Fmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecError;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.train.TrainConfig;
import dev.chainrule.train.TrainResult;
import dev.chainrule.train.Trainer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --format latex|markdown|html}: the LaTeX compiles with plain pdflatex (no overfull box over 5pt) for
 * every optimizer, a long run and a hostile name; Markdown uses $$ blocks; the HTML page is self-contained and
 * inlines the loss curve as SVG; the numbers are those of the JSON output. pdflatex and chromium tests are skipped
 * only where the tool is not installed.
 */
class TrainFormatsTest {
    private static final String XOR = "notes/xor-relu-sigmoid-bce.yaml";

    @TempDir
    Path dir;

    private static TrainResult train(NetworkSpec spec, int epochs, int batch, String optimizer, int show) {
        TrainConfig c = new TrainConfig(epochs, batch, optimizer, spec.learningRate(), 0.9, 0.9, 0.999, 1e-8,
                OptionalLong.empty(), show);
        return new Trainer(spec).train(c);
    }

    private static NetworkSpec xor() {
        return SpecLoader.load(Path.of(XOR));
    }

    @Test
    void latexCompilesForEveryOptimizerAndAHostileName() throws Exception {
        assumeTrue(DocumentTestSupport.onPath("pdflatex"), "pdflatex is not installed");
        List<String> problems = new ArrayList<>();
        for (String opt : new String[] {"sgd", "momentum", "adam"}) {
            problems.addAll(DocumentTestSupport.pdflatex(dir, "xor-" + opt,
                    Formats.TRAIN.render(Format.LATEX, train(xor(), 20, 0, opt, 2), FormatTable.Options.of(false))));
        }
        // per-sample steps on a 3-layer network with inputs x_1…, a long run (the epoch table thinned out)
        NetworkSpec leaky = SpecLoader.parse(DocumentTestSupport.LEAKY, "leaky.yaml");
        problems.addAll(DocumentTestSupport.pdflatex(dir, "leaky-adam",
                Formats.TRAIN.render(Format.LATEX, train(leaky, 1000, 1, "adam", 3), FormatTable.Options.of(false))));
        problems.addAll(DocumentTestSupport.pdflatex(dir, "hostile",
                Formats.TRAIN.render(Format.LATEX, train(DocumentTestSupport.hostile(), 5, 2, "momentum", 1), FormatTable.Options.of(false))));
        Files.writeString(dir.resolve("fragment.tex"), Formats.TRAIN.render(Format.LATEX, train(xor(), 3, 0, "sgd", 1), FormatTable.Options.of(true)),
                StandardCharsets.UTF_8);
        problems.addAll(DocumentTestSupport.pdflatex(dir, "host", "\\documentclass{article}\n"
                + "\\usepackage{amsmath,amssymb,booktabs}\n\\usepackage[margin=2.2cm]{geometry}\n"
                + "\\begin{document}\nMy notes.\n\\input{fragment}\n\\end{document}\n"));
        // the same fragment in a host that loads pgfplots draws the curve
        problems.addAll(DocumentTestSupport.pdflatex(dir, "host-pgfplots", "\\documentclass[12pt]{article}\n"
                + "\\usepackage{amsmath,amssymb,booktabs,pgfplots}\n\\begin{document}\n\\input{fragment}\n\\end{document}\n"));
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        assertTrue(Files.readString(dir.resolve("host-pgfplots.log"), StandardCharsets.ISO_8859_1).contains("pgfplots"));
    }

    /** The LaTeX report draws the loss curve from its numbers: every epoch of a short run, a thinned long one. */
    @Test
    void latexHasTheLossCurveAsAPgfplotsFigure() {
        TrainResult r = train(xor(), 20, 0, "sgd", 1);
        String tex = Formats.TRAIN.render(Format.LATEX, r, FormatTable.Options.of(false));
        assertTrue(tex.contains("\\usepackage{pgfplots}") && tex.contains("\\begin{axis}"), "the figure");
        String coordinates = tex.substring(tex.indexOf("coordinates {"), tex.indexOf("};", tex.indexOf("coordinates {")));
        assertEquals(21, coordinates.chars().filter(c -> c == '(').count(), "epoch 0 and each of 20 epochs");
        String first = "(0," + new java.math.BigDecimal(r.initialLoss()).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString() + ")";
        assertTrue(coordinates.contains(first), first + " in " + coordinates);
        assertTrue(coordinates.contains("(20," ), "the last epoch");
        TrainResult longRun = train(xor(), 2000, 0, "sgd", 1);
        String longTex = Formats.TRAIN.render(Format.LATEX, longRun, FormatTable.Options.of(false));
        String longCoordinates = longTex.substring(longTex.indexOf("coordinates {"));
        long points = longCoordinates.substring(0, longCoordinates.indexOf("};")).chars().filter(c -> c == '(').count();
        assertTrue(points > 300 && points <= TrainPgfplot.POINTS + 2, points + " points of 2000 epochs");
        assertTrue(longCoordinates.contains("(2000,"), "the last epoch kept");
        String fragment = Formats.TRAIN.render(Format.LATEX, r, FormatTable.Options.of(true));
        assertFalse(fragment.contains("\\usepackage"), "a fragment loads nothing");
        assertTrue(fragment.lines().findFirst().orElse("").contains("chainrule train")
                && fragment.contains("pgfplots"), "the fragment says it wants pgfplots");
        dev.chainrule.render.doc.LatexDoc plain = new dev.chainrule.render.doc.LatexDoc(false);
        plain.paragraph(dev.chainrule.render.doc.MathDoc.text("no figure"));
        assertFalse(plain.finish().contains("pgfplots"), "a document without a figure does not load pgfplots");
    }

    @Test
    void latexWritesTheRuleAndTheStepsWithNumbers() {
        String sgd = Formats.TRAIN.render(Format.LATEX, train(xor(), 2, 0, "sgd", 1), FormatTable.Options.of(false));
        assertTrue(sgd.chars().allMatch(c -> c < 128), "non-ASCII character in the LaTeX");
        assertTrue(sgd.contains("p & \\leftarrow p - \\eta\\, \\frac{\\partial L}{\\partial p}"), sgd);
        assertTrue(sgd.contains("w_{11}^{(1)} & \\leftarrow w_{11}^{(1)} - \\eta\\, \\frac{\\partial L}{\\partial "
                + "w_{11}^{(1)}} = 1 - 0.1\\cdot(0.115529) = 0.988447"), sgd);
        assertTrue(sgd.contains("\\begin{align*}") && sgd.contains("\\toprule"));
        String mom = Formats.TRAIN.render(Format.LATEX, train(xor(), 2, 0, "momentum", 2), FormatTable.Options.of(false));
        assertTrue(mom.contains("v & \\leftarrow \\mu v + g \\\\\n") && mom.contains("p & \\leftarrow p - \\eta v"), mom);
        assertTrue(mom.contains("v & \\leftarrow \\mu v + g = 0.9\\cdot(0.115529) + (0.105184) = 0.20916"), mom);
        String adam = Formats.TRAIN.render(Format.LATEX, train(xor(), 2, 0, "adam", 1), FormatTable.Options.of(false));
        assertTrue(adam.contains("\\hat m & = \\frac{m}{1 - \\beta_1^{t}}"), adam);
        assertTrue(adam.contains("m & \\leftarrow \\beta_1 m + (1 - \\beta_1)\\, g = 0.9\\cdot(0) + (1 - 0.9)\\cdot"
                + "(0.115529) = 0.0115529"), adam);
        assertTrue(adam.contains("= \\frac{0.0115529}{1 - 0.9^{1}} = 0.115529"), adam);
        assertTrue(adam.contains("= 1 - 0.1\\cdot\\frac{0.115529}{\\sqrt{0.013347} + 10^{-8}} = 0.9"), adam);
    }

    /** The first update of the built-in XOR network and the final parameters, as the JSON output gives them. */
    @Test
    void theLatexNumbersAreTheJsonNumbers() throws Exception {
        String[] args = {"train", "--epochs", "3", "--show-steps", "1"};
        CliTestSupport.Result json = CliTestSupport.run(concat(args, "--format", "json"));
        CliTestSupport.Result latex = CliTestSupport.run(concat(args, "--format", "latex"));
        CliTestSupport.assertExit(0, json);
        CliTestSupport.assertExit(0, latex);
        JsonNode j = new ObjectMapper().readTree(json.out());
        JsonNode first = j.get("steps").get(0).get("updates").get(0);
        assertEquals("w[1,1,1]", first.get("param").asText());
        String row = "w_{11}^{(1)} & \\leftarrow w_{11}^{(1)} - \\eta\\, \\frac{\\partial L}{\\partial w_{11}^{(1)}} = "
                + n(first.get("before")) + " - " + n(j.get("optimizer").get("learning_rate")) + "\\cdot("
                + n(first.get("gradient")) + ") = " + n(first.get("after"));
        assertTrue(latex.out().contains(row), row + "\n" + latex.out());
        for (JsonNode p : j.get("parameters")) {
            assertTrue(latex.out().contains(n(p.get("value"))), p.toString());
        }
        for (JsonNode e : j.get("epochs")) {
            assertTrue(latex.out().contains(n(e.get("loss"))), e.toString());
        }
    }

    private static String n(JsonNode v) {
        return Fmt.num(v.asDouble(), 6).replace('−', '-');
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void markdownHasDisplayMathAndTables() {
        String md = Formats.TRAIN.render(Format.MARKDOWN, train(xor(), 40, 0, "adam", 1), FormatTable.Options.of(false));
        assertTrue(md.contains("$$\n\\begin{aligned}\n"), md);
        assertFalse(md.contains("align*"));
        assertTrue(md.contains("| epoch | $L$ | $\\lVert \\nabla L \\rVert$ |"), md);
        assertTrue(md.contains("| parameter | initial | final |"), md);
        assertTrue(md.contains("Shown: epochs 0 to 5, then every multiple of 2; --format json lists all 40."), md);
        String hostile = Formats.TRAIN.render(Format.MARKDOWN, train(DocumentTestSupport.hostile(), 2, 0, "sgd", 1), FormatTable.Options.of(false));
        assertFalse(hostile.contains("<script>"), "HTML got through");
        assertTrue(hostile.contains("\\<script\\>"));
    }

    @Test
    void htmlIsSelfContainedWithTheLossCurveInline() {
        String html = Formats.TRAIN.render(Format.HTML, train(xor(), 30, 0, "momentum", 1), FormatTable.Options.of(false));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        DocumentTestSupport.assertMathMlPage("train", html);
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:|//)").matcher(html).find(), "a network reference");
        assertFalse(Pattern.compile("https?://[^\\s\"')]*(cdn|jsdelivr|unpkg)").matcher(html).find(), "a CDN");
        int figure = html.indexOf("<figure");
        assertTrue(figure > 0 && html.indexOf("<svg", figure) == html.indexOf('>', figure) + 1, "the loss curve inline");
        assertTrue(html.indexOf("<path", figure) > 0, "the curve drawn");
        assertTrue(html.length() < 1_500_000, "page size " + html.length());
        assertFalse(html.contains("<?xml") || html.contains("<!DOCTYPE svg"), "the SVG's document prologue");
        String hostile = Formats.TRAIN.render(Format.HTML, train(DocumentTestSupport.hostile(), 2, 0, "sgd", 1), FormatTable.Options.of(false));
        assertFalse(hostile.contains("<script>alert"), "script injection");
        assertTrue(hostile.contains("&lt;script&gt;alert"));
    }

    @Test
    void theMathRendersInHeadlessChromium() throws Exception {
        assumeTrue(DocumentTestSupport.chromium() != null, "chromium is not installed");
        DocumentTestSupport.renderedDom(dir, "train", Formats.TRAIN.render(Format.HTML, train(xor(), 20, 0, "adam", 1), FormatTable.Options.of(false)));
    }

    /** Input names are identifiers (the spec loader refuses anything else); underscores reach LaTeX escaped. */
    @Test
    void inputNamesAreEscaped() {
        String yaml = BuiltinExamples.xorYaml().replaceAll("(?m)^inputs:.*$", "inputs: [odd_input_name, x_2]");
        NetworkSpec spec = SpecLoader.parse(yaml, "names.yaml");
        String tex = Formats.TRAIN.render(Format.LATEX, train(spec, 2, 1, "sgd", 1), FormatTable.Options.of(false));
        assertTrue(tex.contains("$\\mathit{odd\\_input\\_name}$") && tex.contains("$x_{2}$"), tex);
        String bad = BuiltinExamples.xorYaml().replaceAll("(?m)^inputs:.*$", "inputs: ['x_1&\\\\input', x2]");
        assertThrows(SpecError.class, () -> SpecLoader.parse(bad, "bad.yaml"));
    }

    @Test
    void longRunsListASubsetOfEpochs() {
        List<TrainResult.Epoch> all = new ArrayList<>();
        for (int e = 1; e <= 1003; e++) {
            all.add(new TrainResult.Epoch(e, 1.0 / e, 1.0));
        }
        List<Integer> shown = EpochSelection.of(all, 30, 5).stream().map(TrainResult.Epoch::epoch).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 50, 100), shown.subList(0, 7));
        assertEquals(1000, shown.get(shown.size() - 2));
        assertEquals(1003, shown.get(shown.size() - 1));
        assertTrue(shown.size() <= 30, shown.toString());
        assertEquals(all.subList(0, 30), EpochSelection.of(all.subList(0, 30), 30, 5), "a short run in full");
    }
}
