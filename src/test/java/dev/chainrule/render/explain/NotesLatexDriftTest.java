package dev.chainrule.render.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.cli.CliTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed notes/*.tex are what {@code chainrule explain notes/NAME.yaml --format latex} prints now
 * (regenerate them with notes/build.sh). Once any .tex is committed, every notes/*.yaml needs its .tex.
 */
class NotesLatexDriftTest {

    @Test
    void committedNotesMatchTheCode() throws Exception {
        Path notes = Path.of("notes");
        if (!Files.isDirectory(notes)) {
            return;
        }
        List<Path> specs;
        List<Path> texs;
        // notes/*.yaml and notes/KIND/*.yaml (conv nets, …), each with its .tex beside it
        try (Stream<Path> s = Files.walk(notes, 2)) {
            specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        try (Stream<Path> s = Files.walk(notes, 2)) {
            texs = s.filter(p -> p.toString().endsWith(".tex")).sorted().toList();
        }
        if (texs.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Path spec : specs) {
            Path tex = spec.resolveSibling(spec.getFileName().toString().replace(".yaml", ".tex"));
            if (!Files.exists(tex)) {
                problems.add(tex + " is missing");
                continue;
            }
            CliTestSupport.Result r = CliTestSupport.run("explain", spec.toString(), "--format", "latex");
            assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r::describe);
            String committed = Files.readString(tex, StandardCharsets.UTF_8);
            if (!committed.equals(r.out())) {
                problems.add(tex + " differs from what the code produces" + firstDifference(committed, r.out()));
            }
        }
        for (Path tex : texs) {
            if (!Files.exists(tex.resolveSibling(tex.getFileName().toString().replace(".tex", ".yaml")))) {
                problems.add(tex + " has no notes/*.yaml");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\nregenerate with notes/build.sh");
        }
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return " (line " + (i + 1) + ": committed \"" + x[i] + "\", now \"" + y[i] + "\")";
            }
        }
        return " (length " + x.length + " vs " + y.length + " lines)";
    }
}
