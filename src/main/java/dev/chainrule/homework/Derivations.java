package dev.chainrule.homework;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rule-named derivation of ∂L/∂param by paths, as equations (for documents) and as text lines. */
final class Derivations {
    /** Paths written out one per line up to this many; beyond, the δ recursion is named. */
    static final int MAX_LISTED = 4;

    private Derivations() {
    }

    static List<String> lines(PathModel pm, NetworkSymbols sym, ParamId id) {
        List<String> out = new ArrayList<>();
        for (Worked.Eq eq : equations(pm, sym, id)) {
            String rhs = eq.rhs() instanceof Expr.Sum paths && out.isEmpty() && !eq.rule().startsWith("backprop")
                    ? String.join("\n      + ", paths.terms().stream().map(TextPrinter::str).toList()) // one path a line
                    : TextPrinter.str(eq.rhs());
            String line = TextPrinter.str(eq.lhs()) + " = " + rhs + (eq.rule().isEmpty() ? "" : "   (" + eq.rule() + ")");
            out.add(out.isEmpty() ? line : eq.conclusion() ? "  ⇒ " + line : "  " + line);
        }
        return out;
    }

    /** The derivation as equations of trees: the chain line, each local derivative once, the result. */
    static List<Worked.Eq> equations(PathModel pm, NetworkSymbols sym, ParamId id) {
        List<Worked.Eq> out = new ArrayList<>();
        Expr lhs = new Expr.Derivative(PathModel.LOSS, sym.param(id));
        if (!pm.hasPaths() || pm.paths().size() > MAX_LISTED) {
            Expr delta = sym.delta(id.layer(), id.neuron());
            out.add(new Worked.Eq(lhs, id.isWeight() ? Exprs.product(delta, sym.a(id.layer() - 1, id.input())) : delta,
                    "backprop: δᵢ⁽ˡ⁾ = g′(zᵢ⁽ˡ⁾) Σₖ wₖᵢ⁽ˡ⁺¹⁾ δₖ⁽ˡ⁺¹⁾ (" + (pm.hasPaths() ? pm.paths().size() + " paths" : "many paths") + ")"));
            return out;
        }
        List<Expr> chains = new ArrayList<>();
        Map<String, Factor> locals = new LinkedHashMap<>();
        for (List<Factor> p : pm.paths()) {
            List<Expr> parts = new ArrayList<>();
            for (Factor f : p) {
                parts.add(new Expr.Derivative(f.of(), f.wrt()));
                locals.putIfAbsent(f.partial(), f);
            }
            chains.add(new Expr.Product(parts));
        }
        out.add(new Worked.Eq(lhs, chains.size() == 1 ? chains.get(0) : new Expr.Sum(chains),
                chains.size() == 1 ? "chain rule" : "multivariable chain rule: one term per path"));
        for (Factor f : locals.values()) {
            out.add(new Worked.Eq(new Expr.Derivative(f.of(), f.wrt()), f.expr(), f.rule()));
        }
        out.add(new Worked.Eq(lhs, pm.sum(pm.paths()), "", true));
        return out;
    }
}
