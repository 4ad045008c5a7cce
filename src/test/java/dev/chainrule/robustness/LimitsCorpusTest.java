package dev.chainrule.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.cli.CliTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus in src/test/resources/bad-inputs/limits.tsv (issue 17: no input that hangs): each case runs
 * in-process under {@code assertTimeoutPreemptively}, so a run that would hang fails after 30 s instead of stalling
 * the build; it must end with the exit code given and one line on stderr naming the limit (README, Limits and
 * errors).
 */
class LimitsCorpusTest {
    /** A run taking longer than this fails the test (and is abandoned). */
    static final Duration KILL_AFTER = Duration.ofSeconds(30);

    private static Path dir;

    @BeforeAll
    static void fixtures() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("chainrule-limits");
        for (String name : List.of("big-explain.yaml", "binary-steps.txt", "latin1-steps.txt", "steps-tower.txt")) {
            Files.write(dir.resolve(name), resource(name));
        }
        Process p = new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
        Files.createSymbolicLink(dir.resolve("full.png"), Path.of("/dev/full"));
        Files.createSymbolicLink(dir.resolve("full.yaml"), Path.of("/dev/full"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        // a write "to" a link to a device goes through it: neither the link nor the device is replaced by a file
        assertTrue(Files.isSymbolicLink(dir.resolve("full.yaml")), "train --save replaced the link to /dev/full");
        assertFalse(Files.isRegularFile(Path.of("/dev/full")), "/dev/full was replaced by a file");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = LimitsCorpusTest.class.getResourceAsStream("/bad-inputs/limits/" + name)) {
            return in.readAllBytes();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAttackEndsInTimeWithOneLine() throws IOException {
        String text = new String(resource("../limits.tsv"), StandardCharsets.UTF_8);
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            int exit = Integer.parseInt(parts[0].strip());
            String[] args = parts[1].split(" \\| ", -1);
            String expected = parts[2].strip();
            tests.add(DynamicTest.dynamicTest(parts[1], () -> check(args, exit, expected)));
        }
        assertTrue(tests.size() >= 15, "the corpus is there");
        return tests.stream();
    }

    private static void check(String[] raw, int exit, String expected) throws IOException {
        String[] args = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String a = raw[i].strip();
            if (a.startsWith("@")) {
                a = new String(resource(a.substring(1)), StandardCharsets.UTF_8).strip();
            } else if (a.startsWith("%")) {
                a = dir.resolve(a.substring(1)).toString();
            }
            args[i] = a;
        }
        String message = java.util.regex.Pattern.compile("%([A-Za-z0-9._-]+)").matcher(expected)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(dir.resolve(m.group(1)).toString()));
        long start = System.nanoTime();
        CliTestSupport.Result r = assertTimeoutPreemptively(KILL_AFTER, () -> CliTestSupport.run(args),
                "the run did not end within " + KILL_AFTER.toSeconds() + " s");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(exit, r.exitCode(), () -> "exit code after " + ms + " ms\n" + r.describe());
        if (exit == 2) {
            CliTestSupport.assertOneLineError(r);
        }
        assertTrue(r.err().contains(message), () -> "expected '" + message + "'\n" + r.describe());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r::describe);
        // a path is named once: "cannot write X: X" says nothing
        for (String a : args) {
            if (a.startsWith("/") && a.length() > 8) {
                int first = r.err().indexOf(a);
                assertTrue(first < 0 || r.err().indexOf(a, first + 1) < 0, () -> "the path twice: " + r.err());
            }
        }
    }
}
