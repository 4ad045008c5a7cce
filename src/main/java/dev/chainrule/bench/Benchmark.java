package dev.chainrule.bench;

import dev.chainrule.UserError;
import dev.chainrule.expr.Expr;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.SpecGenerator;
import dev.chainrule.network.spec.SpecLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the network engine on generated MLPs (one sample; ReLU hidden layers; sigmoid + bce for one output,
 * softmax + ce for more): building and deriving ({@code new NetworkAnalysis(spec)} and every parameter's δ-form
 * gradient expression), one evaluation of the reduced loss ({@link NetworkAnalysis#loss()}) and one evaluation of
 * every gradient ({@link NetworkAnalysis#gradient()}). Each size is run {@code warmup} times unmeasured, then
 * {@code repeat} times; the medians are reported. Evaluations that take under {@value #MIN_BATCH_NANOS} ns are
 * repeated in a batch and the batch time divided, so that microsecond timings are not clock noise.
 *
 * <p>Peak heap growth is the largest, over the measured runs, of (sum of the heap pools' peak usage during the
 * run) − (heap in use after a GC just before it): what one build-and-evaluate needs on top of what was live.
 * The sum of per-pool peaks can exceed the true simultaneous peak, so it is an upper bound.
 */
public final class Benchmark {
    /** An evaluation timed alone must take at least this long, or it is repeated in a batch. */
    static final long MIN_BATCH_NANOS = 20_000_000L;
    /** The sizes {@code chainrule bench} runs by default. */
    public static final List<String> DEFAULT_SIZES = List.of("2-2-1", "4-8-1", "16-16-1", "64-64-10", "784-128-10");

    /** What the times measure: elapsed time, or the CPU time of the benchmarking thread (steadier on a busy machine). */
    public enum Clock {
        WALL("wall"), CPU("cpu");

        private final String spelling;

        Clock(String spelling) {
            this.spelling = spelling;
        }

        /** As typed after {@code bench --clock}. */
        public String spelling() {
            return spelling;
        }

        /** The clock spelled {@code s} (case and surrounding blanks ignored), if any. */
        public static java.util.Optional<Clock> parse(String s) {
            String t = s.strip().toLowerCase(java.util.Locale.ROOT);
            return java.util.Arrays.stream(values()).filter(c -> c.spelling.equals(t)).findFirst();
        }

        long now() {
            return this == WALL ? System.nanoTime() : Threads.BEAN.getCurrentThreadCpuTime();
        }
    }

    /** Loaded on first use: java.management costs every command ~60 ms of start-up otherwise (--help builds this class). */
    private static final class Threads {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    }

    private final int warmup;
    private final int repeat;
    private final long seed;
    private final Clock clock;

    public Benchmark(int warmup, int repeat, long seed) {
        this(warmup, repeat, seed, Clock.WALL);
    }

    /** @throws UserError when the CPU clock is asked for and this JVM cannot measure thread CPU time */
    public Benchmark(int warmup, int repeat, long seed, Clock clock) {
        if (clock == Clock.CPU && !Threads.BEAN.isCurrentThreadCpuTimeSupported()) {
            throw new UserError("--clock cpu: this JVM cannot measure thread CPU time; use --clock wall");
        }
        this.clock = clock;
        if (warmup < 0 || repeat < 1) {
            throw new UserError("--warmup must be 0 or more and --repeat at least 1 (got " + warmup + " and "
                    + repeat + ")");
        }
        this.warmup = warmup;
        this.repeat = repeat;
        this.seed = seed;
    }

    /** One size's medians. Times in nanoseconds. */
    public record Row(String shape, int parameters, long buildNanos, long lossNanos, long gradientNanos,
                      long peakHeapGrowthBytes, double loss) {
        /** Time of all gradients over time of one loss. */
        public double ratio() {
            return (double) gradientNanos / Math.max(1, lossNanos);
        }

        /** Build + one loss + all gradients. */
        public long totalNanos() {
            return buildNanos + lossNanos + gradientNanos;
        }
    }

    /**
     * Parses {@code 784-128-10}: at least an input width and one layer, every width positive, within the spec
     * loader's limits.
     *
     * @throws UserError naming the size and what is wrong
     */
    public static int[] parseSize(String text) {
        String t = text == null ? "" : text.strip();
        String[] parts = t.split("-", -1);
        if (parts.length < 2) {
            throw new UserError("--sizes: '" + t + "' is not a network size; expected widths from inputs to outputs"
                    + " joined by '-', e.g. 784-128-10");
        }
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                widths[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UserError("--sizes: '" + t + "' has '" + parts[i].strip() + "' where a width (a positive"
                        + " whole number) was expected");
            }
            if (widths[i] < 1 || widths[i] > SpecLoader.MAX_UNITS) {
                throw new UserError("--sizes: in '" + t + "' every width must be between 1 and "
                        + SpecLoader.MAX_UNITS + ", got " + widths[i]);
            }
        }
        if (widths.length - 1 > SpecLoader.MAX_LAYERS) {
            throw new UserError("--sizes: '" + t + "' has " + (widths.length - 1) + " layers, more than the limit of "
                    + SpecLoader.MAX_LAYERS);
        }
        long params = 0;
        for (int l = 1; l < widths.length; l++) {
            params += (long) widths[l] * (widths[l - 1] + 1);
        }
        if (params > SpecLoader.MAX_PARAMETERS) {
            throw new UserError(String.format("--sizes: '%s' has %,d parameters, more than the limit of %,d", t,
                    params, SpecLoader.MAX_PARAMETERS));
        }
        return widths;
    }

    /** The benchmark network for these widths (see the class comment). */
    public NetworkSpec spec(int[] widths) {
        return spec(widths, 1, seed);
    }

    /** The benchmark network for these widths with {@code samples} generated samples. */
    public static NetworkSpec spec(int[] widths, int samples, long seed) {
        int outputs = widths[widths.length - 1];
        boolean one = outputs == 1;
        return SpecGenerator.mlp(widths, Activation.RELU, one ? Activation.SIGMOID : Activation.SOFTMAX,
                one ? Loss.BCE : Loss.CE, samples, seed);
    }

    /** Runs every size in order; {@code progress} hears each finished size (may be null). */
    public List<Row> run(List<int[]> sizes, java.util.function.Consumer<Row> progress) {
        List<Row> rows = new ArrayList<>();
        for (int[] widths : sizes) {
            Row r = measure(spec(widths));
            rows.add(r);
            if (progress != null) {
                progress.accept(r);
            }
        }
        return rows;
    }

    /** Warm-up runs, then the medians of {@code repeat} measured runs. */
    public Row measure(NetworkSpec spec) {
        for (int i = 0; i < warmup; i++) {
            once(spec, false);
        }
        List<Row> runs = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            runs.add(once(spec, true));
        }
        long peak = runs.stream().mapToLong(Row::peakHeapGrowthBytes).max().orElse(0);
        return new Row(spec.shape(), spec.parameterCount(), median(runs, Row::buildNanos),
                median(runs, Row::lossNanos), median(runs, Row::gradientNanos), peak, runs.get(0).loss());
    }

    private Row once(NetworkSpec spec, boolean measureHeap) {
        List<MemoryPoolMXBean> pools = heapPools();
        long before = 0;
        if (measureHeap) {
            System.gc();
            before = used(pools);
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        }
        long t0 = clock.now();
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        List<Expr> gradients = new ArrayList<>(spec.parameterCount());
        for (ParamId id : spec.parameters()) {
            gradients.add(analysis.backprop().gradient(id));
        }
        long build = clock.now() - t0;
        double[] loss = new double[1];
        long lossNanos = timed(() -> loss[0] = analysis.loss());
        long gradNanos = timed(analysis::gradient);
        long peak = measureHeap ? Math.max(0, peak(pools) - before) : 0;
        if (gradients.size() != spec.parameterCount()) {
            throw new IllegalStateException("expected a gradient per parameter");
        }
        return new Row(spec.shape(), spec.parameterCount(), build, lossNanos, gradNanos, peak, loss[0]);
    }

    /** The sizes of {@code chainrule bench --scale}: about 1k, 9k, 100k, 300k and 1M parameters. */
    public static final List<String> SCALE_SIZES = List.of("24-32-10", "128-64-10", "784-128-10", "784-384-10",
            "1000-1000-10");
    /** The sample counts of {@code chainrule bench --scale}. */
    public static final List<Integer> SCALE_SAMPLES = List.of(1, 10, 100, 1000);

    /** One cell of the scale table. Times in nanoseconds. */
    public record ScaleRow(String shape, int parameters, int samples, long buildNanos, long compileNanos,
                           long lossNanos, long gradientNanos) {
        public double ratio() {
            return (double) gradientNanos / Math.max(1, lossNanos);
        }
    }

    /**
     * Every size with every sample count: building and deriving, compiling the derived definitions, one loss and all
     * gradients (medians of {@code repeat} runs after {@code warmup}); {@code progress} hears each row (may be null).
     */
    public List<ScaleRow> scale(List<int[]> sizes, List<Integer> sampleCounts,
                                java.util.function.Consumer<ScaleRow> progress) {
        List<ScaleRow> rows = new ArrayList<>();
        for (int[] widths : sizes) {
            for (int n : sampleCounts) {
                NetworkSpec spec = spec(widths, n, seed);
                List<long[]> runs = new ArrayList<>();
                for (int r = 0; r < warmup + repeat; r++) {
                    long t0 = clock.now();
                    NetworkAnalysis analysis = new NetworkAnalysis(spec);
                    for (ParamId id : spec.parameters()) {
                        analysis.backprop().gradient(id);
                    }
                    long t1 = clock.now();
                    analysis.compile();
                    long t2 = clock.now();
                    long loss = timed(analysis::loss);
                    long grad = timed(analysis::gradient);
                    if (r >= warmup) {
                        runs.add(new long[] {t1 - t0, t2 - t1, loss, grad});
                    }
                }
                ScaleRow row = new ScaleRow(spec.shape(), spec.parameterCount(), n, med(runs, 0), med(runs, 1),
                        med(runs, 2), med(runs, 3));
                rows.add(row);
                if (progress != null) {
                    progress.accept(row);
                }
            }
        }
        return rows;
    }

    private static long med(List<long[]> runs, int k) {
        long[] v = runs.stream().mapToLong(a -> a[k]).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The scale table in Markdown, times in milliseconds, build and compile also as multiples of one loss. */
    public static String scaleMarkdown(List<ScaleRow> rows) {
        StringBuilder sb = new StringBuilder("| network | parameters | samples | build + derive (ms) | compile (ms) | loss (ms)"
                + " | all gradients (ms) | gradients / loss | (build + derive + compile) / loss |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleRow r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s | %s | %.2f | %.0f |%n",
                    r.shape(), r.parameters(), r.samples(), ms(r.buildNanos()), ms(r.compileNanos()),
                    ms(r.lossNanos()), ms(r.gradientNanos()), r.ratio(),
                    (double) (r.buildNanos() + r.compileNanos()) / Math.max(1, r.lossNanos())));
        }
        return sb.toString();
    }

    /** One phase of {@code explain} and its time in nanoseconds. */
    public record Phase(String name, long nanos) {
    }

    /**
     * The phases of {@code explain SPEC} on the benchmark network of these widths with {@code samples} samples, in
     * one process as the command runs them: parse the YAML, build the network and derive every δ, derive every
     * parameter's gradient, compile the derived definitions, forward and backward passes (explain without a check),
     * the default check (explain with it, minus a second run without it: both after the first, so the JIT has
     * warmed both alike), render JSON and text, each written as it renders into a file. Medians of
     * {@code repeat} runs after {@code warmup} (0 and 1: what one command pays, JIT warm-up included). Last: one
     * loss evaluation, the unit of {@link #scale}.
     */
    public List<Phase> phases(int[] widths, int samples) {
        NetworkSpec generated = spec(widths, samples, seed);
        String yaml = dev.chainrule.network.spec.SpecGenerator.toYaml(generated);
        List<long[]> runs = new ArrayList<>();
        String[] names = {"parse YAML", "build + derive δ", "derive every gradient", "compile", "forward + backward (explain, no check)",
                "check (default)", "render + write JSON", "render + write text", "total (both documents)",
                "one loss evaluation"};
        for (int r = 0; r < warmup + repeat; r++) {
            long[] t = new long[names.length];
            long t0 = clock.now();
            NetworkSpec spec = SpecLoader.parse(yaml, "bench.yaml");
            long t1 = clock.now();
            NetworkAnalysis analysis = new NetworkAnalysis(spec);
            long t2 = clock.now();
            for (ParamId id : spec.parameters()) {
                analysis.backprop().gradient(id);
            }
            long t3 = clock.now();
            analysis.compile();
            long t4 = clock.now();
            analysis.explain(List.of(), java.util.Optional.empty(), dev.chainrule.network.NetworkExplanation.CheckMode.NONE, 1);
            long t5 = clock.now();
            dev.chainrule.network.NetworkExplanation x = analysis.explain(List.of(), java.util.Optional.empty(),
                    spec.parameterCount() <= NetworkAnalysis.CHECK_ALL_LIMIT
                            ? dev.chainrule.network.NetworkExplanation.CheckMode.ALL
                            : dev.chainrule.network.NetworkExplanation.CheckMode.FAST, 1);
            long t6 = clock.now();
            analysis.explain(List.of(), java.util.Optional.empty(), dev.chainrule.network.NetworkExplanation.CheckMode.NONE, 1);
            long none = clock.now() - t6; // warm, as the run with the check was
            long t6b = clock.now();
            long t7;
            long t8;
            try {
                // as the command writes them: streamed through a buffer into a file
                java.nio.file.Path tmp = java.nio.file.Files.createTempFile("chainrule-bench", ".out");
                try {
                    dev.chainrule.io.TextFiles.write(tmp, w -> dev.chainrule.render.explain.ExplainJsonRenderer.write(x, w));
                    t7 = clock.now();
                    dev.chainrule.io.TextFiles.write(tmp, w -> dev.chainrule.render.explain.ExplainTextRenderer.write(x,
                            dev.chainrule.derive.Steps.Detail.FULL, w));
                    t8 = clock.now();
                } finally {
                    java.nio.file.Files.deleteIfExists(tmp);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (dev.chainrule.io.TextFiles.Refused e) {
                throw new IllegalStateException("cannot write a temporary file: " + e.getMessage(), e);
            }
            long[] marks = {t0, t1, t2, t3, t4, t5, t6, t7, t8};
            for (int i = 0; i < 8; i++) {
                t[i] = marks[i + 1] - marks[i];
            }
            t[5] = Math.max(0, (t6 - t5) - none); // the check: explain with it minus a warm explain without
            t[6] = t7 - t6b;
            t[8] = 0; // as the command runs: one explain (without the second run the check was measured with)
            for (int i = 0; i < 8; i++) {
                t[8] += t[i];
            }
            t[9] = timed(analysis::loss);
            if (r >= warmup) {
                runs.add(t);
            }
        }
        List<Phase> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            final int k = i;
            long[] v = runs.stream().mapToLong(a -> a[k]).toArray();
            Arrays.sort(v);
            out.add(new Phase(names[i], v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2));
        }
        return out;
    }

    /** Phases as a Markdown table: milliseconds and multiples of one loss evaluation. */
    public static String phasesMarkdown(List<Phase> phases) {
        long loss = phases.get(phases.size() - 1).nanos();
        StringBuilder sb = new StringBuilder("| phase | ms | × one loss evaluation |\n|---|---:|---:|\n");
        for (Phase p : phases) {
            sb.append(String.format(java.util.Locale.ROOT, "| %s | %s | %.1f |%n", p.name(), ms(p.nanos()),
                    (double) p.nanos() / Math.max(1, loss)));
        }
        return sb.toString();
    }

    /** Nanoseconds of one call: alone when it is slow enough to time, else the mean over a batch. */
    private long timed(Runnable op) {
        long t0 = clock.now();
        op.run();
        long once = clock.now() - t0;
        if (once >= MIN_BATCH_NANOS) {
            return once;
        }
        int batch = (int) Math.min(100_000, Math.max(2, MIN_BATCH_NANOS / Math.max(1, once)));
        long t1 = clock.now();
        for (int i = 0; i < batch; i++) {
            op.run();
        }
        return (clock.now() - t1) / batch;
    }

    private static long median(List<Row> runs, java.util.function.ToLongFunction<Row> f) {
        long[] v = runs.stream().mapToLong(f).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
                .toList();
    }

    private static long used(List<MemoryPoolMXBean> pools) {
        long sum = 0;
        for (MemoryPoolMXBean p : pools) {
            sum += p.getUsage().getUsed();
        }
        return sum;
    }

    private static long peak(List<MemoryPoolMXBean> pools) {
        long sum = 0;
        for (MemoryPoolMXBean p : pools) {
            sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** The results as a Markdown table, times in milliseconds. */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| network | parameters | build + derive (ms) | loss (ms) | all gradients (ms) | gradients / loss"
                + " | build + loss + gradients (ms) | peak heap growth (MB) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "| %s | %,d | %s | %s | %s | %.2f | %s | %.1f |%n",
                    r.shape(), r.parameters(), ms(r.buildNanos()), ms(r.lossNanos()), ms(r.gradientNanos()),
                    r.ratio(), ms(r.totalNanos()), r.peakHeapGrowthBytes() / (1024.0 * 1024.0)));
        }
        return sb.toString();
    }

    /** Milliseconds with 3 significant digits (at least 3 decimals below 1 ms). */
    static String ms(long nanos) {
        double v = nanos / 1e6;
        if (v >= 100) {
            return String.format(java.util.Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        if (v >= 1) {
            return String.format(java.util.Locale.ROOT, "%.2f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
