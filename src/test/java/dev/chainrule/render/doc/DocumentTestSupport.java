package dev.chainrule.render.doc;

import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Explanations of the notes' examples and of hostile specs, and a way to run external tools. */
public final class DocumentTestSupport {
    private DocumentTestSupport() {
    }

    public static NetworkExplanation explain(NetworkSpec spec) {
        return new NetworkAnalysis(spec).explain(List.of(), Optional.empty(), CheckMode.ALL, 1);
    }

    /** The built-in XOR network and every notes/*.yaml, by name. */
    public static Map<String, NetworkSpec> examples() throws IOException {
        Map<String, NetworkSpec> out = new LinkedHashMap<>();
        out.put("builtin-xor", BuiltinExamples.xor());
        out.put("softmax-tanh-ce", SpecLoader.parse(SOFTMAX, "softmax.yaml"));
        out.put("leaky-relu-half-se", SpecLoader.parse(LEAKY, "leaky.yaml"));
        Path notes = Path.of("notes");
        if (Files.isDirectory(notes)) {
            try (Stream<Path> files = Files.list(notes)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    out.put(f.getFileName().toString().replace(".yaml", ""), SpecLoader.load(f));
                }
            }
        }
        return out;
    }

    /** tanh hidden layer, softmax output, cross-entropy: the softmax rule and Σ y = 1 in the output δ. */
    public static final String SOFTMAX = """
            name: softmax & tanh, 100% of it
            inputs: [x1, x2]
            outputs: [p1, p2, p3]
            layers:
              - units: 3
                activation: tanh
                weights: [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]
                biases: [0, 0.1, -0.1]
              - units: 3
                activation: softmax
                weights: [[0.2, -0.1, 0.3], [0.5, 0.2, -0.4], [-0.3, 0.1, 0.2]]
                biases: [0, 0, 0]
            loss: ce
            data:
              - {x: [1, 2], y: [0, 1, 0]}
              - {x: [-1, 0.5], y: [1, 0, 0]}
            """;

    /** Leaky ReLU (its derivative as a cases block), three layers, half squared error, sum. */
    public static final String LEAKY = """
            inputs: [x_1, x_2, x_3]
            layers:
              - units: 3
                activation: leaky_relu
                alpha: 0.1
                weights: [[0.5, -1, 0.25], [1, 1, -1], [-0.5, 0.5, 2]]
                biases: [0.1, -0.2, 0]
              - units: 2
                activation: sigmoid
                weights: [[1, -1, 0.5], [0.25, 0.5, -0.75]]
                biases: [0, 0.5]
              - units: 1
                activation: identity
                weights: [[2, -1]]
                biases: [0.3]
            loss: half_se
            reduction: sum
            data:
              - {x: [1, -2, 0.5], y: [1]}
              - {x: [0, 1, 1], y: [-1]}
              - {x: [2, 0, -1], y: [0.5]}
            """;

    /** A network whose name tries to run TeX, HTML and Markdown. */
    public static final String HOSTILE_NAME = "\\input{/etc/passwd} $\\csname$ & 100% #1 _x_ {a} ~b^c ^^5cinput "
            + "<script>alert('x')</script> | `code` [l](http://e) \\(x\\) }\\end{document}";

    public static NetworkSpec hostile() {
        return named(HOSTILE_NAME);
    }

    /** The XOR network under another name (a name is free text: UTF-8, LaTeX specials …). */
    public static NetworkSpec named(String name) {
        String yaml = BuiltinExamples.xorYaml();
        String quoted = "'" + name.replace("'", "''") + "'";
        return SpecLoader.parse("name: " + quoted + "\n" + yaml.replaceAll("(?m)^(name|title):.*\\n", ""), "hostile.yaml");
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern OVERFULL = Pattern.compile("Overfull \\\\hbox \\(([0-9.]+)pt too wide\\)[^\\n]*");

    /**
     * Compiles {@code tex} as NAME.tex in {@code dir} with plain {@code pdflatex -halt-on-error}; returns what is
     * wrong: an error, a LaTeX "!" line, an overfull box wider than 5pt, no PDF.
     */
    public static List<String> pdflatex(Path dir, String name, String tex) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".tex"), tex, StandardCharsets.UTF_8);
        Ran r = run(dir, 300, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                name + ".tex");
        List<String> problems = new ArrayList<>();
        Path log = dir.resolve(name + ".log");
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : r.output();
        if (r.exit() != 0) {
            int at = text.indexOf("\n!");
            String out = r.output();
            problems.add(name + ": pdflatex exit " + r.exit() + ": "
                    + (at >= 0 ? text.substring(at, Math.min(text.length(), at + 600))
                            : out.substring(Math.max(0, out.length() - 800))));
            return problems;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("!")) {
                problems.add(name + ": " + line);
            }
        }
        Matcher m = OVERFULL.matcher(text);
        while (m.find()) {
            if (Double.parseDouble(m.group(1)) > 5) {
                problems.add(name + ": " + m.group());
            }
        }
        if (!Files.exists(dir.resolve(name + ".pdf"))) {
            problems.add(name + ": no PDF");
        }
        return problems;
    }

    public record Ran(int exit, String output) {
    }

    public static Ran run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            return new Ran(-1, "timed out after " + timeoutSeconds + " s");
        }
        reader.join(5000);
        return new Ran(p.exitValue(), out[0] == null ? "" : new String(out[0], java.nio.charset.StandardCharsets.UTF_8));
    }


    /** The Chromium command on this machine, or null. */
    public static String chromium() {
        return onPath("chromium") ? "chromium" : onPath("chromium-browser") ? "chromium-browser" : null;
    }

    /**
     * Opens {@code html} in headless Chromium and returns the DOM, having asserted that the math rendered: for a
     * KaTeX page (--math katex) KaTeX output present, no KaTeX error, no raw {@code \\frac} or display math left
     * in the page text; for a MathML page (the default, opened with JavaScript off) the same of its MathML.
     */
    public static String renderedDom(Path dir, String name, String html) throws IOException, InterruptedException {
        boolean katex = html.contains("katex.render(");
        Path file = dir.resolve(name + ".html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        Path profile = Files.createDirectories(dir.resolve("profile-" + name));
        Ran r = run(dir, 120, chromium(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, katex ? "--virtual-time-budget=5000" : "--disable-javascript",
                "--dump-dom", file.toUri().toString());
        String dom = r.output();
        org.junit.jupiter.api.Assertions.assertTrue(r.exit() == 0 && dom.contains("</html>"),
                () -> "chromium failed: " + dom.substring(0, Math.min(2000, dom.length())));
        if (katex) {
            org.junit.jupiter.api.Assertions.assertTrue(dom.contains("class=\"katex\""), "no KaTeX output in the DOM");
            org.junit.jupiter.api.Assertions.assertFalse(dom.contains("class=\"katex-error\""), "KaTeX reported an error");
        } else {
            org.junit.jupiter.api.Assertions.assertTrue(dom.contains("<math"), "no MathML in the DOM");
        }
        // raw LaTeX may remain only in KaTeX's annotation elements (and the inlined script)
        String text = dom.replaceAll("(?s)<annotation[^>]*>.*?</annotation>", "")
                .replaceAll("(?s)<script[^>]*>.*?</script>", "")
                .replaceAll("(?s)<style[^>]*>.*?</style>", "");
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("math-error"), "a formula failed to render");
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("\\frac"), "unrendered \\frac in the page");
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("\\begin{aligned}"), "unrendered display math in the page");
        return dom;
    }

    private static final Pattern MATH = Pattern.compile("(?s)<math[ >].*?</math>");
    private static final Pattern COMMAND = Pattern.compile("\\\\[A-Za-z]+");

    /**
     * Asserts what a MathML page (or fragment) must be: no script, no KaTeX, some math, each {@code <math>} element
     * well-formed XML, and no LaTeX command left in its text (tags, styles and attributes taken away).
     */
    public static void assertMathMlPage(String name, String html) {
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("<script"), name + ": a script");
        org.junit.jupiter.api.Assertions.assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("katex"), name + ": KaTeX");
        Matcher m = MATH.matcher(html);
        int n = 0;
        while (m.find()) {
            wellFormed(name, m.group());
            n++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(n > 0, name + ": no <math> element");
        String text = html.replaceAll("(?s)<style[^>]*>.*?</style>", "").replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("(?s)<[^>]*>", " ");
        Matcher c = COMMAND.matcher(text);
        org.junit.jupiter.api.Assertions.assertFalse(c.find(), () -> name + ": a LaTeX command in the page's text: "
                + text.substring(Math.max(0, c.start() - 80), Math.min(text.length(), c.end() + 80)));
    }

    /** Parses {@code xml} with the JDK's DOM parser (no DTDs, no external entities); a failure names the element. */
    public static org.w3c.dom.Document wellFormed(String name, String xml) {
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setNamespaceAware(true);
            javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError(name + ": not well-formed XML (" + e.getMessage() + "): "
                    + xml.substring(0, Math.min(600, xml.length())), e);
        }
    }

    /**
     * A screenshot of {@code html} in headless Chromium with JavaScript off, {@code width}×{@code height} pixels;
     * returns the image.
     */
    public static java.awt.image.BufferedImage screenshot(Path dir, String name, String html, int width, int height)
            throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".html");
        Path png = dir.resolve(name + ".png");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        Path profile = Files.createDirectories(dir.resolve("profile-" + name));
        Ran r = run(dir, 120, chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-javascript",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png,
                "--window-size=" + width + "," + height, file.toUri().toString());
        org.junit.jupiter.api.Assertions.assertTrue(r.exit() == 0 && Files.exists(png), () -> "chromium failed: " + r.output());
        return javax.imageio.ImageIO.read(png.toFile());
    }
}
