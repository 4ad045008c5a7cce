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

    public NetworkSymbols(NetworkSpec spec) {
        this.spec = spec;
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
        return var(Quantity.of(Kind.A, layer, j));
    }

    public Var z(int layer, int i) {
        return var(Quantity.of(Kind.Z, layer, i));
    }

    public Var output(int k) {
        return new Var(spec.outputs().get(k - 1));
    }

    public Var target(int k) {
        return new Var(spec.outputCount() == 1 ? "y" : "y" + k);
    }

    public Var delta(int layer, int i) {
        return var(Quantity.of(Kind.DELTA, layer, i));
    }

    public Var loss() {
        return new Var("L");
    }

    public Var param(ParamId id) {
        return new Var(id.toString());
    }

    public Var w(int layer, int i, int j) {
        return var(new Quantity(Kind.W, layer, i, j));
    }

    public Var b(int layer, int i) {
        return var(Quantity.of(Kind.B, layer, i));
    }
}
