package dev.chainrule.network.spec;

import dev.chainrule.UserError;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one parameter, 1-based as in the lecture notes: {@code w[l,i,j]} is w_ij^(l) (layer l, neuron i,
 * input j of the layer below), {@code b[l,i]} is b_i^(l), and {@code k[l,f,ch,p,q]} is the kernel weight of a
 * conv2d layer l (filter f, input channel ch, kernel row p, column q; docs/reference.md §1). For a bias
 * {@link #input()} is 0; for a kernel weight {@link #neuron()} is the filter, {@link #input()} the channel and
 * {@link #window()} holds p and q (empty for weights and biases); {@code u[l,i,j]} is the recurrent weight of an
 * rnn layer l (unit i, from unit j of the previous step's h). Ordered canonically: layer by layer, each
 * layer's weights row by row (or its kernels filter by filter, channel by channel, row by row), then its biases.
 */
public record ParamId(Kind kind, int layer, int neuron, int input, List<Integer> window)
        implements Comparable<ParamId> {

    /** In canonical order within a layer: weights or kernel weights first, then biases. */
    public enum Kind {
        WEIGHT("weight"), RECURRENT("recurrent"), KERNEL("kernel"), BIAS("bias");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        /** As the JSON {@code kind} key writes it. */
        public String spelling() {
            return spelling;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([wubk])\\s*\\[\\s*(\\d{1,9}(?:\\s*,\\s*\\d{1,9})*)\\s*]\\s*");

    private static final String EXPECTED = "expected w[l,i,j] (the weight of layer l, neuron i, input j),"
            + " b[l,i] (the bias of layer l, neuron i), u[l,i,j] (the recurrent weight of rnn layer l, unit i, from"
            + " unit j of the step before) or k[l,f,ch,p,q] (the kernel weight of conv2d layer l,"
            + " filter f, channel ch, row p, column q), 1-based, e.g. w[1,2,1], b[2,1], u[1,1,2] or k[1,1,1,2,2]";

    private static final Comparator<ParamId> CANONICAL = Comparator.comparingInt(ParamId::layer)
            .thenComparing(ParamId::kind)
            .thenComparingInt(ParamId::neuron)
            .thenComparingInt(ParamId::input)
            .thenComparingInt(id -> id.window.isEmpty() ? 0 : id.window.get(0))
            .thenComparingInt(id -> id.window.isEmpty() ? 0 : id.window.get(1));

    public ParamId {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        window = List.copyOf(window);
        if (layer < 1 || neuron < 1) {
            throw new IllegalArgumentException("layer and neuron are 1-based: " + layer + ", " + neuron);
        }
        if (kind == Kind.BIAS ? input != 0 : input < 1) {
            throw new IllegalArgumentException(kind == Kind.BIAS
                    ? "a bias has no input (0), got " + input : "a weight's input is 1-based: " + input);
        }
        if (kind == Kind.KERNEL ? window.size() != 2 || window.get(0) < 1 || window.get(1) < 1 : !window.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.KERNEL
                    ? "a kernel weight needs a 1-based row and column, got " + window
                    : "only a kernel weight has a window position, got " + window);
        }
    }

    /** A weight or bias (no window position). */
    public ParamId(Kind kind, int layer, int neuron, int input) {
        this(kind, layer, neuron, input, List.of());
    }

    /** w[layer,neuron,input], all 1-based. */
    public static ParamId weight(int layer, int neuron, int input) {
        return new ParamId(Kind.WEIGHT, layer, neuron, input);
    }

    /** b[layer,neuron], 1-based. */
    public static ParamId bias(int layer, int neuron) {
        return new ParamId(Kind.BIAS, layer, neuron, 0);
    }

    /** u[layer,unit,from]: the recurrent weight of rnn layer {@code layer} from unit {@code from} of h_{t−1}, 1-based. */
    public static ParamId recurrent(int layer, int unit, int from) {
        return new ParamId(Kind.RECURRENT, layer, unit, from);
    }

    /** k[layer,filter,channel,p,q], all 1-based. */
    public static ParamId kernel(int layer, int filter, int channel, int p, int q) {
        return new ParamId(Kind.KERNEL, layer, filter, channel, List.of(p, q));
    }

    public boolean isWeight() {
        return kind == Kind.WEIGHT;
    }

    public boolean isBias() {
        return kind == Kind.BIAS;
    }

    public boolean isRecurrent() {
        return kind == Kind.RECURRENT;
    }

    public boolean isKernel() {
        return kind == Kind.KERNEL;
    }

    /**
     * Parses {@code w[1,2,1]}, {@code b[2,1]} or {@code k[1,1,1,2,2]} (spaces allowed around every part).
     *
     * @throws UserError with a one-line message saying what is expected, for anything else
     */
    public static ParamId parse(String text) {
        String shown = text == null ? "" : SpecError.clip(text);
        Matcher m = text == null ? null : SYNTAX.matcher(text);
        if (m == null || !m.matches()) {
            throw new UserError("bad parameter name '" + shown + "': " + EXPECTED);
        }
        String[] parts = m.group(2).split("\\s*,\\s*");
        Kind kind = switch (m.group(1)) {
            case "w" -> Kind.WEIGHT;
            case "k" -> Kind.KERNEL;
            case "u" -> Kind.RECURRENT;
            default -> Kind.BIAS;
        };
        int want = switch (kind) {
            case WEIGHT, RECURRENT -> 3;
            case KERNEL -> 5;
            case BIAS -> 2;
        };
        if (parts.length != want) {
            throw new UserError("bad parameter name '" + shown + "': " + switch (kind) {
                case WEIGHT -> "a weight needs three indices, w[l,i,j]";
                case RECURRENT -> "a recurrent weight needs three indices, u[l,i,j]";
                case KERNEL -> "a kernel weight needs five indices, k[l,f,ch,p,q]";
                case BIAS -> "a bias takes two indices, b[l,i]";
            });
        }
        int[] v = new int[want];
        for (int i = 0; i < want; i++) {
            v[i] = Integer.parseInt(parts[i]);
            if (v[i] == 0) {
                throw new UserError("bad parameter name '" + shown
                        + "': indices are 1-based (w[1,1,1] is the first weight)");
            }
        }
        return switch (kind) {
            case WEIGHT -> weight(v[0], v[1], v[2]);
            case RECURRENT -> recurrent(v[0], v[1], v[2]);
            case KERNEL -> kernel(v[0], v[1], v[2], v[3], v[4]);
            case BIAS -> bias(v[0], v[1]);
        };
    }

    @Override
    public int compareTo(ParamId other) {
        return CANONICAL.compare(this, other);
    }

    /** {@code w[l,i,j]}, {@code b[l,i]} or {@code k[l,f,ch,p,q]}; {@link #parse(String)} reads it back. */
    @Override
    public String toString() {
        return switch (kind) {
            case WEIGHT -> "w[" + layer + "," + neuron + "," + input + "]";
            case RECURRENT -> "u[" + layer + "," + neuron + "," + input + "]";
            case KERNEL -> "k[" + layer + "," + neuron + "," + input + "," + window.get(0) + "," + window.get(1) + "]";
            case BIAS -> "b[" + layer + "," + neuron + "]";
        };
    }
}
