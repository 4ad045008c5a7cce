package dev.chainrule.homework;

import dev.chainrule.UserError;
import dev.chainrule.expr.Fmt;
import dev.chainrule.network.ConvAnalysis;
import dev.chainrule.network.RnnAnalysis;
import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Number claims on a network whose weights are shared — a conv2d kernel weight is used at every output position of
 * its filter, an rnn weight at every time step — so ∂L/∂w is a sum over its uses (contract §4's number rule: the
 * true value rounded to the claim's own significant digits, or a relative error ≤ 1e-6). A wrong number is named by
 * the slip that gives it, tried in this order, each only where it gives a number other than the truth: the
 * regularization term left out (missing_path) or doubled (2λw, extra_factor); the sign; one use alone — a single
 * position or time step, the sum over the others forgotten (missing_path); the kernel flipped (the weight at
 * (kh − p + 1, kw − q + 1): a conv2d layer is a cross-correlation, the 180° turn belongs to ∂L/∂x only) or U
 * transposed (u[l,j,i] for u[l,i,j]) (wrong_index); a factor 2, ½, N or 1/N (constant_factor); another parameter's
 * gradient (wrong_parameter); another sample's (wrong_index). Formula claims are refused: the network's quantities
 * (δ at every position, h at every step) have no claim syntax yet.
 */
public final class SharedWeightJudge {
    /** One use of a shared weight: where (a position "(2, 1)" or a step "t = 3") and its term of the sum. */
    public record Use(String where, double value) {
    }

    /** What the judge needs of a network with shared weights. */
    public interface Net {
        List<ParamId> parameters();

        int samples();

        Reduction reduction();

        /** Checks the id belongs to the network; a one-line {@link UserError} otherwise. */
        void require(ParamId id);

        /** ∂L/∂id of the reduced loss, the penalty's part included. */
        double gradient(ParamId id);

        /** Sample n's ∂Lₙ/∂id of the data loss alone. */
        double sampleGradient(ParamId id, int n);

        /** The regularization term's part of {@link #gradient} (λw + μ·sign(w)), 0 without one or for a bias. */
        double penalty(ParamId id);

        /** The uses of id in sample n (n = 0: each use summed over the samples and reduced); empty if not shared. */
        List<Use> uses(ParamId id, int n);

        /** The parameter a flip or transpose puts in id's place, with the words that name the slip. */
        Optional<Partner> partner(ParamId id);

        /** What the uses are: "output positions (r, c) of its filter", "time steps". */
        String sharing(ParamId id);
    }

    /** The parameter of a flip or transpose slip and how to say it. */
    public record Partner(ParamId id, String slip, String rule) {
    }

    private final Net net;
    private final Optional<Integer> sample;
    private final NetworkJudge.Of of;

    public SharedWeightJudge(Net net, Optional<Integer> sample, NetworkJudge.Of of) {
        this.net = net;
        if (of == NetworkJudge.Of.BATCH && sample.isPresent()) {
            throw new UserError("--sample and --of batch cannot be combined: the batch gradient uses every sample");
        }
        if (of == NetworkJudge.Of.SAMPLE && sample.isEmpty() && net.samples() > 1) {
            throw new UserError("a number claim on this network needs --sample N (sample N's gradient) or --of batch "
                    + "(the gradient of the reduced loss over its " + net.samples() + " samples)");
        }
        if (sample.isPresent() && (sample.get() < 1 || sample.get() > net.samples())) {
            throw new UserError("--sample " + sample.get() + ": the data has " + net.samples()
                    + (net.samples() == 1 ? " sample" : " samples"));
        }
        this.sample = of == NetworkJudge.Of.SAMPLE ? Optional.of(sample.orElse(1)) : Optional.empty();
        this.of = of;
    }

    public List<ClaimResult> judge(List<String> claims) {
        List<ClaimResult> out = new ArrayList<>();
        for (String text : claims) {
            out.add(judge(ClaimParser.parse(text, null)));
        }
        return out;
    }

    private String where() {
        return sample.map(n -> "sample " + n + " at the spec's values")
                .orElse("the spec's values (the batch gradient of the " + net.reduction().yamlName() + " over the "
                        + net.samples() + " samples)");
    }

    private double truth(ParamId id) {
        return sample.map(n -> net.sampleGradient(id, n)).orElseGet(() -> net.gradient(id));
    }

    ClaimResult judge(ClaimParser.Claim claim) {
        ParamId id = claim.id();
        net.require(id);
        if (!claim.isNumber()) {
            throw new UserError("--claim " + id + " = " + claim.text() + ": on a conv2d or rnn network claim the number "
                    + "(e.g. --claim '" + id + " = 0.0122'); formulas in its δ and h are not read yet");
        }
        double cv;
        try {
            cv = new dev.chainrule.numeric.Evaluator(dev.chainrule.expr.Definitions.none()).eval(claim.expr(),
                    java.util.Map.of());
        } catch (UserError | ArithmeticException e) {
            cv = Double.NaN;
        }
        double tv = truth(id);
        String where = where();
        String expected = Fmt.num(tv, 8).replace('−', '-'); // input syntax: it parses back
        NumberPolicy policy = claim.policy();
        if (!Double.isFinite(cv)) {
            return result(claim, ClaimVerdict.INCORRECT, new Diagnosis(Diagnosis.Kind.OTHER, "your number is not a finite"
                    + " number", Double.NaN, null), "compared as a number at " + where, cv, tv, expected);
        }
        NumberPolicy.Match m = policy.match(cv, tv);
        String sum = sumNote(id);
        if (m.matched()) {
            return result(claim, ClaimVerdict.CORRECT, null, "compared as a number at " + where + ": "
                    + policy.describe(m) + (m == NumberPolicy.Match.ROUNDED ? " is " + policy.rounded(tv)
                    + " (the gradient is " + Fmt.num(tv, 8) + ")" : "") + sum, cv, tv, expected);
        }
        return result(claim, ClaimVerdict.INCORRECT, diagnose(id, cv, tv, policy), "compared as a number at " + where
                + sum, cv, tv, expected);
    }

    /**
     * "; it is the sum over its 9 output positions …, 6 of them 0: −0.17022 (position (1, 3)) + …" — the sum the truth
     * is, in words: the terms that are not 0, at most 6 of them.
     */
    private String sumNote(ParamId id) {
        List<Use> uses = net.uses(id, sample.orElse(0));
        if (uses.size() < 2) {
            return "";
        }
        List<Use> nonzero = uses.stream().filter(u -> u.value() != 0).toList();
        int zeros = uses.size() - nonzero.size();
        StringBuilder sb = new StringBuilder("; it is the sum over its ").append(uses.size()).append(' ')
                .append(net.sharing(id)).append(zeros == 0 ? "" : ", " + (nonzero.isEmpty() ? "all" : zeros + " of them")
                        + " 0").append(nonzero.isEmpty() ? "" : ": ");
        int shown = 0;
        for (Use u : nonzero) {
            if (shown == 6) {
                sb.append(" + …");
                break;
            }
            String v = Fmt.num(u.value(), 5);
            sb.append(shown == 0 ? v : " + " + (v.startsWith("−") ? "(" + v + ")" : v)).append(" (").append(u.where())
                    .append(')');
            shown++;
        }
        return sb.toString();
    }

    private Diagnosis diagnose(ParamId id, double cv, double tv, NumberPolicy policy) {
        String truth = " (∂L/∂" + id + " = " + Fmt.num(tv, 6) + ")";
        double pen = sample.isPresent() ? 0 : net.penalty(id);
        Optional<Diagnosis> penaltySlip = PenaltySlips.diagnose(policy, cv, tv, pen, v -> Fmt.num(v, 6), truth);
        if (penaltySlip.isPresent()) {
            return penaltySlip.get();
        }
        if (cv == 0) {
            return new Diagnosis(Diagnosis.Kind.OTHER, "a claim of 0 stands only for a gradient that is 0 (|∂L/∂w| ≤ 1e-9);"
                    + " this one is " + Fmt.num(tv, 6), Double.NaN, null);
        }
        if (tv != 0 && policy.match(cv, -tv).matched()) {
            return new Diagnosis(Diagnosis.Kind.SIGN, "your number has the wrong sign: the gradient is " + Fmt.num(tv, 6),
                    -1, null);
        }
        List<Use> uses = net.uses(id, sample.orElse(0));
        if (uses.size() > 1) {
            for (Use u : uses) {
                double rest = (tv - pen) - u.value();
                if (!Numbers.close(tv, u.value() + pen, 1e-9) && Math.abs(rest) > 1e-12
                        && policy.match(cv, u.value() + pen).matched()) {
                    return new Diagnosis(Diagnosis.Kind.MISSING_PATH, "your number is the term of " + u.where()
                            + " alone (" + Fmt.num(u.value(), 6) + "): " + id + " is used at all " + uses.size() + " "
                            + net.sharing(id) + " (weight sharing), so ∂L/∂" + id + " is the sum of its terms there,"
                            + " one path from L to the weight through each" + (u == uses.get(uses.size() - 1)
                            && net.sharing(id).equals("time steps") ? " — the last step alone is backpropagation"
                            + " through time cut to one step" : "") + truth, Double.NaN, null)
                            .withHint("chain rule: a weight used in many places gets Σ over its uses of δ·(its input)");
                }
            }
        }
        Optional<Partner> partner = net.partner(id);
        if (partner.isPresent()) {
            double pv = truth(partner.get().id());
            if (!Numbers.close(tv, pv, 1e-9) && policy.match(cv, pv).matched()) {
                return new Diagnosis(Diagnosis.Kind.WRONG_INDEX, "your number is ∂L/∂" + partner.get().id() + " = "
                        + Fmt.num(pv, 6) + ": " + partner.get().slip() + truth, 1, partner.get().id().toString())
                        .withHint(partner.get().rule());
            }
        }
        int n = net.samples();
        if (tv != 0) {
            for (double k : new double[] {2, 0.5, n, 1.0 / n, -2, -0.5}) {
                if (k != 1 && policy.match(cv, k * tv).matched()) {
                    String what = k == n && n > 1 && !sample.isPresent() && net.reduction() == Reduction.MEAN
                            ? "the sum over the samples, not their mean: the 1/N of reduction: mean is missing"
                            : k == 1.0 / n && n > 1 ? "1/N = 1/" + n + " too many" : "a factor " + Fmt.num(k, 6) + " off";
                    return new Diagnosis(Diagnosis.Kind.CONSTANT_FACTOR, "your number is " + Fmt.num(k, 6)
                            + " × the gradient: " + what + truth, k, null);
                }
            }
        }
        for (ParamId other : net.parameters()) {
            if (other.equals(id)) {
                continue;
            }
            double ov = truth(other);
            if (!Numbers.close(tv, ov, 1e-9) && policy.match(cv, ov).matched()) {
                return new Diagnosis(Diagnosis.Kind.WRONG_PARAMETER, "your number is ∂L/∂" + other + " = " + Fmt.num(ov, 6)
                        + ", the gradient of another parameter" + truth, 1, other.toString());
            }
        }
        if (sample.isPresent()) {
            for (int s = 1; s <= n; s++) {
                double ov = net.sampleGradient(id, s);
                if (s != sample.get() && !Numbers.close(tv, ov, 1e-9) && policy.match(cv, ov).matched()) {
                    return new Diagnosis(Diagnosis.Kind.WRONG_INDEX, "your number is the gradient at sample " + s + " ("
                            + Fmt.num(ov, 6) + "), not at sample " + sample.get() + truth, 1, null);
                }
            }
        }
        String digits = policy.significantDigits().map(d -> "; rounded to your " + d + " significant digit"
                + (d == 1 ? "" : "s") + " the gradient is " + policy.rounded(tv)).orElse("");
        return new Diagnosis(Diagnosis.Kind.OTHER, "your number " + Fmt.num(cv, 6) + " is not the gradient, which is "
                + Fmt.num(tv, 6) + digits + "; nor a usual slip (sign, one use alone, a flip, a factor 2 or N, another "
                + "parameter's gradient)", Double.NaN, null);
    }

    private ClaimResult result(ClaimParser.Claim claim, ClaimVerdict v, Diagnosis d, String note, double cv, double tv,
                               String expected) {
        return new ClaimResult(claim.id().toString(), claim.text(), v, d, expected, expected, List.of(), 1, 0, note, cv,
                tv, where());
    }

    // ---------------------------------------------------------------- the networks

    /** A conv network: kernel weights and biases shared over their filter's output positions. */
    public static Net of(ConvAnalysis a) {
        ConvNetSpec spec = a.model().spec();
        return new Net() {
            @Override
            public List<ParamId> parameters() {
                return spec.parameters();
            }

            @Override
            public int samples() {
                return spec.data().size();
            }

            @Override
            public Reduction reduction() {
                return spec.reduction();
            }

            @Override
            public void require(ParamId id) {
                spec.parameter(id);
            }

            @Override
            public double gradient(ParamId id) {
                return a.gradient(id);
            }

            @Override
            public double sampleGradient(ParamId id, int n) {
                return a.sampleGradient(id, n);
            }

            @Override
            public double penalty(ParamId id) {
                return a.penaltyGradient(id);
            }

            @Override
            public List<Use> uses(ParamId id, int n) {
                if (!(spec.layer(id.layer()) instanceof ConvNetSpec.Conv2d)) {
                    return List.of();
                }
                List<double[]> per = new ArrayList<>();
                List<String> where = new ArrayList<>();
                for (int s = n == 0 ? 1 : n; s <= (n == 0 ? samples() : n); s++) {
                    List<double[]> terms = new ArrayList<>();
                    if (id.isKernel()) {
                        for (ConvAnalysis.Share sh : a.shares(id)) {
                            if (sh.sample() == s) {
                                terms.add(new double[] {sh.term().row(), sh.term().col(), sh.product()});
                            }
                        }
                    } else {
                        terms = a.biasTerms(id, s);
                    }
                    for (int i = 0; i < terms.size(); i++) {
                        if (per.size() <= i) {
                            per.add(new double[] {0});
                            where.add("position (" + (int) terms.get(i)[0] + ", " + (int) terms.get(i)[1] + ")");
                        }
                        per.get(i)[0] += terms.get(i)[2];
                    }
                }
                double scale = n == 0 && spec.reduction() == Reduction.MEAN ? 1.0 / samples() : 1;
                List<Use> out = new ArrayList<>();
                for (int i = 0; i < per.size(); i++) {
                    out.add(new Use(where.get(i), per.get(i)[0] * scale));
                }
                return out;
            }

            @Override
            public Optional<Partner> partner(ParamId id) {
                if (!id.isKernel()) {
                    return Optional.empty();
                }
                ConvNetSpec.Conv2d conv = (ConvNetSpec.Conv2d) spec.layer(id.layer());
                int p = conv.kernelHeight() - id.window().get(0) + 1;
                int q = conv.kernelWidth() - id.window().get(1) + 1;
                ParamId flipped = ParamId.kernel(id.layer(), id.neuron(), id.input(), p, q);
                return flipped.equals(id) ? Optional.empty() : Optional.of(new Partner(flipped, "the kernel flipped (turned "
                        + "by 180°): a conv2d layer here is a cross-correlation, as torch's, z[r,c] = Σ_{p,q} k[p,q]·x[r+p−1, "
                        + "c+q−1], so k[p,q] meets x[r+p−1, c+q−1]; the kernel is turned only in ∂L/∂x (the full "
                        + "correlation of δ with the turned kernel)",
                        "∂L/∂k[p,q] = Σ_{r,c} δ[r,c]·x[r+p−1, c+q−1]: the input correlated with δ, no flip"));
            }

            @Override
            public String sharing(ParamId id) {
                return "output positions (r, c) of its filter";
            }
        };
    }

    /** An rnn network: the rnn layer's W, U and b shared over the time steps. */
    public static Net of(RnnAnalysis a) {
        return new Net() {
            @Override
            public List<ParamId> parameters() {
                return a.spec().parameters();
            }

            @Override
            public int samples() {
                return a.spec().data().size();
            }

            @Override
            public Reduction reduction() {
                return a.spec().reduction();
            }

            @Override
            public void require(ParamId id) {
                a.spec().parameter(id);
            }

            @Override
            public double gradient(ParamId id) {
                return a.gradient(id);
            }

            @Override
            public double sampleGradient(ParamId id, int n) {
                return a.sampleGradient(id, n);
            }

            @Override
            public double penalty(ParamId id) {
                return a.penaltyGradient(id);
            }

            @Override
            public List<Use> uses(ParamId id, int n) {
                if (id.layer() != 1) {
                    return List.of();
                }
                java.util.Map<Integer, Double> byStep = new java.util.TreeMap<>();
                for (RnnAnalysis.Term t : a.terms(id)) {
                    if (n == 0 || t.sample() == n) {
                        byStep.merge(t.step(), t.product(), Double::sum);
                    }
                }
                double scale = n == 0 && reduction() == Reduction.MEAN ? 1.0 / samples() : 1;
                List<Use> out = new ArrayList<>();
                byStep.forEach((t, v) -> out.add(new Use("time step t = " + t, v * scale)));
                return out;
            }

            @Override
            public Optional<Partner> partner(ParamId id) {
                if (!id.isRecurrent() || id.neuron() == id.input()) {
                    return Optional.empty();
                }
                return Optional.of(new Partner(ParamId.recurrent(id.layer(), id.input(), id.neuron()), "U transposed: "
                        + "u[l,i,j] carries h_{t−1, j} into unit i (z_t = W x_t + U h_{t−1} + b), so ∂L/∂u[l,i,j] = "
                        + "Σ_t δ_{t,i}·h_{t−1,j}; the transpose Uᵀ belongs in δ's recursion, δ_t = (Uᵀδ_{t+1})⊙g′(z_t)",
                        "∂L/∂u[l,i,j] = Σ_t δ[l,t,i]·h[l,t−1,j]"));
            }

            @Override
            public String sharing(ParamId id) {
                return "time steps";
            }
        };
    }
}
