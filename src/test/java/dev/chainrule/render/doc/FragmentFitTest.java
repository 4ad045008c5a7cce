package dev.chainrule.render.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.UserError;
import dev.chainrule.cli.CliTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --fragment} fits the host: every command's fragment, {@code \input} into a plain {@code article} at
 * 10pt and at 12pt (the widest and the narrowest line of the standard sizes, in em), compiles with no overfull box
 * of any size; {@code --width} breaks lines for another host, and what it refuses is one line.
 */
class FragmentFitTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        CliTestSupport.Result r = CliTestSupport.run(args);
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r::describe);
        return r.out();
    }

    private Map<String, String> fragments() throws Exception {
        Path steps = dir.resolve("missing-relu.txt");
        Files.writeString(steps, "dL/dw[1,1,1]\n= dL/dyhat * dyhat/dz[2,1] * dz[2,1]/da[1,1] * dz[1,1]/dw[1,1,1]\n"
                + "= (yhat - y) * w[2,1,1] * x1\n", StandardCharsets.UTF_8);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("xor", run("explain", "notes/xor-relu-sigmoid-bce.yaml", "--format", "latex", "--fragment"));
        f.put("deep", run("explain", "notes/deep-xor-relu-tanh-sigmoid-bce.yaml", "--format", "latex", "--fragment"));
        f.put("sigmoid", run("explain", "notes/sigmoid-mse.yaml", "--format", "latex", "--fragment"));
        f.put("check", run("check", "--steps", steps.toString(), "--format", "latex", "--fragment"));
        f.put("derive", run("derive", "L = (y - sigmoid(w*x + b))^2", "--wrt", "w", "--format", "latex", "--fragment"));
        f.put("train", run("train", "notes/xor-relu-sigmoid-bce.yaml", "--epochs", "20", "--format", "latex", "--fragment"));
        return f;
    }

    @Test
    void everyFragmentFitsAStandardArticle() throws Exception {
        assumeTrue(DocumentTestSupport.onPath("pdflatex"), "pdflatex is not installed");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : fragments().entrySet()) {
            assertFalse(e.getValue().contains("\\Large") || e.getValue().contains("\\usepackage"),
                    e.getKey() + ": a fragment brings no title page and no preamble");
            Files.writeString(dir.resolve(e.getKey() + ".tex"), e.getValue(), StandardCharsets.UTF_8);
            for (int pt : new int[] {10, 12}) {
                String name = e.getKey() + "-" + pt;
                problems.addAll(DocumentTestSupport.pdflatex(dir, name, "\\documentclass[" + pt + "pt]{article}\n"
                        + "\\usepackage[T1]{fontenc}\\usepackage{lmodern}\n"
                        + "\\usepackage{amsmath,amssymb,booktabs,pifont,graphicx,pgfplots}\n"
                        + "\\begin{document}\n\\section{My notes}\n\\input{" + e.getKey() + "}\n\\end{document}\n"));
                String log = Files.readString(dir.resolve(name + ".log"), StandardCharsets.ISO_8859_1);
                log.lines().filter(l -> l.startsWith("Overfull")).forEach(l -> problems.add(name + ": " + l));
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void aWiderHostGetsLongerLinesAndANarrowerOneShorter() {
        String narrow = run("explain", "notes/sigmoid-mse.yaml", "--format", "latex", "--fragment");
        String wide = run("explain", "notes/sigmoid-mse.yaml", "--format", "latex", "--fragment", "--width", "17cm",
                "--font-size", "10pt");
        long narrowRows = narrow.lines().filter(l -> l.contains("\\quad{}")).count();
        long wideRows = wide.lines().filter(l -> l.contains("\\quad{}")).count();
        assertTrue(wideRows < narrowRows, "continuation rows: 17cm at 10pt " + wideRows + ", default " + narrowRows);
        String page = run("explain", "notes/sigmoid-mse.yaml", "--format", "latex");
        assertEquals(page, run("explain", "notes/sigmoid-mse.yaml", "--format", "latex", "--width", "472pt",
                "--font-size", "11pt"), "this document's own page, said explicitly, changes nothing");
    }

    @Test
    void widthsAreParsedAndTheirLimitsHeld() {
        assertEquals(DocLayout.LINE, LineWidth.parse("472pt", "11pt"));
        assertEquals(LineWidth.FRAGMENT, LineWidth.parse("390pt", "12pt"));
        assertEquals(LineWidth.parse("361.35pt", "10pt"), LineWidth.parse("5in", "10pt"), "units");
        assertEquals(LineWidth.parse("284.53pt", "10pt"), LineWidth.parse("10cm", "10pt"), "units");
        assertTrue(LineWidth.parse("12cm", "10pt") > LineWidth.parse("12cm", "12pt"), "a larger font fits fewer");
        for (String[] bad : new String[][] {{"345", "10pt"}, {"wide", "10pt"}, {"3cm", "10pt"}, {"2m", "10pt"},
                {"100cm", "10pt"}, {"345pt", "1pt"}, {"-345pt", "10pt"}}) {
            UserError e = assertThrows(UserError.class, () -> LineWidth.parse(bad[0], bad[1]), String.join(" ", bad));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        // the borders: 40 and 200 characters
        double minPt = Math.ceil(40 / LineWidth.CHARS_PER_EM * 10 * 100) / 100;
        assertEquals(40, LineWidth.parse(minPt + "pt", "10pt"));
        assertThrows(UserError.class, () -> LineWidth.parse((minPt - 0.1) + "pt", "10pt"));
    }

    @Test
    void theWidthOptionsRefuseWhatTheyCannotDo() {
        for (String[] args : new String[][] {{"explain", "--width", "12cm"}, {"explain", "--format", "latex",
                "--font-size", "10pt"}, {"explain", "--format", "latex", "--width", "12"}}) {
            CliTestSupport.Result r = CliTestSupport.run(args);
            assertEquals(2, r.exitCode(), r::describe);
            assertEquals(1, r.err().strip().lines().count(), r::describe);
        }
    }
}
