package dev.chainrule.network;

import dev.chainrule.UserError;
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
    public record Parameter(ParamId id, double value, double gradient, Check check, List<Share> shares) {
        public Parameter {
            shares = List.copyOf(shares);
        }
    }

    /** The explanation of an image network: its loss and the parameters asked for. */
    public record Explanation(ConvNetSpec spec, double loss, List<Parameter> parameters) {
        public Explanation {
            parameters = List.copyOf(parameters);
        }

        public boolean anyCheckFailed() {
            return parameters.stream().anyMatch(p -> p.check().verdict() == Verdict.FAIL);
        }
    }

    private final ConvModel model;
    private final Evaluator evaluator;

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
        return spec.reduction().apply(total, spec.data().size());
    }

    public double loss() {
        return loss(null, 0, null);
    }

    /** The reduced gradient of {@code id}: its derived expression evaluated per sample, then reduced. */
    public double gradient(ParamId id) {
        Expr g = model.gradient(id);
        double total = 0;
        int n = model.spec().data().size();
        for (int s = 1; s <= n; s++) {
            total += evaluator.eval(g, model.sampleValues(s));
        }
        return model.spec().reduction() == Reduction.MEAN ? total / n : total;
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
        List<Expr> deltas = terms.stream().map(t -> model.delta(t.z())).toList();
        for (int s = 1; s <= model.spec().data().size(); s++) {
            Evaluator.Scope scope = evaluator.scope(model.sampleValues(s));
            for (int i = 0; i < terms.size(); i++) {
                out.add(new Share(s, terms.get(i), scope.eval(deltas.get(i)), scope.eval(terms.get(i).input())));
            }
        }
        return out;
    }

    /** The parameters asked for (all when empty), each with its gradient and check. */
    public Explanation explain(List<ParamId> asked) {
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
            out.add(new Parameter(id, value, g, check(id, g), id.isKernel() ? shares(id) : List.of()));
        }
        return new Explanation(model.spec(), loss(), out);
    }
}
