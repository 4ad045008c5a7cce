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

/** The rule-named derivation of ∂L/∂param by paths, as text lines. */
final class Derivations {
    /** Paths written out one per line up to this many; beyond, the δ recursion is named. */
    static final int MAX_LISTED = 4;

    private Derivations() {
    }

    static List<String> lines(PathModel pm, NetworkSymbols sym, ParamId id) {
        List<String> out = new ArrayList<>();
        String lhs = "∂L/∂" + TextPrinter.str(sym.param(id));
        if (!pm.hasPaths() || pm.paths().size() > MAX_LISTED) {
            out.add(lhs + " = δ" + sub(id) + (id.isWeight() ? " · " + TextPrinter.str(sym.a(id.layer() - 1, id.input())) : "")
                    + "   (backprop: δᵢ⁽ˡ⁾ = g′(zᵢ⁽ˡ⁾) Σₖ wₖᵢ⁽ˡ⁺¹⁾ δₖ⁽ˡ⁺¹⁾; " + (pm.hasPaths() ? pm.paths().size() + " paths" : "many paths") + ")");
            return out;
        }
        List<String> chains = new ArrayList<>();
        Map<String, Factor> locals = new LinkedHashMap<>();
        for (List<Factor> p : pm.paths()) {
            List<String> parts = new ArrayList<>();
            for (Factor f : p) {
                parts.add(f.partial());
                locals.putIfAbsent(f.partial(), f);
            }
            chains.add(String.join(" · ", parts));
        }
        String rule = pm.paths().size() == 1 ? "chain rule" : "multivariable chain rule: one term per path";
        out.add(lhs + " = " + String.join("\n      + ", chains) + "   (" + rule + ")");
        for (Factor f : locals.values()) {
            out.add("  " + f.partial() + " = " + TextPrinter.str(f.expr()) + "   (" + f.rule() + ")");
        }
        out.add("  ⇒ " + lhs + " = " + TextPrinter.str(pm.sum(pm.paths())));
        return out;
    }

    /** The same derivation as equations of trees, for the document formats. */
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

    private static String sub(ParamId id) {
        return dev.chainrule.expr.Notation.subscript(String.valueOf(id.neuron()))
                + dev.chainrule.expr.Notation.superscript("(" + id.layer() + ")");
    }
}
