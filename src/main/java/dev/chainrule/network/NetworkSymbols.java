package dev.chainrule.network;

import dev.chainrule.expr.Expr.Var;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;

/**
 * The names of a network's quantities, as the contract and the notes write them: inputs by their spec
 * names, z[l,i] and a[l,i] per unit (the output layer's activations are the output names, ŷ by default),
 * targets y or y1…yK, weights w[l,i,j], biases b[l,i], error signals delta[l,i], and the loss L.
 */
public final class NetworkSymbols {
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
        return new Var("a[" + layer + "," + j + "]");
    }

    public Var z(int layer, int i) {
        return new Var("z[" + layer + "," + i + "]");
    }

    public Var output(int k) {
        return new Var(spec.outputs().get(k - 1));
    }

    public Var target(int k) {
        return new Var(spec.outputCount() == 1 ? "y" : "y" + k);
    }

    public Var delta(int layer, int i) {
        return new Var("delta[" + layer + "," + i + "]");
    }

    public Var loss() {
        return new Var("L");
    }

    public Var param(ParamId id) {
        return new Var(id.toString());
    }

    public Var w(int layer, int i, int j) {
        return new Var("w[" + layer + "," + i + "," + j + "]");
    }

    public Var b(int layer, int i) {
        return new Var("b[" + layer + "," + i + "]");
    }
}
