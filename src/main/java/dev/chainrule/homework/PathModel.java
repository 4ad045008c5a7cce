package dev.chainrule.homework;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.Backprop;
import dev.chainrule.network.NetworkModel;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.List;

/**
 * ∂L/∂param as the chain rule writes it: a sum over the paths L → ŷ_k → z^(L) → a^(L−1) → … → z_i^(l) → param
 * of products of local derivatives. Used to recognise which local derivative a wrong answer lacks or adds.
 */
public final class PathModel {
    /** Networks whose parameter has more paths than this are not split into paths (the δ form is used). */
    public static final int MAX_PATHS = 64;

    private final NetworkModel model;
    private final Backprop backprop;
    private final NetworkSymbols sym;
    private final ParamId id;
    private final List<List<Factor>> paths = new ArrayList<>();
    private final List<List<Integer>> units = new ArrayList<>();

    public PathModel(Backprop backprop, ParamId id) {
        this.backprop = backprop;
        this.model = backprop.model();
        this.sym = model.symbols();
        this.id = id;
        int top = sym.layers();
        long count = 1;
        for (int m = id.layer() + 1; m <= top; m++) {
            count *= sym.width(m);
        }
        if (count <= MAX_PATHS) {
            enumerate(new ArrayList<>(List.of(id.neuron())), id.layer(), top);
        }
    }

    private void enumerate(List<Integer> chosen, int m, int top) {
        if (m == top) {
            units.add(List.copyOf(chosen));
            paths.add(build(chosen));
            return;
        }
        for (int k = 1; k <= sym.width(m + 1); k++) {
            chosen.add(k);
            enumerate(chosen, m + 1, top);
            chosen.remove(chosen.size() - 1);
        }
    }

    /** chosen.get(0) is the unit in the parameter's layer, the last one the output unit. */
    private List<Factor> build(List<Integer> chosen) {
        int top = sym.layers();
        int l = id.layer();
        List<Factor> f = new ArrayList<>();
        int k = chosen.get(chosen.size() - 1);
        NetworkSpec spec = model.spec();
        if (spec.outputLayer().activation() == Activation.SOFTMAX) {
            Var d = sym.delta(top, k);
            f.add(new Factor("out" + k, Factor.Kind.OUTPUT_ERROR, backprop.deltas().get(d.name()), null, LOSS,
                    sym.z(top, k), t(d), spec.loss() == Loss.CE ? "softmax and cross-entropy together: ŷ − y"
                    : "softmax: every ŷₖ depends on every z, so δ = Σₖ ∂L/∂ŷₖ · ∂ŷₖ/∂z"));
        } else {
            f.add(lossFactor(k));
            f.add(activationFactor(top, k));
        }
        for (int m = top; m > l; m--) {
            int above = chosen.get(m - l);
            int below = chosen.get(m - l - 1);
            Var w = sym.w(m, above, below);
            f.add(new Factor(w.name(), Factor.Kind.WEIGHT, w, null, sym.z(m, above), sym.a(m - 1, below), t(w),
                    "sum rule and constant multiple: z is linear in a"));
            f.add(activationFactor(m - 1, below));
        }
        if (id.isWeight()) {
            Var a = sym.a(l - 1, id.input());
            f.add(new Factor("in:" + a.name(), Factor.Kind.INPUT, a, null, sym.z(l, id.neuron()), sym.param(id), t(a),
                    "sum rule and constant multiple: z is linear in w"));
        } else {
            f.add(new Factor("one:bias", Factor.Kind.INPUT, Num.ONE, null, sym.z(l, id.neuron()), sym.param(id), "1",
                    "sum rule: ∂b/∂b = 1"));
        }
        return f;
    }

    /** ∂L/∂ŷₖ for the spec's loss, e.g. −y/ŷ + (1 − y)/(1 − ŷ) for BCE. */
    Expr lossDerivative(int k) {
        Var yhat = sym.output(k);
        Var y = sym.target(k);
        return switch (model.spec().loss()) {
            case SE -> Exprs.product(Num.of(2), Exprs.sub(yhat, y));
            case HALF_SE -> Exprs.sub(yhat, y);
            case BCE -> Exprs.sum(Exprs.neg(Exprs.div(y, yhat)), Exprs.div(Exprs.sub(Num.ONE, y), Exprs.sub(Num.ONE, yhat)));
            case CE -> Exprs.neg(Exprs.div(y, yhat));
        };
    }

    private Factor lossFactor(int k) {
        Var yhat = sym.output(k);
        Loss loss = model.spec().loss();
        Expr e = lossDerivative(k);
        String rule = switch (loss) {
            case SE -> "power rule: ∂(y − ŷ)²/∂ŷ = −2(y − ŷ)";
            case HALF_SE -> "power rule: ∂½(y − ŷ)²/∂ŷ = −(y − ŷ)";
            case BCE, CE -> "log rule: ∂log u/∂u = 1/u";
        };
        return new Factor("loss" + k, Factor.Kind.LOSS, e, null, LOSS, yhat, "∂L/∂" + t(yhat), rule);
    }

    private Factor activationFactor(int m, int i) {
        LayerSpec layer = model.spec().layer(m);
        Var a = sym.a(m, i);
        Var z = sym.z(m, i);
        Expr prime;
        String fn;
        String rule;
        switch (layer.activation()) {
            case SIGMOID -> {
                prime = Exprs.product(a, Exprs.sub(Num.ONE, a));
                fn = "σ";
                rule = "sigmoid rule: σ′(z) = σ(z)(1 − σ(z))";
            }
            case TANH -> {
                prime = Exprs.sub(Num.ONE, Exprs.pow(a, 2));
                fn = "tanh";
                rule = "tanh rule: tanh′(z) = 1 − tanh²(z)";
            }
            case RELU -> {
                prime = Exprs.call(Fn.STEP, z);
                fn = "ReLU";
                rule = "ReLU rule: ReLU′(z) = [z > 0]";
            }
            case LEAKY_RELU -> {
                prime = new Expr.Call(Fn.LEAKY_STEP, List.of(z, NetworkModel.exact(layer.alpha())));
                fn = "LReLU";
                rule = "leaky ReLU rule: 1 for z ≥ 0, else α";
            }
            default -> {
                prime = Num.ONE;
                fn = "identity";
                rule = "identity: ∂z/∂z = 1";
            }
        }
        Expr act = prime instanceof Num ? null : a;
        return new Factor("act:" + a.name(), Factor.Kind.ACTIVATION, prime, act, a, z, fn + "′(" + t(z) + ")", rule);
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
     * The explicit result for display: per path, the output δ (simplified: ŷ − y for BCE∘σ) times the rest.
     */
    public Expr explicit() {
        if (!hasPaths()) {
            return backprop.gradient(id);
        }
        int top = sym.layers();
        List<Expr> terms = new ArrayList<>();
        for (int p = 0; p < paths.size(); p++) {
            List<Factor> path = paths.get(p);
            int k = units.get(p).get(units.get(p).size() - 1);
            List<Expr> fs = new ArrayList<>();
            Expr outDelta = backprop.deltas().get(sym.delta(top, k).name());
            if (outDelta instanceof Expr.Product prod) {
                fs.addAll(prod.factors());
            } else {
                fs.add(outDelta);
            }
            int skip = model.spec().outputLayer().activation() == Activation.SOFTMAX ? 1 : 2;
            for (Factor f : path.subList(skip, path.size())) {
                if (!f.isOne()) {
                    fs.add(f.expr());
                }
            }
            terms.add(Exprs.product(fs));
        }
        return Exprs.sum(terms);
    }
}
