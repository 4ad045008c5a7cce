package dev.chainrule.bench;

import dev.chainrule.UserError;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a user waits for: each command run as a fresh process, the way they run it (through the launcher when
 * there is one, so with its JVM flags and class-data archive), timed from start to exit. Medians of several
 * runs, and each as a multiple of {@code --version} measured in the same session (the JVM's own start-up), since
 * absolute times on a busy machine say little.
 */
public final class ColdStart {
    /** One command line to time. */
    public record Case(String label, List<String> args) {
    }

    /** Its median and fastest wall time, in ms, and the median as a multiple of the baseline's. */
    public record Row(String label, double medianMs, double minMs, double ratio) {
    }

    public static final List<Case> DEFAULT_CASES = List.of(
            new Case("--version (JVM start-up)", List.of("--version")),
            new Case("derive one derivative, with a numeric check", List.of("derive", "(t - (w1*x1 + w2*x2 + b))^2",
                    "--wrt", "w1", "--at", "t=2,w1=1,w2=0,b=2,x1=1,x2=0")),
            new Case("explain the XOR network (9 parameters, every check)", List.of("explain")),
            new Case("check one claim, numbers only (--no-symbolic)", List.of("check", "--no-symbolic", "--claim",
                    "w[1,1,1] = (yhat - y)*w[2,1,1]*x1")),
            new Case("check one claim, numbers and Symja (default)", List.of("check", "--claim",
                    "w[1,1,1] = (yhat - y)*w[2,1,1]*x1")),
            new Case("check three claims, numbers and Symja", List.of("check", "--claim", "w[1,1,1] = (yhat - y)*w[2,1,1]*x1",
                    "--claim", "w[2,1,1] = (yhat - y)*a[1,1]", "--claim", "b[2,1] = y - yhat")));

    private final List<String> command;
    private final int repeat;

    /** {@code command}: how to start chainrule (the launcher, or java with this JVM's arguments). */
    public ColdStart(List<String> command, int repeat) {
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1");
        }
        this.command = List.copyOf(command);
        this.repeat = repeat;
    }

    /** How this process was started: the launcher if it said so, else the same java and arguments. */
    public static List<String> howThisWasStarted() {
        String launcher = System.getProperty("chainrule.launcher");
        if (launcher != null && new File(launcher).canExecute()) {
            return List.of(launcher);
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        String java = info.command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> args = new ArrayList<>(List.of(java));
        String[] own = info.arguments().orElse(new String[0]);
        int jar = Arrays.asList(own).indexOf("-jar");
        if (jar < 0 || jar + 1 >= own.length) {
            throw new UserError("bench --cold: cannot tell how chainrule was started; run it through ./chainrule");
        }
        args.addAll(Arrays.asList(own).subList(0, jar + 2));
        return args;
    }

    public List<Row> run(List<Case> cases, java.util.function.Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        double baseline = Double.NaN;
        for (Case c : cases) {
            time(c); // one unmeasured run: file caches warm, as for a user's second command
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                ms[i] = time(c);
            }
            Arrays.sort(ms);
            double median = repeat % 2 == 1 ? ms[repeat / 2] : (ms[repeat / 2 - 1] + ms[repeat / 2]) / 2;
            if (rows.isEmpty()) {
                baseline = median;
            }
            rows.add(new Row(c.label(), median, ms[0], median / baseline));
            progress.accept(c.label());
        }
        return rows;
    }

    private double time(Case c) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(c.args());
        long start = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UserError("bench --cold: '" + c.label() + "' did not finish within 120 s");
            }
            int code = p.exitValue();
            if (code != 0 && code != 1) { // 1: a check that found a wrong claim, as asked
                throw new UserError("bench --cold: '" + String.join(" ", c.args()) + "' exited with " + code);
            }
        } catch (IOException e) {
            throw new UserError("bench --cold: cannot start " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("bench --cold: interrupted");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| command | median (ms) | fastest (ms) | × --version |\n|---|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f |%n", r.label(), r.medianMs(), r.minMs(), r.ratio()));
        }
        return sb.toString();
    }
}
