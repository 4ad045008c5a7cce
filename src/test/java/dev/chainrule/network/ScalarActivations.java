package dev.chainrule.network;

import dev.chainrule.network.spec.LayerSpec;

/**
 * Test-side activations and their derivatives by hand, in plain double arithmetic: the one scalar table of the
 * independent oracles (homework's GradientOracle, train's ReferenceMlp), written apart from the engine's Fn table.
 */
public final class ScalarActivations {
    private ScalarActivations() {
    }

    /** g(z) of the layer's activation (softmax is a layer's, not a unit's: refused). */
    public static double value(LayerSpec l, double z) {
        return switch (l.activation()) {
            case IDENTITY -> z;
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> z > 0 ? z : 0;
            case LEAKY_RELU -> z >= 0 ? z : l.alpha() * z;
            case SOFTPLUS -> Math.log(1 + Math.exp(z));
            case ELU -> z > 0 ? z : l.alpha() * (Math.exp(z) - 1);
            case GELU -> z * 0.5 * (1 + org.apache.commons.math3.special.Erf.erf(z / Math.sqrt(2)));
            case SILU -> z / (1 + Math.exp(-z));
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not a scalar activation");
        };
    }

    /** g′(z). */
    public static double derivative(LayerSpec l, double z) {
        return switch (l.activation()) {
            case IDENTITY -> 1;
            case SIGMOID -> {
                double s = 1 / (1 + Math.exp(-z));
                yield s * (1 - s);
            }
            case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
            case RELU -> z > 0 ? 1 : 0;
            case LEAKY_RELU -> z >= 0 ? 1 : l.alpha();
            case SOFTPLUS -> 1 / (1 + Math.exp(-z));
            case ELU -> z > 0 ? 1 : l.alpha() * Math.exp(z);
            case GELU -> 0.5 * (1 + org.apache.commons.math3.special.Erf.erf(z / Math.sqrt(2)))
                    + z * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
            case SILU -> {
                double s = 1 / (1 + Math.exp(-z));
                yield s * (1 + z * (1 - s));
            }
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not a scalar activation");
        };
    }
}
