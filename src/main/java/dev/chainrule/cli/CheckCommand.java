package dev.chainrule.cli;

import dev.chainrule.UserError;
import dev.chainrule.homework.Checking;
import dev.chainrule.homework.ClaimVerdict;
import dev.chainrule.homework.ClaimResult;
import dev.chainrule.homework.NetworkJudge;
import dev.chainrule.homework.NetworkStepsJudge;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.Formats;
import dev.chainrule.render.check.CheckReport;
import dev.chainrule.render.check.GradientsReport;
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

/**
 * {@code chainrule check}: judges hand-worked gradients. Exit 0 all correct, 1 any incorrect (or undecided),
 * 2 bad input.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Judge a hand-worked derivative: equivalent or not, and if not, what is wrong (sign, constant factor, "
                + "a missing or extra factor, σ in place of σ′, a wrong index such as W for Wᵀ, another parameter's gradient, "
                + "missing paths).",
                "",
                "With a SPEC (or none: the XOR network of the notes), each --claim 'w[1,1,1] = EXPR' is compared with the "
                + "true per-sample ∂L/∂w (with --of batch: the gradient of the reduced loss) at the data and at random points "
                + "around the spec's values. Claims may use the inputs, y, yhat, z[l,i], a[l,i] or h[l,i], w[l,i,j], b[l,i], "
                + "delta[l,i] (or as chainrule prints them: ŷ, a₁⁽¹⁾, w₁₁⁽²⁾, δ₁⁽²⁾), N (the number of samples), sigmoid/σ, tanh, relu, "
                + "exp, log, σ′(z), relu'(z) and [z > 0]; a plain number needs --sample N (or --of batch) and is right when it is "
                + "the gradient rounded to its own significant digits or within 1e-6 relative.",
                "",
                "Free-form: --expr 'L = (t - z)^2; z = w1*x1 + b' --wrt w1 --claim 'EXPR'.",
                "",
                "Worked steps on the network: --steps FILE: a goal line 'dL/dw[2,1,1]' (or ∂L/∂b[1,2]), then one expression "
                + "per line, each equal to the one before, in the network's names (a[1,1] and relu(z[1,1]) are the same); "
                + "a line may be the chain rule written out, dL/dyhat * dyhat/dz[2,1] * dz[2,1]/dw[2,1,1] (∂A/∂B or d(A, B) too). "
                + "Every line is compared with the true per-sample gradient (--sample N: that sample's) and the first wrong line is named.",
                "",
                "Free-form steps: a file that starts with definitions (L = (y - w*x)^2), or --expr, then an optional goal "
                + "'dL/dw' and one expression per line; d(expr, v) writes an unevaluated derivative.",
                "",
                "A whole gradient: --gradients FILE.json, {\"w[1,1,1]\": number, …}, the batch gradient of every parameter; "
                + "the worst values ranked, and one diagnosis for the whole set where one fits.",
                "",
                "An exercise's answers: --key DIR/key.json --variant K --claim 'w[1,1,1] = NUMBER' (chainrule exercise): judged "
                + "as --of batch on the variant's spec, to the key's significant digits (key.json \"digits\": fewer is wrong, a truncated number is named), a wrong number named by the slip it is. For graders: --format gradescope "
                + "or prairielearn, --no-solution (feedback without the correct result), --hint (the rule each slip breaks).",
                "",
                "Exit status: 0 every claim correct, 1 a claim incorrect or undecided, 2 bad input."})
public final class CheckCommand implements Callable<Integer>, OutputOptions.Offered {
    @Override
    public java.util.List<Format> formats() {
        return Formats.CHECK.formats();
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The network (YAML, see the contract).")
    Path specFile;

    @Option(names = "--claim", paramLabel = "'ID = EXPR'", description = "A claimed gradient (repeatable).")
    List<String> claims = new ArrayList<>();

    @Option(names = "--sample", paramLabel = "N", description = "The claims, or the worked steps, are about sample N only (1-based).")
    Integer sample;

    @Option(names = "--of", paramLabel = "sample|batch", defaultValue = "sample", converter = OfConverter.class,
            description = "sample: the per-sample gradient (default); batch: the gradient of the reduced loss.")
    NetworkJudge.Of of;

    @Option(names = "--expr", paramLabel = "PROGRAM", description = "Free-form: the function, e.g. 'L = (t - z)^2; z = w1*x1 + b'.")
    String expr;

    @Option(names = "--wrt", paramLabel = "VAR", description = "Free-form: the variable of the derivative.")
    String wrt;

    @Option(names = "--steps", paramLabel = "FILE", description = "Check a worked derivation line by line.")
    Path steps;

    @Option(names = "--gradients", paramLabel = "FILE.json",
            description = "Judge a whole batch gradient at once: a JSON object {\"w[1,1,1]\": number, …} with ∂L/∂p of the "
                    + "reduced loss over all the data for every parameter, as a backward pass computes it; each value is "
                    + "compared with the true gradient (relative error ≤ 1e-5, or within 1e-8), and one cause is named for "
                    + "the whole set where one fits (a transposed layer, a missing 1/N, a layer's activation derivative, "
                    + "bias gradients not summed, another loss's gradient).")
    Path gradients;

    @Option(names = "--symbolic", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Ask the computer-algebra system (Symja) too; both judges must agree (default). "
                    + "--no-symbolic: the numbers alone decide (no Symja start-up).")
    boolean symbolic;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the random points (default 7).")
    long seed;

    @Option(names = "--key", paramLabel = "DIR/key.json", description = "Grade numeric claims against an exercise key (chainrule exercise); needs --variant.")
    Path key;

    @Option(names = "--variant", paramLabel = "K", description = "The variant of --key the claims answer.")
    Integer variant;

    @Option(names = "--no-solution", description = "Graded feedback without the correct result: the verdict and what "
            + "is wrong, in words, but no correct result, derivation or true value (text, json, gradescope, prairielearn).")
    boolean noSolution;

    @Option(names = "--hint", description = "With each diagnosis, the rule that decides it (not its value), e.g. "
            + "'sigmoid rule: σ′ = σ(1 − σ)' for σ where σ′ belongs.")
    boolean hint;

    /** The formats --no-solution can write: those that are feedback, not documents. */
    private static final java.util.Set<Format> GRADED = java.util.EnumSet.of(Format.TEXT, Format.JSON, Format.GRADESCOPE,
            Format.PRAIRIELEARN);

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (gradients != null) {
            if (noSolution || hint) {
                throw new UserError("--no-solution and --hint are for graded claims (--claim, --key), not --gradients");
            }
            return checkGradients();
        }
        FormatTable.Renderer<CheckReport> renderer = output.renderer(Formats.CHECK);
        if (noSolution && !GRADED.contains(output.format)) {
            throw new UserError("--no-solution is graded feedback: --format text, json, gradescope or prairielearn"
                    + " (a document without its solution would be a problem sheet: chainrule exercise writes those)");
        }
        if (noSolution && steps != null) {
            throw new UserError("--no-solution grades --claim answers; worked steps (--steps) show the gradient line by line");
        }
        if (key != null || variant != null) {
            return gradeKey(renderer);
        }
        if (expr != null && (sample != null || of != NetworkJudge.Of.SAMPLE)) {
            throw new UserError("--sample and --of apply to a network SPEC's data, not to --expr");
        }
        if (steps != null && !claims.isEmpty()) {
            throw new UserError("--steps and --claim cannot be combined: check one at a time");
        }
        String stepsText = steps == null ? null : read(steps);
        // worked steps on a network: with a SPEC, or without one (the builtin network, as --claim) when the file
        // starts with a goal dL/d…; with --expr, or definitions of their own, they are free-form (see the README)
        boolean networkSteps = steps != null && expr == null
                && (specFile != null || NetworkStepsJudge.startsWithGoal(stepsText));
        if (steps != null && !networkSteps && (sample != null || of != NetworkJudge.Of.SAMPLE)) {
            throw new UserError("--sample and --of apply to a network SPEC's data, not to free-form --steps"
                    + " (steps that start with definitions, or --expr)");
        }
        Checking checking = new Checking(symbolic, seed);
        Checking.Outcome outcome;
        String title;
        if (networkSteps) {
            if (of != NetworkJudge.Of.SAMPLE) {
                throw new UserError("--of " + of + ": worked steps derive the per-sample gradient; --of batch is for --claim");
            }
            if (wrt != null) {
                throw new UserError("--wrt belongs to --expr; on a network the goal line names the parameter (dL/dw[2,1,1])");
            }
            outcome = checking.networkSteps(network(), stepsText, Optional.ofNullable(sample));
            title = "worked steps in " + steps + ", on " + (specFile == null ? "the XOR network of the notes (builtin)"
                    : "network " + specFile);
        } else if (steps != null) {
            if (expr != null && specFile != null) {
                throw new UserError("--expr checks a free-form function; leave out the SPEC " + specFile);
            }
            outcome = checking.freeformSteps(Optional.ofNullable(expr), Optional.ofNullable(wrt), stepsText);
            title = "worked steps in " + steps;
        } else if (expr != null) {
            if (specFile != null) {
                throw new UserError("--expr checks a free-form function; leave out the SPEC " + specFile);
            }
            if (wrt == null) {
                throw new UserError("--expr needs --wrt VAR: the variable the claim differentiates by");
            }
            requireClaims();
            outcome = checking.freeformClaims(expr, wrt, claims);
            title = "";
        } else {
            requireClaims();
            if (of == NetworkJudge.Of.BATCH && sample != null) {
                throw new UserError("--sample and --of batch cannot be combined: the batch gradient uses every sample");
            }
            if (specFile != null) {
                dev.chainrule.network.spec.AnySpec any = SpecLoader.loadAny(specFile);
                if (!(any instanceof dev.chainrule.network.spec.AnySpec.Dense)) {
                    return sharedWeightClaims(renderer, any);
                }
            }
            outcome = checking.networkClaims(network(), claims, Optional.ofNullable(sample), of);
            title = specFile == null ? "XOR network of the notes (builtin)" : "network " + specFile;
        }
        java.util.Map<String, String> figures = output.format == Format.HTML && outcome.network().isPresent()
                ? figures(outcome.network().get(), outcome.about().stream().limit(10).toList(), outcome.goal() ? "steps" : null)
                : java.util.Map.of();
        String jsonOf = outcome.network().map(n -> of.spelling()).orElse(null);
        String jsonReduction = outcome.network().map(n -> n.reduction().name().toLowerCase(java.util.Locale.ROOT)).orElse(null);
        return report(renderer, outcome.results(), title, figures, jsonOf, jsonReduction);
    }

    /**
     * Number claims on a conv2d or rnn network ({@link dev.chainrule.homework.SharedWeightJudge}): judged by the
     * numbers alone (the claims are numbers; Symja has nothing to add), in every format.
     */
    private int sharedWeightClaims(FormatTable.Renderer<CheckReport> renderer, dev.chainrule.network.spec.AnySpec any) {
        dev.chainrule.homework.SharedWeightJudge.Net net = any instanceof dev.chainrule.network.spec.AnySpec.Image image
                ? dev.chainrule.homework.SharedWeightJudge.of(new dev.chainrule.network.ConvAnalysis(image.spec()))
                : dev.chainrule.homework.SharedWeightJudge.of(new dev.chainrule.network.RnnAnalysis(
                        ((dev.chainrule.network.spec.AnySpec.Sequence) any).spec()));
        List<ClaimResult> results;
        try (dev.chainrule.Budget.Phase phase = dev.chainrule.Budget.phase("check", Long.MAX_VALUE,
                ExplainCommand.MAX_TIME, "check a smaller network")) {
            results = new dev.chainrule.homework.SharedWeightJudge(net, Optional.ofNullable(sample), of).judge(claims);
        }
        String kind = any instanceof dev.chainrule.network.spec.AnySpec.Image ? "conv2d network " : "rnn network ";
        return report(renderer, results, kind + specFile, java.util.Map.of(), of.spelling(),
                net.reduction().name().toLowerCase(java.util.Locale.ROOT));
    }

    private NetworkSpec network() {
        return specFile == null ? BuiltinExamples.xor() : SpecLoader.load(specFile);
    }

    /** picocli's conversion of {@code --of}; a bad value is a {@link UserError} with today's wording (Main unwraps it). */
    static final class OfConverter implements picocli.CommandLine.ITypeConverter<NetworkJudge.Of> {
        @Override
        public NetworkJudge.Of convert(String value) {
            return NetworkJudge.Of.parse(value).orElseThrow(() -> new UserError("--of " + value + ": expected sample or batch"));
        }
    }

    /** {@code --gradients FILE}: every parameter's batch gradient judged at once (README, "check --gradients"). */
    private int checkGradients() {
        if (!claims.isEmpty() || steps != null || expr != null || wrt != null) {
            throw new UserError("--gradients judges a whole gradient file on its own: leave out --claim, --steps, --expr and --wrt");
        }
        if (sample != null) {
            throw new UserError("--gradients holds the batch gradient over all the data: --sample does not apply");
        }
        FormatTable.Renderer<GradientsReport> renderer = output.renderer(Formats.CHECK_GRADIENTS);
        NetworkSpec net = network();
        double[] claimed = dev.chainrule.homework.GradientsJudge.read(gradients, net);
        dev.chainrule.homework.GradientsJudge.Report report = dev.chainrule.homework.GradientsJudge.judge(net, claimed);
        String network = specFile == null ? "the XOR network of the notes (builtin)" : "network " + specFile;
        String title = "gradients in " + gradients + ", on " + network + " (" + claimed.length + " parameters, "
                + net.data().size() + (net.data().size() == 1 ? " sample, " : " samples, ") + net.loss().yamlName()
                + ", reduction: " + report.reduction() + ")";
        String doc = renderer.render(new GradientsReport(title, report, specFile == null ? "builtin" : specFile.toString(),
                gradients.toString()), output.options());
        output.emit(doc, spec.commandLine().getOut());
        return report.incorrect() == 0 ? Main.OK : Main.CHECK_FAILED;
    }

    /**
     * The HTML feedback sheet's pictures: the computational graph with each claimed parameter's path in violet, by
     * parameter (or all under {@code key}: the goal of worked steps).
     */
    private java.util.Map<String, String> figures(NetworkSpec net, List<dev.chainrule.network.spec.ParamId> ids, String key) {
        dev.chainrule.network.NetworkExplanation x = new dev.chainrule.network.NetworkAnalysis(net)
                .explain(ids, Optional.ofNullable(sample), dev.chainrule.network.NetworkExplanation.CheckMode.NONE, seed);
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (dev.chainrule.network.NetworkExplanation.ParameterResult p : x.parameters()) {
            out.put(key != null ? key : p.id().toString(), dev.chainrule.render.explain.SvgComputationGraph.figure(x, p));
        }
        return out;
    }

    private void requireClaims() {
        if (claims.isEmpty()) {
            throw new UserError("nothing to check: give --claim 'ID = EXPR' (e.g. --claim 'b[2,1] = yhat - y') or --steps FILE");
        }
    }

    private static String read(Path file) {
        try {
            return dev.chainrule.io.TextFiles.read(file, 1_000_000, "1,000,000 (1 MB) for --steps");
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError("--steps " + file + ": " + e.getMessage());
        }
    }

    /** Claims graded against an exercise key: judged as --of batch on the variant's spec, a wrong number named by the design. */
    private int gradeKey(FormatTable.Renderer<CheckReport> renderer) {
        if (key == null || variant == null) {
            throw new UserError("--key and --variant go together");
        }
        if (specFile != null || steps != null || expr != null || wrt != null || sample != null
                || of != NetworkJudge.Of.SAMPLE) {
            throw new UserError("--key grades --claim answers to its variant's spec (the batch gradient): leave out SPEC,"
                    + " --steps, --expr, --wrt, --sample and --of");
        }
        // a grader's score is out of every parameter the variant asks for; text and JSON judge what was claimed
        boolean score = output.format == Format.GRADESCOPE || output.format == Format.PRAIRIELEARN;
        dev.chainrule.homework.KeyGrading.Graded g = dev.chainrule.homework.KeyGrading.grade(key, variant, claims,
                new Checking(symbolic, seed), score);
        // the key's own name and the variant's spec as the key names it: a grader's paths are not the student's business
        String title = "variant " + variant + " of " + key.getFileName() + " (network " + g.specName()
                + ", the batch gradient)";
        return report(renderer, g.results(), title, java.util.Map.of(), "batch",
                g.spec().reduction().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Renders the verdicts as graded feedback asks (--no-solution, --hint) and says the exit status. */
    private int report(FormatTable.Renderer<CheckReport> renderer, List<ClaimResult> judged, String title,
                       java.util.Map<String, String> figures, String jsonOf, String jsonReduction) {
        List<ClaimResult> results = judged.stream().map(r -> r.forFeedback(!noSolution, hint)).toList();
        String doc = renderer.render(new CheckReport(title, results, figures, jsonOf, jsonReduction), output.options());
        output.emit(doc, spec.commandLine().getOut());
        // 0 only when every claim is correct: an undecided claim is not a pass either
        if (results.stream().anyMatch(r -> r.verdict() != ClaimVerdict.CORRECT)) {
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }
}
