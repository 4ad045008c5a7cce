package dev.chainrule.network;

import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.RnnNetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recurrent network unrolled over {@code T} steps as named scalar definitions for one sample of that length, as
 * {@link NetworkModel} does for dense layers (contract §5): the inputs {@code x[t,j]} (step t, feature j); per
 * step t = 1..T and unit i, z[1,t,i] = Σ_j w[1,i,j]·x[t,j] + Σ_j u[1,i,j]·h[1,t−1,j] + b[1,i] (h_0 = 0, so step 1
 * has no U terms) and h[1,t,i] = g(z[1,t,i]); then the dense layers on h_T, z[l,i] and a[l,i], the last one's
 * activations the outputs ŷ; then L. All indices 1-based.
 *
 * <p>Every gradient comes from the shared {@link ChainRule}: w, u and b of the rnn layer occur in the z of every
 * step (u from step 2 on), so the chain rule's sum over paths, gathered by time step, is backpropagation through
 * time, ∂L/∂u[1,i,j] = Σ_t δ[1,t,i] · h[1,t−1,j] with δ[1,t,i] = ∂L/∂z[1,t,i]. Listing every path is exponential
 * in T, so {@link #gradient} composes the chain rule's local derivatives through the named δ's of
 * {@link #definitions} (the chain rule's recursion, each shared sub-sum derived once); {@link #derivation} is the
 * chain rule over all paths at once, which gives the same value (the tests compare them).
 */
public final class RnnModel {
    private final RnnNetSpec spec;
    private final int steps;
    private final Definitions forward;
    private final List<Var> outputs = new ArrayList<>();
    private final List<Var> targets = new ArrayList<>();
    private final Map<String, Double> params = new HashMap<>();
    private ChainRule chainRule;
    private Definitions all;

    /** The network unrolled over {@code steps} ≥ 1 time steps. */
    public RnnModel(RnnNetSpec spec, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("at least one step, got " + steps);
        }
        this.spec = spec;
        this.steps = steps;
        int k = spec.outputCount();
        for (int i = 1; i <= k; i++) {
            outputs.add(NetworkSymbols.unnamedOutput(k, i));
            targets.add(NetworkSymbols.target(k, i));
        }
        this.forward = new Definitions(buildForward());
        for (ParamId id : spec.parameters()) {
            params.put(param(id).name(), spec.parameter(id));
        }
    }

    public RnnNetSpec spec() {
        return spec;
    }

    /** T, the number of steps this model is unrolled over. */
    public int steps() {
        return steps;
    }

    public Definitions forward() {
        return forward;
    }

    /** The variable of a parameter: its id as written, e.g. u[1,1,2]. */
    public static Var param(ParamId id) {
        return new Var(id.toString());
    }

    /** Input feature j at step t, 1-based. */
    public static Var x(int t, int j) {
        return new Var("x[" + t + "," + j + "]");
    }

    /** z[1,t,i], the rnn layer's pre-activation of unit i at step t. */
    public static Var z(int t, int i) {
        return new Var("z[1," + t + "," + i + "]");
    }

    /** h[1,t,i], the rnn layer's hidden state of unit i at step t. */
    public static Var h(int t, int i) {
        return new Var("h[1," + t + "," + i + "]");
    }

    public Var loss() {
        return new Var("L");
    }

    public List<Var> outputs() {
        return List.copyOf(outputs);
    }

    private Map<String, Expr> buildForward() {
        Map<String, Expr> defs = new LinkedHashMap<>();
        RnnNetSpec.Rnn rnn = spec.rnn();
        int units = rnn.units();
        for (int t = 1; t <= steps; t++) {
            List<Var> zs = new ArrayList<>();
            for (int i = 1; i <= units; i++) {
                List<Expr> terms = new ArrayList<>();
                for (int j = 1; j <= rnn.fanIn(); j++) {
                    terms.add(Exprs.product(param(ParamId.weight(1, i, j)), x(t, j)));
                }
                if (t > 1) {
                    for (int j = 1; j <= units; j++) {
                        terms.add(Exprs.product(param(ParamId.recurrent(1, i, j)), h(t - 1, j)));
                    }
                }
                terms.add(param(ParamId.bias(1, i)));
                defs.put(z(t, i).name(), Exprs.sum(terms));
                zs.add(z(t, i));
            }
            for (int i = 1; i <= units; i++) {
                defs.put(h(t, i).name(), NetworkModel.activation(rnn.activation(), rnn.alpha(), List.of(zs.get(i - 1)), 1));
            }
        }
        List<Expr> in = new ArrayList<>();
        for (int i = 1; i <= units; i++) {
            in.add(h(steps, i));
        }
        int count = spec.layerCount();
        for (int l = 2; l <= count; l++) {
            in = NetworkModel.denseLayer(l, spec.dense(l), in, l == count ? outputs : null, defs);
        }
        defs.put(loss().name(), NetworkModel.loss(spec.loss(), spec.huberDelta(), List.copyOf(targets),
                List.copyOf(outputs)));
        return defs;
    }

    private static Var named(String prefix, int l, int i) {
        return new Var(prefix + "[" + l + "," + i + "]");
    }

    /** The chain rule over these definitions, made on first use. */
    public ChainRule chainRule() {
        if (chainRule == null) {
            chainRule = new ChainRule(forward);
        }
        return chainRule;
    }

    /**
     * ∂L/∂{@code id} for one sample, derived by the rules (intermediates kept as names).
     *
     * @throws dev.chainrule.UserError when the network has no such parameter, or L does not depend on it
     */
    public ChainDerivation derivation(ParamId id) {
        spec.parameter(id);
        return chainRule().derive(loss(), param(id));
    }

    /**
     * ∂L/∂{@code id} for one sample as an expression in the network's names (the forward names and the backward
     * names {@link #delta δ[1,t,i]}, {@link #upstream ∂L/∂h[1,t,i]} of {@link #definitions}); 0 for a parameter L does
     * not depend on (a recurrent weight when T = 1: h_0 = 0). For the rnn layer it is the chain rule's sum over paths
     * gathered by time step, Σ_t δ[1,t,i] · ∂z[1,t,i]/∂p (each ∂z/∂p the local derivative, x[t,j], h[1,t−1,j] or 1);
     * for a dense parameter the chain rule's derivation through the dense layers.
     */
    public Expr gradient(ParamId id) {
        spec.parameter(id);
        if (!forward.dependsOn(loss().name(), param(id).name())) {
            return Num.ZERO;
        }
        if (id.layer() != 1) {
            return derivation(id).result();
        }
        List<Expr> terms = new ArrayList<>();
        int i = id.neuron();
        for (int t = 1; t <= steps; t++) {
            if (Exprs.variables(forward.get(z(t, i).name())).contains(param(id).name())) {
                terms.add(Exprs.product(delta(t, i), chainRule().local(z(t, i), param(id)).derivation().result()));
            }
        }
        return Exprs.sum(terms);
    }

    /** The name of δ[1,t,i] = ∂L/∂z[1,t,i], defined in {@link #definitions}. */
    public static Var delta(int t, int i) {
        return new Var("δ[1," + t + "," + i + "]");
    }

    /** The name of ∂L/∂h[1,t,i], defined in {@link #definitions}. */
    public static Var upstream(int t, int i) {
        return new Var("∂L/∂h[1," + t + "," + i + "]");
    }

    /**
     * The forward definitions plus backpropagation through time as named definitions, each from the shared chain
     * rule: ∂L/∂h[1,T,i] derived through the dense layers; ∂L/∂h[1,t,i] = Σ_k ∂z[1,t+1,k]/∂h[1,t,i] · δ[1,t+1,k]
     * (the local derivative is u[1,k,i]: (Uᵀδ_{t+1})_i) for t &lt; T; δ[1,t,i] = ∂L/∂h[1,t,i] · ∂h[1,t,i]/∂z[1,t,i]
     * (g′(z[1,t,i])). Made on first use.
     */
    public Definitions definitions() {
        if (all == null) {
            Map<String, Expr> back = new LinkedHashMap<>();
            int units = spec.rnn().units();
            for (int t = steps; t >= 1; t--) {
                for (int i = 1; i <= units; i++) {
                    Expr up;
                    if (t == steps) {
                        up = chainRule().derive(loss(), h(t, i)).result();
                    } else {
                        List<Expr> terms = new ArrayList<>();
                        for (int k = 1; k <= units; k++) {
                            terms.add(Exprs.product(chainRule().local(z(t + 1, k), h(t, i)).derivation().result(),
                                    delta(t + 1, k)));
                        }
                        up = Exprs.sum(terms);
                    }
                    back.put(upstream(t, i).name(), up);
                    back.put(delta(t, i).name(), Exprs.product(upstream(t, i), activationDerivative(t, i)));
                }
            }
            all = Definitions.extend(forward, back);
        }
        return all;
    }

    /** g′(z[1,t,i]) = ∂h[1,t,i]/∂z[1,t,i], the local derivative, derived by the rules. */
    public Expr activationDerivative(int t, int i) {
        return chainRule().local(h(t, i), z(t, i)).derivation().result();
    }

    /** Current parameter values by name. */
    public Map<String, Double> parameterValues() {
        return params;
    }

    /**
     * The steps and targets of {@code s} (which must have {@link #steps} steps) on top of the parameters.
     */
    public Map<String, Double> sampleValues(RnnNetSpec.Sequence s) {
        if (s.steps() != steps) {
            throw new IllegalArgumentException("a sequence of " + s.steps() + " steps in a model of " + steps);
        }
        Map<String, Double> own = new HashMap<>();
        for (int t = 1; t <= steps; t++) {
            for (int j = 1; j <= spec.rnn().fanIn(); j++) {
                own.put(x(t, j).name(), s.xAt(t - 1, j - 1));
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            own.put(targets.get(i).name(), s.yAt(i));
        }
        return NetworkModel.layered(own, params);
    }
}
