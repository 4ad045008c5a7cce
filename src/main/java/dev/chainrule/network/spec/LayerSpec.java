package dev.chainrule.network.spec;

import java.util.Arrays;
import java.util.Objects;

/**
 * One layer: {@code units} neurons, z_i = Σ_j weights[i][j]·a_j + biases[i], a_i = g(z_i).
 * {@code weights[i][j]} (0-based here) is w[l,i+1,j+1]. {@code alpha} is the leaky-ReLU slope for z &lt; 0, or ELU's α, and is
 * ignored by every other activation. Arrays are copied in and out; {@link #weightAt} and {@link #biasAt} read
 * without copying.
 */
public record LayerSpec(int units, Activation activation, double alpha, double[][] weights, double[] biases) {

    /** The leaky-ReLU slope when the spec gives none. */
    public static final double DEFAULT_ALPHA = 0.01;

    /** @throws IllegalArgumentException when the shapes disagree (units rows of one common fan-in, units biases) */
    public LayerSpec {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(biases, "biases");
        if (units < 1) {
            throw new IllegalArgumentException("units must be positive, got " + units);
        }
        if (weights.length != units || biases.length != units) {
            throw new IllegalArgumentException("expected " + units + " weight rows and biases, got "
                    + weights.length + " and " + biases.length);
        }
        int fanIn = weights[0].length;
        if (fanIn < 1) {
            throw new IllegalArgumentException("a weight row needs at least one entry");
        }
        double[][] copy = new double[units][];
        for (int i = 0; i < units; i++) {
            if (weights[i].length != fanIn) {
                throw new IllegalArgumentException("ragged weights: row " + i + " has " + weights[i].length
                        + " entries, row 0 has " + fanIn);
            }
            copy[i] = weights[i].clone();
        }
        weights = copy;
        biases = biases.clone();
    }

    /** The ELU's α when the spec gives none. */
    public static final double DEFAULT_ELU_ALPHA = 1.0;

    /** The α a layer of {@code activation} has when the spec gives none: 1 for ELU, else the leaky slope 0.01. */
    public static double defaultAlpha(Activation activation) {
        return activation == Activation.ELU ? DEFAULT_ELU_ALPHA : DEFAULT_ALPHA;
    }

    /** A layer with the default α of its activation. */
    public LayerSpec(int units, Activation activation, double[][] weights, double[] biases) {
        this(units, activation, defaultAlpha(activation), weights, biases);
    }

    /** The number of inputs of each neuron: the width of the layer below. */
    public int fanIn() {
        return weights[0].length;
    }

    /** weights + biases of this layer. */
    public int parameterCount() {
        return units * (fanIn() + 1);
    }

    /** 0-based, no copy: the weight from input {@code input} into neuron {@code neuron}. */
    public double weightAt(int neuron, int input) {
        return weights[neuron][input];
    }

    /** 0-based, no copy. */
    public double biasAt(int neuron) {
        return biases[neuron];
    }

    /** A copy. */
    @Override
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            copy[i] = weights[i].clone();
        }
        return copy;
    }

    /** A copy. */
    @Override
    public double[] biases() {
        return biases.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSpec l && units == l.units && activation == l.activation
                && Double.compare(alpha, l.alpha) == 0
                && Arrays.deepEquals(weights, l.weights) && Arrays.equals(biases, l.biases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(units, activation, alpha, Arrays.deepHashCode(weights), Arrays.hashCode(biases));
    }

    @Override
    public String toString() {
        return "LayerSpec[units=" + units + ", activation=" + activation.yamlName() + ", alpha=" + alpha
                + ", weights=" + Arrays.deepToString(weights) + ", biases=" + Arrays.toString(biases) + "]";
    }
}
