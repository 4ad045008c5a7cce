package dev.chainrule.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.cli.CliTestSupport;
import dev.chainrule.cli.Main;
import dev.chainrule.freeform.DeriveRequest;
import dev.chainrule.freeform.FreeformAnalysis;
import dev.chainrule.freeform.FreeformAnalyzer;
import dev.chainrule.freeform.SymjaCheck;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits that need a process of its own (standard output on /dev/full, Ctrl-C) or a clock (Symja's limit), each
 * killed after 30 s: a hang fails the test instead of stalling the build (README, Limits and errors).
 */
class ProcessLimitsTest {
    private static final long KILL_AFTER_SECONDS = 30;

    private record Run(int exit, String out, String err) {
    }

    /** {@code java -cp <the tests' class path> dev.chainrule.cli.Main args…}, stdout to {@code stdout}. */
    private static Process start(File stdout, File stderr, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.chainrule.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr)
                .redirectInput(new File("/dev/null")).start();
    }

    private static Run waitFor(Process p, File stdout, File stderr) throws Exception {
        if (!p.waitFor(KILL_AFTER_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the run did not end within " + KILL_AFTER_SECONDS + " s");
        }
        String out = stdout.getPath().startsWith("/dev/") ? "" : Files.readString(stdout.toPath(), StandardCharsets.UTF_8);
        return new Run(p.exitValue(), out, Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void aFullDiskOnStandardOutputIsAnError(@TempDir Path dir) throws Exception {
        File err = dir.resolve("err").toFile();
        Run r = waitFor(start(new File("/dev/full"), err, "explain"), new File("/dev/full"), err);
        assertEquals(Main.BAD_INPUT, r.exit(), r.err());
        assertEquals("chainrule: error: cannot write to standard output (No space left on device); the output is incomplete",
                r.err().strip());
    }

    @Test
    void everyCommandsOutputToAFullDiskIsAnError(@TempDir Path dir) throws Exception {
        File full = new File("/dev/full");
        for (String[] args : List.of(new String[] {"derive", "x^2", "--wrt", "x"}, new String[] {"train", "--epochs", "2"},
                new String[] {"train", "--help"})) {
            File err = dir.resolve("err").toFile();
            Run r = waitFor(start(full, err, args), full, err);
            assertEquals(Main.BAD_INPUT, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals("chainrule: error: cannot write to standard output (No space left on device); the output is "
                    + "incomplete", r.err().strip(), String.join(" ", args));
        }
    }

    @Test
    void aClosedStandardOutputIsAnError(@TempDir Path dir) throws Exception {
        File err = dir.resolve("err").toFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        // the shell closes descriptor 1 and runs the JVM in its place: every write to it fails (EBADF)
        Process p = new ProcessBuilder("sh", "-c", "exec \"$0\" \"$@\" >&-", java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.chainrule.cli.Main", "explain")
                .redirectError(err).redirectInput(new File("/dev/null")).start();
        Run r = waitFor(p, new File("/dev/null"), err);
        assertEquals(Main.BAD_INPUT, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("chainrule: error: cannot write to standard output ("), r.err());
    }

    @Test
    void aFailedWriteInProcessIsAnErrorToo() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(KILL_AFTER_SECONDS),
                () -> Main.run(new String[] {"derive", "x^2", "--wrt", "x"},
                        new PrintWriter(new java.io.OutputStreamWriter(failing, StandardCharsets.UTF_8)), new PrintWriter(err)));
        assertEquals(Main.BAD_INPUT, code);
        assertTrue(err.toString().startsWith("chainrule: error: cannot write to standard output"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void ctrlCStopsALongTrainingRunCleanly(@TempDir Path dir) throws Exception {
        File out = dir.resolve("out").toFile();
        File err = dir.resolve("err").toFile();
        // 16-16-1 on 200 samples trains some hundred epochs a second: 1,000,000 epochs would take half an hour
        Path slow = dir.resolve("slow.yaml");
        CliTestSupport.assertExit(0, CliTestSupport.run("bench", "--write-spec", "16-16-1", "--samples", "200", "-o",
                slow.toString()));
        Process p = start(out, err, "train", slow.toString(), "--epochs", "1000000", "--allow-long", "--show-steps", "0");
        // wait until the run has started training (the JVM and the spec are ready), then press Ctrl-C
        Thread.sleep(2_500);
        assertTrue(p.isAlive(), "still training after 2.5 s");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT");
        Run r = waitFor(p, out, err);
        assertEquals(Main.INTERRUPTED, r.exit(), r.err());
        assertTrue(r.err().strip().matches("chainrule: interrupted \\(Ctrl-C\\) after epoch \\d+ of 1000000; "
                + "the results of the epochs done are written"), r.err());
        assertTrue(r.out().contains("Final loss: L = "), "the partial results are written");
    }

    @Test
    void symjaKeepsToItsLimitForTheRun() {
        DeriveRequest request = new DeriveRequest("(w + 1)^3*(w + 2)^2", List.of("w"), Optional.empty(), false);
        FreeformAnalysis a = FreeformAnalyzer.analyze(request);
        long start = System.nanoTime();
        FreeformAnalysis checked = assertTimeoutPreemptively(Duration.ofSeconds(KILL_AFTER_SECONDS),
                () -> FreeformAnalyzer.withSymja(a, request, Duration.ofMillis(1)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        SymjaCheck s = checked.derivatives().get(0).symja().orElseThrow();
        assertEquals(SymjaCheck.Outcome.UNAVAILABLE, s.outcome(), s.toString());
        assertTrue(ms < 20_000, ms + " ms");
    }

    @Test
    void aLongRunNeedsAllowLongAndTheMessageSaysSo() {
        CliTestSupport.Result r = CliTestSupport.run("train", "--epochs", "100001");
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains("more than 100,000 epochs is a long run; add --allow-long"), r.err());
        r = CliTestSupport.run("train", "--epochs", "1000001", "--allow-long");
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains("more than the limit of 1,000,000 epochs"), r.err());
    }
}
