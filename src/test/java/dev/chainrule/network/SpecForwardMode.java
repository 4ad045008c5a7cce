package dev.chainrule.network;

import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * An oracle that shares nothing with the engine but the spec: the reduced loss of docs/reference.md §1 computed straight
 * from the layers' arrays with commons-math3 {@link DerivativeStructure}s, one free variable per parameter in
 * canonical order. relu′(0) = 0 and leaky_relu′(0) = 1, as the contract says.
 */
final class SpecForwardMode {
    private SpecForwardMode() {
    }

    /** The reduced loss and its gradient in canonical order. */
    record Result(double loss, double[] gradient) {
    }

    static Result evaluate(NetworkSpec spec) {
        int n = spec.parameterCount();
        // the parameters as independent variables, canonical order
        DerivativeStructure[][][] w = new DerivativeStructure[spec.layerCount()][][];
        DerivativeStructure[][] b = new DerivativeStructure[spec.layerCount()][];
        int k = 0;
        for (int l = 0; l < spec.layerCount(); l++) {
            LayerSpec layer = spec.layers().get(l);
            w[l] = new DerivativeStructure[layer.units()][layer.fanIn()];
            b[l] = new DerivativeStructure[layer.units()];
            for (int i = 0; i < layer.units(); i++) {
                for (int j = 0; j < layer.fanIn(); j++) {
                    w[l][i][j] = new DerivativeStructure(n, 1, k++, layer.weightAt(i, j));
                }
            }
            for (int i = 0; i < layer.units(); i++) {
                b[l][i] = new DerivativeStructure(n, 1, k++, layer.biasAt(i));
            }
        }
        DerivativeStructure total = new DerivativeStructure(n, 1, 0.0);
        for (Sample s : spec.data()) {
            DerivativeStructure[] a = new DerivativeStructure[spec.inputCount()];
            for (int j = 0; j < a.length; j++) {
                a[j] = new DerivativeStructure(n, 1, s.xAt(j));
            }
            for (int l = 0; l < spec.layerCount(); l++) {
                LayerSpec layer = spec.layers().get(l);
                DerivativeStructure[] z = new DerivativeStructure[layer.units()];
                for (int i = 0; i < z.length; i++) {
                    DerivativeStructure acc = b[l][i];
                    for (int j = 0; j < a.length; j++) {
                        acc = acc.add(w[l][i][j].multiply(a[j]));
                    }
                    z[i] = acc;
                }
                a = activate(layer, z, n);
            }
            total = total.add(loss(spec, s, a, n));
        }
        if (spec.reduction() == Reduction.MEAN) {
            total = total.divide(spec.data().size());
        }
        // the regularization penalty on the reduced loss: (λ/2)·Σw² + μ·Σ|w| over the weights, never the biases
        double lambda = spec.regularization().l2();
        double mu = spec.regularization().l1();
        for (DerivativeStructure[][] layer : w) {
            for (DerivativeStructure[] row : layer) {
                for (DerivativeStructure wij : row) {
                    total = total.add(wij.multiply(wij).multiply(lambda / 2))
                            .add((wij.getValue() >= 0 ? wij : wij.negate()).multiply(mu));
                }
            }
        }
        double[] all = total.getAllDerivatives();
        double[] g = new double[n];
        System.arraycopy(all, 1, g, 0, n);
        return new Result(total.getValue(), g);
    }

    private static DerivativeStructure[] activate(LayerSpec layer, DerivativeStructure[] z, int n) {
        DerivativeStructure[] a = new DerivativeStructure[z.length];
        switch (layer.activation()) {
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (DerivativeStructure zi : z) {
                    max = Math.max(max, zi.getValue());
                }
                DerivativeStructure sum = new DerivativeStructure(n, 1, 0.0);
                DerivativeStructure[] e = new DerivativeStructure[z.length];
                for (int i = 0; i < z.length; i++) {
                    e[i] = z[i].subtract(max).exp();
                    sum = sum.add(e[i]);
                }
                for (int i = 0; i < z.length; i++) {
                    a[i] = e[i].divide(sum);
                }
            }
            default -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = unit(layer, z[i], n);
                }
            }
        }
        return a;
    }

    private static DerivativeStructure unit(LayerSpec layer, DerivativeStructure z, int n) {
        double v = z.getValue();
        return switch (layer.activation()) {
            case IDENTITY -> z;
            case SIGMOID -> z.negate().exp().add(1).reciprocal();
            case TANH -> z.tanh();
            case RELU -> v > 0 ? z : new DerivativeStructure(n, 1, 0.0);
            case LEAKY_RELU -> v >= 0 ? z : z.multiply(layer.alpha());
            case SOFTPLUS -> z.exp().add(1).log();
            case ELU -> v > 0 ? z : z.exp().subtract(1).multiply(layer.alpha());
            // Φ(z) by its first-order Taylor data: value ½(1 + erf(z/√2)), slope φ(z)
            case GELU -> z.multiply(z.compose(0.5 * (1 + org.apache.commons.math3.special.Erf.erf(v / Math.sqrt(2))),
                    Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI)));
            case SILU -> z.multiply(z.negate().exp().add(1).reciprocal());
            case SOFTMAX -> throw new IllegalStateException("softmax is per layer");
        };
    }

    private static DerivativeStructure loss(NetworkSpec spec, Sample s, DerivativeStructure[] yhat, int n) {
        DerivativeStructure sum = new DerivativeStructure(n, 1, 0.0);
        for (int k = 0; k < yhat.length; k++) {
            double y = s.yAt(k);
            DerivativeStructure p = yhat[k];
            switch (spec.loss()) {
                case SE, HALF_SE -> sum = sum.add(p.subtract(y).pow(2));
                case BCE -> sum = sum.subtract(p.log().multiply(y)).subtract(p.negate().add(1).log().multiply(1 - y));
                case CE -> sum = sum.subtract(p.log().multiply(y));
                case MAE -> sum = sum.add(p.getValue() > y ? p.subtract(y) : p.negate().add(y));
                case HUBER -> {
                    // ½r² inside |r| ≤ δ, δ(|r| − δ/2) outside (torch's HuberLoss)
                    double delta = spec.huberDelta();
                    DerivativeStructure r = p.negate().add(y);
                    DerivativeStructure absR = r.getValue() >= 0 ? r : r.negate();
                    sum = sum.add(absR.getValue() <= delta ? r.multiply(r).multiply(0.5)
                            : absR.subtract(delta / 2).multiply(delta));
                }
            }
        }
        return spec.loss() == dev.chainrule.network.spec.Loss.HALF_SE ? sum.multiply(0.5) : sum;
    }
}
