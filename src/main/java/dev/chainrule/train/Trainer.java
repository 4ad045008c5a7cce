package dev.chainrule.train;

import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.numeric.EvaluationException;
import dev.chainrule.expr.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Gradient descent per the contract: an epoch walks the data in file order (or a seeded permutation) in consecutive
 * batches of B samples (the last batch may be smaller); each batch takes one optimizer step with the gradient of the
 * batch's loss under the spec's reduction; after the epoch the whole data set's loss (and gradient norm) is recorded.
 *
 * <p>Divergence: a non-finite parameter, a parameter with |p| &gt; {@value TrainConfig#PARAMETER_LIMIT} after a
 * step, a loss that cannot be evaluated, or a NaN/∞ data-set loss after an epoch stops the run; the result then
 * carries a {@link TrainResult.Divergence} naming the epoch and step and suggesting a smaller learning rate.
 */
public final class Trainer {
    /** Hears each completed epoch (for a progress bar). */
    @FunctionalInterface
    public interface Listener {
        void epochDone(int epoch, double loss);

        /** Asked after each epoch: true ends the run there (Ctrl-C), with the epochs so far as its result. */
        default boolean stopRequested() {
            return false;
        }
    }

    private final CompiledNetwork net;

    public Trainer(NetworkSpec spec) {
        this(new CompiledNetwork(spec));
    }

    /** Reuses a compiled network (the architecture; parameters come from its spec at each {@link #train}). */
    public Trainer(CompiledNetwork net) {
        this.net = net;
    }

    public CompiledNetwork network() {
        return net;
    }

    public TrainResult train(TrainConfig config) {
        return train(config, null);
    }

    public TrainResult train(TrainConfig config, Listener listener) {
        NetworkSpec spec = net.spec();
        List<ParamId> ids = spec.parameters();
        int n = spec.data().size();
        int b = config.effectiveBatchSize(n);
        int stepsPerEpoch = (n + b - 1) / b;
        boolean fullBatchInOrder = b == n && config.shuffleSeed().isEmpty();
        Optimizer opt = config.newOptimizer(ids.size());
        SplittableRandom random = config.shuffleSeed().isPresent()
                ? new SplittableRandom(config.shuffleSeed().getAsLong()) : null;

        double[] p = spec.parameterVector();
        List<TrainResult.Epoch> epochs = new ArrayList<>();
        List<TrainResult.StepRecord> steps = new ArrayList<>();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        CompiledNetwork.Evaluation initial;
        try {
            initial = net.evaluateAll(p, true);
        } catch (EvaluationException e) {
            return new TrainResult(spec, config, opt, b, stepsPerEpoch, Double.NaN, Double.NaN, epochs, steps, p,
                    Optional.of(new TrainResult.Divergence(0, 0, "the initial loss cannot be evaluated: "
                            + e.getMessage())));
        }
        // the whole data set's gradient at p, valid until the next step: a full batch in file order reuses it
        CompiledNetwork.Evaluation atP = initial;
        int step = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            if (random != null) {
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
            }
            for (int batch = 1; batch <= stepsPerEpoch; batch++) {
                step++;
                int from = (batch - 1) * b;
                int to = Math.min(n, from + b);
                CompiledNetwork.Evaluation e;
                try {
                    e = fullBatchInOrder && atP != null ? atP : net.evaluate(p, order, from, to, true);
                } catch (EvaluationException ex) {
                    return stopped(spec, config, opt, b, stepsPerEpoch, initial, epochs, steps, p,
                            new TrainResult.Divergence(epoch, step, "the loss cannot be evaluated ("
                                    + ex.getMessage() + ")"));
                }
                atP = null;
                boolean record = steps.size() < config.showSteps();
                Optimizer.ParamUpdate[] updates = record ? new Optimizer.ParamUpdate[p.length] : null;
                opt.step(p, e.gradient(), updates);
                if (record) {
                    List<Integer> samples = new ArrayList<>();
                    for (int r = from; r < to; r++) {
                        samples.add(order[r] + 1);
                    }
                    steps.add(new TrainResult.StepRecord(step, epoch, batch, List.copyOf(samples), e.loss(), ids,
                            updates));
                }
                for (int i = 0; i < p.length; i++) {
                    if (!Double.isFinite(p[i]) || Math.abs(p[i]) > TrainConfig.PARAMETER_LIMIT) {
                        String v = Double.isNaN(p[i]) ? "NaN" : Fmt.num(p[i], 3);
                        return stopped(spec, config, opt, b, stepsPerEpoch, initial, epochs, steps, p,
                                new TrainResult.Divergence(epoch, step, ids.get(i) + " = " + v
                                        + (Double.isFinite(p[i]) ? ", beyond ±1e12" : "")));
                    }
                }
            }
            CompiledNetwork.Evaluation after;
            try {
                after = net.evaluateAll(p, true);
            } catch (EvaluationException ex) {
                return stopped(spec, config, opt, b, stepsPerEpoch, initial, epochs, steps, p,
                        new TrainResult.Divergence(epoch, step, "the loss cannot be evaluated (" + ex.getMessage()
                                + ")"));
            }
            if (!Double.isFinite(after.loss())) {
                return stopped(spec, config, opt, b, stepsPerEpoch, initial, epochs, steps, p,
                        new TrainResult.Divergence(epoch, step, "the loss is " + Fmt.num(after.loss())));
            }
            atP = after;
            epochs.add(new TrainResult.Epoch(epoch, after.loss(), after.gradientNorm()));
            if (listener != null) {
                listener.epochDone(epoch, after.loss());
                if (listener.stopRequested()) {
                    break;
                }
            }
        }
        return new TrainResult(spec, config, opt, b, stepsPerEpoch, initial.loss(), initial.gradientNorm(), epochs,
                steps, p, Optional.empty());
    }

    private static TrainResult stopped(NetworkSpec spec, TrainConfig config, Optimizer opt, int b, int stepsPerEpoch,
                                       CompiledNetwork.Evaluation initial, List<TrainResult.Epoch> epochs,
                                       List<TrainResult.StepRecord> steps, double[] p, TrainResult.Divergence d) {
        return new TrainResult(spec, config, opt, b, stepsPerEpoch, initial.loss(), initial.gradientNorm(), epochs,
                steps, p, Optional.of(d));
    }

    /** The one-line message for a diverged run: where, why, and a smaller learning rate to try. */
    public static String divergenceMessage(TrainResult r) {
        TrainResult.Divergence d = r.divergence().orElseThrow();
        double eta = r.config().learningRate();
        String where = d.epoch() == 0 ? "before the first step"
                : "in epoch " + d.epoch() + " (step " + d.step() + ")";
        return "training diverged " + where + ": " + d.reason() + "; try a smaller learning rate (now η = "
                + Fmt.num(eta, 6) + ", e.g. --learning-rate " + Fmt.num(eta / 10, 6).replace('−', '-') + ")";
    }
}
