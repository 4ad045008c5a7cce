package dev.chainrule.cli;

import dev.chainrule.derive.Steps;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.ExplainJsonRenderer;
import dev.chainrule.render.ExplainTextRenderer;
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
    public java.util.List<OutputOptions.Format> formats() {
        return java.util.List.of(OutputOptions.Format.text, OutputOptions.Format.json, OutputOptions.Format.latex, OutputOptions.Format.markdown, OutputOptions.Format.html, OutputOptions.Format.dot);
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The network (YAML, see the contract).")
    Path specFile;

    @Option(names = "--param", paramLabel = "ID", split = ",(?![^\\[]*])", splitSynopsisLabel = ",",
            description = "Only these parameters, e.g. w[1,1,1] or b[2,1] (repeatable, comma-separated).")
    List<String> params = new ArrayList<>();

    @Option(names = "--sample", paramLabel = "N", description = "Write the numbers out for sample N only (1-based).")
    Integer sample;

    @Option(names = "--check", paramLabel = "MODE", defaultValue = "auto",
            description = "all | fast | none | auto (default: every parameter up to "
                    + NetworkAnalysis.CHECK_ALL_LIMIT + " parameters, else a random-direction check plus a sample).")
    String check;

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

    @Override
    public Integer call() {
        output.requireOneOf(formats());
        NetworkSpec net = specFile == null ? BuiltinExamples.xor() : SpecLoader.load(specFile);
        List<ParamId> ids = params.stream().map(ParamId::parse).toList();
        CheckMode mode = switch (check) {
            case "all" -> CheckMode.ALL;
            case "fast" -> CheckMode.FAST;
            case "none" -> CheckMode.NONE;
            case "auto" -> net.parameterCount() <= NetworkAnalysis.CHECK_ALL_LIMIT ? CheckMode.ALL : CheckMode.FAST;
            default -> throw new dev.chainrule.UserError("--check " + check + ": expected all, fast, none or auto");
        };
        NetworkExplanation x = new NetworkAnalysis(net).explain(ids, Optional.ofNullable(sample), mode, seed, expanded);
        Steps.Detail detail = detailOption.detail();
        String doc = switch (output.format) {
            case json -> ExplainJsonRenderer.render(x); // machine readers get every step
            case latex -> dev.chainrule.render.ExplainLatexRenderer.render(x, output.fragment, detail);
            case markdown -> dev.chainrule.render.ExplainMarkdownRenderer.render(x, detail);
            case html -> dev.chainrule.render.ExplainHtmlRenderer.render(x, output.fragment, detail);
            case dot -> dev.chainrule.render.ExplainDotRenderer.render(x);
            default -> ExplainTextRenderer.render(x, detail);
        };
        output.emit(doc, spec.commandLine().getOut());
        return x.anyCheckFailed() ? Main.CHECK_FAILED : Main.OK;
    }
}
