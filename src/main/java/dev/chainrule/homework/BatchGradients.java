package dev.chainrule.homework;

import dev.chainrule.derive.Differentiator;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Exprs;
import dev.chainrule.network.Backprop;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkModel;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.numeric.Evaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batch gradients of a network and of the variants an engineer's backward pass may compute by mistake, all from
 * the derivation engine: the forward definitions and backprop's δ's ({@link Backprop}), evaluated per sample and
 * reduced as the spec says, exactly as {@link NetworkAnalysis#gradient()} (what {@code explain --format json}
 * reports as {@code gradient}) does. A variant changes the δ definitions of one layer and nothing else:
 * <ul>
 *   <li>{@link #activationVariant}: layer l's g′(z) replaced by g(z) (a for a′) or by 1 (the derivative
 *       forgotten) in δ^(l);</li>
 *   <li>{@link #otherLoss}: the whole gradient of a copy of the spec with another loss;</li>
 *   <li>{@link #perSample}: each sample's own (unreduced) gradient.</li>
 * </ul>
 */
final class BatchGradients {
    /** What stands where g′(z) belongs in a variant. */
    enum Replacement {
        /** g(z): the activation itself (σ for σ′). */
        ACTIVATION,
        /** 1: the activation's derivative left out. */
        ONE,
        /** [z ≥ 0]: ReLU′(0) taken as 1 (ReLU layers only); differs from the truth only where some z is exactly 0. */
        STEP_AT_ZERO_ONE
    }

    private final NetworkAnalysis analysis;
    private final NetworkModel model;
    private final NetworkSymbols sym;
    private final NetworkSpec spec;

    BatchGradients(NetworkAnalysis analysis) {
        this.analysis = analysis;
        this.model = analysis.model();
        this.sym = model.symbols();
        this.spec = model.spec();
    }

    /** The true gradient of the reduced loss, canonical order. */
    double[] truth() {
        return analysis.gradient();
    }

    /** Each sample's own gradient (not reduced), canonical order: row n − 1 is sample n. */
    double[][] perSample() {
        return perSample(analysis.backprop().definitions());
    }

    /**
     * The reduced gradient with layer {@code layer}'s g′ replaced, or empty when the layer has no derivative to
     * replace (identity; softmax, whose δ is not elementwise).
     */
    Optional<double[]> activationVariant(int layer, Replacement r) {
        Activation act = spec.layer(layer).activation();
        if (act == Activation.IDENTITY || act == Activation.SOFTMAX
                || (r == Replacement.STEP_AT_ZERO_ONE && act != Activation.RELU)) {
            return Optional.empty();
        }
        Map<String, Expr> deltas = new LinkedHashMap<>(analysis.backprop().deltas());
        int top = sym.layers();
        for (int i = 1; i <= sym.width(layer); i++) {
            Expr instead = switch (r) {
                case ACTIVATION -> sym.a(layer, i);
                case ONE -> Num.ONE;
                case STEP_AT_ZERO_ONE -> new Expr.Call(dev.chainrule.expr.Fn.LEAKY_STEP, List.of(sym.z(layer, i), Num.of(0)));
            };
            Expr rest;
            if (layer == top) {
                // δ_i^(L) = ∂L/∂ŷ_i · g′(z_i^(L)) with an elementwise output activation
                rest = new Differentiator().derivative(model.forward().get(sym.loss().name()), sym.output(i));
            } else {
                List<Expr> terms = new ArrayList<>();
                for (int k = 1; k <= sym.width(layer + 1); k++) {
                    terms.add(Exprs.product(sym.w(layer + 1, k, i), sym.delta(layer + 1, k)));
                }
                rest = Exprs.sum(terms);
            }
            deltas.put(sym.delta(layer, i).name(), Exprs.product(instead, rest));
        }
        return finite(reduce(perSample(Definitions.extend(model.forward(), deltas))));
    }

    /**
     * The reduced gradient with the δ definitions of {@code changed} (by name) replaced, the rest of backprop as
     * derived: a δ with one term left out, or with another weight in it; empty when it is not a number.
     */
    Optional<double[]> deltaVariant(Map<String, Expr> changed) {
        Map<String, Expr> deltas = new LinkedHashMap<>(analysis.backprop().deltas());
        deltas.putAll(changed);
        return finite(reduce(perSample(Definitions.extend(model.forward(), deltas))));
    }

    /** Backprop's δ definitions by name. */
    Map<String, Expr> deltas() {
        return analysis.backprop().deltas();
    }

    /** The reduced gradient of a copy of the spec with loss {@code other}, or empty when it is not a number there. */
    Optional<double[]> otherLoss(Loss other) {
        try {
            NetworkSpec copy = spec.withLoss(other);
            return finite(new NetworkAnalysis(copy).gradient());
        } catch (RuntimeException e) {
            return Optional.empty(); // log of a non-positive output, say: no gradient to compare with
        }
    }

    /** z and a of every unit at every sample: [sample][layer − 1][unit − 1], NaN where it cannot be evaluated. */
    record Activations(double[][][] z, double[][][] a) {
    }

    Activations activations() {
        Evaluator evaluator = new Evaluator(model.forward());
        int n = spec.data().size();
        int layers = spec.layerCount();
        double[][][] z = new double[n][layers][];
        double[][][] a = new double[n][layers][];
        for (int s = 1; s <= n; s++) {
            Evaluator.Scope scope = evaluator.scope(model.sampleValues(s));
            for (int l = 1; l <= layers; l++) {
                z[s - 1][l - 1] = new double[sym.width(l)];
                a[s - 1][l - 1] = new double[sym.width(l)];
                for (int i = 1; i <= sym.width(l); i++) {
                    z[s - 1][l - 1][i - 1] = value(scope, sym.z(l, i).name());
                    a[s - 1][l - 1][i - 1] = value(scope, sym.a(l, i).name());
                }
            }
        }
        return new Activations(z, a);
    }

    /** The spec's reduction of per-sample gradients: their mean or sum. */
    double[] reduce(double[][] rows) {
        double[] g = new double[spec.parameterCount()];
        for (double[] row : rows) {
            for (int p = 0; p < g.length; p++) {
                g[p] += row[p];
            }
        }
        if (spec.reduction() == Reduction.MEAN) {
            for (int p = 0; p < g.length; p++) {
                g[p] /= rows.length;
            }
        }
        return g;
    }

    private static Optional<double[]> finite(double[] g) {
        for (double v : g) {
            if (!Double.isFinite(v)) {
                return Optional.empty();
            }
        }
        return Optional.of(g);
    }

    /** ∂L/∂w_ij^(l) = δ_i^(l)·a_j^(l−1) and ∂L/∂b_i^(l) = δ_i^(l) per sample, the δ's as {@code defs} define them. */
    private double[][] perSample(Definitions defs) {
        Evaluator evaluator = new Evaluator(defs);
        int layers = spec.layerCount();
        int n = spec.data().size();
        double[][] rows = new double[n][];
        for (int s = 1; s <= n; s++) {
            double[] g = new double[spec.parameterCount()];
            Evaluator.Scope scope;
            try {
                scope = evaluator.scope(model.sampleValues(s));
            } catch (RuntimeException e) {
                java.util.Arrays.fill(g, Double.NaN);
                rows[s - 1] = g;
                continue;
            }
            int k = 0;
            for (int l = 1; l <= layers; l++) {
                double[] d = new double[sym.width(l)];
                for (int i = 0; i < d.length; i++) {
                    d[i] = value(scope, sym.delta(l, i + 1).name());
                }
                double[] a = new double[sym.width(l - 1)];
                for (int j = 0; j < a.length; j++) {
                    a[j] = value(scope, sym.a(l - 1, j + 1).name());
                }
                for (double di : d) {
                    for (double aj : a) {
                        g[k++] = di * aj;
                    }
                }
                for (double di : d) {
                    g[k++] = di;
                }
            }
            rows[s - 1] = g;
        }
        return rows;
    }

    private static double value(Evaluator.Scope scope, String name) {
        try {
            return scope.value(name);
        } catch (RuntimeException e) {
            return Double.NaN; // a variant whose value is not a number matches no claim
        }
    }
}
