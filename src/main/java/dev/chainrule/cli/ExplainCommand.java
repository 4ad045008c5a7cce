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
            description = "Only these parameters, e.g. w[1,1,1], b[2,1] or u[1,1,2] (repeatable, comma-separated).")
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
        dev.chainrule.network.spec.AnySpec read = specFile == null ? new dev.chainrule.network.spec.AnySpec.Dense(
                BuiltinExamples.xor()) : SpecLoader.loadAny(specFile);
        if (read instanceof dev.chainrule.network.spec.AnySpec.Image image) {
            return explainImage(image.spec());
        }
        if (read instanceof dev.chainrule.network.spec.AnySpec.Sequence sequence) {
            return explainRecurrent(sequence.spec());
        }
        FormatTable.Renderer<NetworkExplanation> renderer = output.renderer(Formats.EXPLAIN);
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
     * An image network (conv2d, pooling, flatten; issue 14): every format but dot, every parameter checked; what
     * this path does not do yet is refused in one line.
     */
    private Integer explainImage(dev.chainrule.network.spec.ConvNetSpec net) {
        FormatTable.Renderer<dev.chainrule.network.ConvAnalysis.Explanation> renderer =
                output.renderer(Formats.EXPLAIN_CONV);
        if (expanded || check == CheckChoice.NONE || check == CheckChoice.FAST) {
            throw new dev.chainrule.UserError("--expanded and --check none|fast are not available for a conv2d network"
                    + " yet (issue 14): every gradient is checked");
        }
        List<ParamId> ids = params.stream().map(ParamId::parse).toList();
        dev.chainrule.network.ConvAnalysis.Explanation x;
        String doc;
        try (dev.chainrule.Budget.Phase phase = dev.chainrule.Budget.phase("explain", Long.MAX_VALUE, MAX_TIME,
                "explain a smaller network")) {
            x = new dev.chainrule.network.ConvAnalysis(net).explain(ids, Optional.ofNullable(sample));
            doc = renderer.render(x, output.options(detailOption.detail()));
        }
        output.emit(doc, spec.commandLine().getOut());
        return x.anyCheckFailed() ? Main.CHECK_FAILED : Main.OK;
    }

    /** Largest rnn network explain unrolls: units × T (the longest sequence) at most this. */
    public static final int MAX_RNN_UNROLLED = 256;

    /**
     * A recurrent network (an rnn layer, then dense layers; contract §5): every format but dot, every parameter
     * checked; what this path does not do yet is refused in one line.
     */
    private Integer explainRecurrent(dev.chainrule.network.spec.RnnNetSpec net) {
        FormatTable.Renderer<dev.chainrule.network.RnnAnalysis.Explanation> renderer =
                output.renderer(Formats.EXPLAIN_RNN);
        if (sample != null || expanded || check == CheckChoice.NONE || check == CheckChoice.FAST) {
            throw new dev.chainrule.UserError("--sample, --expanded and --check none|fast are not available for an"
                    + " rnn network yet: it is explained over every sample, every gradient checked");
        }
        if (net.parameters().size() > MAX_PARAMETERS) {
            throw new dev.chainrule.UserError(String.format(java.util.Locale.ROOT, "%s: the network has %,d parameters,"
                    + " more than the limit of %,d for explain; explain a smaller network", specFile,
                    net.parameters().size(), MAX_PARAMETERS));
        }
        int longest = net.data().stream().mapToInt(dev.chainrule.network.spec.RnnNetSpec.Sequence::steps).max().orElse(1);
        if ((long) longest * net.rnn().units() > MAX_RNN_UNROLLED) {
            throw new dev.chainrule.UserError(specFile + ": the rnn layer unrolled is " + net.rnn().units()
                    + " units × " + longest + " steps, more than the limit of " + MAX_RNN_UNROLLED + " (units × the"
                    + " longest sequence) for explain, which writes every step out; explain shorter sequences"
                    + " or fewer units");
        }
        List<ParamId> ids = params.stream().map(ParamId::parse).toList();
        dev.chainrule.network.RnnAnalysis.Explanation x;
        String doc;
        try (dev.chainrule.Budget.Phase phase = dev.chainrule.Budget.phase("explain", Long.MAX_VALUE, MAX_TIME,
                "explain a smaller network, or shorter sequences")) {
            x = new dev.chainrule.network.RnnAnalysis(net).explain(ids);
            doc = renderer.render(x, output.options(detailOption.detail()));
        }
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
