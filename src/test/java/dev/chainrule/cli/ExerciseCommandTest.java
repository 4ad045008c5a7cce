package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chainrule exercise: 30 variants of the XOR notes, the same seed the same files, and a slipped answer of variant 7 named. */
class ExerciseCommandTest {
    @TempDir
    Path dir;

    @Test
    void thirtyVariantsDeterministicAndVariantSevenSlipNamed() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        for (Path p : new Path[] {a, b}) {
            CliTestSupport.Result r = CliTestSupport.run("exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "30", "--seed", "1", "-o", p.toString());
            assertEquals(0, r.exitCode(), r::describe);
        }
        assertEquals(Files.readString(a.resolve("key.json")), Files.readString(b.resolve("key.json")));
        for (String f : new String[] {"spec.yaml", "problem.tex", "solution.tex"}) {
            assertEquals(Files.readString(a.resolve("7").resolve(f)), Files.readString(b.resolve("7").resolve(f)), f);
        }
        JsonNode v7 = new ObjectMapper().readTree(a.resolve("key.json").toFile()).get("variants").get(6);
        assertEquals(7, v7.get("id").asInt());
        double truth = v7.get("answers").get("w[1,1,1]").asDouble();
        CliTestSupport.Result r = CliTestSupport.run("check", "--key", a.resolve("key.json").toString(), "--variant", "7",
                "--claim", "w[1,1,1] = " + (-truth));
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.out().contains("✗ incorrect (sign)"), r::describe);
        r = CliTestSupport.run("check", "--key", a.resolve("key.json").toString(), "--variant", "7", "--claim", "w[1,1,1] = " + truth);
        assertEquals(0, r.exitCode(), r::describe);
    }

    /** What a lecturer may get wrong is one line, exit 2: a missing template, a folder that cannot be written. */
    @org.junit.jupiter.api.Test
    void badTemplatesAndFoldersAreOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("a-file");
        java.nio.file.Files.writeString(file, "x");
        for (String[] args : new String[][] {{"exercise", tmp.resolve("nope.yaml").toString(), "-o", tmp.resolve("out").toString()},
                {"exercise", "notes/xor-relu-sigmoid-bce.yaml", "-o", file.resolve("sub").toString()},
                {"exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "0", "-o", tmp.resolve("o2").toString()}}) {
            CliTestSupport.Result r = CliTestSupport.run(args);
            CliTestSupport.assertOneLineError(r);
        }
        CliTestSupport.Result missing = CliTestSupport.run("exercise", tmp.resolve("nope.yaml").toString(), "-o", tmp.resolve("o3").toString());
        org.junit.jupiter.api.Assertions.assertEquals(1, missing.err().split("nope.yaml", -1).length - 1, "the path said once: " + missing.err());
    }
}
