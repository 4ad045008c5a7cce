package dev.chainrule.homework;

import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;

/**
 * A textbook backward pass for dense MLPs (arrays and loops, no symbols, independent of the engine) that can make
 * the mistakes engineers make: another loss, one layer's g′ replaced by g or by 1. The test's buggy gradient files
 * are generated from it (plus transposing, scaling and per-sample biases of its per-sample gradients).
 * Activations identity, sigmoid, tanh, relu, leaky_relu; losses se, half_se, bce.
 */
final class GradientOracle {
    /** What a layer's backward pass multiplies by where g′(z) belongs. */
    enum Prime { TRUE, G, ONE, RELU_ONE_AT_ZERO }

    private GradientOracle() {
    }

    /** Each sample's own gradient (not reduced), canonical order, with {@code loss} and layer {@code swap}'s g′ as said. */
    static double[][] perSample(NetworkSpec spec, Loss loss, int swap, Prime prime) {
        int layers = spec.layerCount();
        double[][] rows = new double[spec.data().size()][];
        for (int s = 0; s < rows.length; s++) {
            Sample smp = spec.data().get(s);
            double[][] a = new double[layers + 1][];
            double[][] z = new double[layers + 1][];
            a[0] = smp.x();
            for (int l = 1; l <= layers; l++) {
                LayerSpec layer = spec.layer(l);
                z[l] = new double[layer.units()];
                a[l] = new double[layer.units()];
                for (int i = 0; i < layer.units(); i++) {
                    double sum = layer.biasAt(i);
                    for (int j = 0; j < layer.fanIn(); j++) {
                        sum += layer.weightAt(i, j) * a[l - 1][j];
                    }
                    z[l][i] = sum;
                    a[l][i] = act(layer, sum);
                }
            }
            double[] y = smp.y();
            double[] yhat = a[layers];
            double[] delta = new double[yhat.length];
            for (int k = 0; k < yhat.length; k++) {
                double dyhat = switch (loss) {
                    case SE -> 2 * (yhat[k] - y[k]);
                    case HALF_SE -> yhat[k] - y[k];
                    case BCE -> -y[k] / yhat[k] + (1 - y[k]) / (1 - yhat[k]);
                    default -> throw new IllegalArgumentException("no " + loss + " in the oracle");
                };
                delta[k] = dyhat * prime(spec.layer(layers), z[layers][k], layers == swap ? prime : Prime.TRUE);
            }
            double[] g = new double[spec.parameterCount()];
            int[] offset = new int[layers + 2];
            for (int l = 1; l <= layers; l++) {
                offset[l + 1] = offset[l] + spec.layer(l).parameterCount();
            }
            for (int l = layers; l >= 1; l--) {
                LayerSpec layer = spec.layer(l);
                int o = offset[l];
                for (int i = 0; i < layer.units(); i++) {
                    for (int j = 0; j < layer.fanIn(); j++) {
                        g[o + i * layer.fanIn() + j] = delta[i] * a[l - 1][j];
                    }
                    g[o + layer.units() * layer.fanIn() + i] = delta[i];
                }
                if (l > 1) {
                    double[] below = new double[layer.fanIn()];
                    for (int j = 0; j < below.length; j++) {
                        double back = 0;
                        for (int i = 0; i < layer.units(); i++) {
                            back += layer.weightAt(i, j) * delta[i];
                        }
                        below[j] = back * prime(spec.layer(l - 1), z[l - 1][j], l - 1 == swap ? prime : Prime.TRUE);
                    }
                    delta = below;
                }
            }
            rows[s] = g;
        }
        return rows;
    }

    /** The true per-sample gradients. */
    static double[][] perSample(NetworkSpec spec) {
        return perSample(spec, spec.loss(), 0, Prime.TRUE);
    }

    /** The per-sample gradients summed, and divided by N under reduction: mean. */
    static double[] reduce(NetworkSpec spec, double[][] rows) {
        double[] g = new double[rows[0].length];
        for (double[] r : rows) {
            for (int p = 0; p < g.length; p++) {
                g[p] += r[p];
            }
        }
        if (spec.reduction() == Reduction.MEAN) {
            for (int p = 0; p < g.length; p++) {
                g[p] /= rows.length;
            }
        }
        return g;
    }

    static double[] truth(NetworkSpec spec) {
        return reduce(spec, perSample(spec));
    }

    private static double act(LayerSpec l, double z) {
        return dev.chainrule.network.ScalarActivations.value(l, z);
    }

    private static double prime(LayerSpec l, double z, Prime p) {
        if (p == Prime.G) {
            return act(l, z);
        }
        if (p == Prime.ONE) {
            return 1;
        }
        if (p == Prime.RELU_ONE_AT_ZERO) {
            return z >= 0 ? 1 : 0;
        }
        return dev.chainrule.network.ScalarActivations.derivative(l, z);
    }
}
