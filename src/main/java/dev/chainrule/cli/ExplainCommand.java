package dev.chainrule.cli;

import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chainrule explain [SPEC]}: every ∂L/∂w of a network, step by step, with numbers and checks. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Derive ∂L/∂w for every parameter of a network step by step, put the numbers in, "
                + "and check each against a finite difference.",
                "With no SPEC, explains the XOR network of the lecture notes."})
public final class ExplainCommand implements Callable<Integer>, OutputOptions.Offered {
    @Override
    public java.util.List<Format> formats() {
        return Formats.EXPLAIN.formats();
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The network (YAML, see the contract).")
    Path specFile;

    @Option(names = "--param", paramLabel = "ID", split = ",(?![^\\[]*])", splitSynopsisLabel = ",",
            description = "Only these parameters, e.g. w[1,1,1] or b[2,1] (repeatable, comma-separated).")
    List<String> params = new ArrayList<>();

    @Option(names = "--sample", paramLabel = "N", description = "Write the numbers out for sample N only (1-based).")
    Integer sample;

    @Option(names = "--check", paramLabel = "MODE", defaultValue = "auto", converter = CheckChoice.Converter.class,
            description = "all | fast | none | auto (default: every parameter up to "
                    + NetworkAnalysis.CHECK_ALL_LIMIT + " parameters, else a random-direction check plus a sample).")
    CheckChoice check;

    @Mixin
    DetailOption detailOption = new DetailOption();

    @Option(names = "--expanded", description = "Also write L out in the weights alone (networks up to 64 parameters).")
    boolean expanded;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random-direction check (default 1).")
    long seed;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Largest network explain writes out (README, Limits and errors); a 784-128-10 network has 101,770. */
    public static final int MAX_PARAMETERS = 200_000;
    /** Wall-clock limit of the analysis and its document. */
    public static final java.time.Duration MAX_TIME = java.time.Duration.ofSeconds(60);

    @Override
    public Integer call() {
        FormatTable.Renderer<NetworkExplanation> renderer = output.renderer(Formats.EXPLAIN);
        dev.chainrule.network.spec.AnySpec read = specFile == null ? new dev.chainrule.network.spec.AnySpec.Dense(
                BuiltinExamples.xor()) : SpecLoader.loadAny(specFile);
        if (read instanceof dev.chainrule.network.spec.AnySpec.Image image) {
            return explainImage(image.spec());
        }
        NetworkSpec net = read.dense();
        if (net.parameterCount() > MAX_PARAMETERS) {
            // explain writes every unit's forward pass, δ and gradient matrix, whatever --param asks for
            throw new dev.chainrule.UserError(String.format(java.util.Locale.ROOT, "%s: the network has %,d parameters, "
                    + "more than the limit of %,d for explain (it writes every unit's forward pass and gradient matrix); "
                    + "use check or train on it, or explain a smaller network", specFile, net.parameterCount(), MAX_PARAMETERS));
        }
        List<ParamId> ids = params.stream().map(ParamId::parse).toList();
        CheckMode mode = switch (check) {
            case ALL -> CheckMode.ALL;
            case FAST -> CheckMode.FAST;
            case NONE -> CheckMode.NONE;
            case AUTO -> net.parameterCount() <= NetworkAnalysis.CHECK_ALL_LIMIT ? CheckMode.ALL : CheckMode.FAST;
        };
        NetworkExplanation x;
        try (dev.chainrule.Budget.Phase phase = dev.chainrule.Budget.phase("explain", Long.MAX_VALUE, MAX_TIME,
                "explain a smaller network, or use --check none")) {
            x = new NetworkAnalysis(net).explain(ids, Optional.ofNullable(sample), mode, seed, expanded);
            FormatTable.Options options = output.options(detailOption.detail());
            // written as it is rendered (text and JSON stream: 42 and 54 MB for 784-128-10)
            output.emit(out -> renderer.write(x, options, out), spec.commandLine().getOut());
        }
        return x.anyCheckFailed() ? Main.CHECK_FAILED : Main.OK;
    }

    /**
     * An image network (conv2d, pooling, flatten; issue 14): text or JSON, every parameter checked; what this path
     * does not do yet is refused in one line.
     */
    private Integer explainImage(dev.chainrule.network.spec.ConvNetSpec net) {
        if (output.format != dev.chainrule.render.doc.Format.TEXT && output.format != dev.chainrule.render.doc.Format.JSON) {
            throw new dev.chainrule.UserError("--format " + output.format.id() + ": a conv2d network is explained in"
                    + " text or json only so far (issue 14)");
        }
        if (sample != null || expanded || check == CheckChoice.NONE || check == CheckChoice.FAST) {
            throw new dev.chainrule.UserError("--sample, --expanded and --check none|fast are not available for a"
                    + " conv2d network yet (issue 14): it is explained over every sample, every gradient checked");
        }
        List<ParamId> ids = params.stream().map(ParamId::parse).toList();
        dev.chainrule.network.ConvAnalysis.Explanation x;
        try (dev.chainrule.Budget.Phase phase = dev.chainrule.Budget.phase("explain", Long.MAX_VALUE, MAX_TIME,
                "explain a smaller network")) {
            x = new dev.chainrule.network.ConvAnalysis(net).explain(ids);
        }
        String doc = output.format == dev.chainrule.render.doc.Format.JSON
                ? dev.chainrule.render.explain.ConvExplainRenderer.json(x)
                : dev.chainrule.render.explain.ConvExplainRenderer.text(x);
        output.emit(doc, spec.commandLine().getOut());
        return x.anyCheckFailed() ? Main.CHECK_FAILED : Main.OK;
    }

    /** {@code explain --check}: a {@link CheckMode}, or auto (all for small networks, else fast); spelled as typed. */
    enum CheckChoice {
        ALL("all"), FAST("fast"), NONE("none"), AUTO("auto");

        private final String spelling;

        CheckChoice(String spelling) {
            this.spelling = spelling;
        }

        String spelling() {
            return spelling;
        }

        static java.util.Optional<CheckChoice> parse(String s) {
            return java.util.Arrays.stream(values()).filter(c -> c.spelling.equals(s)).findFirst();
        }

        /** picocli's conversion; a bad value is a UserError with today's wording (Main unwraps it). */
        static final class Converter implements picocli.CommandLine.ITypeConverter<CheckChoice> {
            @Override
            public CheckChoice convert(String value) {
                return parse(value).orElseThrow(
                        () -> new dev.chainrule.UserError("--check " + value + ": expected all, fast, none or auto"));
            }
        }
    }
}
