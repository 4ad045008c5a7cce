package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated sheet and solution compiles with pdflatex (skipped when pdflatex is absent); the sheet has no
 * answers and states the exercise as a textbook does (issue 16): equations, matrices, the data as a table, the loss
 * with its reduction and penalty, no learning rate, no YAML; the solution is titled with its variant.
 */
class ExerciseLatexTest {
    @TempDir
    Path dir;

    @Test
    void sheetsCompile() throws Exception {
        assumeTrue(onPath("pdflatex"), "pdflatex is not installed");
        CliTestSupport.Result r = CliTestSupport.run("exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "3", "--seed", "1", "-o", dir.toString());
        assertEquals(0, r.exitCode(), r::describe);
        for (int k = 1; k <= 3; k++) {
            Path d = dir.resolve(Integer.toString(k));
            assertFalse(Files.readString(d.resolve("problem.tex")).contains("gradient}"), "no answers on the sheet");
            compile(d);
        }
    }

    @Test
    void theSheetIsATextbookStatement() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "7", "--seed", "1", "-o", dir.toString());
        assertEquals(0, r.exitCode(), r::describe);
        String sheet = Files.readString(dir.resolve("7/problem.tex"));
        assertTrue(sheet.contains("z^{(l)} &= W^{(l)} a^{(l-1)} + b^{(l)}"), "the layer equation");
        assertTrue(sheet.contains("a^{(l)} &= g_l\\bigl(z^{(l)}\\bigr)"));
        assertTrue(sheet.contains("$g_{1} = \\mathrm{ReLU}$") && sheet.contains("$g_{2} = \\sigma$"), "the named activations");
        assertTrue(sheet.contains("\\mathrm{ReLU}(z) = \\max(0, z)") && sheet.contains("\\sigma(z) = 1/(1 + e^{-z})"), "defined");
        assertTrue(sheet.contains("W^{(1)} &= \\begin{bmatrix}") && sheet.contains("b^{(2)} &= \\begin{bmatrix}"), "matrices");
        assertTrue(sheet.contains("L &= \\frac{1}{N}\\sum_{n=1}^{N}"), "the mean reduction");
        assertTrue(sheet.contains("\\log \\hat{y} + (1 - y) \\log(1 - \\hat{y})"), "the loss");
        assertTrue(sheet.contains("\\begin{tabular}{crr|r}"), "the data as a table");
        assertTrue(sheet.contains("\\begin{longtable}"), "an answer table that may break across pages");
        assertTrue(sheet.contains("\\rule{0pt}{0.85cm}\\partial L/\\partial w_{11}^{(1)}"), "rows with room to write");
        assertTrue(sheet.contains("4 significant digits"));
        for (String absent : new String[] {"learning", "weights:", "biases:", "data:", "lambda", "regulari"}) {
            assertFalse(sheet.contains(absent), "the sheet has no " + absent);
        }
        String solution = Files.readString(dir.resolve("7/solution.tex"));
        assertTrue(solution.contains("{\\Large\\bfseries Variant 7 --- solution\\par}"), "the solution's title names its variant");
        // summed, regularized: the loss says so and defines the penalty over the weights, biases excluded
        String t = Files.readString(Path.of("notes/xor-relu-sigmoid-bce.yaml")).replace("reduction: mean", "reduction: sum")
                .replace("\ndata:", "\nregularization: {l2: 0.1}\ndata:");
        Path reg = dir.resolve("reg.yaml");
        Files.writeString(reg, t);
        Path out = dir.resolve("reg");
        assertEquals(0, CliTestSupport.run("exercise", reg.toString(), "-o", out.toString()).exitCode());
        String regSheet = Files.readString(out.resolve("1/problem.tex"));
        assertTrue(regSheet.contains("L &= \\sum_{n=1}^{N} \\ell\\bigl(\\hat{y}_n, y_n\\bigr) + \\frac{\\lambda}{2} \\sum_{w} w^2"), regSheet);
        assertTrue(regSheet.contains("(biases excluded)") && regSheet.contains("$\\lambda = 0.1$"), regSheet);
        assertFalse(regSheet.contains("\\frac{1}{N}"), "a sum has no 1/N");
        if (onPath("pdflatex")) {
            compile(out.resolve("1"));
        }
    }

    private static void compile(Path d) throws Exception {
        for (String f : new String[] {"problem.tex", "solution.tex"}) {
            Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", f)
                    .directory(d.toFile()).redirectErrorStream(true).redirectOutput(d.resolve(f + ".out").toFile()).start();
            assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), f);
            assertEquals(0, p.exitValue(), d + "/" + f + " does not compile: " + tail(d.resolve(f + ".out")));
        }
    }

    private static String tail(Path log) throws Exception {
        String s = Files.readString(log);
        int bang = s.indexOf("\n!");
        return bang < 0 ? s.substring(Math.max(0, s.length() - 400)) : s.substring(bang, Math.min(s.length(), bang + 400));
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, cmd))) {
                return true;
            }
        }
        return false;
    }
}
