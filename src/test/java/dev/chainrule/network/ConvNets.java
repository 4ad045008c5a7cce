package dev.chainrule.network;

import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.numeric.Evaluator;
import java.util.ArrayList;
import java.util.List;

/** The tests' conv networks: a {@link ConvReference.Net} as a spec, and the engine's numbers for one sample. */
final class ConvNets {
    private ConvNets() {
    }

    static ConvNetSpec spec(ConvReference.Net n, double[][][] x, double[] y) {
        List<ConvNetSpec.Layer> layers = new ArrayList<>();
        layers.add(new ConvNetSpec.Conv2d(n.stride(), n.padding(), n.relu() ? Activation.RELU : Activation.TANH,
                LayerSpec.DEFAULT_ALPHA, n.kernels(), n.convBias()));
        if (n.pool() > 0) {
            layers.add(new ConvNetSpec.Pool(!n.mean(), n.pool(), n.pool()));
        }
        layers.add(new ConvNetSpec.Flatten());
        layers.add(new ConvNetSpec.Dense(new LayerSpec(n.dense().length,
                n.sigmoidBce() ? Activation.SIGMOID : Activation.IDENTITY, n.dense(), n.denseBias())));
        double[] flat = new double[x.length * x[0].length * x[0][0].length];
        int k = 0;
        for (double[][] channel : x) {
            for (double[] row : channel) {
                for (double v : row) {
                    flat[k++] = v;
                }
            }
        }
        return new ConvNetSpec(x.length, x[0].length, x[0][0].length, layers, n.sigmoidBce() ? Loss.BCE : Loss.SE,
                Reduction.MEAN, 1.0, List.of(new Sample(flat, y)));
    }

    /** The loss of sample 1 by the engine's definitions. */
    static double loss(ConvModel m) {
        return new Evaluator(m.forward()).eval(m.loss(), m.sampleValues(1));
    }

    /** ∂L/∂id of sample 1 by the engine's derivation. */
    static double gradient(ConvModel m, ParamId id) {
        return new Evaluator(m.forward()).eval(m.gradient(id), m.sampleValues(1));
    }

    /** ∂L/∂k as the weight-sharing sum Σ_{r,c} δ[l,f,r,c]·x[…], each δ = ∂L/∂z derived on its own. */
    static double sharedSum(ConvModel m, ParamId k) {
        Evaluator ev = new Evaluator(m.forward());
        double sum = 0;
        for (ConvModel.SharedTerm t : m.sharedTerms(k)) {
            double delta = ev.eval(m.delta(t.z()), m.sampleValues(1));
            sum += delta * ev.eval(t.input(), m.sampleValues(1));
        }
        return sum;
    }
}
