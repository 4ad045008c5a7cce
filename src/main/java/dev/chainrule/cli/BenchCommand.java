package dev.chainrule.cli;

import dev.chainrule.bench.Benchmark;
import dev.chainrule.bench.ColdStart;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chainrule bench}: how long the engine takes to derive and evaluate every gradient of generated MLPs. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Times the network engine on generated MLPs (one sample; ReLU hidden layers; sigmoid + bce"
                + " for one output, softmax + ce for more) and prints a Markdown table: building and deriving every"
                + " parameter's gradient, one loss evaluation, all gradients, their ratio, the parameter count and"
                + " the peak heap growth. Medians of the measured runs, after warm-up runs."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "SIZE",
            description = "Networks as widths from inputs to outputs, comma-separated (default: "
                    + "2-2-1,4-8-1,16-16-1,64-64-10,784-128-10).")
    List<String> sizes = new ArrayList<>(Benchmark.DEFAULT_SIZES);

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5",
            description = "Measured runs per size; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Unmeasured warm-up runs per size (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the generated weights and sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clock", paramLabel = "CLOCK", defaultValue = "wall", converter = ClockConverter.class,
            description = "wall (elapsed time) or cpu (CPU time of the benchmarking thread, steadier on a busy"
                    + " machine; excludes GC and JIT threads) (default: ${DEFAULT-VALUE}).")
    Benchmark.Clock clock;

    @Option(names = "--cold", description = "Instead: time whole commands as fresh processes (through the launcher, as a"
            + " user runs them): --version, derive, explain, check with and without Symja; medians of --repeat runs.")
    boolean cold;

    @Option(names = "--phases", paramLabel = "SIZE",
            description = "Instead: time the phases of explain (parse, build and derive, compile, forward and backward,"
                    + " check, render and write each document) on the network of this size, e.g. 784-128-10, with --samples samples;"
                    + " --warmup 0 --repeat 1 shows what one command pays.")
    String phases;

    @Option(names = "--scale", description = "Instead: the scale table, every network of --sizes (default: about 1k to 1M"
            + " parameters, " + "24-32-10,128-64-10,784-128-10,784-384-10,1000-1000-10) with every sample count of"
            + " --scale-samples (default: 1,10,100,1000): build and derive, compile, one loss, all gradients.")
    boolean scale;

    @Option(names = "--scale-samples", split = ",", paramLabel = "N",
            description = "With --scale: the sample counts, comma-separated.")
    List<Integer> scaleSamples;

    @Option(names = "--write-spec", paramLabel = "SIZE",
            description = "Instead: write the benchmark's network of this size (e.g. 784-128-10) as a YAML spec to"
                    + " stdout or -o, for explain, check or train; --samples and --seed choose its data.")
    String writeSpec;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1",
            description = "With --write-spec: the number of generated samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "With --write-spec: write the spec to FILE instead of stdout.")
    java.nio.file.Path output;

    @Override
    public Integer call() throws java.io.IOException {
        if (writeSpec != null) {
            return writeSpec();
        }
        if (cold) {
            return cold();
        }
        if (phases != null) {
            return phases();
        }
        if (scale) {
            return scale();
        }
        Benchmark.Clock c = clock();
        List<int[]> parsed = new ArrayList<>();
        for (String s : sizes) {
            parsed.add(Benchmark.parseSize(s));
        }
        Benchmark bench = new Benchmark(warmup, repeat, seed, c);
        PrintWriter err = spec.commandLine().getErr();
        List<Benchmark.Row> rows = bench.run(parsed, r -> {
            err.println("chainrule bench: " + r.shape() + " done");
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println("One sample; " + (c == Benchmark.Clock.WALL ? "wall-clock" : "thread CPU") + " times; warm-up"
                + " runs: " + warmup + ", measured runs: " + repeat + " (medians); "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs.");
        out.println();
        out.print(Benchmark.markdown(rows));
        out.flush();
        return Main.OK;
    }

    private int phases() {
        Benchmark.Clock c = clock();
        int[] widths = Benchmark.parseSize(phases);
        if (samples < 1 || samples > dev.chainrule.network.spec.SpecLoader.MAX_SAMPLES) {
            throw new dev.chainrule.UserError("--samples: expected 1 to "
                    + dev.chainrule.network.spec.SpecLoader.MAX_SAMPLES + ", got " + samples);
        }
        List<Benchmark.Phase> rows = new Benchmark(warmup, repeat, seed, c).phases(widths, samples);
        PrintWriter out = spec.commandLine().getOut();
        out.println("explain " + phases + ", " + samples + (samples == 1 ? " sample" : " samples") + "; "
                + (c == Benchmark.Clock.WALL ? "wall-clock" : "thread CPU") + " times; warm-up runs: " + warmup
                + ", measured runs: " + repeat + " (medians); " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs.");
        out.println();
        out.print(Benchmark.phasesMarkdown(rows));
        out.flush();
        return Main.OK;
    }

    private int scale() {
        Benchmark.Clock c = clock();
        List<String> names = sizesGiven() ? sizes : Benchmark.SCALE_SIZES;
        List<int[]> parsed = new ArrayList<>();
        for (String s : names) {
            parsed.add(Benchmark.parseSize(s));
        }
        List<Integer> counts = scaleSamples == null || scaleSamples.isEmpty() ? Benchmark.SCALE_SAMPLES : scaleSamples;
        for (int n : counts) {
            if (n < 1 || n > dev.chainrule.network.spec.SpecLoader.MAX_SAMPLES) {
                throw new dev.chainrule.UserError("--scale-samples: expected 1 to "
                        + dev.chainrule.network.spec.SpecLoader.MAX_SAMPLES + ", got " + n);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Benchmark.ScaleRow> rows = new Benchmark(warmup, repeat, seed, c).scale(parsed, counts, r -> {
            err.println("chainrule bench --scale: " + r.shape() + " × " + r.samples() + " done");
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println((c == Benchmark.Clock.WALL ? "Wall-clock" : "Thread CPU") + " times; warm-up runs: " + warmup
                + ", measured runs: " + repeat + " (medians); " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs.");
        out.println();
        out.print(Benchmark.scaleMarkdown(rows));
        out.flush();
        return Main.OK;
    }

    private boolean sizesGiven() {
        return spec.commandLine().getParseResult().hasMatchedOption("--sizes");
    }

    private Benchmark.Clock clock() {
        return clock;
    }

    /** picocli's conversion of {@code --clock}; a bad value is a UserError with today's wording (Main unwraps it). */
    static final class ClockConverter implements picocli.CommandLine.ITypeConverter<Benchmark.Clock> {
        @Override
        public Benchmark.Clock convert(String value) {
            return Benchmark.Clock.parse(value)
                    .orElseThrow(() -> new dev.chainrule.UserError("--clock: expected wall or cpu, got '" + value + "'"));
        }
    }

    private int writeSpec() {
        if (samples < 1 || samples > dev.chainrule.network.spec.SpecLoader.MAX_SAMPLES) {
            throw new dev.chainrule.UserError("--samples: expected 1 to "
                    + dev.chainrule.network.spec.SpecLoader.MAX_SAMPLES + ", got " + samples);
        }
        String yaml = dev.chainrule.network.spec.SpecGenerator.toYaml(
                Benchmark.spec(Benchmark.parseSize(writeSpec), samples, seed));
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(yaml);
            out.flush();
        } else {
            try {
                dev.chainrule.io.TextFiles.write(output, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (dev.chainrule.io.TextFiles.Refused e) {
                throw new dev.chainrule.UserError("cannot write " + output + ": " + e.getMessage());
            }
        }
        return Main.OK;
    }

    private int cold() {
        List<String> how = ColdStart.howThisWasStarted();
        PrintWriter err = spec.commandLine().getErr();
        List<ColdStart.Row> rows = new ColdStart(how, repeat).run(ColdStart.DEFAULT_CASES, label -> {
            err.println("chainrule bench --cold: " + label + " done");
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println("Fresh processes started as " + String.join(" ", how.size() > 3 ? how.subList(0, 1) : how)
                + "; wall time from start to exit; one unmeasured run, then " + repeat + " measured (medians); "
                + Runtime.getRuntime().availableProcessors() + " CPUs.");
        out.println();
        out.print(ColdStart.markdown(rows));
        out.flush();
        return Main.OK;
    }
}
