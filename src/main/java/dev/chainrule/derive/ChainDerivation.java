package dev.chainrule.derive;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import java.util.List;

/**
 * ∂of/∂wrt through named intermediates: the dependency paths, the chain-rule sum of products of local
 * derivatives ({@code steps.get(0)}), each local derivative derived by the rules, then substitution and
 * simplification. When there are no intermediates on the way, {@code direct} holds the plain derivation
 * and the other parts are empty.
 */
public record ChainDerivation(Var of, Var wrt, List<List<Var>> paths, List<LocalDerivative> locals,
                              List<Step> steps, Expr result, Derivation direct) {
    public ChainDerivation {
        paths = List.copyOf(paths);
        locals = List.copyOf(locals);
        steps = List.copyOf(steps);
    }

    public boolean isDirect() {
        return direct != null;
    }

    /** Every rule the derivation applied, each once: the chain rule, each local derivative's, then the rest. */
    public List<Rule> rules() {
        if (isDirect()) {
            return direct.rules();
        }
        java.util.Set<Rule> out = new java.util.LinkedHashSet<>();
        if (!steps.isEmpty()) {
            out.addAll(steps.get(0).rules());
        }
        for (LocalDerivative l : locals) {
            out.addAll(l.derivation().rules());
        }
        steps.forEach(s -> out.addAll(s.rules()));
        return List.copyOf(out);
    }
}
