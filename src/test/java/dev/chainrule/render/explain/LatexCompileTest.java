package dev.chainrule.render.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.spec.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --format latex} of every notes/*.yaml example, the built-in XOR network and a hostile name
 * compiles with plain {@code pdflatex -halt-on-error}: no LaTeX error, no overfull box wider than 5pt.
 * Skipped only where pdflatex is not installed (CI installs it).
 */
class LatexCompileTest {
    @TempDir
    Path dir;

    @Test
    void theDocumentHasThePreambleTheNotesNeed() {
        String tex = Formats.EXPLAIN.render(Format.LATEX, DocumentTestSupport.explain(dev.chainrule.network.spec.BuiltinExamples.xor()), FormatTable.Options.of(false));
        assertTrue(tex.contains("{\\usepackage[T1]{fontenc}\\usepackage{lmodern}}"), "UTF-8 text needs T1");
        assertFalse(tex.contains(" ? ") || tex.contains("& ? &"), "a character written as ?");
        assertTrue(tex.contains("\\usepackage{amsmath}") && tex.contains("\\usepackage{booktabs}")
                && tex.contains("\\usepackage{amssymb}") && tex.contains("geometry}"));
        assertFalse(tex.contains("\\usepackage{hyperref}") || tex.contains("inputenc"));
        assertTrue(tex.contains("\\begin{align*}") && tex.contains("&& \\text{\\small chain rule}"), "rule column");
        assertTrue(tex.contains("$\\partial L/\\partial w_{11}^{(1)}$ & $\\delta_{1}^{(1)} x_{1}$"), "the gradient table");
        assertTrue(tex.contains("[z_{1}^{(1)} > 0]"), "ReLU′ as an Iverson bracket");
        assertTrue(tex.contains("\\subsection*{Every gradient") && tex.contains("\\toprule"));
        assertTrue(tex.contains("\\allowdisplaybreaks"));
    }

    @Test
    void theFragmentHasNoPreamble() {
        String tex = Formats.EXPLAIN.render(Format.LATEX, DocumentTestSupport.explain(dev.chainrule.network.spec.BuiltinExamples.xor()), FormatTable.Options.of(true));
        assertFalse(tex.contains("\\documentclass") || tex.contains("\\begin{document}") || tex.contains("\\usepackage"));
        assertTrue(tex.contains("\\begingroup") && tex.contains("\\endgroup"));
    }

    /** Accented Latin, typographic punctuation, text symbols and another script, as a lecturer may name a sheet. */
    static final String UTF8_NAME = "Übung 3 — Łódź, São Paulo: ±1 °C, 5 € … “XOR” --format Задача ✗";

    @Test
    void aUtf8NameIsSetNotReplaced() {
        String tex = Formats.EXPLAIN.render(Format.LATEX, DocumentTestSupport.explain(DocumentTestSupport.named(UTF8_NAME)),
                FormatTable.Options.of(false));
        assertTrue(tex.contains("Übung 3 — Łódź, São Paulo: $\\pm$1 °C, 5 € … “XOR” -{}-format"), "the name as written");
        assertTrue(tex.contains("\\texttt{[U+0417]}"), "a Cyrillic letter named by its code point");
        assertFalse(tex.contains("?bung") || tex.contains("S?o"), "a letter written as ?");
    }

    @Test
    void aHostileNameIsPrintedNotRun() {
        NetworkSpec spec = DocumentTestSupport.hostile();
        String tex = Formats.EXPLAIN.render(Format.LATEX, DocumentTestSupport.explain(spec), FormatTable.Options.of(false));
        assertFalse(tex.contains("\\input{"), "\\input got through");
        assertFalse(tex.contains("\\csname"), "\\csname got through");
        assertFalse(tex.contains("^^5c"), "^^ notation got through");
        assertEquals(1, count(tex, "\\end{document}"), "the name closed the document");
        assertTrue(tex.replace("\\allowbreak{}", "").contains("\\textbackslash{}input\\{/etc/passwd\\}"));
    }

    @Test
    void everyExampleCompilesWithPlainPdflatex() throws Exception {
        assumeTrue(DocumentTestSupport.onPath("pdflatex"), "pdflatex is not installed");
        List<String> problems = new ArrayList<>();
        Map<String, NetworkSpec> examples = new java.util.LinkedHashMap<>(DocumentTestSupport.examples());
        examples.put("hostile-name", DocumentTestSupport.hostile());
        examples.put("utf8-name", DocumentTestSupport.named(UTF8_NAME));
        assertTrue(examples.size() >= 2, "no notes/*.yaml found (run from the project folder)");
        for (Map.Entry<String, NetworkSpec> e : examples.entrySet()) {
            NetworkExplanation x = DocumentTestSupport.explain(e.getValue());
            problems.addAll(compile(e.getKey(), Formats.EXPLAIN.render(Format.LATEX, x, FormatTable.Options.of(false))));
        }
        // the fragment, \input into a lecturer's document
        NetworkExplanation xor = DocumentTestSupport.explain(dev.chainrule.network.spec.BuiltinExamples.xor());
        Files.writeString(dir.resolve("fragment.tex"), Formats.EXPLAIN.render(Format.LATEX, xor, FormatTable.Options.of(true)), StandardCharsets.UTF_8);
        problems.addAll(compile("host", "\\documentclass{article}\n\\usepackage{amsmath,amssymb,booktabs}\n"
                + "\\usepackage[margin=2.2cm]{geometry}\n\\begin{document}\nMy notes.\n\\input{fragment}\n\\end{document}\n"));
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** The committed notes/*.tex and notes/KIND/*.tex, as notes/build.sh wrote them: each compiles with no overfull box. */
    @Test
    void everyNotesTexCompilesWithoutAnOverfullBox() throws Exception {
        assumeTrue(DocumentTestSupport.onPath("pdflatex"), "pdflatex is not installed");
        List<Path> texs;
        try (java.util.stream.Stream<Path> s = Files.walk(Path.of("notes"), 2)) {
            texs = s.filter(p -> p.toString().endsWith(".tex")).sorted().toList();
        }
        assertTrue(texs.size() >= 9, "notes/*.tex: " + texs);
        List<String> problems = new ArrayList<>();
        for (Path tex : texs) {
            String name = tex.getFileName().toString().replace(".tex", "");
            problems.addAll(compile(name, Files.readString(tex, StandardCharsets.UTF_8)));
            String log = Files.readString(dir.resolve(name + ".log"), StandardCharsets.ISO_8859_1);
            for (String line : log.split("\n")) {
                if (line.startsWith("Overfull")) {
                    problems.add(name + ": " + line);
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** A wide network's long tables are cut so that each fits a page: no overfull box of any size. */
    @Test
    void aWideNetworkCompilesWithoutAnOverfullBox() throws Exception {
        assumeTrue(DocumentTestSupport.onPath("pdflatex"), "pdflatex is not installed");
        NetworkSpec spec = dev.chainrule.network.spec.SpecLoader.load(ExplainDocumentLayoutTest.wideSpec(dir));
        String tex = Formats.EXPLAIN.render(Format.LATEX, DocumentTestSupport.explain(spec), FormatTable.Options.of(false));
        List<String> problems = new ArrayList<>(compile("wide", tex));
        for (String line : Files.readString(dir.resolve("wide.log"), StandardCharsets.ISO_8859_1).split("\n")) {
            if (line.startsWith("Overfull")) {
                problems.add("wide: " + line);
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private List<String> compile(String name, String tex) throws IOException, InterruptedException {
        return DocumentTestSupport.pdflatex(dir, name, tex);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
