package dev.chainrule.network;

import dev.chainrule.UserError;
import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.NetworkExplanation.DirectionalCheck;
import dev.chainrule.network.NetworkExplanation.LayerGradient;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.NetworkExplanation.Penalty;
import dev.chainrule.network.NetworkExplanation.SampleTerm;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.CompiledProgram;
import dev.chainrule.numeric.KinkLog;
import dev.chainrule.numeric.KinkRecorder;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.FiniteDifference;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.numeric.Verdicts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Puts numbers into a network's derivation: the forward pass per sample, every gradient by backprop
 * (each δ evaluated once per sample and shared), the reduction over samples, and the finite-difference
 * check of the reduced loss for each parameter (or, for large networks, a random-direction check).
 */
public final class NetworkAnalysis {
    /** Networks up to this many parameters get every parameter checked by default. */
    public static final int CHECK_ALL_LIMIT = 1_000;
    /** Parameters checked one by one on top of the directional check in fast mode. */
    public static final int FAST_SAMPLE = 20;
    /** The explicit chain-rule derivation is written out when a parameter has at most this many paths. */
    public static final int MAX_EXPLICIT_PATHS = 4;
    /** … and the network has at most this many parameters (beyond, the δ form alone is clearer). */
    public static final int MAX_EXPLICIT_PARAMETERS = 64;

    private final NetworkModel model;
    private final Backprop backprop;
    private final Evaluator evaluator;
    private Programs programs;

    public NetworkAnalysis(NetworkSpec spec) {
        this.model = new NetworkModel(spec);
        this.backprop = new Backprop(model);
        this.evaluator = new Evaluator(backprop.definitions());
    }

    /**
     * The derived definitions compiled once ({@link CompiledProgram}, which agrees with {@link Evaluator} bit for
     * bit): the per-sample loss alone (for finite differences, whose kink events are the loss's own), and the loss
     * with every parameter's δ-form gradient {@link Backprop#gradient} (each a product δ_i^(l)·a_j^(l−1) over the
     * slots of the forward pass and the δ's). Inputs: the parameters in canonical order, then x, then y.
     */
    private static final class Programs {
        final int paramCount;
        final int inputCount;
        final CompiledProgram.Frame loss;
        final CompiledProgram.Frame gradients;
        final double[] start;

        Programs(NetworkModel model, Backprop backprop) {
            NetworkSpec spec = model.spec();
            NetworkSymbols sym = model.symbols();
            List<ParamId> ids = spec.parameters();
            paramCount = ids.size();
            inputCount = spec.inputCount();
            List<String> inputs = new ArrayList<>(paramCount + inputCount + spec.outputCount());
            for (ParamId id : ids) {
                inputs.add(sym.param(id).name());
            }
            for (int j = 1; j <= inputCount; j++) {
                inputs.add(sym.input(j).name());
            }
            for (int k = 1; k <= spec.outputCount(); k++) {
                inputs.add(sym.target(k).name());
            }
            start = new double[inputs.size()];
            System.arraycopy(spec.parameterVector(), 0, start, 0, paramCount);
            List<Expr> outputs = new ArrayList<>(paramCount + 1);
            outputs.add(sym.loss());
            for (ParamId id : ids) {
                outputs.add(backprop.gradient(id));
            }
            loss = CompiledProgram.compile(backprop.definitions(), inputs, List.of(sym.loss().name())).newFrame(start);
            gradients = CompiledProgram.compileExpressions(backprop.definitions(), inputs, outputs).newFrame(start);
        }

        /** Puts sample {@code s}'s inputs and targets into a frame. */
        void sample(CompiledProgram.Frame f, Sample s) {
            for (int j = 0; j < inputCount; j++) {
                f.set(paramCount + j, s.xAt(j));
            }
            for (int k = 0; k < s.y().length; k++) {
                f.set(paramCount + inputCount + k, s.yAt(k));
            }
        }
    }

    /** The compiled programs, compiled on first use. */
    private Programs programs() {
        if (programs == null) {
            programs = new Programs(model, backprop);
        }
        return programs;
    }

    /** Compiles the loss and gradient programs now (else the first evaluation does): for timing the phases. */
    public void compile() {
        programs();
    }

    public NetworkModel model() {
        return model;
    }

    public Backprop backprop() {
        return backprop;
    }

    /** The reduced loss at the spec's parameters, with the regularization penalty when the spec has one. */
    public double loss() {
        return reducedLoss(programs().loss, null) + model.spec().penalty(model.spec().parameterVector());
    }

    /**
     * Every gradient of the reduced loss, canonical order, as backprop computes it: per sample each
     * δ_i^(l) and a_j^(l−1) is evaluated once, then ∂L/∂w_ij^(l) = δ_i^(l)·a_j^(l−1) and ∂L/∂b_i^(l) = δ_i^(l)
     * (the δ form of {@link Backprop#gradient}) are filled in, layer by layer, weights row by row, then biases.
     */
    public double[] gradient() {
        Programs p = programs();
        CompiledProgram.Frame f = p.gradients;
        double[] g = new double[p.paramCount];
        List<Sample> data = model.spec().data();
        for (Sample sample : data) {
            p.sample(f, sample);
            f.run();
            for (int k = 0; k < g.length; k++) {
                g[k] += f.output(k + 1);
            }
        }
        if (model.spec().reduction() == Reduction.MEAN) {
            int n = data.size();
            for (int k = 0; k < g.length; k++) {
                g[k] /= n;
            }
        }
        model.spec().addPenaltyGradient(model.spec().parameterVector(), g);
        return g;
    }

    /** The reduced loss at the frame's parameters; every sample's kink events go to {@code events} (may be null). */
    private double reducedLoss(CompiledProgram.Frame f, KinkRecorder events) {
        Programs p = programs();
        List<Sample> data = model.spec().data();
        double total = 0;
        for (Sample sample : data) {
            p.sample(f, sample);
            total += f.run(events).output(0);
        }
        return model.spec().reduction().apply(total, data.size());
    }

    /** The full explanation of the parameters asked for (all when empty). */
    public NetworkExplanation explain(List<ParamId> asked, Optional<Integer> sample, CheckMode mode, long seed) {
        return explain(asked, sample, mode, seed, false);
    }

    /** Largest network whose loss is written out in the weights alone. */
    public static final int MAX_EXPANDED_PARAMETERS = 64;

    /** … and with {@code expanded}, L written out in the weights alone (small networks). */
    public NetworkExplanation explain(List<ParamId> asked, Optional<Integer> sample, CheckMode mode, long seed,
                                      boolean expanded) {
        NetworkSpec spec = model.spec();
        int n = spec.data().size();
        sample.ifPresent(s -> {
            if (s < 1 || s > n) {
                throw new UserError("--sample " + s + ": the data has samples 1 to " + n);
            }
        });
        List<ParamId> ids = asked.isEmpty() ? spec.parameters() : asked;
        for (ParamId id : ids) {
            try {
                spec.indexOf(id);
            } catch (UserError e) {
                throw new UserError("--param " + id + ": the network has no such parameter (it has "
                        + spec.parameters().get(0) + " … " + spec.parameters().get(spec.parameterCount() - 1) + ")");
            }
        }
        List<Integer> shown = sample.map(List::of).orElseGet(() -> {
            List<Integer> all = new ArrayList<>();
            for (int s = 1; s <= Math.min(n, 8); s++) {
                all.add(s);
            }
            return all;
        });

        // one run of the compiled gradient program per sample: the loss, every parameter's δ-form gradient (summed
        // over the samples), and for the samples shown every value of the forward pass and the δ's
        Programs p = programs();
        CompiledProgram.Frame f = p.gradients;
        CompiledProgram program = f.program();
        double[] gradientSums = new double[p.paramCount];
        double loss = 0;
        Map<Integer, Evaluator.Scope> scopes = new HashMap<>();
        List<Map<String, Double>> forward = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            p.sample(f, spec.data().get(s - 1));
            f.run();
            loss += f.output(0);
            for (int k = 0; k < gradientSums.length; k++) {
                gradientSums[k] += f.output(k + 1);
            }
            if (shown.contains(s)) {
                double[] slots = f.snapshot();
                scopes.put(s, evaluator.scope(model.sampleValues(s),
                        name -> program.hasSlot(name) ? slots[program.slotOf(name)] : null));
                Map<String, Double> values = new LinkedHashMap<>();
                for (String name : backprop.definitions().asMap().keySet()) {
                    values.put(name, program.hasSlot(name) ? slots[program.slotOf(name)] : scopes.get(s).value(name));
                }
                forward.add(values);
            }
        }
        if (spec.reduction() == Reduction.MEAN) {
            loss /= n;
        }
        loss += spec.penalty(spec.parameterVector());
        boolean explicit = spec.parameterCount() <= MAX_EXPLICIT_PARAMETERS && !model.isSoftmaxOutput();
        CheckMode effective = mode;
        List<ParamId> checked = checkedParameters(ids, mode, seed);
        List<ParameterResult> results = new ArrayList<>();
        java.util.Set<ParamId> checkedSet = new java.util.HashSet<>(checked);
        Map<Integer, Map<String, Expr>> shownNumbers = new HashMap<>(); // per sample: see substitute
        for (ParamId id : ids) {
            results.add(parameter(id, explicit, gradientSums[spec.indexOf(id)], n, scopes, shownNumbers, shown,
                    checkedSet.contains(id)));
        }
        Optional<DirectionalCheck> fast = effective == CheckMode.FAST || effective == CheckMode.ALL && spec.parameterCount() > CHECK_ALL_LIMIT
                ? Optional.of(directional(seed, checked.size()))
                : Optional.empty();
        Optional<Expr> expandedLoss = Optional.empty();
        if (expanded) {
            if (spec.parameterCount() > MAX_EXPANDED_PARAMETERS) {
                throw new UserError("--expanded writes L out in the weights alone, which is readable up to "
                        + MAX_EXPANDED_PARAMETERS + " parameters; this network has " + spec.parameterCount());
            }
            expandedLoss = Optional.of(model.forward().expand(model.symbols().loss()));
        }
        return new NetworkExplanation(spec, model, backprop, forward, loss, results, layers(gradientSums, scopes, shown), shown,
                effective, fast, expandedLoss, !asked.isEmpty());
    }

    private List<ParamId> checkedParameters(List<ParamId> ids, CheckMode mode, long seed) {
        if (mode == CheckMode.NONE) {
            return List.of();
        }
        if (mode == CheckMode.ALL || ids.size() <= CHECK_ALL_LIMIT) {
            return ids;
        }
        List<ParamId> pool = new ArrayList<>(ids);
        SplittableRandom r = new SplittableRandom(seed);
        List<ParamId> out = new ArrayList<>();
        while (out.size() < FAST_SAMPLE && !pool.isEmpty()) {
            out.add(pool.remove(r.nextInt(pool.size())));
        }
        return out;
    }

    private ParameterResult parameter(ParamId id, boolean chain, double gradientSum, int samples,
                                      Map<Integer, Evaluator.Scope> scopes,
                                      Map<Integer, Map<String, Expr>> shownNumbers, List<Integer> shown,
                                      boolean check) {
        NetworkSpec spec = model.spec();
        Expr deltaForm = backprop.gradient(id);
        Optional<ChainDerivation> cd = Optional.empty();
        Expr explicit = deltaForm;
        if (chain && model.pathCount(id) <= MAX_EXPLICIT_PATHS) {
            ChainDerivation d = backprop.chainDerivation(id, " (derived above)");
            cd = Optional.of(d);
            explicit = d.result();
        }
        List<SampleTerm> terms = new ArrayList<>();
        for (int s : shown) {
            Evaluator.Scope scope = scopes.get(s);
            Map<String, Expr> numbers = shownNumbers.computeIfAbsent(s, k -> new HashMap<>());
            terms.add(new SampleTerm(s, substitute(explicit, scope, numbers), scope.eval(explicit)));
        }
        double gradient = spec.reduction().apply(gradientSum, samples);
        Optional<Penalty> penalty = penalty(id, gradient);
        if (penalty.isPresent()) {
            gradient += penalty.get().value();
        }
        Optional<Check> c = Optional.empty();
        Optional<Integer> kinkSample = Optional.empty();
        if (check) {
            FdOutcome fd = finiteDifference(id);
            c = Optional.of(settled(id, Verdicts.check(gradient, fd.result())));
            kinkSample = fd.kinkSample();
        }
        return new ParameterResult(id, spec.parameter(id), deltaForm, cd, explicit, terms, gradient, c, kinkSample,
                penalty);
    }

    /**
     * The regularization term of a weight, (λ/2)·w² + μ·|w| with the spec's numbers, differentiated on its own:
     * λ·w + μ·sign(w) and its value; empty for biases and without regularization.
     */
    private Optional<Penalty> penalty(ParamId id, double dataGradient) {
        NetworkSpec spec = model.spec();
        dev.chainrule.network.spec.Regularization r = spec.regularization();
        if (r.isNone() || !id.isWeight()) {
            return Optional.empty();
        }
        Var w = model.symbols().param(id);
        List<Expr> terms = new ArrayList<>();
        List<Expr> slopes = new ArrayList<>();
        if (r.l2() != 0) {
            Num lambda = NetworkModel.exact(r.l2());
            terms.add(Exprs.product(new Num(lambda.value().divide(2)), Exprs.pow(w, 2)));
            slopes.add(Exprs.product(lambda, w));
        }
        if (r.l1() != 0) {
            Num mu = NetworkModel.exact(r.l1());
            terms.add(Exprs.product(mu, new Call(Fn.ABS, w)));
            slopes.add(Exprs.product(mu, new Call(Fn.SIGN, w)));
        }
        double value = r.derivative(spec.parameter(id));
        return Optional.of(new Penalty(Exprs.sum(terms), Exprs.sum(slopes), value, dataGradient));
    }

    private record FdOutcome(FiniteDifference.Result result, Optional<Integer> kinkSample) {
    }

    /** Central difference of the reduced loss in one parameter; a kink is traced to its sample. */
    private FdOutcome finiteDifference(ParamId id) {
        Programs p = programs();
        CompiledProgram.Frame f = p.loss;
        int input = model.spec().indexOf(id);
        double[] params = model.spec().parameterVector();
        FiniteDifference.Probe probe = (x, rec) -> {
            f.set(input, x);
            params[input] = x;
            return reducedLoss(f, rec) + model.spec().penalty(params);
        };
        FiniteDifference.Result r;
        try {
            r = FiniteDifference.central(probe, model.spec().parameter(id));
        } finally {
            f.set(input, p.start[input]);
        }
        Optional<Integer> sample = r.kink().map(k -> sampleOfEvent(k.index()));
        return new FdOutcome(r, sample);
    }

    /** A failed check looked at with smaller steps ({@link Verdicts#settled}); any other is returned as it is. */
    private Check settled(ParamId id, Check c) {
        if (c.verdict() != dev.chainrule.numeric.Verdict.FAIL) {
            return c;
        }
        Programs p = programs();
        CompiledProgram.Frame f = p.loss;
        int input = model.spec().indexOf(id);
        try {
            return Verdicts.settled(c, (x, rec) -> {
                f.set(input, x);
                return reducedLoss(f, rec);
            }, model.spec().parameter(id));
        } finally {
            f.set(input, p.start[input]);
        }
    }

    /** Which sample the i-th kink event of a whole-data evaluation belongs to. */
    private int sampleOfEvent(int index) {
        Programs p = programs();
        CompiledProgram.Frame f = p.loss;
        int seen = 0;
        List<Sample> data = model.spec().data();
        for (int s = 1; s <= data.size(); s++) {
            KinkLog ev = new KinkLog();
            p.sample(f, data.get(s - 1));
            f.run(ev);
            seen += ev.size();
            if (index < seen) {
                return s;
            }
        }
        return data.size();
    }

    private DirectionalCheck directional(long seed, int sampled) {
        NetworkSpec spec = model.spec();
        List<ParamId> ids = spec.parameters();
        double[] g = gradient();
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[ids.size()];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        double analytic = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
            analytic += g[i] * v[i];
        }
        Programs p = programs();
        CompiledProgram.Frame f = p.loss;
        FiniteDifference.Result fd;
        try {
            double[] moved = new double[v.length];
            fd = FiniteDifference.central((t, rec) -> {
                for (int i = 0; i < v.length; i++) {
                    moved[i] = p.start[i] + t * v[i];
                    f.set(i, moved[i]);
                }
                return reducedLoss(f, null) + spec.penalty(moved);
            }, 0.0);
        } finally {
            for (int i = 0; i < v.length; i++) {
                f.set(i, p.start[i]);
            }
        }
        Check c = Verdicts.check(analytic, fd);
        return new DirectionalCheck(seed, analytic, fd.derivative(), c.relativeError(), c.verdict(), sampled);
    }

    private List<LayerGradient> layers(double[] gradientSums, Map<Integer, Evaluator.Scope> scopes,
                                       List<Integer> shown) {
        NetworkSpec spec = model.spec();
        NetworkSymbols sym = model.symbols();
        double[] g = gradientSums.clone();
        if (spec.reduction() == Reduction.MEAN) {
            int n = spec.data().size();
            for (int k = 0; k < g.length; k++) {
                g[k] /= n;
            }
        }
        spec.addPenaltyGradient(spec.parameterVector(), g);
        List<LayerGradient> out = new ArrayList<>();
        for (int l = 1; l <= spec.layerCount(); l++) {
            int units = sym.width(l);
            int fan = sym.width(l - 1);
            List<double[]> deltas = new ArrayList<>();
            List<double[]> inputs = new ArrayList<>();
            List<double[][]> weights = new ArrayList<>();
            for (int s : shown) {
                Evaluator.Scope scope = scopes.get(s);
                double[] d = new double[units];
                for (int i = 1; i <= units; i++) {
                    d[i - 1] = scope.value(sym.delta(l, i).name());
                }
                double[] a = new double[fan];
                for (int j = 1; j <= fan; j++) {
                    a[j - 1] = scope.value(sym.a(l - 1, j).name());
                }
                double[][] w = new double[units][fan];
                for (int i = 0; i < units; i++) {
                    for (int j = 0; j < fan; j++) {
                        w[i][j] = d[i] * a[j];
                    }
                }
                deltas.add(d);
                inputs.add(a);
                weights.add(w);
            }
            double[][] gw = new double[units][fan];
            double[] gb = new double[units];
            for (int i = 1; i <= units; i++) {
                for (int j = 1; j <= fan; j++) {
                    gw[i - 1][j - 1] = g[spec.indexOf(ParamId.weight(l, i, j))];
                }
                gb[i - 1] = g[spec.indexOf(ParamId.bias(l, i))];
            }
            out.add(new LayerGradient(l, deltas, inputs, weights, gw, gb));
        }
        return out;
    }

    /**
     * The result with this sample's numbers in place of every named quantity (and of [z > 0] brackets),
     * rounded to 5 significant digits for display; the value is computed from the unrounded numbers. A name's
     * number is made once per sample and kept in {@code numbers} (δ₁⁽¹⁾ appears in every weight of its row).
     */
    private Expr substitute(Expr e, Evaluator.Scope scope, Map<String, Expr> numbers) {
        return Exprs.mapBottomUp(e, n -> {
            if (n instanceof Var v) {
                return numbers.computeIfAbsent(v.name(), name -> {
                    double x = scope.value(name);
                    return Double.isFinite(x) ? shown(x) : v;
                });
            }
            if (n instanceof Call c && (c.fn() == Fn.STEP || c.fn() == Fn.LEAKY_STEP)) {
                return shown(scope.eval(c));
            }
            return n;
        });
    }

    static Expr shown(double v) {
        BigDecimal d = dev.chainrule.expr.Significant.round(v, 5);
        return NetworkModel.exact(d.doubleValue());
    }

    /** For tests: the definitions an evaluator needs (forward and δ). */
    public Definitions definitions() {
        return backprop.definitions();
    }
}
