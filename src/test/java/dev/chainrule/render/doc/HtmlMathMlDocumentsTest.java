package dev.chainrule.render.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.cli.CliTestSupport;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.render.Formats;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every HTML document the commands write, with the default MathML: no script, each {@code <math>} well-formed,
 * no LaTeX command left in the text (a converter gap would throw before that). explain on every notes/*.yaml,
 * derive, check (claims and worked steps), train; and, where chromium is installed, the page as a browser with
 * JavaScript off shows it.
 */
class HtmlMathMlDocumentsTest {
    @TempDir
    Path dir;

    private static String out(int exit, String... args) {
        CliTestSupport.Result r = CliTestSupport.run(args);
        assertEquals(exit, r.exitCode(), r::describe);
        return r.out();
    }

    @Test
    void explainOfEveryExample() throws Exception {
        for (Map.Entry<String, NetworkSpec> e : DocumentTestSupport.examples().entrySet()) {
            String html = Formats.EXPLAIN.render(Format.HTML, DocumentTestSupport.explain(e.getValue()),
                    FormatTable.Options.of(false));
            DocumentTestSupport.assertMathMlPage(e.getKey(), html);
        }
        DocumentTestSupport.assertMathMlPage("hostile", Formats.EXPLAIN.render(Format.HTML,
                DocumentTestSupport.explain(DocumentTestSupport.hostile()), FormatTable.Options.of(false)).replace(
                        HtmlDoc.escape(DocumentTestSupport.HOSTILE_NAME), ""));
    }

    @Test
    void explainBriefAndAFragment() {
        DocumentTestSupport.assertMathMlPage("brief", out(0, "explain", "notes/xor-relu-sigmoid-bce.yaml", "--brief",
                "--format", "html"));
        String fragment = out(0, "explain", "notes/relu-exercise.yaml", "--format", "html", "--fragment");
        DocumentTestSupport.assertMathMlPage("fragment", fragment);
        assertFalse(fragment.contains("<html") || fragment.contains("<style"), "a fragment is not a page");
        assertTrue(fragment.startsWith("<!-- chainrule explain --format html --fragment: math is MathML Core"), fragment);
    }

    @Test
    void derive() {
        String[][] cases = {
            {"derive", "L = (a - t)^2; a = relu(z); z = w*x + b", "--wrt", "w,b", "--at", "w=0.5,x=2,b=0,t=1"},
            {"derive", "(t - (w1*x1 + w2*x2 + b))^2", "--wrt", "w1,b", "--at", "t=2,w1=1,w2=0,b=2,x1=1,x2=0"},
            {"derive", "log(1 + exp(-y*(w1*x1 + w2*x2 + w3*x3 + w4*x4 + w5*x5 + w6*x6 + b)))", "--wrt", "w1"},
            {"derive", "leaky_relu(w*x, 0.1) + sqrt(abs(w)) + tanh(w)/sigmoid(w)", "--wrt", "w"}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c));
            args.addAll(List.of("--format", "html"));
            DocumentTestSupport.assertMathMlPage(c[1], out(0, args.toArray(String[]::new)));
        }
    }

    @Test
    void checkClaimsAndWorkedSteps() throws Exception {
        DocumentTestSupport.assertMathMlPage("claims", out(1, "check", "--claim", "w[1,1,1] = (yhat - y)*w[2,1,1]*x1",
                "--claim", "w[2,1,1] = (yhat - y)*a[1,1]", "--claim", "b[2,1] = -(yhat - y)", "--format", "html"));
        DocumentTestSupport.assertMathMlPage("freeform", out(1, "check", "--expr", "(t - (w*x + b))^2", "--wrt", "w",
                "--claim", "-(t - (w*x + b))*x", "--format", "html"));
        Path homework = Path.of(getClass().getResource("/homework/steps_sign_slip.txt").toURI()).getParent();
        List<Path> steps;
        try (Stream<Path> s = Stream.concat(Files.list(homework), Files.list(homework.resolve("steps-net")))) {
            steps = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(steps.size() > 10, steps.toString());
        for (Path p : steps) {
            List<String> args = new ArrayList<>(List.of("check"));
            String f = p.getFileName().toString();
            // the network each worked solution is for, as NetworkStepsCorpusTest pairs them (xor_: the built-in one)
            String spec = f.startsWith("sig_se_") ? "sigmoid_221_se.yaml" : f.startsWith("two_outputs_") ? "two_outputs.yaml"
                    : f.startsWith("softmax_ce_") ? "softmax_ce.yaml" : f.startsWith("tanh_") ? "steps-net/tanh_221_half_se.yaml" : "";
            if (!spec.isEmpty()) {
                args.add(homework.resolve(spec).toString());
            }
            args.addAll(List.of("--steps", p.toString(), "--format", "html", "--no-symbolic"));
            if (f.contains("sample1")) {
                args.addAll(List.of("--sample", "1"));
            }
            CliTestSupport.Result r = CliTestSupport.run(args.toArray(String[]::new));
            assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r::describe);
            DocumentTestSupport.assertMathMlPage(p.getFileName().toString(), r.out());
        }
    }

    @Test
    void train() {
        for (String optimizer : List.of("sgd", "momentum", "adam")) {
            DocumentTestSupport.assertMathMlPage(optimizer, out(0, "train", "notes/xor-relu-sigmoid-bce.yaml", "--epochs", "3",
                    "--optimizer", optimizer, "--format", "html"));
        }
    }

    @Test
    void mathIsAnOptionOfTheHtmlPageOnly() {
        assertTrue(out(0, "explain", "--format", "html", "--math", "katex").contains("katex.render("));
        assertTrue(out(0, "explain", "--format", "html", "--math", "mathml").contains("<math"));
        for (String[] bad : new String[][] {{"explain", "--format", "latex", "--math", "katex"},
            {"explain", "--format", "html", "--math", "mathjax"}, {"train", "notes/one-d-identity.yaml", "--epochs", "1",
                "--math", "katex"}}) {
            CliTestSupport.Result r = CliTestSupport.run(bad);
            assertEquals(2, r.exitCode(), r::describe);
            CliTestSupport.assertOneLineError(r);
            assertTrue(r.err().contains("--math"), r::describe);
        }
    }

    /** The XOR page in headless Chromium with JavaScript off: the math is drawn (ink where it stands). */
    @Test
    void aBrowserWithoutJavaScriptShowsTheMath() throws Exception {
        assumeTrue(DocumentTestSupport.chromium() != null, "chromium is not installed");
        BufferedImage page = DocumentTestSupport.screenshot(dir, "xor", out(0, "explain", "notes/xor-relu-sigmoid-bce.yaml",
                "--format", "html"), 1200, 3000);
        assertTrue(ink(page) > 0.003, "the page is (nearly) blank: " + ink(page));
        // one display on its own: a fraction is drawn as two lines of ink with a bar between them
        String one = "<!DOCTYPE html><html><body style=\"margin:0;font-size:40px\">"
                + "<math display=\"block\">" + MathMl.convert("\\frac{\\partial L}{\\partial w_{11}^{(1)}} = \\sigma '(z)")
                + "</math></body></html>";
        BufferedImage fraction = DocumentTestSupport.screenshot(dir, "fraction", one, 600, 300);
        int[] rows = inkRows(fraction);
        assertTrue(rows[1] - rows[0] > 60, "the fraction's height in pixels: " + (rows[1] - rows[0]));
    }

    /** The share of pixels darker than mid-grey. */
    private static double ink(BufferedImage img) {
        long dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                dark += dark(img.getRGB(x, y)) ? 1 : 0;
            }
        }
        return (double) dark / ((long) img.getWidth() * img.getHeight());
    }

    /** The first and last pixel row with ink. */
    private static int[] inkRows(BufferedImage img) {
        int first = -1;
        int last = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (dark(img.getRGB(x, y))) {
                    first = first < 0 ? y : first;
                    last = y;
                    break;
                }
            }
        }
        return new int[] {first, last};
    }

    private static boolean dark(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return r + g + b < 3 * 128;
    }
}
