package dev.chainrule.network.spec;

import dev.chainrule.UserError;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one parameter, 1-based as in the lecture notes: {@code w[l,i,j]} is w_ij^(l) (layer l, neuron i,
 * input j of the layer below) and {@code b[l,i]} is b_i^(l). For a bias {@link #input()} is 0.
 * Ordered canonically: layer by layer, each layer's weights row by row, then its biases.
 */
public record ParamId(Kind kind, int layer, int neuron, int input) implements Comparable<ParamId> {

    public enum Kind { WEIGHT, BIAS }

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([wb])\\s*\\[\\s*(\\d{1,9})\\s*,\\s*(\\d{1,9})\\s*(?:,\\s*(\\d{1,9})\\s*)?]\\s*");

    private static final Comparator<ParamId> CANONICAL = Comparator.comparingInt(ParamId::layer)
            .thenComparing(ParamId::kind)
            .thenComparingInt(ParamId::neuron)
            .thenComparingInt(ParamId::input);

    public ParamId {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        if (layer < 1 || neuron < 1) {
            throw new IllegalArgumentException("layer and neuron are 1-based: " + layer + ", " + neuron);
        }
        if (kind == Kind.WEIGHT ? input < 1 : input != 0) {
            throw new IllegalArgumentException(kind == Kind.WEIGHT
                    ? "a weight's input is 1-based: " + input : "a bias has no input (0), got " + input);
        }
    }

    /** w[layer,neuron,input], all 1-based. */
    public static ParamId weight(int layer, int neuron, int input) {
        return new ParamId(Kind.WEIGHT, layer, neuron, input);
    }

    /** b[layer,neuron], 1-based. */
    public static ParamId bias(int layer, int neuron) {
        return new ParamId(Kind.BIAS, layer, neuron, 0);
    }

    public boolean isWeight() {
        return kind == Kind.WEIGHT;
    }

    public boolean isBias() {
        return kind == Kind.BIAS;
    }

    /**
     * Parses {@code w[1,2,1]} or {@code b[2,1]} (spaces allowed around every part).
     *
     * @throws UserError with a one-line message saying what is expected, for anything else
     */
    public static ParamId parse(String text) {
        String shown = text == null ? "" : SpecError.clip(text);
        Matcher m = text == null ? null : SYNTAX.matcher(text);
        if (m == null || !m.matches()) {
            throw new UserError("bad parameter name '" + shown + "': expected w[l,i,j] (the weight of layer l,"
                    + " neuron i, input j) or b[l,i] (the bias of layer l, neuron i), 1-based,"
                    + " e.g. w[1,2,1] or b[2,1]");
        }
        boolean weight = m.group(1).equals("w");
        if (weight != (m.group(4) != null)) {
            throw new UserError("bad parameter name '" + shown + "': "
                    + (weight ? "a weight needs three indices, w[l,i,j]" : "a bias takes two indices, b[l,i]"));
        }
        int layer = Integer.parseInt(m.group(2));
        int neuron = Integer.parseInt(m.group(3));
        int input = weight ? Integer.parseInt(m.group(4)) : 0;
        if (layer == 0 || neuron == 0 || (weight && input == 0)) {
            throw new UserError("bad parameter name '" + shown
                    + "': indices are 1-based (w[1,1,1] is the first weight)");
        }
        return new ParamId(weight ? Kind.WEIGHT : Kind.BIAS, layer, neuron, input);
    }

    @Override
    public int compareTo(ParamId other) {
        return CANONICAL.compare(this, other);
    }

    /** {@code w[l,i,j]} or {@code b[l,i]}; {@link #parse(String)} reads it back. */
    @Override
    public String toString() {
        return isWeight() ? "w[" + layer + "," + neuron + "," + input + "]" : "b[" + layer + "," + neuron + "]";
    }
}
