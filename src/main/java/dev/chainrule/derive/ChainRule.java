package dev.chainrule.derive;

import dev.chainrule.UserError;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The multivariable chain rule across named intermediates: ∂L/∂w = Σ over paths L → … → w of the product
 * of local derivatives, each local derivative derived by the rules (other names held fixed), then put in
 * and simplified. Definitions the result mentions stay names (z, ŷ), as the notes keep them.
 */
public final class ChainRule {
    /** More paths than this are not listed one by one (the sum is still formed, by recursion). */
    public static final int MAX_LISTED_PATHS = 64;

    private final Definitions defs;
    private final Differentiator differentiator;
    private final Simplifier simplifier;
    /** Each edge's local derivative, derived once: derive and the homework checker ask for the same edges. */
    private final Map<String, LocalDerivative> edges = new ConcurrentHashMap<>();

    public ChainRule(Definitions defs) {
        this.defs = defs;
        this.simplifier = new Simplifier(defs);
        this.differentiator = new Differentiator(simplifier);
    }

    public Definitions definitions() {
        return defs;
    }

    public Simplifier simplifier() {
        return simplifier;
    }

    public Differentiator differentiator() {
        return differentiator;
    }

    /** ∂of/∂wrt; {@code of} is a defined name or a free variable. */
    public ChainDerivation derive(Var of, Var wrt) {
        return derive(of, wrt, Map.of(), "");
    }

    /**
     * ∂of/∂wrt where ∂of/∂c is already known for some intermediates c (an error signal δ derived once):
     * after substituting the local derivatives, each path's product from {@code of} down to such a c is
     * replaced by the known result (a step of its own, named by {@code knownNote}), then simplified.
     */
    public ChainDerivation derive(Var of, Var wrt, Map<String, Expr> known, String knownNote) {
        if (!defs.dependsOn(of.name(), wrt.name())) {
            throw new UserError("'" + wrt.name() + "' does not occur in " + of.name());
        }
        Expr body = defs.isDefined(of.name()) ? defs.get(of.name()) : of;
        boolean throughIntermediate = Exprs.variables(body).stream()
                .anyMatch(u -> !u.equals(wrt.name()) && defs.isDefined(u) && defs.dependsOn(u, wrt.name()));
        if (!throughIntermediate) {
            Derivation d = differentiator.derive(body, wrt);
            return new ChainDerivation(of, wrt, List.of(List.of(of, wrt)), List.of(), List.of(), d.result(), d);
        }
        Optional<List<List<Var>>> listed = paths(of, wrt, MAX_LISTED_PATHS);
        boolean complete = listed.isPresent();
        List<List<Var>> paths = listed.orElse(List.of());
        Map<String, LocalDerivative> locals = new LinkedHashMap<>();
        Expr chain = complete ? pathSum(paths) : recursiveSum(of, wrt, new HashMap<>());
        for (Derivative d : derivativeNodes(chain)) {
            Var p = (Var) d.body();
            Var c = d.wrt();
            locals.computeIfAbsent(p.name() + "→" + c.name(), k -> local(p, c));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(chain, List.of(Rule.MULTIVARIABLE_CHAIN)));
        Map<String, Expr> byEdge = new HashMap<>();
        for (LocalDerivative l : locals.values()) {
            byEdge.put(l.of().name() + "→" + l.wrt().name(), l.derivation().result());
        }
        Expr substituted = Exprs.mapBottomUp(chain, n -> n instanceof Derivative d && d.body() instanceof Var p
                ? byEdge.get(p.name() + "→" + d.wrt().name()) : n);
        steps.add(new Step(substituted, List.of(Rule.SUBSTITUTE)));
        Expr start = substituted;
        if (complete && !known.isEmpty()) {
            Expr viaKnown = viaKnown(paths, byEdge, known);
            if (viaKnown != null && !viaKnown.equals(substituted)) {
                steps.add(new Step(viaKnown, List.of(Rule.RECOGNISE), knownNote));
                start = viaKnown;
            }
        }
        steps.addAll(simplifier.simplify(start));
        Expr result = steps.get(steps.size() - 1).expr();
        return new ChainDerivation(of, wrt, complete ? paths : List.of(), List.copyOf(locals.values()), steps, result, null);
    }

    /** Each path's product with its head (of → … → c, c known) replaced by the known ∂of/∂c. */
    private static Expr viaKnown(List<List<Var>> paths, Map<String, Expr> byEdge, Map<String, Expr> known) {
        List<Expr> terms = new ArrayList<>();
        Map<String, Boolean> headUsed = new HashMap<>();
        for (List<Var> p : paths) {
            int cut = -1;
            for (int i = 1; i < p.size(); i++) {
                if (known.containsKey(p.get(i).name())) {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) {
                return null;
            }
            // paths that share the rest below c but differ above it (softmax) collapse into one term
            String below = p.subList(cut, p.size()).toString();
            if (headUsed.put(below, true) != null) {
                continue;
            }
            List<Expr> factors = new ArrayList<>();
            factors.add(known.get(p.get(cut).name()));
            for (int i = cut; i + 1 < p.size(); i++) {
                factors.add(byEdge.get(p.get(i).name() + "→" + p.get(i + 1).name()));
            }
            terms.add(Exprs.product(factors));
        }
        return Exprs.sum(terms);
    }

    /**
     * The dependency paths of → … → wrt, depth first through each definition's variables in the order they
     * occur (the order {@link #derive} lists them); empty when there are more than {@code limit}.
     */
    public Optional<List<List<Var>>> paths(Var of, Var wrt, int limit) {
        List<List<Var>> out = new ArrayList<>();
        if (!defs.isDefined(of.name())) {
            return Optional.of(out);
        }
        boolean complete = enumerate(of, wrt, new ArrayList<>(List.of(of)), out, limit);
        return complete ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    /** ∂of/∂wrt for one edge ({@code of} defined, {@code wrt} a variable of its definition), other names held fixed. */
    public LocalDerivative local(Var of, Var wrt) {
        return edges.computeIfAbsent(of.name() + "→" + wrt.name(),
                k -> new LocalDerivative(of, wrt, differentiator.derive(defs.get(of.name()), wrt)));
    }

    /** Depth-first paths of → … → wrt; false when there are more than {@code limit}. */
    private boolean enumerate(Var at, Var wrt, List<Var> path, List<List<Var>> out, int limit) {
        Expr body = defs.get(at.name());
        for (String u : Exprs.variables(body)) {
            if (u.equals(wrt.name())) {
                List<Var> p = new ArrayList<>(path);
                p.add(wrt);
                out.add(p);
                if (out.size() > limit) {
                    return false;
                }
            } else if (defs.isDefined(u) && defs.dependsOn(u, wrt.name())) {
                path.add(new Var(u));
                boolean ok = enumerate(new Var(u), wrt, path, out, limit);
                path.remove(path.size() - 1);
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Expr pathSum(List<List<Var>> paths) {
        List<Expr> terms = new ArrayList<>();
        for (List<Var> p : paths) {
            List<Expr> factors = new ArrayList<>();
            for (int i = 0; i + 1 < p.size(); i++) {
                factors.add(new Derivative(p.get(i), p.get(i + 1)));
            }
            terms.add(Exprs.product(factors));
        }
        return Exprs.sum(terms);
    }

    /** Σ_u ∂at/∂u · (∂u/∂wrt written the same way), for graphs with too many paths to list. */
    private Expr recursiveSum(Var at, Var wrt, Map<String, Expr> memo) {
        Expr cached = memo.get(at.name());
        if (cached != null) {
            return cached;
        }
        List<Expr> terms = new ArrayList<>();
        for (String u : Exprs.variables(defs.get(at.name()))) {
            if (u.equals(wrt.name())) {
                terms.add(new Derivative(at, wrt));
            } else if (defs.isDefined(u) && defs.dependsOn(u, wrt.name())) {
                terms.add(Exprs.product(new Derivative(at, new Var(u)), recursiveSum(new Var(u), wrt, memo)));
            }
        }
        Expr r = Exprs.sum(terms);
        memo.put(at.name(), r);
        return r;
    }

    private static List<Derivative> derivativeNodes(Expr e) {
        List<Derivative> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Derivative> out) {
        if (e instanceof Derivative d) {
            out.add(d);
            return;
        }
        for (Expr c : Exprs.children(e)) {
            collect(c, out);
        }
    }
}
