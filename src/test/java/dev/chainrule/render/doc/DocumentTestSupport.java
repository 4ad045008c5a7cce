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
     * Opens {@code html} in headless Chromium and returns the DOM after KaTeX ran, having asserted that the math
     * rendered: KaTeX output present, no KaTeX error, no raw {@code \frac} or display math left in the page text.
     */
    public static String renderedDom(Path dir, String name, String html) throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        Path profile = Files.createDirectories(dir.resolve("profile-" + name));
        Ran r = run(dir, 120, chromium(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                file.toUri().toString());
        String dom = r.output();
        org.junit.jupiter.api.Assertions.assertTrue(r.exit() == 0 && dom.contains("</html>"),
                () -> "chromium failed: " + dom.substring(0, Math.min(2000, dom.length())));
        org.junit.jupiter.api.Assertions.assertTrue(dom.contains("class=\"katex\""), "no KaTeX output in the DOM");
        org.junit.jupiter.api.Assertions.assertFalse(dom.contains("class=\"katex-error\""), "KaTeX reported an error");
        // raw LaTeX may remain only in KaTeX's annotation elements (and the inlined script)
        String text = dom.replaceAll("(?s)<annotation[^>]*>.*?</annotation>", "")
                .replaceAll("(?s)<script[^>]*>.*?</script>", "")
                .replaceAll("(?s)<style[^>]*>.*?</style>", "");
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("math-error"), "a formula failed to render");
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("\\frac"), "unrendered \\frac in the page");
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("\\begin{aligned}"), "unrendered display math in the page");
        return dom;
    }
}
