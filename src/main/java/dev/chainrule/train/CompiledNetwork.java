package dev.chainrule.train;

import dev.chainrule.expr.Expr;
import dev.chainrule.network.Backprop;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.numeric.CompiledProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's loss and its backprop gradient, derived once ({@link NetworkAnalysis}: the forward definitions and
 * every δ from the derivation engine) and compiled once ({@link CompiledProgram}) with the parameters as inputs,
 * so that a training step only changes numbers: no derivation, no map look-up per step.
 *
 * <p>The gradient of a batch is the per-sample δ-form gradients ∂L/∂w = δ·a, ∂L/∂b = δ summed in sample order and,
 * under {@code reduction: mean}, divided by the batch size: exactly what {@link NetworkAnalysis#gradient()} computes
 * for a spec holding those parameters and that batch (the compiled program agrees with the evaluator bit for bit).
 *
 * <p>Not thread-safe: it owns its evaluation frames.
 */
public final class CompiledNetwork {
    private final NetworkSpec spec;
    private final NetworkAnalysis analysis;
    private final int paramCount;
    private final int inputCount;
    private final int outputCount;
    private final CompiledProgram.Frame lossFrame;
    private final CompiledProgram.Frame gradFrame;
    private final int[] deltaSlot;
    private final int[] aSlot;

    /** The loss of a batch under the spec's reduction, and (when asked) its gradient in canonical order. */
    public record Evaluation(double loss, double[] gradient) {
        /** The Euclidean norm of the gradient. */
        public double gradientNorm() {
            double s = 0;
            for (double g : gradient) {
                s += g * g;
            }
            return Math.sqrt(s);
        }
    }

    public CompiledNetwork(NetworkSpec spec) {
        this.spec = spec;
        this.analysis = new NetworkAnalysis(spec);
        Backprop backprop = analysis.backprop();
        NetworkSymbols sym = analysis.model().symbols();
        List<ParamId> ids = spec.parameters();
        this.paramCount = ids.size();
        this.inputCount = spec.inputCount();
        this.outputCount = spec.outputCount();
        List<String> inputs = new ArrayList<>(paramCount + inputCount + outputCount);
        for (ParamId id : ids) {
            inputs.add(sym.param(id).name());
        }
        for (int j = 1; j <= inputCount; j++) {
            inputs.add(sym.input(j).name());
        }
        for (int k = 1; k <= outputCount; k++) {
            inputs.add(sym.target(k).name());
        }
        // outputs: L and every δ; then ∂L/∂w_ij^(l) = δ_i^(l)·a_j^(l−1) and ∂L/∂b_i^(l) = δ_i^(l) (Backprop#gradient)
        // are read from the frame's slots, with no expression node per parameter
        List<String> outputs = new ArrayList<>();
        outputs.add(sym.loss().name());
        outputs.addAll(backprop.deltas().keySet());
        double[] start = new double[inputs.size()];
        System.arraycopy(spec.parameterVector(), 0, start, 0, paramCount);
        CompiledProgram gradProgram = CompiledProgram.compile(backprop.definitions(), inputs, outputs);
        this.deltaSlot = new int[paramCount];
        this.aSlot = new int[paramCount];
        for (int p = 0; p < paramCount; p++) {
            ParamId id = ids.get(p);
            Expr g = backprop.gradient(id);
            deltaSlot[p] = gradProgram.slotOf(sym.delta(id.layer(), id.neuron()).name());
            if (id.isWeight()) {
                if (!g.equals(dev.chainrule.expr.Exprs.product(sym.delta(id.layer(), id.neuron()),
                        sym.a(id.layer() - 1, id.input())))) {
                    throw new IllegalStateException("unexpected gradient form for " + id + ": " + g);
                }
                aSlot[p] = gradProgram.slotOf(sym.a(id.layer() - 1, id.input()).name());
            } else {
                if (!g.equals(sym.delta(id.layer(), id.neuron()))) {
                    throw new IllegalStateException("unexpected gradient form for " + id + ": " + g);
                }
                aSlot[p] = -1;
            }
        }
        this.lossFrame = CompiledProgram.compile(backprop.definitions(), inputs, List.of(sym.loss().name()))
                .newFrame(start);
        this.gradFrame = gradProgram.newFrame(start);
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** The analysis the program was compiled from (its derivations, names, δ definitions). */
    public NetworkAnalysis analysis() {
        return analysis;
    }

    public int parameterCount() {
        return paramCount;
    }

    /** The reduced loss (and its gradient when {@code withGradient}) of every sample, in file order. */
    public Evaluation evaluateAll(double[] params, boolean withGradient) {
        int n = spec.data().size();
        int[] all = new int[n];
        for (int s = 0; s < n; s++) {
            all[s] = s;
        }
        return evaluate(params, all, 0, n, withGradient);
    }

    /**
     * The reduced loss of the samples {@code order[from..to)} (0-based indices into the spec's data), and when
     * {@code withGradient} its gradient, canonical order.
     *
     * @throws dev.chainrule.numeric.EvaluationException when a parameter is NaN or the loss cannot be evaluated
     */
    public Evaluation evaluate(double[] params, int[] order, int from, int to, boolean withGradient) {
        if (params.length != paramCount) {
            throw new IllegalArgumentException("expected " + paramCount + " parameters, got " + params.length);
        }
        if (to <= from) {
            throw new IllegalArgumentException("an empty batch");
        }
        CompiledProgram.Frame f = withGradient ? gradFrame : lossFrame;
        for (int p = 0; p < paramCount; p++) {
            f.set(p, params[p]);
        }
        double loss = 0;
        double[] g = withGradient ? new double[paramCount] : null;
        List<Sample> data = spec.data();
        for (int r = from; r < to; r++) {
            Sample s = data.get(order[r]);
            for (int j = 0; j < inputCount; j++) {
                f.set(paramCount + j, s.xAt(j));
            }
            for (int k = 0; k < outputCount; k++) {
                f.set(paramCount + inputCount + k, s.yAt(k));
            }
            f.run();
            loss += f.output(0);
            if (g != null) {
                for (int p = 0; p < paramCount; p++) {
                    int a = aSlot[p];
                    g[p] += a < 0 ? f.slot(deltaSlot[p]) : f.slot(deltaSlot[p]) * f.slot(a);
                }
            }
        }
        if (spec.reduction() == Reduction.MEAN) {
            int size = to - from;
            loss /= size;
            if (g != null) {
                for (int p = 0; p < paramCount; p++) {
                    g[p] /= size;
                }
            }
        }
        // the regularization penalty belongs to the reduced loss of every batch (torch's weight_decay for l2)
        loss += spec.penalty(params);
        if (g != null) {
            spec.addPenaltyGradient(params, g);
        }
        return new Evaluation(loss, g == null ? new double[0] : g);
    }
}
