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

    @Option(names = "--clock", paramLabel = "CLOCK", defaultValue = "wall",
            description = "wall (elapsed time) or cpu (CPU time of the benchmarking thread, steadier on a busy"
                    + " machine; excludes GC and JIT threads) (default: ${DEFAULT-VALUE}).")
    String clock;

    @Option(names = "--cold", description = "Instead: time whole commands as fresh processes (through the launcher, as a"
            + " user runs them): --version, derive, explain, check with and without Symja; medians of --repeat runs.")
    boolean cold;

    @Override
    public Integer call() {
        if (cold) {
            return cold();
        }
        Benchmark.Clock c = switch (clock.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "wall" -> Benchmark.Clock.WALL;
            case "cpu" -> Benchmark.Clock.CPU;
            default -> throw new dev.chainrule.UserError("--clock: expected wall or cpu, got '" + clock + "'");
        };
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
