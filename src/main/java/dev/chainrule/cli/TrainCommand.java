package dev.chainrule.cli;

import dev.chainrule.UserError;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.TrainHtmlRenderer;
import dev.chainrule.render.TrainJsonRenderer;
import dev.chainrule.render.TrainLatexRenderer;
import dev.chainrule.render.TrainMarkdownRenderer;
import dev.chainrule.render.TrainPlot;
import dev.chainrule.render.TrainTextRenderer;
import dev.chainrule.train.TrainConfig;
import dev.chainrule.train.TrainResult;
import dev.chainrule.train.Trainer;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule train SPEC --epochs E}: gradient descent with the first updates written out, the loss per epoch
 * and the final parameters. A run that diverges (NaN/∞ loss, or a parameter beyond ±1e12) stops with one message on
 * stderr naming the epoch and suggesting a smaller learning rate, prints what it has, and exits 1 (a failed check).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the network by gradient descent, writing the first updates out in full "
                + "(batch, backprop gradient of every parameter, update rule with numbers), then the loss per epoch.",
                "An epoch walks the data in file order (or shuffled with --shuffle --seed S) in batches of "
                        + "--batch-size samples; each batch takes one step p ← p − η·∂L_batch/∂p.",
                "--format latex|markdown|html writes the same as a document with the update rules as formulas; "
                        + "the HTML page also draws the loss curve.",
                "Exit 1 when the run diverges (NaN/∞ loss or a parameter beyond ±1e12).",
                "With no SPEC, trains the XOR network of the lecture notes."})
public final class TrainCommand implements Callable<Integer>, OutputOptions.Offered {
    @Override
    public java.util.List<OutputOptions.Format> formats() {
        return java.util.List.of(OutputOptions.Format.text, OutputOptions.Format.json, OutputOptions.Format.latex, OutputOptions.Format.markdown, OutputOptions.Format.html);
    }

    /** A progress bar appears on a terminal once a run has taken this long. */
    static final long PROGRESS_AFTER_MILLIS = 1_000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The network (YAML, see the contract).")
    Path specFile;

    @Option(names = "--epochs", required = true, paramLabel = "E", description = "Number of passes over the data.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Samples per step (default: all; 1 = per-sample SGD; the last batch may be smaller).")
    Integer batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd | momentum | adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "η", description = "Step size (default: the spec's learning_rate).")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "μ", defaultValue = "0.9",
            description = "momentum: v ← μ·v + g, p ← p − η·v (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--beta1", paramLabel = "β1", defaultValue = "0.9", description = "adam: β₁ (default: ${DEFAULT-VALUE}).")
    double beta1;

    @Option(names = "--beta2", paramLabel = "β2", defaultValue = "0.999", description = "adam: β₂ (default: ${DEFAULT-VALUE}).")
    double beta2;

    @Option(names = "--epsilon", paramLabel = "ε", defaultValue = "1e-8", description = "adam: ε (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--shuffle", description = "Walk the data in a new random order every epoch (needs --seed).")
    boolean shuffle;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the shuffle (with --shuffle).")
    Long seed;

    @Option(names = "--show-steps", paramLabel = "K", defaultValue = "1",
            description = "Write the first K updates out in full (default: ${DEFAULT-VALUE}; 0 for none).")
    int showSteps;

    @Option(names = "--plot", paramLabel = "FILE", description = "Also draw the loss per epoch to FILE.png or FILE.svg.")
    Path plot;

    @Option(names = "--save", paramLabel = "SPEC.yaml",
            description = "Also write the trained network as a spec: the same network, loss, data and the run's learning "
                    + "rate, with the final weights and biases (it loads back and trains on).")
    Path save;

    @Option(names = "--log-scale", description = "With --plot: a logarithmic loss axis.")
    boolean logScale;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.requireOneOf(formats());
        var parsed = spec.commandLine().getParseResult();
        if (shuffle && seed == null) {
            throw new UserError("--shuffle needs --seed S, so that the run can be repeated");
        }
        if (!shuffle && seed != null) {
            throw new UserError("--seed only sets the shuffle: add --shuffle (initial weights come from the spec's "
                    + "init: {seed: …})");
        }
        if (logScale && plot == null) {
            throw new UserError("--log-scale only applies with --plot FILE");
        }
        if (!optimizer.equals("momentum") && parsed.hasMatchedOption("--momentum")) {
            throw new UserError("--momentum only applies with --optimizer momentum");
        }
        for (String o : new String[] {"--beta1", "--beta2", "--epsilon"}) {
            if (!optimizer.equals("adam") && parsed.hasMatchedOption(o)) {
                throw new UserError(o + " only applies with --optimizer adam");
            }
        }
        if (batchSize != null && batchSize < 1) {
            throw new UserError("--batch-size " + batchSize + ": need at least 1 sample per batch");
        }
        if (plot != null) {
            TrainPlot.formatOf(plot);
        }
        if (save != null) {
            Path parent = save.toAbsolutePath().getParent();
            if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
                throw new UserError("--save " + save + ": the folder " + parent + " does not exist");
            }
            if (java.nio.file.Files.isDirectory(save)) {
                throw new UserError("--save " + save + ": is a folder; give a file name such as trained.yaml");
            }
        }
        NetworkSpec net = specFile == null ? BuiltinExamples.xor() : SpecLoader.load(specFile);
        TrainConfig config = new TrainConfig(epochs, batchSize == null ? 0 : batchSize, optimizer,
                learningRate == null ? net.learningRate() : learningRate, momentum, beta1, beta2, epsilon,
                shuffle ? OptionalLong.of(seed) : OptionalLong.empty(), showSteps);

        TrainResult result;
        try (Progress progress = new Progress(epochs)) {
            result = new Trainer(net).train(config, progress::epochDone);
        }
        if (plot != null) {
            TrainPlot.write(result, plot, logScale);
        }
        String doc = switch (output.format) {
            case json -> TrainJsonRenderer.render(result);
            case latex -> TrainLatexRenderer.render(result, output.fragment);
            case markdown -> TrainMarkdownRenderer.render(result);
            case html -> TrainHtmlRenderer.render(result, output.fragment);
            default -> TrainTextRenderer.render(result);
        };
        output.emit(doc, spec.commandLine().getOut());
        if (save != null && !result.diverged()) {
            saveSpec(net, config, result);
        }
        if (result.diverged()) {
            spec.commandLine().getErr().println("chainrule: " + Trainer.divergenceMessage(result)
                    + (save != null ? " (--save: nothing written)" : ""));
            spec.commandLine().getErr().flush();
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    /**
     * {@code --save}: the spec with the final parameters and the run's learning rate, written beside the target and
     * moved into place (a half-written spec is never left behind).
     */
    private void saveSpec(NetworkSpec net, TrainConfig config, dev.chainrule.train.TrainResult result) {
        NetworkSpec trained = net.withParameters(result.parameters());
        trained = new NetworkSpec(trained.inputs(), trained.outputs(), trained.layers(), trained.loss(),
                trained.reduction(), config.learningRate(), trained.data(), trained.name());
        String yaml = "# trained by chainrule train: " + result.epochs().size() + " epochs, final loss "
                + result.finalLoss() + "\n" + dev.chainrule.network.spec.SpecGenerator.toYaml(trained);
        Path target = save.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile(target.getParent(), ".chainrule-save-", ".yaml");
            java.nio.file.Files.writeString(tmp, yaml, java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (java.io.IOException e) {
            throw new UserError("--save " + save + ": cannot write it (" + e.getMessage() + ")");
        } finally {
            if (tmp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (java.io.IOException ignored) {
                    // nothing more to do: the temporary file is hidden and named as ours
                }
            }
        }
    }

    /** A progress bar on stderr, only on a terminal and only once the run has taken a while. */
    static final class Progress implements AutoCloseable {
        private final long start = System.nanoTime();
        private final int total;
        private final boolean terminal = System.console() != null;
        private ProgressBar bar;

        Progress(int total) {
            this.total = total;
        }

        void epochDone(int epoch, double loss) {
            if (!terminal) {
                return;
            }
            if (bar == null) {
                if ((System.nanoTime() - start) / 1_000_000 < PROGRESS_AFTER_MILLIS || epoch >= total) {
                    return;
                }
                bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
            }
            bar.stepTo(epoch);
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.6g", loss));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
