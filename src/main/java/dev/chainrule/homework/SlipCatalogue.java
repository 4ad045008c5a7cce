package dev.chainrule.homework;

import dev.chainrule.derive.Rule;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkModel;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slips an exercise is designed around, with the number each gives for every parameter's batch gradient
 * (README, "Exercises"): the sign; a factor 2; the sum where the loss is the mean (missing 1/N); per layer
 * above the parameter, the activation g where g′ belongs and g′ left out; a weight's indices swapped (the
 * gradient of w_ji for w_ij); per square weight matrix above, W where Wᵀ belongs in the hidden δ; and where the
 * parameter's unit feeds several units, each path left out of its δ; with regularization, the term's derivative
 * left out or doubled. Every number comes from backprop's own δ
 * definitions with one change ({@link BatchGradients#deltaVariant}); {@code check --key} names the slip a number
 * matches, with what it is and, for {@code --hint}, the rule it breaks.
 */
public final class SlipCatalogue {
    /**
     * One slip of one answer.
     *
     * @param name  its name in the key's vocabulary: sign, constant_factor, missing_1/N, activation_not_derivative@l,
     *              missing_factor@l, wrong_index@w[l,j,i], wrong_index@W(m), missing_path@k (unit k of the next layer)
     * @param kind  the contract's diagnosis kind
     * @param what  what the slip is, without the answer's value (as --no-solution shows it)
     * @param hint  the rule that decides it, not its value (--hint)
     * @param value the batch gradient the slip gives
     */
    public record Slip(String name, Diagnosis.Kind kind, String what, String hint, double value) {
    }

    private final NetworkSpec spec;
    private final NetworkModel model;
    private final NetworkSymbols sym;
    private final BatchGradients gradients;
    private final Map<String, Double> answers = new LinkedHashMap<>();
    private final Map<String, List<Slip>> slips = new LinkedHashMap<>();

    SlipCatalogue(NetworkSpec spec) {
        this.spec = spec;
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        this.model = analysis.model();
        this.sym = model.symbols();
        this.gradients = new BatchGradients(analysis);
        build();
    }

    /** The true answers by parameter name, canonical order. */
    Map<String, Double> answers() {
        return answers;
    }

    /** Each parameter's slips, in the catalogue's order. */
    Map<String, List<Slip>> slips() {
        return slips;
    }

    private void build() {
        double[] truth = gradients.truth();
        List<ParamId> ids = spec.parameters();
        Map<ParamId, Integer> index = new HashMap<>();
        for (int p = 0; p < ids.size(); p++) {
            index.put(ids.get(p), p);
        }
        Map<Integer, double[]> sigma = new LinkedHashMap<>();
        Map<Integer, double[]> missing = new LinkedHashMap<>();
        Map<Integer, double[]> transposed = new LinkedHashMap<>();
        for (int l = 1; l <= spec.layerCount(); l++) {
            int layer = l;
            gradients.activationVariant(l, BatchGradients.Replacement.ACTIVATION).ifPresent(v -> sigma.put(layer, v));
            gradients.activationVariant(l, BatchGradients.Replacement.ONE).ifPresent(v -> missing.put(layer, v));
            if (l >= 2) {
                transposedVariant(l).ifPresent(v -> transposed.put(layer, v));
            }
        }
        int n = spec.data().size();
        for (int p = 0; p < ids.size(); p++) {
            ParamId id = ids.get(p);
            double t = truth[p];
            // the truth has the regularization term's λw + μ·sign(w); a slip in the data's part keeps it
            double pen = id.isWeight() ? spec.regularization().derivative(spec.parameter(id)) : 0;
            String param = TextPrinter.str(sym.param(id));
            answers.put(id.toString(), t);
            List<Slip> s = new ArrayList<>();
            s.add(new Slip("sign", Diagnosis.Kind.SIGN, "the sign is wrong", signHint(), -t));
            s.add(new Slip("constant_factor", Diagnosis.Kind.CONSTANT_FACTOR, "a factor 2 too many",
                    "the chain rule takes each local derivative once" + (spec.loss() == Loss.HALF_SE
                            ? "; the ½ of the loss cancels the 2 of the power rule" : ""), 2 * t));
            if (spec.reduction() == Reduction.MEAN && n > 1) {
                s.add(new Slip("missing_1/N", Diagnosis.Kind.CONSTANT_FACTOR, "the " + n + " samples' gradients are summed, "
                        + "but the loss is their mean (the 1/N is missing)",
                        "the loss is the mean over the N samples, so its gradient is (1/N) Σₙ ∂Lₙ/∂" + param, n * (t - pen) + pen));
            }
            if (pen != 0) {
                s.add(new Slip("regularization_missing", Diagnosis.Kind.MISSING_PATH, "the regularization term's derivative is"
                        + " left out (the data loss's gradient alone)",
                        "L = data loss + (λ/2)Σw² + μΣ|w|, so ∂L/∂w = ∂(data loss)/∂w + λw + μ·sign(w)", t - pen));
                s.add(new Slip("regularization_factor", Diagnosis.Kind.EXTRA_FACTOR, "the regularization term's derivative"
                        + " twice (2λw for λw)", "power rule: ∂/∂w (λ/2)w² = λw", t + pen));
            }
            for (int l = id.layer(); l <= spec.layerCount(); l++) {
                Optional<String> rule = rule(l);
                String g = spec.layer(l).activation().symbol();
                if (sigma.containsKey(l)) {
                    s.add(new Slip("activation_not_derivative@" + l, Diagnosis.Kind.ACTIVATION_NOT_DERIVATIVE,
                            "the activation " + g + " of layer " + l + " where its derivative " + g + "′ belongs",
                            rule.orElse("∂a/∂z = g′(z)"), sigma.get(l)[p] + pen));
                }
                // relu′ is 1 wherever a unit is on, so leaving it out is a slip only where some sample is off
                if (missing.containsKey(l) && spec.layer(l).activation() != Activation.RELU) {
                    s.add(new Slip("missing_factor@" + l, Diagnosis.Kind.MISSING_FACTOR,
                            "the derivative " + g + "′ of layer " + l + "'s activation is left out",
                            "every activation is a link of the chain, ∂a/∂z = g′(z)" + rule.map(r -> ": " + r).orElse(""),
                            missing.get(l)[p] + pen));
                }
            }
            if (id.isWeight() && id.neuron() != id.input() && id.input() <= sym.width(id.layer())
                    && id.neuron() <= sym.width(id.layer() - 1)) {
                ParamId swapped = ParamId.weight(id.layer(), id.input(), id.neuron());
                s.add(new Slip("wrong_index@" + swapped, Diagnosis.Kind.WRONG_INDEX, "the indices are swapped: your number is ∂L/∂"
                        + TextPrinter.str(sym.param(swapped)) + " (wⱼᵢ for wᵢⱼ)",
                        "wᵢⱼ⁽ˡ⁾ connects unit i of layer l to unit j of the layer below: ∂L/∂wᵢⱼ⁽ˡ⁾ = δᵢ⁽ˡ⁾·aⱼ⁽ˡ⁻¹⁾",
                        truth[index.get(swapped)]));
            }
            // kept even where it equals the truth (a symmetric W⁽ᵐ⁾): such a draw cannot tell the slip and is rejected
            for (Map.Entry<Integer, double[]> e : transposed.entrySet()) {
                if (e.getKey() > id.layer()) {
                    int m = e.getKey();
                    s.add(new Slip("wrong_index@W" + m, Diagnosis.Kind.WRONG_INDEX, "W" + layer(m) + " where W" + layer(m)
                            + "ᵀ belongs in the hidden δ" + layer(m - 1),
                            "the hidden δ takes the transposed weights: δ⁽ˡ⁾ = g′(z⁽ˡ⁾) ⊙ W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾", e.getValue()[p] + pen));
                }
            }
            missingPaths(id, p, pen, s);
            slips.put(id.toString(), s);
        }
    }

    /**
     * The parameter's δ_i^(l) with the term of unit k of layer l + 1 left out, for each k, where layer l + 1 has
     * at least two units: the path through unit k forgotten.
     */
    private void missingPaths(ParamId id, int p, double pen, List<Slip> out) {
        int l = id.layer();
        if (l >= spec.layerCount() || sym.width(l + 1) < 2 || spec.layer(l).activation() == Activation.SOFTMAX) {
            return;
        }
        String delta = sym.delta(l, id.neuron()).name();
        Expr def = deltas().get(delta);
        if (def == null) {
            return;
        }
        for (int k = 1; k <= sym.width(l + 1); k++) {
            Expr without = Exprs.substitute(def, Map.of(sym.w(l + 1, k, id.neuron()).name(), Num.ZERO));
            Optional<double[]> v = gradients.deltaVariant(Map.of(delta, without));
            if (v.isPresent()) {
                out.add(new Slip("missing_path@" + k, Diagnosis.Kind.MISSING_PATH, "the path through unit " + k + " of layer "
                        + (l + 1) + " is left out of δ" + dev.chainrule.expr.Notation.subscript(Integer.toString(id.neuron())) + layer(l),
                        "the multivariable chain rule sums over every path: δᵢ⁽ˡ⁾ = g′(zᵢ⁽ˡ⁾)·Σₖ wₖᵢ⁽ˡ⁺¹⁾·δₖ⁽ˡ⁺¹⁾",
                        v.get()[p] + pen));
            }
        }
    }

    /** ⁽ˡ⁾ for layer l, as the notes write it. */
    private static String layer(int l) {
        return "⁽" + dev.chainrule.expr.Notation.superscript(Integer.toString(l)) + "⁾";
    }

    /** Every δ of layer m − 1 with W^(m) transposed (square W^(m) only). */
    private Optional<double[]> transposedVariant(int m) {
        if (sym.width(m) != sym.width(m - 1) || sym.width(m) < 2) {
            return Optional.empty();
        }
        Map<String, Expr> swap = new HashMap<>();
        for (int i = 1; i <= sym.width(m); i++) {
            for (int k = 1; k <= sym.width(m); k++) {
                swap.put(sym.w(m, k, i).name(), sym.w(m, i, k));
            }
        }
        Map<String, Expr> changed = new HashMap<>();
        for (int i = 1; i <= sym.width(m - 1); i++) {
            String name = sym.delta(m - 1, i).name();
            changed.put(name, Exprs.substitute(deltas().get(name), swap));
        }
        return gradients.deltaVariant(changed);
    }

    private Map<String, Expr> deltas() {
        return gradients.deltas();
    }

    /** The derivative rule of layer l's activation ("sigmoid rule: σ′ = σ(1 − σ)"), if it is a function call. */
    private Optional<String> rule(int l) {
        Expr a = model.forward().get(sym.a(l, 1).name());
        if (a instanceof Expr.Call c && spec.layer(l).activation() != Activation.SOFTMAX) {
            Rule r = Rule.of(c.fn());
            return Optional.of(r.label() + ": " + r.statement());
        }
        return Optional.empty();
    }

    /** Where the sign comes from: the output error, as the loss and the output activation give it. */
    private String signHint() {
        Activation out = spec.layer(spec.layerCount()).activation();
        if ((spec.loss() == Loss.BCE && out == Activation.SIGMOID) || (spec.loss() == Loss.CE && out == Activation.SOFTMAX)) {
            return "the output layer's δ = ∂L/∂z is ŷ − y (not y − ŷ); every other factor keeps its own sign";
        }
        if (spec.loss() == Loss.SE || spec.loss() == Loss.HALF_SE) {
            return "power rule and chain rule: ∂/∂ŷ (y − ŷ)² = −2(y − ŷ) = 2(ŷ − y); every other factor keeps its own sign";
        }
        return "every local derivative keeps its sign, ∂L/∂ŷ first";
    }
}
