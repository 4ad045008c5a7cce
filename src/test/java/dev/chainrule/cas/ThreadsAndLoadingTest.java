package dev.chainrule.cas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Parser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadsAndLoadingTest {
    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private record Run(int code, String out) {
    }

    private static Run runChild(List<String> jvmArgs, String mainClass, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(mainClass);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out;
        boolean ended;
        try (var in = p.getInputStream()) {
            // read in the background so a full pipe cannot block the child
            var reader = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread t = new Thread(() -> {
                try {
                    reader.complete(in.readAllBytes());
                } catch (IOException e) {
                    reader.complete(new byte[0]);
                }
            });
            t.setDaemon(true);
            t.start();
            ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            try {
                out = reader.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                out = new byte[0];
            }
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertTrue(ended, "child JVM did not exit within " + timeoutSeconds + " s:\n" + text);
        return new Run(p.exitValue(), text);
    }

    @Test
    void symjaIsNotLoadedByCommandsThatDoNotNeedIt() throws Exception {
        Run r = runChild(List.of("-Xlog:class+load=info"), LazyProbe.class.getName(), 120);
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("loaded=false"), r.out());
        for (String line : r.out().split("\n")) {
            assertFalse(line.contains("org.matheclipse") || line.contains("edu.jas"), "loaded: " + line);
        }
    }

    @Test
    void theJvmExitsAfterUsingSymjaEvenWithAnAbandonedWorker() throws Exception {
        Run r = runChild(List.of(), ExitProbe.class.getName(), 240);
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("zero=true after=true abandoned=1"), r.out());
    }

    @Test
    void aJobThatIgnoresTheStopRequestIsAbandonedAndTheNextCallWorks() {
        int before = Cas.abandonedWorkers();
        assertThrows(CasException.Timeout.class, () -> Cas.session().run(w -> {
            long end = System.nanoTime() + 2_000_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
            return x;
        }, Duration.ofMillis(100)));
        assertEquals(before + 1, Cas.abandonedWorkers());
        assertEquals(Optional.of(true), Cas.isZero(Parser.parseExpression("(x + 1)^2 - x^2 - 2*x - 1"), Duration.ofSeconds(60)));
    }

    @Test
    void noNonDaemonThreadsRemainAfterUsingTheCas() {
        assertEquals(Optional.of(true), Cas.isZero(Parser.parseExpression("D(sigmoid(z), z) - sigmoid(z)*(1 - sigmoid(z))"),
                Duration.ofSeconds(60)));
        Thread me = Thread.currentThread();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t.isDaemon() || t == me || t.getName().equals("main")) {
                continue;
            }
            // any other non-daemon thread must not be ours or Symja's
            assertFalse(t.getName().startsWith("chainrule-"), "non-daemon thread " + t.getName());
            for (StackTraceElement f : e.getValue()) {
                String c = f.getClassName();
                assertFalse(c.startsWith("org.matheclipse") || c.startsWith("edu.jas") || c.startsWith("dev.chainrule.cas"),
                        "non-daemon thread " + t.getName() + " runs " + c);
            }
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("chainrule-cas") || t.getName().startsWith("chainrule-symja")) {
                assertTrue(t.isDaemon(), t.getName());
            }
        }
    }
}
