package dev.chainrule.train;

import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;

/**
 * An independent, textbook forward and backward pass for small MLPs (arrays and loops, no symbols): the oracle the
 * trainer's numbers are checked against. Supports identity, sigmoid, tanh, relu, leaky_relu hidden/output layers
 * with se, half_se or bce (sigmoid output), mean or sum.
 */
final class ReferenceMlp {
    private final NetworkSpec spec;

    ReferenceMlp(NetworkSpec spec) {
        this.spec = spec;
        if (spec.outputLayer().activation() == Activation.SOFTMAX) {
            throw new IllegalArgumentException("the reference has no softmax");
        }
    }

    /** Reduced loss over samples idx (0-based), gradient into g (canonical order) when g != null. */
    double lossAndGradient(double[] p, int[] idx, double[] g) {
        int layers = spec.layerCount();
        double total = 0;
        if (g != null) {
            java.util.Arrays.fill(g, 0);
        }
        for (int s : idx) {
            Sample smp = spec.data().get(s);
            double[][] a = new double[layers + 1][];
            double[][] z = new double[layers + 1][];
            a[0] = smp.x();
            int off = 0;
            int[] offsets = new int[layers + 1];
            for (int l = 1; l <= layers; l++) {
                LayerSpec layer = spec.layer(l);
                offsets[l] = off;
                int units = layer.units();
                int fan = layer.fanIn();
                z[l] = new double[units];
                a[l] = new double[units];
                for (int i = 0; i < units; i++) {
                    double sum = p[off + units * fan + i];
                    for (int j = 0; j < fan; j++) {
                        sum += p[off + i * fan + j] * a[l - 1][j];
                    }
                    z[l][i] = sum;
                    a[l][i] = act(layer, sum);
                }
                off += units * fan + units;
            }
            double[] y = smp.y();
            double[] yhat = a[layers];
            double loss = 0;
            double[] dyhat = new double[yhat.length];
            for (int k = 0; k < yhat.length; k++) {
                switch (spec.loss()) {
                    case SE -> {
                        loss += (y[k] - yhat[k]) * (y[k] - yhat[k]);
                        dyhat[k] = 2 * (yhat[k] - y[k]);
                    }
                    case HALF_SE -> {
                        loss += 0.5 * (y[k] - yhat[k]) * (y[k] - yhat[k]);
                        dyhat[k] = yhat[k] - y[k];
                    }
                    case BCE -> {
                        loss += -(y[k] * Math.log(yhat[k]) + (1 - y[k]) * Math.log(1 - yhat[k]));
                        dyhat[k] = -y[k] / yhat[k] + (1 - y[k]) / (1 - yhat[k]);
                    }
                    default -> throw new IllegalArgumentException("no " + spec.loss() + " in the reference");
                }
            }
            total += loss;
            if (g == null) {
                continue;
            }
            double[] delta = new double[yhat.length];
            for (int k = 0; k < yhat.length; k++) {
                delta[k] = dyhat[k] * actPrime(spec.layer(layers), z[layers][k]);
            }
            for (int l = layers; l >= 1; l--) {
                LayerSpec layer = spec.layer(l);
                int units = layer.units();
                int fan = layer.fanIn();
                int o = offsets[l];
                for (int i = 0; i < units; i++) {
                    for (int j = 0; j < fan; j++) {
                        g[o + i * fan + j] += delta[i] * a[l - 1][j];
                    }
                    g[o + units * fan + i] += delta[i];
                }
                if (l > 1) {
                    double[] below = new double[fan];
                    for (int j = 0; j < fan; j++) {
                        double back = 0;
                        for (int i = 0; i < units; i++) {
                            back += p[o + i * fan + j] * delta[i];
                        }
                        below[j] = back * actPrime(spec.layer(l - 1), z[l - 1][j]);
                    }
                    delta = below;
                }
            }
        }
        if (spec.reduction() == Reduction.MEAN) {
            total /= idx.length;
            if (g != null) {
                for (int i = 0; i < g.length; i++) {
                    g[i] /= idx.length;
                }
            }
        }
        return total;
    }

    /** Plain SGD, batches of b in file order, for some epochs; returns the parameters. */
    double[] sgd(double eta, int b, int epochs) {
        double[] p = spec.parameterVector();
        int n = spec.data().size();
        double[] g = new double[p.length];
        for (int e = 0; e < epochs; e++) {
            for (int from = 0; from < n; from += b) {
                int to = Math.min(n, from + b);
                int[] idx = new int[to - from];
                for (int r = from; r < to; r++) {
                    idx[r - from] = r;
                }
                lossAndGradient(p, idx, g);
                for (int i = 0; i < p.length; i++) {
                    p[i] -= eta * g[i];
                }
            }
        }
        return p;
    }

    double loss(double[] p) {
        int n = spec.data().size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return lossAndGradient(p, idx, null);
    }

    private static double act(LayerSpec l, double z) {
        return dev.chainrule.network.ScalarActivations.value(l, z);
    }

    private static double actPrime(LayerSpec l, double z) {
        return dev.chainrule.network.ScalarActivations.derivative(l, z);
    }

}
