package dev.chainrule.train;

import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.List;
import java.util.Optional;

/**
 * A finished (or stopped) run: the loss and gradient norm of the whole data set before training and after each
 * epoch, the first updates written out, and the parameters at the end.
 *
 * @param spec          the network as given (its parameters are the initial values)
 * @param epochs        one record per completed epoch (an epoch that diverged is not in the list)
 * @param steps         the first {@code showSteps} updates, in order
 * @param parameters    final values, canonical order (at divergence: the values after the last finite-loss epoch's
 *                      steps up to the one that diverged — see {@link Divergence})
 * @param stepsPerEpoch ⌈n / B⌉
 */
public record TrainResult(NetworkSpec spec, TrainConfig config, Optimizer optimizer, int batchSize, int stepsPerEpoch,
                          double initialLoss, double initialGradientNorm, List<Epoch> epochs, List<StepRecord> steps,
                          double[] parameters, Optional<Divergence> divergence) {

    /** The whole data set's loss (spec's reduction) and gradient norm after epoch {@code epoch}. */
    public record Epoch(int epoch, double loss, double gradientNorm) {
    }

    /**
     * One update written out.
     *
     * @param samples the batch's samples, 1-based positions in the spec's data
     */
    public record StepRecord(int step, int epoch, int batch, List<Integer> samples, double batchLoss,
                             List<ParamId> ids, Optimizer.ParamUpdate[] updates) {
    }

    /** Why and where the run stopped early. */
    public record Divergence(int epoch, int step, String reason) {
    }

    public boolean diverged() {
        return divergence.isPresent();
    }

    /** The loss after the last completed epoch (the initial loss when none completed). */
    public double finalLoss() {
        return epochs.isEmpty() ? initialLoss : epochs.get(epochs.size() - 1).loss();
    }
}
