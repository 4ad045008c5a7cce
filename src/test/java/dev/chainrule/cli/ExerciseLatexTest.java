package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every generated sheet and solution compiles with pdflatex (skipped when pdflatex is absent); the sheet has no answers. */
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
            for (String f : new String[] {"problem.tex", "solution.tex"}) {
                Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", f)
                        .directory(d.toFile()).redirectErrorStream(true).redirectOutput(d.resolve(f + ".out").toFile()).start();
                assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), f);
                assertEquals(0, p.exitValue(), d + "/" + f + " does not compile");
            }
        }
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
