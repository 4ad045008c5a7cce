package dev.chainrule.network;

import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.derive.Derivation;
import dev.chainrule.derive.Differentiator;
import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Simplifier;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Product;
import dev.chainrule.expr.Expr.Sum;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error signals δ_i^(l) = ∂L/∂z_i^(l), derived once and shared by every parameter, as backprop does:
 * <ul>
 *   <li>output layer: δ_k^(L) by the chain rule through the loss and the output activation, simplified
 *       (BCE∘σ and CE∘softmax become ŷ − y);</li>
 *   <li>hidden layers: δ_i^(l) = g′(z_i^(l)) · Σ_k w_ki^(l+1) δ_k^(l+1), with g′ derived by the rules once
 *       per layer and ∂z_k^(l+1)/∂a_i^(l) = w_ki^(l+1) derived once per layer;</li>
 *   <li>parameters: ∂L/∂w_ij^(l) = δ_i^(l) a_j^(l−1) and ∂L/∂b_i^(l) = δ_i^(l).</li>
 * </ul>
 */
public final class Backprop {
    private final NetworkModel model;
    private final NetworkSymbols sym;
    private final List<OutputDelta> outputDeltas = new ArrayList<>();
    private final Map<Integer, Derivation> activationDerivations = new HashMap<>();
    private final Map<Integer, Derivation> linearDerivations = new HashMap<>();
    private final Map<String, Expr> deltaDefs = new LinkedHashMap<>();
    private final Definitions all;
    private volatile ChainRule chain;
    private final Map<String, ChainDerivation> chainDerivations = new java.util.concurrent.ConcurrentHashMap<>();

    public Backprop(NetworkModel model) {
        this.model = model;
        this.sym = model.symbols();
        int top = sym.layers();
        deriveOutputDeltas(top);
        for (int l = top - 1; l >= 1; l--) {
            deriveLayerTemplates(l);
            for (int i = 1; i <= sym.width(l); i++) {
                deltaDefs.put(sym.delta(l, i).name(), hiddenDelta(l, i));
            }
        }
        this.all = Definitions.extend(model.forward(), deltaDefs);
    }

    public NetworkModel model() {
        return model;
    }

    /** Forward definitions and every δ: what the evaluator needs for gradients. */
    public Definitions definitions() {
        return all;
    }

    /** δ_i^(l) by name, output layer first. */
    public Map<String, Expr> deltas() {
        return deltaDefs;
    }

    public List<OutputDelta> outputDeltas() {
        return outputDeltas;
    }

    /** ∂a_1^(l)/∂z_1^(l) by the rules (the same for every unit of the layer). */
    public Derivation activationDerivation(int layer) {
        return activationDerivations.get(layer);
    }

    /** ∂z_1^(l+1)/∂a_1^(l) by the rules (w_11^(l+1); the same shape for every pair). */
    public Derivation linearDerivation(int layer) {
        return linearDerivations.get(layer);
    }

    /**
     * The chain rule over the forward definitions, built on first use and shared: explain's per-parameter
     * derivations and check's paths and local derivatives come from this one engine.
     */
    public ChainRule chainRule() {
        ChainRule c = chain;
        if (c == null) {
            synchronized (this) {
                c = chain;
                if (c == null) {
                    c = new ChainRule(model.forward());
                    chain = c;
                }
            }
        }
        return c;
    }

    /**
     * ∂L/∂param by the chain rule over the paths, each path's head through the output layer replaced by the
     * output δ derived once; {@code where} follows the recognition's note (" (derived above)" in explain).
     */
    public ChainDerivation chainDerivation(ParamId id, String where) {
        return chainDerivations.computeIfAbsent(id + "|" + where,
                k -> chainRule().derive(sym.loss(), sym.param(id), knownDeltas(), deltaNote() + where));
    }

    /** ∂L/∂z_k^(L) = δ_k^(L) for each output unit, by the name of z_k^(L). */
    public Map<String, Expr> knownDeltas() {
        Map<String, Expr> known = new HashMap<>();
        int top = sym.layers();
        for (OutputDelta od : outputDeltas) {
            known.put(sym.z(top, od.unit()).name(), od.result());
        }
        return known;
    }

    /** "$δ₁⁽²⁾ = ∂L/∂z₁⁽²⁾ = ŷ − y$", every output unit (math marked, {@link Step#labelMarked}). */
    private String deltaNote() {
        StringBuilder sb = new StringBuilder();
        int top = sym.layers();
        for (OutputDelta od : outputDeltas) {
            sb.append(sb.length() == 0 ? "" : ", ").append('$').append(TextPrinter.str(sym.delta(top, od.unit())))
                    .append(" = ∂L/∂").append(TextPrinter.str(sym.z(top, od.unit())))
                    .append(" = ").append(TextPrinter.str(od.result())).append('$');
        }
        return sb.toString();
    }

    /** ∂L/∂param in δ form: δ_i^(l)·a_j^(l−1) or δ_i^(l). */
    public Expr gradient(ParamId id) {
        Var delta = sym.delta(id.layer(), id.neuron());
        return id.isWeight() ? Exprs.product(delta, sym.a(id.layer() - 1, id.input())) : delta;
    }

    /** g′(z_i^(l)) for unit i, from the layer's derivation. */
    public Expr activationPrime(int layer, int i) {
        Expr template = activationDerivations.get(layer).result();
        return Exprs.substitute(template, Map.of(sym.z(layer, 1).name(), sym.z(layer, i), sym.a(layer, 1).name(), sym.a(layer, i)));
    }

    // ---------------------------------------------------------------- output layer

    private void deriveOutputDeltas(int top) {
        // node-local: only L and the outputs' definitions, z^(L) as free symbols
        Map<String, Expr> head = new LinkedHashMap<>();
        head.put(sym.loss().name(), model.forward().get(sym.loss().name()));
        for (int k = 1; k <= sym.width(top); k++) {
            head.put(sym.output(k).name(), model.forward().get(sym.output(k).name()));
        }
        ChainRule chain = new ChainRule(new Definitions(head));
        boolean softmaxCe = model.isSoftmaxOutput() && model.targetsSumToOne()
                && model.spec().loss() == dev.chainrule.network.spec.Loss.CE;
        for (int k = 1; k <= sym.width(top); k++) {
            ChainDerivation d = chain.derive(sym.loss(), sym.z(top, k));
            List<Step> extra = new ArrayList<>();
            Expr result = d.result();
            if (softmaxCe) {
                result = targetsSumToOne(result, sym.output(k), extra, chain.simplifier());
            }
            outputDeltas.add(new OutputDelta(k, d, extra, result));
            deltaDefs.put(sym.delta(top, k).name(), result);
        }
    }

    /**
     * −y_k + ŷ_k·y_1 + … + ŷ_k·y_K: factor ŷ_k out of the terms that carry it; when what is left is
     * Σ_j y_j, which is 1 for one-hot or probability targets, the δ is ŷ_k − y_k.
     */
    private Expr targetsSumToOne(Expr e, Var yhat, List<Step> steps, Simplifier simplifier) {
        if (!(e instanceof Sum s)) {
            return e;
        }
        List<Expr> others = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Expr t : s.terms()) {
            if (t instanceof Product p && p.factors().size() == 2 && p.factors().contains(yhat)) {
                Expr other = p.factors().get(0).equals(yhat) ? p.factors().get(1) : p.factors().get(0);
                if (other instanceof Var v) {
                    found.add(v.name());
                    continue;
                }
            }
            others.add(t);
        }
        List<String> targets = new ArrayList<>();
        for (int k = 1; k <= model.spec().outputCount(); k++) {
            targets.add(sym.target(k).name());
        }
        if (found.size() != targets.size() || !found.containsAll(targets)) {
            return e;
        }
        List<Expr> ys = targets.stream().<Expr>map(Var::new).toList();
        List<Expr> factored = new ArrayList<>(others);
        factored.add(Exprs.product(yhat, Exprs.sum(ys)));
        Expr f = Exprs.sum(factored);
        steps.add(new Step(f, List.of(Rule.FACTOR)));
        List<Expr> done = new ArrayList<>();
        done.add(yhat);
        done.addAll(others);
        Expr r = Exprs.sum(done);
        steps.add(new Step(r, List.of(Rule.TARGETS_SUM_TO_ONE), "one-hot targets: $Σₖ yₖ = 1$"));
        return r;
    }

    // ---------------------------------------------------------------- hidden layers

    private void deriveLayerTemplates(int l) {
        Var a = sym.a(l, 1);
        Var z = sym.z(l, 1);
        Definitions local = new Definitions(Map.of(a.name(), model.forward().get(a.name())));
        activationDerivations.put(l, new Differentiator(new Simplifier(local)).derive(model.forward().get(a.name()), z));
        Var zAbove = sym.z(l + 1, 1);
        linearDerivations.put(l, new Differentiator().derive(model.forward().get(zAbove.name()), a));
    }

    private Expr hiddenDelta(int l, int i) {
        List<Expr> terms = new ArrayList<>();
        for (int k = 1; k <= sym.width(l + 1); k++) {
            terms.add(Exprs.product(sym.w(l + 1, k, i), sym.delta(l + 1, k)));
        }
        Expr back = Exprs.sum(terms);
        Expr prime = activationPrime(l, i);
        if (prime instanceof Num n && n.isOne()) {
            return back;
        }
        return Exprs.product(prime, back);
    }
}
