package dev.chainrule.train;

import dev.chainrule.UserError;
import java.util.OptionalLong;

/**
 * How to train: epochs, batch size (0 = the whole data set), the update rule and its hyper-parameters, an
 * optional shuffle seed, and how many updates to keep written out.
 *
 * @param shuffleSeed empty: every epoch walks the data in file order; present: each epoch walks a fresh permutation
 *                    drawn (Fisher–Yates) from one {@link java.util.SplittableRandom} seeded once for the run
 */
public record TrainConfig(int epochs, int batchSize, Optimizer.Kind optimizer, double learningRate, double momentum,
                          double beta1, double beta2, double epsilon, OptionalLong shuffleSeed, int showSteps) {
    /** |p| above this stops the run as diverged. */
    public static final double PARAMETER_LIMIT = 1e12;

    public TrainConfig {
        if (epochs < 1) {
            throw new UserError("--epochs " + epochs + ": need at least 1 epoch");
        }
        if (batchSize < 0) {
            throw new UserError("--batch-size " + batchSize + ": need at least 1 sample per batch");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UserError("--learning-rate " + learningRate + ": the learning rate must be a positive number");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new UserError("--momentum " + momentum + ": must be in [0, 1)");
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new UserError("--beta1 " + beta1 + ": must be in [0, 1)");
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new UserError("--beta2 " + beta2 + ": must be in [0, 1)");
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new UserError("--epsilon " + epsilon + ": must be a positive number");
        }
        if (showSteps < 0) {
            throw new UserError("--show-steps " + showSteps + ": must be 0 or more");
        }
        java.util.Objects.requireNonNull(optimizer, "optimizer");
    }

    /** The same with the update rule by its option name; an unknown name is a {@link UserError}. */
    public TrainConfig(int epochs, int batchSize, String optimizer, double learningRate, double momentum,
                       double beta1, double beta2, double epsilon, OptionalLong shuffleSeed, int showSteps) {
        this(epochs, batchSize, optimizerKind(optimizer), learningRate, momentum, beta1, beta2, epsilon, shuffleSeed,
                showSteps);
    }

    /** {@code --optimizer NAME}: the rule, or a {@link UserError} worded for the command line. */
    public static Optimizer.Kind optimizerKind(String name) {
        return Optimizer.Kind.parse(name)
                .orElseThrow(() -> new UserError("--optimizer " + name + ": expected sgd, momentum or adam"));
    }

    /** Plain SGD over the whole data set, file order, the first update written out. */
    public static TrainConfig sgd(int epochs, int batchSize, double learningRate) {
        return new TrainConfig(epochs, batchSize, Optimizer.Kind.SGD, learningRate, 0.9, 0.9, 0.999, 1e-8, OptionalLong.empty(), 1);
    }

    public TrainConfig withOptimizer(Optimizer.Kind name) {
        return new TrainConfig(epochs, batchSize, name, learningRate, momentum, beta1, beta2, epsilon, shuffleSeed,
                showSteps);
    }

    public TrainConfig withShuffle(long seed) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, beta1, beta2, epsilon,
                OptionalLong.of(seed), showSteps);
    }

    public TrainConfig withShowSteps(int k) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, beta1, beta2, epsilon,
                shuffleSeed, k);
    }

    /** A fresh optimizer for {@code size} parameters. */
    public Optimizer newOptimizer(int size) {
        return switch (optimizer) {
            case SGD -> Optimizer.sgd(learningRate);
            case MOMENTUM -> Optimizer.momentum(learningRate, momentum, size);
            case ADAM -> Optimizer.adam(learningRate, beta1, beta2, epsilon, size);
        };
    }

    /** The batch size for {@code n} samples: all of them when 0 or more than n. */
    public int effectiveBatchSize(int n) {
        return batchSize == 0 || batchSize > n ? n : batchSize;
    }
}
