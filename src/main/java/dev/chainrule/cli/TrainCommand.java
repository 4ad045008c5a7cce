package dev.chainrule.cli;

import dev.chainrule.UserError;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import dev.chainrule.render.train.TrainPlot;
import dev.chainrule.train.Optimizer;
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
    public java.util.List<Format> formats() {
        return Formats.TRAIN.formats();
    }

    /** A progress bar appears on a terminal once a run has taken this long. */
    static final long PROGRESS_AFTER_MILLIS = 1_000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The network (YAML, see the contract).")
    Path specFile;

    @Option(names = "--epochs", required = true, paramLabel = "E", description = "Number of passes over the data.")
    int epochs;

    @Option(names = "--allow-long", description = "Allow more than 100,000 epochs (up to 1,000,000): a long run, "
            + "with a progress bar on a terminal; Ctrl-C stops it and writes the epochs done.")
    boolean allowLong;

    /** Epochs a run may take without --allow-long, and with it (every epoch's loss is kept): README, Limits and errors. */
    public static final int MAX_EPOCHS = 100_000;
    public static final int MAX_EPOCHS_LONG = 1_000_000;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Samples per step (default: all; 1 = per-sample SGD; the last batch may be smaller).")
    Integer batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd", converter = OptimizerConverter.class,
            description = "sgd | momentum | adam (default: ${DEFAULT-VALUE}).")
    Optimizer.Kind optimizer;

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
        FormatTable.Renderer<TrainResult> renderer = output.renderer(Formats.TRAIN);
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
        if (optimizer != Optimizer.Kind.MOMENTUM && parsed.hasMatchedOption("--momentum")) {
            throw new UserError("--momentum only applies with --optimizer momentum");
        }
        for (String o : new String[] {"--beta1", "--beta2", "--epsilon"}) {
            if (optimizer != Optimizer.Kind.ADAM && parsed.hasMatchedOption(o)) {
                throw new UserError(o + " only applies with --optimizer adam");
            }
        }
        if (epochs > MAX_EPOCHS_LONG) {
            throw new UserError(String.format(java.util.Locale.ROOT, "--epochs %d: more than the limit of %,d epochs "
                    + "(every epoch's loss is kept); train in several runs", epochs, MAX_EPOCHS_LONG));
        }
        if (epochs > MAX_EPOCHS && !allowLong) {
            throw new UserError(String.format(java.util.Locale.ROOT, "--epochs %d: more than %,d epochs is a long run; "
                    + "add --allow-long to start it (up to %,d; Ctrl-C stops it and writes the epochs done)",
                    epochs, MAX_EPOCHS, MAX_EPOCHS_LONG));
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
                throw new UserError("--save " + save + ": its folder does not exist; create it first");
            }
            if (java.nio.file.Files.isDirectory(save)) {
                throw new UserError("--save " + save + ": is a folder; give a file name such as trained.yaml");
            }
            unwritable(save).ifPresent(why -> {
                throw new UserError("--save " + save + ": " + why + "; nothing was trained");
            });
        }
        if (plot != null) {
            Path parent = plot.toAbsolutePath().getParent();
            if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
                throw new UserError("--plot " + plot + ": its folder does not exist; create it first");
            }
            unwritable(plot).ifPresent(why -> {
                throw new UserError("--plot " + plot + ": " + why + "; nothing was trained");
            });
        }
        NetworkSpec net = specFile == null ? BuiltinExamples.xor() : SpecLoader.load(specFile);
        TrainConfig config = new TrainConfig(epochs, batchSize == null ? 0 : batchSize, optimizer,
                learningRate == null ? net.learningRate() : learningRate, momentum, beta1, beta2, epsilon,
                shuffle ? OptionalLong.of(seed) : OptionalLong.empty(), showSteps);

        TrainResult result;
        java.io.PrintWriter err = spec.commandLine().getErr();
        try (Progress progress = new Progress(epochs, err);
             Interrupt interrupt = Main.inProcess ? null : Interrupt.install()) {
            result = new Trainer(net).train(config, new Trainer.Listener() {
                @Override
                public void epochDone(int epoch, double loss) {
                    progress.epochDone(epoch, loss);
                }

                @Override
                public boolean stopRequested() {
                    return interrupt != null && interrupt.requested();
                }
            });
        }
        int done = result.epochs().size();
        boolean interrupted = done < epochs && result.divergence().isEmpty();
        if (plot != null) {
            TrainPlot.write(result, plot, logScale);
        }
        String doc = renderer.render(result, output.options());
        output.emit(doc, spec.commandLine().getOut());
        if (interrupted) {
            if (output.output == null && spec.commandLine().getOut().checkError()) {
                return Main.INTERRUPTED; // nothing was written after all: Main says why, in one line (exit 2)
            }
            err.println("chainrule: interrupted (Ctrl-C) after epoch " + done + " of " + epochs
                    + "; the results of the epochs done are written" + (save != null ? " (--save: nothing written)" : ""));
            err.flush();
            return Main.INTERRUPTED;
        }
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
     * Why {@code file} could not be written, asked before a run that may take long (so that its results are not
     * lost at the end): a file there that is read-only, or a folder in which no file can be made.
     */
    static java.util.Optional<String> unwritable(Path file) {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        if (java.nio.file.Files.exists(target)) {
            return java.nio.file.Files.isWritable(target) ? java.util.Optional.empty()
                    : java.util.Optional.of("permission denied (the file is read-only)");
        }
        if (parent != null && java.nio.file.Files.isDirectory(parent) && !java.nio.file.Files.isWritable(parent)) {
            return java.util.Optional.of("permission denied (no file can be made in its folder)");
        }
        return java.util.Optional.empty();
    }

    /**
     * {@code --save}: the spec with the final parameters and the run's learning rate, written beside the target and
     * moved into place (a half-written spec is never left behind).
     */
    private void saveSpec(NetworkSpec net, TrainConfig config, dev.chainrule.train.TrainResult result) {
        NetworkSpec trained = net.withParameters(result.parameters());
        trained = trained.withLearningRate(config.learningRate());
        String yaml = "# trained by chainrule train: " + result.epochs().size() + " epochs, final loss "
                + result.finalLoss() + "\n" + dev.chainrule.network.spec.SpecGenerator.toYaml(trained);
        Path target = save.toAbsolutePath();
        if (java.nio.file.Files.exists(target) && !java.nio.file.Files.isRegularFile(target)) {
            // a device or a FIFO (or a link to one) is written to, never replaced by a file of ours
            try {
                dev.chainrule.io.TextFiles.write(save, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (dev.chainrule.io.TextFiles.Refused e) {
                throw new UserError("--save " + save + ": cannot write it (" + e.getMessage() + ")");
            }
            return;
        }
        Path tmp = null;
        try {
            // made as any new file is (the umask's permissions; createTempFile would make it readable by its owner only)
            tmp = java.nio.file.Files.createFile(target.resolveSibling(".chainrule-save-"
                    + Long.toUnsignedString(new java.util.Random().nextLong(), 36) + ".yaml"));
            java.nio.file.Files.writeString(tmp, yaml, java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (java.io.IOException e) {
            throw new UserError("--save " + save + ": cannot write it (" + dev.chainrule.io.TextFiles.reason(e) + ")");
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

    /**
     * Progress of a long run on stderr: a bar on a terminal once the run has taken {@value #PROGRESS_AFTER_MILLIS} ms;
     * otherwise (stderr a file or a pipe) one line every {@value #PROGRESS_LINE_MILLIS} ms, so a long run in a log or
     * under CI shows that it moves. Whether stderr is a terminal comes from the launcher (-Dchainrule.stderr.tty=1).
     */
    static final class Progress implements AutoCloseable {
        private final long start = System.nanoTime();
        private final int total;
        private final java.io.PrintWriter err;
        private final boolean terminal = "1".equals(System.getProperty("chainrule.stderr.tty")) || System.console() != null;
        private ProgressBar bar;
        private long lastLine = start;

        Progress(int total, java.io.PrintWriter err) {
            this.total = total;
            this.err = err;
        }

        void epochDone(int epoch, double loss) {
            long now = System.nanoTime();
            if (!terminal) {
                if ((now - lastLine) / 1_000_000 >= PROGRESS_LINE_MILLIS && epoch < total) {
                    lastLine = now;
                    err.println(String.format(java.util.Locale.ROOT, "chainrule: train: epoch %,d of %,d (%.0f %%), loss %.6g",
                            epoch, total, 100.0 * epoch / total, loss));
                    err.flush();
                }
                return;
            }
            if (bar == null) {
                if ((now - start) / 1_000_000 < PROGRESS_AFTER_MILLIS || epoch >= total) {
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

    /** A plain progress line on a non-terminal stderr this often. */
    static final long PROGRESS_LINE_MILLIS = 10_000;

    /**
     * Ctrl-C (SIGINT) during a run of its own process: the first asks the run to stop after the current epoch (the
     * epochs done are written, exit 130); a second one, or the run not stopping within 15 s (a loaded machine can
     * take seconds to reach the end of an epoch), ends the process at once.
     */
    static final class Interrupt implements AutoCloseable {
        private static final long GRACE_MILLIS = 15_000;
        private volatile boolean requested;
        private volatile boolean stopping;
        private final sun.misc.Signal signal = new sun.misc.Signal("INT");
        private final sun.misc.SignalHandler previous;

        private Interrupt() {
            previous = sun.misc.Signal.handle(signal, s -> onSignal());
        }

        static Interrupt install() {
            try {
                return new Interrupt();
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                return null; // no SIGINT here (or the JVM keeps it): Ctrl-C then ends the process as usual
            }
        }

        private void onSignal() {
            if (requested) {
                Runtime.getRuntime().halt(Main.INTERRUPTED);
            }
            requested = true;
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(GRACE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (stopping) {
                    return; // the run stopped and is writing what it has
                }
                System.err.println("chainrule: interrupted (Ctrl-C); the run did not stop within 15 s, nothing written");
                Runtime.getRuntime().halt(Main.INTERRUPTED);
            }, "chainrule-sigint-grace");
            t.setDaemon(true);
            t.start();
        }

        boolean requested() {
            stopping |= requested;
            return requested;
        }

        @Override
        public void close() {
            sun.misc.Signal.handle(signal, previous);
        }
    }

    /** picocli's conversion of {@code --optimizer}; a bad name is a UserError with today's wording (Main unwraps it). */
    static final class OptimizerConverter implements picocli.CommandLine.ITypeConverter<Optimizer.Kind> {
        @Override
        public Optimizer.Kind convert(String value) {
            return dev.chainrule.train.TrainConfig.optimizerKind(value);
        }
    }
}
