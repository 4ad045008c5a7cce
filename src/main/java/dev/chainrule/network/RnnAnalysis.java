package dev.chainrule.network;

import dev.chainrule.UserError;
import dev.chainrule.expr.Expr;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Regularization;
import dev.chainrule.network.spec.RnnNetSpec;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.FiniteDifference;
import dev.chainrule.numeric.KinkRecorder;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.numeric.Verdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts numbers into a recurrent network's derivation ({@link RnnModel}, one per sequence length T): the reduced
 * loss (plus the regularization penalty over w and u, never b), every parameter's gradient from its derived
 * expression, evaluated per sample and reduced, and the central finite-difference check of each; for the rnn
 * layer's parameters, backpropagation through time spelled out: every step's δ[1,t,i] = ∂L/∂z[1,t,i] and
 * ∂L/∂h[1,t,i], and the per-step terms of ∂L/∂u = Σ_t δ[1,t,i]·h[1,t−1,j], ∂L/∂w = Σ_t δ[1,t,i]·x[t,j],
 * ∂L/∂b = Σ_t δ[1,t,i]. Small networks only need to be right, not fast: the tree-walking {@link Evaluator}.
 */
public final class RnnAnalysis {
    /** One step's share of an rnn parameter's gradient for one sample: δ[1,t,i] · factor (h[1,t−1,j], x[t,j] or 1). */
    public record Term(int sample, int step, double delta, double factor) {
        public double product() {
            return delta * factor;
        }
    }

    /** The forward values of one unit at one step of one sample: z[1,t,i], h[1,t,i]. */
    public record State(int sample, int step, int unit, double z, double h) {
    }

    /**
     * One unit's error signal at one step of one sample: {@code upstream} = ∂L/∂h[1,t,i] (from the dense layer
     * above at t = T, else (Uᵀδ_{t+1})_i), {@code gPrime} = g′(z[1,t,i]), {@code delta} = ∂L/∂z[1,t,i].
     */
    public record Delta(int sample, int step, int unit, double upstream, double gPrime, double delta) {
    }

    /**
     * One parameter: its value, the reduced gradient (penalty included), the penalty's part of it, the check against
     * finite differences and, for a parameter of the rnn layer, the per-step terms per sample (empty otherwise).
     */
    public record Parameter(ParamId id, double value, double gradient, double penalty, Check check, List<Term> terms) {
        public Parameter {
            terms = List.copyOf(terms);
        }

        /** The data loss's part of the gradient, without the regularization term's λw + μ·sign(w). */
        public double dataGradient() {
            return gradient - penalty;
        }

        /** Sample n's sum over time: Σ_t of its per-step terms (∂Lₙ/∂p). */
        public double sampleSum(int n) {
            return terms.stream().filter(t -> t.sample() == n).mapToDouble(Term::product).sum();
        }
    }

    /**
     * One unit of a dense layer above the rnn layer (l ≥ 2) for one sample: z[l,i], its activation (ŷ on the output
     * layer) and δ[l,i] = ∂L/∂z[l,i] of that sample's loss.
     */
    public record Head(int sample, int layer, int unit, double z, double a, double delta) {
    }

    /**
     * The explanation: the loss, the forward states, every step's δ, the dense layers' values, each sample's own
     * loss, the loss's definition (in ŷ and y) and the output layer's δ as the rules derive it (e.g. ŷ − y for BCE
     * after σ), and the parameters asked for.
     */
    public record Explanation(RnnNetSpec spec, double loss, double penalty, List<State> states, List<Delta> deltas,
                              List<Head> head, List<Double> sampleLosses, Expr lossDefinition,
                              List<Expr> outputDeltas, List<Parameter> parameters) {
        public Explanation {
            states = List.copyOf(states);
            deltas = List.copyOf(deltas);
            head = List.copyOf(head);
            sampleLosses = List.copyOf(sampleLosses);
            outputDeltas = List.copyOf(outputDeltas);
            parameters = List.copyOf(parameters);
        }

        public boolean anyCheckFailed() {
            return parameters.stream().anyMatch(p -> p.check().verdict() == Verdict.FAIL);
        }
    }

    private final RnnNetSpec spec;
    private final Map<Integer, RnnModel> models = new TreeMap<>();
    private final Map<Integer, Evaluator> evaluators = new TreeMap<>();

    public RnnAnalysis(RnnNetSpec spec) {
        this.spec = spec;
        for (RnnNetSpec.Sequence s : spec.data()) {
            models.computeIfAbsent(s.steps(), t -> new RnnModel(spec, t));
        }
        models.forEach((t, m) -> evaluators.put(t, new Evaluator(m.definitions())));
    }

    public RnnNetSpec spec() {
        return spec;
    }

    /** The model unrolled over sample {@code n}'s length (1-based). */
    public RnnModel model(int n) {
        return models.get(spec.data().get(n - 1).steps());
    }

    private Evaluator evaluator(int n) {
        return evaluators.get(spec.data().get(n - 1).steps());
    }

    private Map<String, Double> values(int n) {
        return model(n).sampleValues(spec.data().get(n - 1));
    }

    /** The penalty (λ/2)·Σw² + μ·Σ|w| over w and u, with {@code moved} (may be null) at {@code value}. */
    private double penalty(ParamId moved, double value) {
        Regularization r = spec.regularization();
        if (r.isNone()) {
            return 0;
        }
        double p = 0;
        for (ParamId id : spec.parameters()) {
            if (RnnNetSpec.penalized(id)) {
                p += r.penalty(id.equals(moved) ? value : spec.parameter(id));
            }
        }
        return p;
    }

    /** The reduced loss plus the penalty, with parameter {@code moved} (may be null) set to {@code value}. */
    private double loss(ParamId moved, double value, KinkRecorder events) {
        double total = 0;
        for (int n = 1; n <= spec.data().size(); n++) {
            Map<String, Double> env = values(n);
            if (moved != null) {
                env = NetworkModel.layered(Map.of(RnnModel.param(moved).name(), value), env);
            }
            total += evaluator(n).eval(model(n).loss(), env, events);
        }
        return spec.reduction().apply(total, spec.data().size()) + penalty(moved, value);
    }

    /** The loss as the contract defines it: reduced over the samples, plus the regularization penalty. */
    public double loss() {
        return loss(null, 0, null);
    }

    /** The penalty's part of ∂L/∂id: λw + μ·sign(w) for w and u, 0 for a bias. */
    public double penaltyGradient(ParamId id) {
        return RnnNetSpec.penalized(id) ? spec.regularization().derivative(spec.parameter(id)) : 0;
    }

    /** The reduced gradient of {@code id}: its derived expression evaluated per sample, reduced, plus the penalty's. */
    public double gradient(ParamId id) {
        double total = 0;
        int n = spec.data().size();
        for (int s = 1; s <= n; s++) {
            Expr g = model(s).gradient(id);
            total += evaluator(s).eval(g, values(s));
        }
        return (spec.reduction() == Reduction.MEAN ? total / n : total) + penaltyGradient(id);
    }

    /** Sample n's ∂Lₙ/∂id of the data loss alone (no penalty, no reduction), as a per-sample claim is judged. */
    public double sampleGradient(ParamId id, int n) {
        return evaluator(n).eval(model(n).gradient(id), values(n));
    }

    /** ∂L/∂id against the central difference of the loss; a kink met makes the verdict KINK. */
    public Check check(ParamId id, double gradient) {
        FiniteDifference.Probe f = (v, rec) -> loss(id, v, rec);
        double at = spec.parameter(id);
        FiniteDifference.Result fd = FiniteDifference.central(f, at);
        return Verdicts.settled(Verdicts.check(gradient, fd), f, at);
    }

    /** z and h of every unit at every step of every sample. */
    public List<State> states() {
        List<State> out = new ArrayList<>();
        for (int n = 1; n <= spec.data().size(); n++) {
            Evaluator.Scope scope = evaluator(n).scope(values(n));
            for (int t = 1; t <= model(n).steps(); t++) {
                for (int i = 1; i <= spec.rnn().units(); i++) {
                    out.add(new State(n, t, i, scope.eval(RnnModel.z(t, i)), scope.eval(RnnModel.h(t, i))));
                }
            }
        }
        return out;
    }

    /** Every unit's δ at every step of every sample, from t = T down to 1, as the engine derives them. */
    public List<Delta> deltas() {
        List<Delta> out = new ArrayList<>();
        for (int n = 1; n <= spec.data().size(); n++) {
            RnnModel m = model(n);
            Evaluator.Scope scope = evaluator(n).scope(values(n));
            for (int t = m.steps(); t >= 1; t--) {
                for (int i = 1; i <= spec.rnn().units(); i++) {
                    out.add(new Delta(n, t, i, scope.eval(RnnModel.upstream(t, i)),
                            scope.eval(m.activationDerivative(t, i)), scope.eval(RnnModel.delta(t, i))));
                }
            }
        }
        return out;
    }

    /** ∂L/∂z[l,i] of dense layer l ≥ 2 for one sample of {@code m}, derived by the chain rule. */
    private static Expr headDelta(RnnModel m, int l, int i) {
        return m.chainRule().derive(m.loss(), new Expr.Var("z[" + l + "," + i + "]")).result();
    }

    /** Every dense unit's z, activation and δ, per sample, layer by layer from l = 2. */
    public List<Head> head() {
        List<Head> out = new ArrayList<>();
        for (int n = 1; n <= spec.data().size(); n++) {
            RnnModel m = model(n);
            Evaluator.Scope scope = evaluator(n).scope(values(n));
            for (int l = 2; l <= spec.layerCount(); l++) {
                int units = spec.dense(l).units();
                for (int i = 1; i <= units; i++) {
                    Expr.Var a = l == spec.layerCount() ? m.outputs().get(i - 1) : new Expr.Var("a[" + l + "," + i + "]");
                    out.add(new Head(n, l, i, scope.eval(new Expr.Var("z[" + l + "," + i + "]")), scope.eval(a),
                            scope.eval(headDelta(m, l, i))));
                }
            }
        }
        return out;
    }

    /** Each sample's own loss, before the reduction and without the penalty. */
    public List<Double> sampleLosses() {
        List<Double> out = new ArrayList<>();
        for (int n = 1; n <= spec.data().size(); n++) {
            out.add(evaluator(n).scope(values(n)).eval(model(n).loss()));
        }
        return out;
    }

    /** The per-step terms of an rnn-layer parameter's gradient, per sample (t = 1..T); empty for dense parameters. */
    public List<Term> terms(ParamId id) {
        List<Term> out = new ArrayList<>();
        if (id.layer() != 1) {
            return out;
        }
        int i = id.neuron();
        for (int n = 1; n <= spec.data().size(); n++) {
            RnnModel m = model(n);
            Evaluator.Scope scope = evaluator(n).scope(values(n));
            for (int t = 1; t <= m.steps(); t++) {
                double delta = scope.eval(RnnModel.delta(t, i));
                double factor = switch (id.kind()) {
                    case RECURRENT -> t == 1 ? 0 : scope.eval(RnnModel.h(t - 1, id.input()));
                    case WEIGHT -> scope.eval(RnnModel.x(t, id.input()));
                    default -> 1;
                };
                out.add(new Term(n, t, delta, factor));
            }
        }
        return out;
    }

    /** The parameters asked for (all when empty), each with its gradient, check and per-step terms. */
    public Explanation explain(List<ParamId> asked) {
        List<ParamId> ids = asked.isEmpty() ? spec.parameters() : asked;
        List<Parameter> out = new ArrayList<>();
        for (ParamId id : ids) {
            double value;
            try {
                value = spec.parameter(id);
            } catch (UserError e) {
                throw new UserError("--param " + id + ": " + e.getMessage());
            }
            double g = gradient(id);
            out.add(new Parameter(id, value, g, penaltyGradient(id), check(id, g), terms(id)));
        }
        RnnModel first = model(1);
        List<Expr> outputDeltas = new ArrayList<>();
        for (int i = 1; i <= spec.outputCount(); i++) {
            outputDeltas.add(headDelta(first, spec.layerCount(), i));
        }
        return new Explanation(spec, loss(), penalty(null, 0), states(), deltas(), head(), sampleLosses(),
                first.forward().asMap().get(first.loss().name()), outputDeltas, out);
    }
}
