package dev.chainrule.homework;

import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.derive.Steps;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule-named derivation of ∂L/∂param by paths, as equations (for documents) and as text lines: the chain line
 * over the engine's paths, each local derivative once with the rules the engine applied, then the engine's own
 * substitution and simplification down to the result explain shows.
 */
final class Derivations {
    /** Paths written out one per line up to this many (as explain does); beyond, the δ recursion is named. */
    static final int MAX_LISTED = NetworkAnalysis.MAX_EXPLICIT_PATHS;

    private Derivations() {
    }

    /** The derivation as equations of trees: the chain line, each local derivative once, the engine's steps to the result. */
    static List<Step> equations(PathModel pm, NetworkSymbols sym, ParamId id) {
        List<Step> out = new ArrayList<>();
        Expr lhs = new Expr.Derivative(PathModel.LOSS, sym.param(id));
        if (!pm.hasPaths() || pm.paths().size() > MAX_LISTED) {
            Expr delta = sym.delta(id.layer(), id.neuron());
            out.add(Step.equation(lhs, id.isWeight() ? Exprs.product(delta, sym.a(id.layer() - 1, id.input())) : delta,
                    "backprop: δᵢ⁽ˡ⁾ = g′(zᵢ⁽ˡ⁾) Σₖ wₖᵢ⁽ˡ⁺¹⁾ δₖ⁽ˡ⁺¹⁾ (" + (pm.hasPaths() ? pm.paths().size() + " paths" : "many paths") + ")"));
            return out;
        }
        List<Expr> chains = new ArrayList<>();
        Map<String, Factor> locals = new LinkedHashMap<>();
        for (List<Factor> p : pm.paths()) {
            List<Expr> parts = new ArrayList<>();
            for (Factor f : p) {
                parts.add(new Expr.Derivative(f.of(), f.wrt()));
                locals.putIfAbsent(f.key(), f);
            }
            chains.add(new Expr.Product(parts));
        }
        out.add(Step.equation(lhs, chains.size() == 1 ? chains.get(0) : new Expr.Sum(chains), Rule.MULTIVARIABLE_CHAIN));
        for (Factor f : locals.values()) {
            out.add(f.line());
        }
        Optional<ChainDerivation> cd = pm.chain();
        if (cd.isEmpty()) {
            // a softmax output: each path's head is the output error δ_k, put in with the rest
            out.add(new Step(lhs, pm.explicit(), List.of(Rule.SUBSTITUTE), "", true));
            return out;
        }
        // as explain --brief writes them: the substitution, then the simplification as one line naming its passes
        List<Step> all = cd.get().steps();
        List<Step> steps = Steps.shown(all.subList(1, all.size()), Steps.Detail.BRIEF);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            boolean last = i == steps.size() - 1;
            out.add(s.under(i == 0 || last ? lhs : null, last));
        }
        return out;
    }
}
