package dev.chainrule.network;

import dev.chainrule.UserError;
import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.expr.Expr;
import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.FiniteDifference;
import dev.chainrule.numeric.KinkRecorder;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.numeric.Verdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts numbers into an image network's derivation ({@link ConvModel}): the reduced loss, every parameter's gradient
 * from its derived expression, evaluated per sample and reduced, and the central finite-difference check of each
 * (kinks reported, as for dense networks: a ReLU at 0, a tie in a max-pooling window). Small networks only need to
 * be right, not fast: everything goes through the tree-walking {@link Evaluator}.
 */
public final class ConvAnalysis {
    /** One output position's share of a kernel weight's gradient for one sample: δ[l,f,r,c] · input. */
    public record Share(int sample, ConvModel.SharedTerm term, double delta, double input) {
        public double product() {
            return delta * input;
        }
    }

    /**
     * One parameter: its value, the reduced gradient, the check against finite differences and, for a kernel
     * weight, the weight-sharing sum's terms per sample (empty otherwise).
     */
    public record Parameter(ParamId id, double value, double gradient, double penalty, Check check, List<Share> shares) {
        /** The data loss's part of the gradient, without the regularization term's λw + μ·sign(w). */
        public double dataGradient() {
            return gradient - penalty;
        }

        /** Sample n's weight-sharing sum: Σ over its filter's positions of δ · input (∂Lₙ/∂k). */
        public double sampleSum(int n) {
            return shares.stream().filter(s -> s.sample() == n).mapToDouble(Share::product).sum();
        }

        public Parameter {
            shares = List.copyOf(shares);
        }
    }

    /**
     * One layer's numbers for one sample, as images [channel][row][column] (a dense or flatten layer as [1][1][units]):
     * z (null for pooling and flatten), a, δ = ∂L/∂z (null where there is no z), ∂L/∂a, and for max pooling the
     * winner of each window as p·size + q (0-based inside the window), −1 for a tie (null for other layers).
     */
    public record LayerPass(int layer, double[][][] z, double[][][] a, double[][][] delta, double[][][] lossByA,
                            int[][][] winners) {
    }

    /** The forward and the backward pass of one sample: the input image, ∂L/∂x, the sample's loss, every layer. */
    public record Pass(int sample, double[][][] input, double[][][] lossByInput, double loss, List<LayerPass> layers) {
        public Pass {
            layers = List.copyOf(layers);
        }
    }

    /**
     * The explanation of an image network: its loss, the parameters asked for and the passes written out (the first
     * samples, while the network is small enough to print: empty otherwise, see {@link #MAX_PASS_VALUES}).
     */
    public record Explanation(ConvNetSpec spec, double loss, List<Parameter> parameters, List<Pass> passes,
                              List<Expr> outputDeltas, Map<Integer, LocalDerivative> activationDerivatives,
                              Expr lossDefinition) {
        public Explanation {
            parameters = List.copyOf(parameters);
            passes = List.copyOf(passes);
            outputDeltas = List.copyOf(outputDeltas);
            activationDerivatives = Map.copyOf(activationDerivatives);
        }

        public boolean anyCheckFailed() {
            return parameters.stream().anyMatch(p -> p.check().verdict() == Verdict.FAIL);
        }
    }

    /** Samples whose passes are written out. */
    public static final int MAX_PASSES = 2;
    /** Largest network (values per pass: pixels, z, a and their gradients) whose passes are written out. */
    public static final int MAX_PASS_VALUES = 4000;

    private final ConvModel model;
    private final Evaluator evaluator;
    /** Per sample (index n − 1), ∂L/∂v for every name v of the forward pass, pixel and parameter. */
    private final Map<Integer, Map<String, Double>> adjoints = new java.util.HashMap<>();

    public ConvAnalysis(ConvNetSpec spec) {
        this.model = new ConvModel(spec);
        this.evaluator = new Evaluator(model.forward());
    }

    public ConvModel model() {
        return model;
    }

    /** The reduced loss, with parameter {@code moved} (may be null) set to {@code value}. */
    private double loss(ParamId moved, double value, KinkRecorder events) {
        ConvNetSpec spec = model.spec();
        double total = 0;
        for (int n = 1; n <= spec.data().size(); n++) {
            Map<String, Double> env = model.sampleValues(n);
            if (moved != null) {
                env = NetworkModel.layered(Map.of(model.param(moved).name(), value), env);
            }
            total += evaluator.eval(model.loss(), env, events);
        }
        return spec.reduction().apply(total, spec.data().size()) + penalty(moved, value);
    }

    /** The penalty (λ/2)·Σw² + μ·Σ|w| over kernel and dense weights, with {@code moved} (may be null) at {@code value}. */
    private double penalty(ParamId moved, double value) {
        ConvNetSpec spec = model.spec();
        if (spec.regularization().isNone()) {
            return 0;
        }
        double p = 0;
        for (ParamId id : spec.parameters()) {
            if (ConvNetSpec.penalized(id)) {
                p += spec.regularization().penalty(id.equals(moved) ? value : spec.parameter(id));
            }
        }
        return p;
    }

    /** The penalty's part of ∂L/∂id: λw + μ·sign(w) for a weight, 0 for a bias or without regularization. */
    public double penaltyGradient(ParamId id) {
        return ConvNetSpec.penalized(id) ? model.spec().regularization().derivative(model.spec().parameter(id)) : 0;
    }

    /** The loss as the contract defines it: reduced over the samples, plus the regularization penalty. */
    public double loss() {
        return loss(null, 0, null);
    }

    /** The reduced gradient of {@code id}: its per-sample ∂L/∂id ({@link #adjoint}), reduced, plus the penalty's. */
    public double gradient(ParamId id) {
        double total = 0;
        int n = model.spec().data().size();
        for (int s = 1; s <= n; s++) {
            total += adjoint(s).getOrDefault(model.param(id).name(), 0.0);
        }
        return (model.spec().reduction() == Reduction.MEAN ? total / n : total) + penaltyGradient(id);
    }

    /**
     * Sample n's ∂L/∂v for every name v — forward quantities, pixels and parameters — by the chain rule run backwards
     * over the definitions: ∂L/∂L = 1, then, from the last definition u to the first, each name v that u's
     * definition reads gets ∂L/∂u · ∂u/∂v, where ∂u/∂v is the local derivative the rules derive
     * ({@link dev.chainrule.derive.ChainRule#local}) evaluated with this sample's values. That is the chain rule's sum
     * over every path, gathered at each name once, so its cost is one local derivative per edge (listing the paths of
     * a kernel weight through nested max-pooling grows with every window it meets).
     */
    public Map<String, Double> adjoint(int n) {
        return adjoints.computeIfAbsent(n, this::sweep);
    }

    private Map<String, Double> sweep(int n) {
        Evaluator.Scope scope = evaluator.scope(model.sampleValues(n));
        List<String> order = new ArrayList<>(model.forward().asMap().keySet());
        Map<String, Double> adj = new java.util.HashMap<>();
        adj.put(model.loss().name(), 1.0);
        for (int i = order.size() - 1; i >= 0; i--) {
            String u = order.get(i);
            double du = adj.getOrDefault(u, 0.0);
            if (du == 0) {
                continue;
            }
            for (String v : dev.chainrule.expr.Exprs.variables(model.forward().asMap().get(u))) {
                double local = scope.eval(model.chainRule().local(new Expr.Var(u), new Expr.Var(v)).derivation().result());
                adj.merge(v, du * local, Double::sum);
            }
        }
        return adj;
    }

    /** Sample n's ∂Lₙ/∂id (no reduction), as a per-sample claim is judged. */
    public double sampleGradient(ParamId id, int n) {
        model.spec().parameter(id);
        return adjoint(n).getOrDefault(model.param(id).name(), 0.0);
    }

    /** A conv bias's terms for sample n: δ at each output position of its filter (∂L/∂b[l,f] = Σ_{r,c} δ[l,f,r,c]). */
    public List<double[]> biasTerms(ParamId b, int n) {
        ConvNetSpec.Shape out = model.spec().shapes().get(b.layer());
        List<double[]> terms = new ArrayList<>();
        for (int r = 1; r <= out.h(); r++) {
            for (int c = 1; c <= out.w(); c++) {
                terms.add(new double[] {r, c, adjoint(n).getOrDefault(ConvModel.named("z", b.layer(), b.neuron(), r, c)
                        .name(), 0.0)});
            }
        }
        return terms;
    }

    /** ∂L/∂id against the central difference of the reduced loss; a kink met makes the verdict KINK. */
    public Check check(ParamId id, double gradient) {
        FiniteDifference.Probe f = (v, rec) -> loss(id, v, rec);
        double at = model.spec().parameter(id);
        FiniteDifference.Result fd = FiniteDifference.central(f, at);
        return Verdicts.settled(Verdicts.check(gradient, fd), f, at);
    }

    /** Every share of a kernel weight's gradient: per sample, per output position its filter makes. */
    public List<Share> shares(ParamId k) {
        List<Share> out = new ArrayList<>();
        List<ConvModel.SharedTerm> terms = model.sharedTerms(k);
        for (int s = 1; s <= model.spec().data().size(); s++) {
            Evaluator.Scope scope = evaluator.scope(model.sampleValues(s));
            Map<String, Double> adj = adjoint(s);
            for (ConvModel.SharedTerm t : terms) {
                out.add(new Share(s, t, adj.getOrDefault(t.z().name(), 0.0), scope.eval(t.input())));
            }
        }
        return out;
    }

    /** The parameters asked for (all when empty), each with its gradient and check. */
    public Explanation explain(List<ParamId> asked) {
        return explain(asked, java.util.Optional.empty());
    }

    /**
     * The same with {@code sample}: the passes written out are that sample's, and each kernel weight's sum lists that
     * sample's positions only (the gradients and checks stay those of the reduced loss over every sample).
     */
    public Explanation explain(List<ParamId> asked, java.util.Optional<Integer> sample) {
        int count = model.spec().data().size();
        if (sample.isPresent() && (sample.get() < 1 || sample.get() > count)) {
            throw new UserError("--sample " + sample.get() + ": the data has " + count + (count == 1 ? " sample" : " samples"));
        }
        List<ParamId> ids = asked.isEmpty() ? model.spec().parameters() : asked;
        List<Parameter> out = new ArrayList<>();
        for (ParamId id : ids) {
            double value;
            try {
                value = model.spec().parameter(id);
            } catch (UserError e) {
                throw new UserError("--param " + id + ": " + e.getMessage());
            }
            double g = gradient(id);
            List<Share> shares = id.isKernel() ? shares(id) : List.of();
            if (sample.isPresent()) {
                shares = shares.stream().filter(sh -> sh.sample() == sample.get()).toList();
            }
            out.add(new Parameter(id, value, g, penaltyGradient(id), check(id, g), shares));
        }
        List<Pass> passes = sample.isEmpty() ? passes() : passes().isEmpty() ? List.of() : List.of(pass(sample.get()));
        return new Explanation(model.spec(), loss(), out, passes, outputDeltas(), activationDerivatives(),
                model.forward().asMap().get(model.loss().name()));
    }

    /** δ = ∂L/∂z of each output unit, as the rules derive it (e.g. ŷ − y for BCE after σ). */
    private List<Expr> outputDeltas() {
        int last = model.spec().layers().size();
        List<Expr> out = new ArrayList<>();
        for (int i = 1; i <= model.spec().outputCount(); i++) {
            out.add(model.lossGradient(ConvModel.named("z", last, i)));
        }
        return out;
    }

    /**
     * Per conv and hidden dense layer, ∂a/∂z of its first unit as the rules derive it (every unit's is the same
     * function of its own z).
     */
    private Map<Integer, LocalDerivative> activationDerivatives() {
        Map<Integer, LocalDerivative> out = new java.util.HashMap<>();
        ConvNetSpec spec = model.spec();
        for (int l = 1; l < spec.layers().size(); l++) {
            ConvNetSpec.Layer layer = spec.layer(l);
            if (layer instanceof ConvNetSpec.Conv2d) {
                out.put(l, model.chainRule().local(ConvModel.named("a", l, 1, 1, 1), ConvModel.named("z", l, 1, 1, 1)));
            } else if (layer instanceof ConvNetSpec.Dense) {
                out.put(l, model.chainRule().local(ConvModel.named("a", l, 1), ConvModel.named("z", l, 1)));
            }
        }
        return out;
    }

    /** The passes of the first {@link #MAX_PASSES} samples, none when a pass has more than MAX_PASS_VALUES values. */
    public List<Pass> passes() {
        ConvNetSpec spec = model.spec();
        long values = 0;
        for (ConvNetSpec.Shape s : spec.shapes()) {
            values += 4L * (s.image() ? (long) s.c() * s.h() * s.w() : s.flat());
        }
        if (values > MAX_PASS_VALUES) {
            return List.of();
        }
        List<Pass> out = new ArrayList<>();
        for (int n = 1; n <= Math.min(MAX_PASSES, spec.data().size()); n++) {
            out.add(pass(n));
        }
        return out;
    }

    /** Sample n's forward values and its backward values ∂L/∂v ({@link #adjoint}). */
    public Pass pass(int n) {
        ConvNetSpec spec = model.spec();
        Evaluator.Scope scope = evaluator.scope(model.sampleValues(n));
        Map<String, Double> adj = adjoint(n);
        ConvNetSpec.Shape in = spec.shapes().get(0);
        double[][][] x = new double[in.c()][in.h()][in.w()];
        double[][][] dx = new double[in.c()][in.h()][in.w()];
        for (int ch = 0; ch < in.c(); ch++) {
            for (int r = 0; r < in.h(); r++) {
                for (int c = 0; c < in.w(); c++) {
                    Expr.Var px = ConvModel.pixel(ch + 1, r + 1, c + 1);
                    x[ch][r][c] = scope.eval(px);
                    dx[ch][r][c] = adj.getOrDefault(px.name(), 0.0);
                }
            }
        }
        List<LayerPass> layers = new ArrayList<>();
        double[][][] below = x;
        for (int l = 1; l <= spec.layers().size(); l++) {
            ConvNetSpec.Layer layer = spec.layer(l);
            ConvNetSpec.Shape out = spec.shapes().get(l);
            LayerPass lp;
            if (layer instanceof ConvNetSpec.Conv2d) {
                lp = new LayerPass(l, grid(out, scope, "z", l), grid(out, scope, "a", l), gradGrid(out, adj, "z", l),
                        gradGrid(out, adj, "a", l), null);
            } else if (layer instanceof ConvNetSpec.Pool pool) {
                lp = new LayerPass(l, null, grid(out, scope, "a", l), null, gradGrid(out, adj, "a", l),
                        pool.max() ? winners(pool, below, out) : null);
            } else if (layer instanceof ConvNetSpec.Flatten) {
                LayerPass prev = layers.get(layers.size() - 1);
                lp = new LayerPass(l, null, flat(prev.a()), null, flat(prev.lossByA()), null);
            } else {
                int units = out.flat();
                double[][][] z = new double[1][1][units];
                double[][][] a = new double[1][1][units];
                double[][][] dz = new double[1][1][units];
                double[][][] da = new double[1][1][units];
                for (int i = 1; i <= units; i++) {
                    Expr.Var zi = ConvModel.named("z", l, i);
                    Expr.Var ai = model.denseActivation(l, i);
                    z[0][0][i - 1] = scope.eval(zi);
                    a[0][0][i - 1] = scope.eval(ai);
                    dz[0][0][i - 1] = adj.getOrDefault(zi.name(), 0.0);
                    da[0][0][i - 1] = adj.getOrDefault(ai.name(), 0.0);
                }
                lp = new LayerPass(l, z, a, dz, da, null);
            }
            layers.add(lp);
            below = lp.a();
        }
        return new Pass(n, x, dx, scope.eval(model.loss()), layers);
    }

    private static double[][][] grid(ConvNetSpec.Shape s, Evaluator.Scope scope, String prefix, int l) {
        double[][][] g = new double[s.c()][s.h()][s.w()];
        for (int f = 0; f < s.c(); f++) {
            for (int r = 0; r < s.h(); r++) {
                for (int c = 0; c < s.w(); c++) {
                    g[f][r][c] = scope.eval(ConvModel.named(prefix, l, f + 1, r + 1, c + 1));
                }
            }
        }
        return g;
    }

    private static double[][][] gradGrid(ConvNetSpec.Shape s, Map<String, Double> adj, String prefix, int l) {
        double[][][] g = new double[s.c()][s.h()][s.w()];
        for (int f = 0; f < s.c(); f++) {
            for (int r = 0; r < s.h(); r++) {
                for (int c = 0; c < s.w(); c++) {
                    g[f][r][c] = adj.getOrDefault(ConvModel.named(prefix, l, f + 1, r + 1, c + 1).name(), 0.0);
                }
            }
        }
        return g;
    }

    /** The largest cell of each window, p·size + q inside it; −1 where two cells tie for the maximum. */
    private static int[][][] winners(ConvNetSpec.Pool pool, double[][][] in, ConvNetSpec.Shape out) {
        int[][][] w = new int[out.c()][out.h()][out.w()];
        for (int ch = 0; ch < out.c(); ch++) {
            for (int r = 0; r < out.h(); r++) {
                for (int c = 0; c < out.w(); c++) {
                    int best = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    boolean tie = false;
                    for (int p = 0; p < pool.size(); p++) {
                        for (int q = 0; q < pool.size(); q++) {
                            double v = in[ch][r * pool.stride() + p][c * pool.stride() + q];
                            if (v > max) {
                                max = v;
                                best = p * pool.size() + q;
                                tie = false;
                            } else if (v == max) {
                                tie = true;
                            }
                        }
                    }
                    w[ch][r][c] = tie ? -1 : best;
                }
            }
        }
        return w;
    }

    private static double[][][] flat(double[][][] image) {
        int n = 0;
        for (double[][] ch : image) {
            for (double[] row : ch) {
                n += row.length;
            }
        }
        double[] v = new double[n];
        int k = 0;
        for (double[][] ch : image) {
            for (double[] row : ch) {
                for (double d : row) {
                    v[k++] = d;
                }
            }
        }
        return new double[][][] {{v}};
    }
}
