package dev.chainrule.network;

import dev.chainrule.UserError;
import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.NetworkExplanation.DirectionalCheck;
import dev.chainrule.network.NetworkExplanation.LayerGradient;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.NetworkExplanation.SampleTerm;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.FiniteDifference;
import dev.chainrule.numeric.KinkEvent;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.numeric.Verdicts;
import java.math.BigDecimal;
import java.math.MathContext;
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

    public NetworkAnalysis(NetworkSpec spec) {
        this.model = new NetworkModel(spec);
        this.backprop = new Backprop(model);
        this.evaluator = new Evaluator(backprop.definitions());
    }

    public NetworkModel model() {
        return model;
    }

    public Backprop backprop() {
        return backprop;
    }

    /** The reduced loss at the spec's parameters. */
    public double loss() {
        return reducedLoss(model.parameterValues(), null);
    }

    /**
     * Every gradient of the reduced loss, canonical order, as backprop computes it: per sample each
     * δ_i^(l) and a_j^(l−1) is evaluated once, then ∂L/∂w_ij^(l) = δ_i^(l)·a_j^(l−1) and ∂L/∂b_i^(l) = δ_i^(l)
     * (the δ form of {@link Backprop#gradient}) are filled in, layer by layer, weights row by row, then biases.
     */
    public double[] gradient() {
        NetworkSpec spec = model.spec();
        NetworkSymbols sym = model.symbols();
        int layers = spec.layerCount();
        String[][] deltaNames = new String[layers + 1][];
        String[][] inputNames = new String[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            deltaNames[l] = new String[sym.width(l)];
            for (int i = 1; i <= sym.width(l); i++) {
                deltaNames[l][i - 1] = sym.delta(l, i).name();
            }
            inputNames[l] = new String[sym.width(l - 1)];
            for (int j = 1; j <= sym.width(l - 1); j++) {
                inputNames[l][j - 1] = sym.a(l - 1, j).name();
            }
        }
        double[] g = new double[spec.parameterCount()];
        int n = spec.data().size();
        for (int s = 1; s <= n; s++) {
            Evaluator.Scope scope = evaluator.scope(model.sampleValues(s));
            int k = 0;
            for (int l = 1; l <= layers; l++) {
                double[] d = new double[deltaNames[l].length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = scope.value(deltaNames[l][i]);
                }
                double[] a = new double[inputNames[l].length];
                for (int j = 0; j < a.length; j++) {
                    a[j] = scope.value(inputNames[l][j]);
                }
                for (double di : d) {
                    for (double aj : a) {
                        g[k++] += di * aj;
                    }
                }
                for (double di : d) {
                    g[k++] += di;
                }
            }
        }
        if (spec.reduction() == Reduction.MEAN) {
            for (int p = 0; p < g.length; p++) {
                g[p] /= n;
            }
        }
        return g;
    }

    private double reducedLoss(Map<String, Double> params, List<KinkEvent> events) {
        NetworkSpec spec = model.spec();
        int n = spec.data().size();
        double total = 0;
        for (int s = 1; s <= n; s++) {
            Map<String, Double> env = NetworkModel.layered(sampleOnly(s), params);
            total += evaluator.eval(model.symbols().loss(), env, events == null ? null : events::add);
        }
        return spec.reduction() == Reduction.MEAN ? total / n : total;
    }

    private Map<String, Double> sampleOnly(int s) {
        Map<String, Double> own = new HashMap<>();
        NetworkSpec spec = model.spec();
        for (int j = 1; j <= spec.inputCount(); j++) {
            own.put(model.symbols().input(j).name(), spec.data().get(s - 1).xAt(j - 1));
        }
        for (int k = 1; k <= spec.outputCount(); k++) {
            own.put(model.symbols().target(k).name(), spec.data().get(s - 1).yAt(k - 1));
        }
        return own;
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

        List<Evaluator.Scope> scopes = new ArrayList<>();
        List<Map<String, Double>> forward = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            Evaluator.Scope scope = evaluator.scope(model.sampleValues(s));
            scopes.add(scope);
            if (shown.contains(s)) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (String name : backprop.definitions().asMap().keySet()) {
                    values.put(name, scope.value(name));
                }
                forward.add(values);
            }
        }
        double loss = 0;
        for (Evaluator.Scope scope : scopes) {
            loss += scope.value(model.symbols().loss().name());
        }
        if (spec.reduction() == Reduction.MEAN) {
            loss /= n;
        }
        boolean explicit = spec.parameterCount() <= MAX_EXPLICIT_PARAMETERS && !model.isSoftmaxOutput();
        CheckMode effective = mode;
        List<ParamId> checked = checkedParameters(ids, mode, seed);
        List<ParameterResult> results = new ArrayList<>();
        for (ParamId id : ids) {
            results.add(parameter(id, explicit, scopes, shown, checked.contains(id)));
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
        return new NetworkExplanation(spec, model, backprop, forward, loss, results, layers(scopes, shown), shown,
                effective, fast, expandedLoss);
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

    private ParameterResult parameter(ParamId id, boolean chain, List<Evaluator.Scope> scopes, List<Integer> shown,
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
        double sum = 0;
        List<SampleTerm> terms = new ArrayList<>();
        for (int s = 1; s <= scopes.size(); s++) {
            Evaluator.Scope scope = scopes.get(s - 1);
            double v = scope.eval(deltaForm);
            sum += v;
            if (shown.contains(s)) {
                terms.add(new SampleTerm(s, substitute(explicit, scope), scope.eval(explicit)));
            }
        }
        double gradient = spec.reduction() == Reduction.MEAN ? sum / scopes.size() : sum;
        Optional<Check> c = Optional.empty();
        Optional<Integer> kinkSample = Optional.empty();
        if (check) {
            FdOutcome fd = finiteDifference(id);
            c = Optional.of(Verdicts.check(gradient, fd.result()));
            kinkSample = fd.kinkSample();
        }
        return new ParameterResult(id, spec.parameter(id), deltaForm, cd, explicit, terms, gradient, c, kinkSample);
    }

    private record FdOutcome(FiniteDifference.Result result, Optional<Integer> kinkSample) {
    }

    /** Central difference of the reduced loss in one parameter; a kink is traced to its sample. */
    private FdOutcome finiteDifference(ParamId id) {
        Map<String, Double> override = new HashMap<>();
        Map<String, Double> params = NetworkModel.layered(override, model.parameterValues());
        String name = id.toString();
        FiniteDifference.Probe probe = (x, rec) -> {
            override.put(name, x);
            List<KinkEvent> events = rec == null ? null : new ArrayList<>();
            double v = reducedLoss(params, events);
            if (rec != null) {
                events.forEach(rec::record);
            }
            return v;
        };
        FiniteDifference.Result r = FiniteDifference.central(probe, model.spec().parameter(id));
        override.clear();
        Optional<Integer> sample = r.kink().map(k -> sampleOfEvent(k.index()));
        return new FdOutcome(r, sample);
    }

    /** Which sample the i-th kink event of a whole-data evaluation belongs to. */
    private int sampleOfEvent(int index) {
        int seen = 0;
        for (int s = 1; s <= model.spec().data().size(); s++) {
            List<KinkEvent> ev = new ArrayList<>();
            evaluator.eval(model.symbols().loss(), NetworkModel.layered(sampleOnly(s), model.parameterValues()), ev::add);
            seen += ev.size();
            if (index < seen) {
                return s;
            }
        }
        return model.spec().data().size();
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
        Map<String, Double> moved = new HashMap<>();
        Map<String, Double> params = NetworkModel.layered(moved, model.parameterValues());
        FiniteDifference.Result fd = FiniteDifference.central((t, rec) -> {
            for (int i = 0; i < v.length; i++) {
                String n = ids.get(i).toString();
                moved.put(n, model.parameterValues().get(n) + t * v[i]);
            }
            return reducedLoss(params, null);
        }, 0.0);
        Check c = Verdicts.check(analytic, fd);
        return new DirectionalCheck(seed, analytic, fd.derivative(), c.relativeError(), c.verdict(), sampled);
    }

    private List<LayerGradient> layers(List<Evaluator.Scope> scopes, List<Integer> shown) {
        NetworkSpec spec = model.spec();
        NetworkSymbols sym = model.symbols();
        double[] g = spec.parameterCount() <= 200_000 ? gradient() : new double[spec.parameterCount()];
        List<LayerGradient> out = new ArrayList<>();
        for (int l = 1; l <= spec.layerCount(); l++) {
            int units = sym.width(l);
            int fan = sym.width(l - 1);
            List<double[]> deltas = new ArrayList<>();
            List<double[]> inputs = new ArrayList<>();
            for (int s : shown) {
                Evaluator.Scope scope = scopes.get(s - 1);
                double[] d = new double[units];
                for (int i = 1; i <= units; i++) {
                    d[i - 1] = scope.value(sym.delta(l, i).name());
                }
                double[] a = new double[fan];
                for (int j = 1; j <= fan; j++) {
                    a[j - 1] = scope.value(sym.a(l - 1, j).name());
                }
                deltas.add(d);
                inputs.add(a);
            }
            double[][] gw = new double[units][fan];
            double[] gb = new double[units];
            for (int i = 1; i <= units; i++) {
                for (int j = 1; j <= fan; j++) {
                    gw[i - 1][j - 1] = g[spec.indexOf(ParamId.weight(l, i, j))];
                }
                gb[i - 1] = g[spec.indexOf(ParamId.bias(l, i))];
            }
            out.add(new LayerGradient(l, deltas, inputs, gw, gb));
        }
        return out;
    }

    /**
     * The result with this sample's numbers in place of every named quantity (and of [z > 0] brackets),
     * rounded to 5 significant digits for display; the value is computed from the unrounded numbers.
     */
    private Expr substitute(Expr e, Evaluator.Scope scope) {
        return Exprs.mapBottomUp(e, n -> {
            if (n instanceof Var v) {
                double x = scope.value(v.name());
                return Double.isFinite(x) ? shown(x) : v;
            }
            if (n instanceof Call c && (c.fn() == Fn.STEP || c.fn() == Fn.LEAKY_STEP)) {
                return shown(scope.eval(c));
            }
            return n;
        });
    }

    static Expr shown(double v) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros();
        return NetworkModel.exact(d.doubleValue());
    }

    /** For tests: the definitions an evaluator needs (forward and δ). */
    public Definitions definitions() {
        return backprop.definitions();
    }
}
