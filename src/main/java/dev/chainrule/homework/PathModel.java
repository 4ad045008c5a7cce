package dev.chainrule.homework;

import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.derive.Derivation;
import dev.chainrule.derive.Rule;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.Backprop;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkModel;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.OutputDelta;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ∂L/∂param as the chain rule writes it: a sum over the paths L → ŷ_k → z^(L) → a^(L−1) → … → z_i^(l) → param
 * of products of local derivatives. Used to recognise which local derivative a wrong answer lacks or adds.
 *
 * <p>Nothing here is derived by hand: the paths are the derivation engine's ({@link ChainRule#paths}) over the
 * network's forward definitions, each factor is the engine's local derivative of its edge ({@link ChainRule#local})
 * with the rules its steps applied, and with a softmax output each path starts with backprop's output error
 * δ_k = ∂L/∂z_k (the engine's chain rule through every ŷ_j), as explain shows them.
 */
public final class PathModel {
    /** Networks whose parameter has more paths than this are not split into paths (the δ form is used). */
    public static final int MAX_PATHS = 64;

    private final NetworkModel model;
    private final Backprop backprop;
    private final NetworkSymbols sym;
    private final ParamId id;
    private final boolean softmax;
    /** z and a of every unit by name: which definitions an edge connects. */
    private final Map<String, Unit> roles = new HashMap<>();
    private final List<List<Factor>> paths = new ArrayList<>();
    private final List<List<Integer>> units = new ArrayList<>();

    /** One unit's pre-activation (z) or activation (a, ŷ for the output layer). */
    private record Unit(boolean activation, int layer, int index) {
    }

    public PathModel(Backprop backprop, ParamId id) {
        this.backprop = backprop;
        this.model = backprop.model();
        this.sym = model.symbols();
        this.id = id;
        this.softmax = model.isSoftmaxOutput();
        if (model.pathCount(id) > MAX_PATHS) {
            return;
        }
        for (int l = 1; l <= sym.layers(); l++) {
            for (int i = 1; i <= sym.width(l); i++) {
                roles.put(sym.z(l, i).name(), new Unit(false, l, i));
                roles.put(sym.a(l, i).name(), new Unit(true, l, i));
            }
        }
        // with a softmax output every ŷ_j depends on every z_k: K engine paths meet again in one δ_k
        int meet = softmax ? sym.width(sym.layers()) : 1;
        List<List<Var>> found = backprop.chainRule().paths(sym.loss(), sym.param(id), MAX_PATHS * meet)
                .orElseThrow(() -> new IllegalStateException("more paths to " + id + " than the layers' widths allow"));
        Set<String> below = new HashSet<>();
        for (List<Var> p : found) {
            int cut = softmax ? outputZ(p) : 0;
            if (below.add(p.subList(cut, p.size()).toString())) {
                add(p, cut);
            }
        }
    }

    /** Where the path reaches the output layer's z. */
    private int outputZ(List<Var> p) {
        for (int i = 0; i < p.size(); i++) {
            Unit u = roles.get(p.get(i).name());
            if (u != null && !u.activation() && u.layer() == sym.layers()) {
                return i;
            }
        }
        throw new IllegalStateException("path " + p + " does not pass the output layer");
    }

    /** The path's factors from {@code cut} down (the output error first when cut > 0) and the units it passes. */
    private void add(List<Var> p, int cut) {
        List<Factor> f = new ArrayList<>();
        if (cut > 0) {
            f.add(outputError(p.get(cut)));
        }
        for (int i = cut; i + 1 < p.size(); i++) {
            f.add(factor(p.get(i), p.get(i + 1)));
        }
        List<Integer> u = new ArrayList<>();
        for (int i = p.size() - 1; i >= 0; i--) {
            Unit r = roles.get(p.get(i).name());
            if (r != null && !r.activation()) {
                u.add(r.index());
            }
        }
        paths.add(List.copyOf(f));
        units.add(List.copyOf(u));
    }

    /** δ_k = ∂L/∂z_k^(L) as backprop derived it (the chain rule through every softmax output). */
    private Factor outputError(Var z) {
        int k = roles.get(z.name()).index();
        OutputDelta od = backprop.outputDeltas().get(k - 1);
        Var d = sym.delta(sym.layers(), k);
        Set<Rule> rules = new LinkedHashSet<>(od.derivation().rules());
        od.extraSteps().forEach(s -> rules.addAll(s.rules()));
        return new Factor(LOSS.name() + "→" + z.name(), Factor.Kind.OUTPUT_ERROR, backprop.deltas().get(d.name()), null,
                LOSS, z, t(d), List.copyOf(rules));
    }

    /** The engine's local derivative ∂of/∂wrt, classified by the definitions it connects. */
    private Factor factor(Var of, Var wrt) {
        Derivation d = backprop.chainRule().local(of, wrt).derivation();
        Expr e = d.result();
        Factor.Kind kind = kind(of, wrt);
        boolean one = e instanceof Expr.Num n && n.isOne();
        String key = kind == Factor.Kind.ACTIVATION ? "act:" + of.name() : of.name() + "→" + wrt.name();
        String name = switch (kind) {
            case LOSS -> t(new Expr.Derivative(of, wrt));
            case ACTIVATION -> primeName(of, wrt);
            case WEIGHT, INPUT, OUTPUT_ERROR -> t(e);
        };
        return new Factor(key, kind, e, kind == Factor.Kind.ACTIVATION && !one ? of : null, of, wrt, name,
                d.rules());
    }

    private Factor.Kind kind(Var of, Var wrt) {
        Unit below = roles.get(wrt.name());
        if (of.equals(LOSS)) {
            return below != null && !below.activation() ? Factor.Kind.OUTPUT_ERROR : Factor.Kind.LOSS;
        }
        if (roles.get(of.name()).activation()) {
            return Factor.Kind.ACTIVATION;
        }
        return below != null ? Factor.Kind.WEIGHT : Factor.Kind.INPUT;
    }

    /** σ′(z₁⁽¹⁾) for a = σ(z₁⁽¹⁾): the activation as defined, primed; ∂a/∂z when it is no function call. */
    private String primeName(Var a, Var z) {
        Expr body = model.forward().get(a.name());
        String written = t(body);
        int open = written.indexOf('(');
        return body instanceof Expr.Call && open > 0 ? written.substring(0, open) + "′" + written.substring(open)
                : t(new Expr.Derivative(a, z));
    }

    /** ∂L/∂ŷₖ as the engine derives it from the loss, e.g. −y/ŷ + (1 − y)/(1 − ŷ) for BCE. */
    Expr lossDerivative(int k) {
        return backprop.chainRule().local(sym.loss(), sym.output(k)).derivation().result();
    }

    /** The loss, as the numerator of the first local derivative. */
    static final Var LOSS = new Var("L");

    static String t(Expr e) {
        return TextPrinter.str(e);
    }

    public ParamId id() {
        return id;
    }

    /** Empty when the parameter has too many paths to list. */
    public List<List<Factor>> paths() {
        return paths;
    }

    /** For each path, the units it goes through, from the parameter's layer up to the output. */
    public List<List<Integer>> units() {
        return units;
    }

    public boolean hasPaths() {
        return !paths.isEmpty();
    }

    /**
     * The engine's whole derivation of ∂L/∂param, the one explain shows: the paths, their local derivatives,
     * substitution, the output δ recognised, simplification. Present for a few paths and no softmax output.
     */
    Optional<ChainDerivation> chain() {
        if (!hasPaths() || softmax || paths.size() > NetworkAnalysis.MAX_EXPLICIT_PATHS) {
            return Optional.empty();
        }
        return Optional.of(backprop.chainDerivation(id, ""));
    }

    /** Σ over paths of Π factors (ones left out). */
    public Expr sum(List<List<Factor>> ps) {
        List<Expr> terms = new ArrayList<>();
        for (List<Factor> p : ps) {
            terms.add(product(p));
        }
        return Exprs.sum(terms);
    }

    public static Expr product(List<Factor> p) {
        List<Expr> fs = new ArrayList<>();
        for (Factor f : p) {
            if (!f.isOne()) {
                fs.add(f.expr());
            }
        }
        return Exprs.product(fs);
    }

    /**
     * The explicit result for display: the engine's simplified result where it derives one (as explain), else per
     * path the output δ (ŷ − y for BCE∘σ) times the factors below the output layer.
     */
    public Expr explicit() {
        if (!hasPaths()) {
            return backprop.gradient(id);
        }
        Optional<ChainDerivation> cd = chain();
        if (cd.isPresent()) {
            return cd.get().result();
        }
        int top = sym.layers();
        List<Expr> terms = new ArrayList<>();
        for (int p = 0; p < paths.size(); p++) {
            int k = units.get(p).get(units.get(p).size() - 1);
            List<Expr> fs = new ArrayList<>();
            Expr outDelta = backprop.deltas().get(sym.delta(top, k).name());
            if (outDelta instanceof Expr.Product prod) {
                fs.addAll(prod.factors());
            } else {
                fs.add(outDelta);
            }
            for (Factor f : paths.get(p)) {
                if (!f.isOne() && !aboveOutputZ(f)) {
                    fs.add(f.expr());
                }
            }
            terms.add(Exprs.product(fs));
        }
        return Exprs.sum(terms);
    }

    /** A factor of ∂L/∂z_k^(L) = δ_k itself: the loss's, the output error, the output activation's. */
    private boolean aboveOutputZ(Factor f) {
        return f.kind() == Factor.Kind.LOSS || f.kind() == Factor.Kind.OUTPUT_ERROR
                || f.kind() == Factor.Kind.ACTIVATION && roles.get(f.of().name()).layer() == sym.layers();
    }
}
