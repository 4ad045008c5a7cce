package dev.chainrule.network;

import dev.chainrule.expr.Expr.Var;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a network's quantities, as the contract and the notes write them: inputs by their spec
 * names, z[l,i] and a[l,i] per unit (the output layer's activations are the output names, ŷ by default),
 * targets y or y1…yK, weights w[l,i,j], biases b[l,i], error signals delta[l,i], and the loss L.
 */
public final class NetworkSymbols {
    /** The indexed quantities, each with the prefix of its name: z[l,i], a[l,i], delta[l,i], w[l,i,j], b[l,i]. */
    public enum Kind {
        Z("z", false), A("a", false), DELTA("delta", false), W("w", true), B("b", false);

        private final String prefix;
        private final boolean threeIndices;

        Kind(String prefix, boolean threeIndices) {
            this.prefix = prefix;
            this.threeIndices = threeIndices;
        }

        /** As the name writes it: z, a, delta, w or b. */
        public String prefix() {
            return prefix;
        }
    }

    /** An indexed quantity typed: layer l, unit i and (weights only, else 0) input j. */
    public record Quantity(Kind kind, int layer, int i, int j) {
        public static Quantity of(Kind kind, int layer, int i) {
            return new Quantity(kind, layer, i, 0);
        }

        /** The name as the contract writes it, e.g. z[2,1] or w[1,2,1]. */
        public String name() {
            return kind.prefix + "[" + layer + "," + i + (kind.threeIndices ? "," + j : "") + "]";
        }
    }

    private static final Pattern INDEXED = Pattern.compile("(z|a|delta|w|b)\\[(\\d+),(\\d+)(?:,(\\d+))?]");

    /** The quantity a name such as z[2,1] or w[1,2,1] stands for; empty for any other name (inputs, ŷ, y, L). */
    public static Optional<Quantity> parse(String name) {
        Matcher m = INDEXED.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = java.util.Arrays.stream(Kind.values()).filter(k -> k.prefix.equals(m.group(1))).findFirst().orElseThrow();
        if (kind.threeIndices != (m.group(4) != null)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Quantity(kind, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The variable of a typed quantity. */
    public static Var var(Quantity q) {
        return new Var(q.name());
    }

    private final NetworkSpec spec;
    /**
     * Each indexed quantity's variable, made once on first use ([kind][layer][unit], weights [layer][unit][input]):
     * a network's names are asked for per parameter and per sample, and one name string keeps its hash.
     */
    private final Var[][][] units = new Var[Kind.values().length][][];
    private final Var[][][] weights;

    public NetworkSymbols(NetworkSpec spec) {
        this.spec = spec;
        this.weights = new Var[spec.layerCount() + 1][][];
    }

    /** The cached variable of a two-index quantity (a fresh one outside the network's layers and units). */
    private Var unit(Kind kind, int layer, int i) {
        if (layer < 1 || layer > layers() || i < 1 || i > width(layer)) {
            return var(Quantity.of(kind, layer, i));
        }
        Var[][] byLayer = units[kind.ordinal()];
        if (byLayer == null) {
            byLayer = units[kind.ordinal()] = new Var[layers() + 1][];
        }
        Var[] row = byLayer[layer];
        if (row == null) {
            row = byLayer[layer] = new Var[width(layer) + 1];
        }
        Var v = row[i];
        if (v == null) {
            v = row[i] = var(Quantity.of(kind, layer, i));
        }
        return v;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public int layers() {
        return spec.layerCount();
    }

    public int width(int layer) {
        return layer == 0 ? spec.inputCount() : spec.layer(layer).units();
    }

    public Var input(int j) {
        return new Var(spec.inputs().get(j - 1));
    }

    /** a_j^(l); a^(0) are the inputs and a^(L) the outputs. */
    public Var a(int layer, int j) {
        if (layer == 0) {
            return input(j);
        }
        if (layer == layers()) {
            return output(j);
        }
        return unit(Kind.A, layer, j);
    }

    public Var z(int layer, int i) {
        return unit(Kind.Z, layer, i);
    }

    public Var output(int k) {
        return new Var(spec.outputs().get(k - 1));
    }

    public Var target(int k) {
        return target(spec.outputCount(), k);
    }

    /** Target k of {@code count} outputs: y alone, else y1, y2, … (every network kind names them so). */
    public static Var target(int count, int k) {
        return new Var(count == 1 ? "y" : "y" + k);
    }

    /** Output k of {@code count} for a network whose spec names none (conv, rnn): yhat alone, else yhat1, yhat2, …. */
    public static Var unnamedOutput(int count, int k) {
        return new Var(count == 1 ? "yhat" : "yhat" + k);
    }

    public Var delta(int layer, int i) {
        return unit(Kind.DELTA, layer, i);
    }

    public Var loss() {
        return new Var("L");
    }

    public Var param(ParamId id) {
        return id.isWeight() ? w(id.layer(), id.neuron(), id.input()) : b(id.layer(), id.neuron());
    }

    public Var w(int layer, int i, int j) {
        if (layer < 1 || layer > layers() || i < 1 || i > width(layer) || j < 1 || j > width(layer - 1)) {
            return var(new Quantity(Kind.W, layer, i, j));
        }
        Var[][] rows = weights[layer];
        if (rows == null) {
            rows = weights[layer] = new Var[width(layer) + 1][];
        }
        Var[] row = rows[i];
        if (row == null) {
            row = rows[i] = new Var[width(layer - 1) + 1];
        }
        Var v = row[j];
        if (v == null) {
            v = row[j] = var(new Quantity(Kind.W, layer, i, j));
        }
        return v;
    }

    public Var b(int layer, int i) {
        return unit(Kind.B, layer, i);
    }
}
