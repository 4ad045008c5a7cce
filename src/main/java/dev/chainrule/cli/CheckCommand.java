package dev.chainrule.cli;

import dev.chainrule.UserError;
import dev.chainrule.homework.ClaimParser;
import dev.chainrule.homework.ClaimResult;
import dev.chainrule.homework.FreeformJudge;
import dev.chainrule.homework.NetworkJudge;
import dev.chainrule.homework.StepsJudge;
import dev.chainrule.homework.Symbolic;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.CheckJsonRenderer;
import dev.chainrule.render.CheckTextRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
                + "a missing or extra local derivative, σ in place of σ′, another parameter's gradient, missing paths).",
                "",
                "With a SPEC (or none: the XOR network of the notes), each --claim 'w[1,1,1] = EXPR' is compared with the "
                + "true per-sample ∂L/∂w (with --of batch: the gradient of the reduced loss) at the data and at random points "
                + "around the spec's values. Claims may use the inputs, y, yhat, z[l,i], a[l,i] or h[l,i], w[l,i,j], b[l,i], "
                + "delta[l,i], sigmoid/σ, tanh, relu, exp, log, sigmoid'(z), relu'(z) and [z > 0]; a plain number needs --sample N.",
                "",
                "Free-form: --expr 'L = (t - z)^2; z = w1*x1 + b' --wrt w1 --claim 'EXPR'.",
                "",
                "Worked steps: --steps FILE: optional definitions (L = …), an optional goal line 'dL/dw', then one expression "
                + "per line, each equal to the one before; d(expr, v) writes an unevaluated derivative.",
                "",
                "Exit status: 0 every claim correct, 1 a claim incorrect or undecided, 2 bad input."})
public final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The network (YAML, see the contract).")
    Path specFile;

    @Option(names = "--claim", paramLabel = "'ID = EXPR'", description = "A claimed gradient (repeatable).")
    List<String> claims = new ArrayList<>();

    @Option(names = "--sample", paramLabel = "N", description = "The claims are about sample N only (1-based).")
    Integer sample;

    @Option(names = "--of", paramLabel = "sample|batch", defaultValue = "sample",
            description = "sample: the per-sample gradient (default); batch: the gradient of the reduced loss.")
    String of;

    @Option(names = "--expr", paramLabel = "PROGRAM", description = "Free-form: the function, e.g. 'L = (t - z)^2; z = w1*x1 + b'.")
    String expr;

    @Option(names = "--wrt", paramLabel = "VAR", description = "Free-form: the variable of the derivative.")
    String wrt;

    @Option(names = "--steps", paramLabel = "FILE", description = "Check a worked derivation line by line.")
    Path steps;

    @Option(names = "--symbolic", description = "Also ask the computer-algebra system (Symja, ~3 s to start) to confirm.")
    boolean symbolic;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the random points (default 7).")
    long seed;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.requireOneOf(OutputOptions.Format.text, OutputOptions.Format.json);
        List<ClaimResult> results;
        String title;
        String jsonOf = null;
        String jsonReduction = null;
        if ((steps != null || expr != null) && (sample != null || !of.equals("sample"))) {
            throw new UserError("--sample and --of apply to a network SPEC's data, not to --expr or --steps");
        }
        if (steps != null) {
            if (!claims.isEmpty()) {
                throw new UserError("--steps and --claim cannot be combined: check one at a time");
            }
            String text = read(steps);
            StepsJudge judge = new StepsJudge(Optional.ofNullable(expr), Optional.ofNullable(wrt), seed);
            results = List.of(judge.judge(text));
            title = "worked steps in " + steps;
        } else if (expr != null) {
            if (specFile != null) {
                throw new UserError("--expr checks a free-form function; leave out the SPEC " + specFile);
            }
            if (wrt == null) {
                throw new UserError("--expr needs --wrt VAR: the variable the claim differentiates by");
            }
            requireClaims();
            FreeformJudge judge = new FreeformJudge(expr, wrt, seed);
            results = new ArrayList<>();
            for (String c : claims) {
                results.add(maybeSymbolic(judge.judge(c), judge.symbolicPair(c)));
            }
            title = "";
        } else {
            requireClaims();
            NetworkSpec net = specFile == null ? BuiltinExamples.xor() : SpecLoader.load(specFile);
            NetworkJudge.Of mode = switch (of) {
                case "sample" -> NetworkJudge.Of.SAMPLE;
                case "batch" -> NetworkJudge.Of.BATCH;
                default -> throw new UserError("--of " + of + ": expected sample or batch");
            };
            if (mode == NetworkJudge.Of.BATCH && sample != null) {
                throw new UserError("--sample and --of batch cannot be combined: the batch gradient uses every sample");
            }
            List<ClaimParser.Claim> parsed = claims.stream().map(c -> ClaimParser.parse(c, net)).toList();
            NetworkJudge judge = new NetworkJudge(net, Optional.ofNullable(sample), mode, seed);
            results = new ArrayList<>();
            for (ClaimParser.Claim c : parsed) {
                ClaimResult r = judge.judge(c);
                if (symbolic && mode == NetworkJudge.Of.BATCH) {
                    r = r.withSymbolic("no symbolic check with --of batch (it compares per-sample formulas)");
                }
                results.add(symbolic && mode == NetworkJudge.Of.SAMPLE && !c.isNumber()
                        ? maybeSymbolic(r, Optional.of(Symbolic.networkPair(judge, c))) : r);
            }
            title = specFile == null ? "XOR network of the notes (builtin)" : "network " + specFile;
            jsonOf = of;
            jsonReduction = net.reduction().name().toLowerCase(java.util.Locale.ROOT);
        }
        String doc = output.format == OutputOptions.Format.json ? CheckJsonRenderer.render(results, jsonOf, jsonReduction)
                : CheckTextRenderer.render(title, results);
        output.emit(doc, spec.commandLine().getOut());
        // 0 only when every claim is correct: an undecided claim is not a pass either
        if (results.stream().anyMatch(r -> !r.verdict().equals(ClaimResult.CORRECT))) {
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    private ClaimResult maybeSymbolic(ClaimResult r, Optional<Symbolic.Pair> pair) {
        if (!symbolic || pair.isEmpty() || r.verdict().equals(ClaimResult.UNDECIDED)) {
            return r;
        }
        return r.withSymbolic(Symbolic.confirm(pair.get(), r.verdict().equals(ClaimResult.CORRECT)));
    }

    private void requireClaims() {
        if (claims.isEmpty()) {
            throw new UserError("nothing to check: give --claim 'ID = EXPR' (e.g. --claim 'b[2,1] = yhat - y') or --steps FILE");
        }
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > 1_000_000) {
                throw new UserError("--steps " + file + ": the file is larger than 1 MB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("--steps " + file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserError("--steps " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError("--steps " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
