package dev.chainrule.network;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Sample;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * A network as named definitions, for one generic sample: z_i^(l) = Σ_j w_ij^(l) a_j^(l−1) + b_i^(l),
 * a_i^(l) = g(z_i^(l)), ŷ the last layer's activations, L the per-sample loss. Weights, biases, inputs and
 * targets are the free variables; {@link #parameterValues()} and {@link #sampleValues(int)} give them numbers.
 */
public final class NetworkModel {
    private final NetworkSpec spec;
    private final NetworkSymbols sym;
    private final Definitions forward;
    private final Map<String, Double> params;

    public NetworkModel(NetworkSpec spec) {
        this.spec = spec;
        this.sym = new NetworkSymbols(spec);
        this.forward = new Definitions(buildForward());
        this.params = new HashMap<>(spec.parameterCount() * 2);
        for (ParamId id : spec.parameters()) {
            params.put(sym.param(id).name(), spec.parameter(id)); // the symbols' own name strings
        }
    }

    public NetworkSpec spec() {
        return spec;
    }

    public NetworkSymbols symbols() {
        return sym;
    }

    /** z, a, ŷ and L in forward order. */
    public Definitions forward() {
        return forward;
    }

    private Map<String, Expr> buildForward() {
        Map<String, Expr> defs = new LinkedHashMap<>();
        int layers = spec.layerCount();
        for (int l = 1; l <= layers; l++) {
            LayerSpec layer = spec.layer(l);
            for (int i = 1; i <= layer.units(); i++) {
                List<Expr> terms = new ArrayList<>();
                for (int j = 1; j <= layer.fanIn(); j++) {
                    terms.add(Exprs.product(sym.w(l, i, j), sym.a(l - 1, j)));
                }
                terms.add(sym.b(l, i));
                defs.put(sym.z(l, i).name(), Exprs.sum(terms));
            }
            for (int i = 1; i <= layer.units(); i++) {
                defs.put(sym.a(l, i).name(), activation(layer, l, i));
            }
        }
        defs.put(sym.loss().name(), loss());
        return defs;
    }

    private Expr activation(LayerSpec layer, int l, int i) {
        List<Expr> zs = new ArrayList<>();
        for (int k = 1; k <= layer.units(); k++) {
            zs.add(sym.z(l, k));
        }
        return activation(layer.activation(), layer.alpha(), zs, i);
    }

    /**
     * A dense layer l (§1) over the values {@code in} that the layer below passes on (an image network's flattened
     * maps, an rnn's h_T): z[l,i] = Σ_j w[l,i,j] · in_j + b[l,i] and a[l,i] = g(z[l,i]) — the {@code outputs} ŷ in
     * place of a for the output layer (null for a hidden one) — put into {@code defs}; returns the a (or ŷ).
     */
    public static List<Expr> denseLayer(int l, LayerSpec layer, List<Expr> in,
                                        List<Expr.Var> outputs, Map<String, Expr> defs) {
        List<Expr> zs = new java.util.ArrayList<>();
        for (int i = 1; i <= layer.units(); i++) {
            List<Expr> terms = new java.util.ArrayList<>();
            for (int j = 1; j <= layer.fanIn(); j++) {
                terms.add(Exprs.product(new Expr.Var(ParamId.weight(l, i, j).toString()), in.get(j - 1)));
            }
            terms.add(new Expr.Var(ParamId.bias(l, i).toString()));
            Expr.Var z = new Expr.Var("z[" + l + "," + i + "]");
            defs.put(z.name(), Exprs.sum(terms));
            zs.add(z);
        }
        List<Expr> a = new java.util.ArrayList<>();
        for (int i = 1; i <= layer.units(); i++) {
            Expr.Var av = outputs != null ? outputs.get(i - 1) : new Expr.Var("a[" + l + "," + i + "]");
            defs.put(av.name(), activation(layer.activation(), layer.alpha(), zs, i));
            a.add(av);
        }
        return a;
    }

    /** g applied to the i-th (1-based) of a layer's pre-activations {@code zs} (softmax takes all of them). */
    static Expr activation(Activation g, double alpha, List<? extends Expr> zs, int i) {
        Expr z = zs.get(i - 1);
        return switch (g) {
            case IDENTITY -> z;
            case SIGMOID -> new Expr.Call(Fn.SIGMOID, z);
            case TANH -> new Expr.Call(Fn.TANH, z);
            case RELU -> new Expr.Call(Fn.RELU, z);
            case LEAKY_RELU -> new Expr.Call(Fn.LEAKY_RELU, List.of(z, exact(alpha)));
            case ELU -> new Expr.Call(Fn.ELU, List.of(z, exact(alpha)));
            case SOFTPLUS -> new Expr.Call(Fn.SOFTPLUS, z);
            case GELU -> new Expr.Call(Fn.GELU, z);
            case SILU -> new Expr.Call(Fn.SILU, z);
            case SOFTMAX -> {
                List<Expr> args = new ArrayList<>();
                args.add(Num.of(i));
                args.addAll(zs);
                yield new Expr.Call(Fn.SOFTMAX, args);
            }
        };
    }

    /** The per-sample loss in the outputs ŷ_k and targets y_k. */
    private Expr loss() {
        List<Expr> y = new ArrayList<>();
        List<Expr> yhat = new ArrayList<>();
        for (int i = 1; i <= spec.outputCount(); i++) {
            y.add(sym.target(i));
            yhat.add(sym.output(i));
        }
        return loss(spec.loss(), spec.huberDelta(), y, yhat);
    }

    /** The per-sample loss of outputs {@code yhat} against targets {@code y} (Huber's δ read by huber only). */
    static Expr loss(dev.chainrule.network.spec.Loss loss, double huberDelta, List<Expr> ys, List<Expr> yhats) {
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < ys.size(); i++) {
            Expr y = ys.get(i);
            Expr yhat = yhats.get(i);
            switch (loss) {
                case SE, HALF_SE -> terms.add(Exprs.pow(Exprs.sub(y, yhat), 2));
                case BCE -> {
                    terms.add(Exprs.neg(Exprs.product(y, new Expr.Call(Fn.LOG, yhat))));
                    terms.add(Exprs.neg(Exprs.product(Exprs.sub(Num.ONE, y), new Expr.Call(Fn.LOG, Exprs.sub(Num.ONE, yhat)))));
                }
                case CE -> terms.add(Exprs.neg(Exprs.product(y, new Expr.Call(Fn.LOG, yhat))));
                case MAE -> terms.add(new Expr.Call(Fn.ABS, Exprs.sub(y, yhat)));
                case HUBER -> terms.add(new Expr.Call(Fn.HUBER, List.of(Exprs.sub(y, yhat), exact(huberDelta))));
            }
        }
        Expr sum = Exprs.sum(terms);
        return loss == dev.chainrule.network.spec.Loss.HALF_SE ? Exprs.product(Num.HALF, sum) : sum;
    }

    /** A double as the exact decimal it was written as (0.01 is 1/100). */
    public static Num exact(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v));
        return d.scale() > 0
                ? new Num(new BigFraction(d.unscaledValue(), java.math.BigInteger.TEN.pow(d.scale())))
                : new Num(new BigFraction(d.toBigIntegerExact()));
    }

    /** Current parameter values by name (w[1,1,1] → 1.0). */
    public Map<String, Double> parameterValues() {
        return params;
    }

    /** Inputs and targets of sample {@code n} (1-based) on top of the parameters; a view, not a copy. */
    public Map<String, Double> sampleValues(int n) {
        Sample s = spec.data().get(n - 1);
        Map<String, Double> own = new HashMap<>();
        for (int j = 1; j <= spec.inputCount(); j++) {
            own.put(sym.input(j).name(), s.xAt(j - 1));
        }
        for (int k = 1; k <= spec.outputCount(); k++) {
            own.put(sym.target(k).name(), s.yAt(k - 1));
        }
        return layered(own, params);
    }

    /** {@code top} then {@code bottom}: how a sample's values sit on the shared parameters without copying them. */
    public static Map<String, Double> layered(Map<String, Double> top, Map<String, Double> bottom) {
        return new AbstractMap<>() {
            @Override
            public Double get(Object key) {
                Double v = top.get(key);
                return v != null ? v : bottom.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                return top.containsKey(key) || bottom.containsKey(key);
            }

            @Override
            public Set<Entry<String, Double>> entrySet() {
                Map<String, Double> all = new HashMap<>(bottom);
                all.putAll(top);
                return all.entrySet();
            }
        };
    }

    /**
     * How many chain-rule paths lead from L to the parameter through distinct units: the product of the widths of
     * the layers above its own (a softmax output's couplings not counted: they meet again in δ_k^(L)).
     */
    public int pathCount(ParamId id) {
        long paths = 1;
        for (int m = id.layer() + 1; m <= spec.layerCount() && paths <= Integer.MAX_VALUE; m++) {
            paths *= sym.width(m);
        }
        return (int) Math.min(paths, Integer.MAX_VALUE);
    }

    public boolean isSoftmaxOutput() {
        return spec.outputLayer().activation() == Activation.SOFTMAX;
    }

    /** True when every sample's targets sum to 1 (one-hot or probabilities): CE∘softmax then gives ŷ − y. */
    public boolean targetsSumToOne() {
        for (Sample s : spec.data()) {
            double sum = 0;
            for (double y : s.y()) {
                sum += y;
            }
            if (Math.abs(sum - 1) > 1e-12) {
                return false;
            }
        }
        return true;
    }
}
