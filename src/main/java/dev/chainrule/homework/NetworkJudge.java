package dev.chainrule.homework;

import dev.chainrule.UserError;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Prose;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.Backprop;
import dev.chainrule.network.NetworkModel;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.KinkEvent;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.Fmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Judges claims about ∂L/∂param of a network by numbers: the claim and the true gradient (backprop's δ form,
 * evaluated with the forward and δ definitions) at the data and at random points around the spec's values.
 */
public final class NetworkJudge {
    /** Random points on top of the spec's own. */
    public static final int RANDOM_POINTS = 40;
    /** A ReLU argument closer to 0 than this makes a point useless (the derivative jumps there). */
    public static final double KINK = 1e-9;

    /** {@code check --of}: the per-sample gradient or the gradient of the reduced loss; {@link #spelling} as typed. */
    public enum Of {
        SAMPLE("sample"), BATCH("batch");

        private final String spelling;

        Of(String spelling) {
            this.spelling = spelling;
        }

        /** As typed after {@code --of}. */
        public String spelling() {
            return spelling;
        }

        /** The mode spelled {@code s} exactly, if any. */
        public static Optional<Of> parse(String s) {
            return java.util.Arrays.stream(values()).filter(o -> o.spelling.equals(s)).findFirst();
        }
    }

    private final NetworkSpec spec;
    private final NetworkModel model;
    private final Backprop backprop;
    private final NetworkSymbols sym;
    private final Evaluator evaluator;
    private final Optional<Integer> sample;
    private final Of of;
    private final List<Point> points = new ArrayList<>();

    /** One comparison point: the sample environments (one, or all for a batch) and whether it is the spec's own. */
    private record Point(List<Map<String, Double>> envs, List<Integer> samples, boolean spec, String where) {
    }

    private List<Integer> allSampleNumbers() {
        return java.util.stream.IntStream.rangeClosed(1, spec.data().size()).boxed().toList();
    }

    public NetworkJudge(NetworkSpec spec, Optional<Integer> sample, Of of, long seed) {
        this.spec = spec;
        this.model = new NetworkModel(spec);
        this.backprop = new Backprop(model);
        this.sym = model.symbols();
        this.evaluator = new Evaluator(backprop.definitions());
        this.sample = sample;
        this.of = of;
        int n = spec.data().size();
        sample.ifPresent(s -> {
            if (s < 1 || s > n) {
                throw new UserError("--sample " + s + ": the data has samples 1 to " + n);
            }
        });
        buildPoints(new SplittableRandom(seed));
    }

    public Backprop backprop() {
        return backprop;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Definitions definitions() {
        return backprop.definitions();
    }

    private void buildPoints(SplittableRandom r) {
        int n = spec.data().size();
        Map<String, Double> params = model.parameterValues();
        if (of == Of.BATCH) {
            points.add(new Point(allSamples(params), allSampleNumbers(), true, "the spec's values (all " + n + " samples)"));
            int random = (int) Math.max(3, Math.min(RANDOM_POINTS, 20_000L / n));
            for (int p = 0; p < random; p++) {
                points.add(new Point(allSamples(perturb(params, r)), allSampleNumbers(), false, "random parameters"));
            }
            return;
        }
        if (sample.isPresent()) {
            int s = sample.get();
            points.add(new Point(List.of(model.sampleValues(s)), List.of(s), true, "sample " + s + " (spec's values)"));
            for (int p = 0; p < RANDOM_POINTS; p++) {
                points.add(new Point(List.of(NetworkModel.layered(sampleOnly(s), perturb(params, r))), List.of(s), false,
                        "sample " + s + ", random parameters"));
            }
            return;
        }
        for (int s = 1; s <= n; s++) {
            points.add(new Point(List.of(model.sampleValues(s)), List.of(s), true, "sample " + s + " (spec's values)"));
        }
        for (int p = 0; p < RANDOM_POINTS; p++) {
            Map<String, Double> own = sampleOnly(1 + p % n);
            for (int j = 1; j <= spec.inputCount(); j++) {
                String name = sym.input(j).name();
                double x = own.get(name);
                own.put(name, x + r.nextDouble(-1, 1) * (perturbed % 2 == 0 ? 1.0 : 2.0) * Math.max(1, Math.abs(x)));
            }
            boolean softmax = spec.outputLayer().activation() == Activation.SOFTMAX;
            if (!softmax) {
                for (int k = 1; k <= spec.outputCount(); k++) {
                    String name = sym.target(k).name();
                    double y = own.get(name);
                    own.put(name, spec.loss() == Loss.BCE ? r.nextDouble(0.05, 0.95) : y + r.nextDouble(-1, 1));
                }
            }
            StringBuilder at = new StringBuilder("random parameters and ");
            for (int j = 1; j <= spec.inputCount() && j <= 4; j++) {
                at.append(j == 1 ? "" : ", ").append(TextPrinter.str(sym.input(j))).append(" = ").append(num(own.get(sym.input(j).name())));
            }
            at.append(spec.inputCount() > 4 ? ", …" : "");
            points.add(new Point(List.of(NetworkModel.layered(own, perturb(params, r))), List.of(1 + p % n), false, at.toString()));
        }
    }

    private List<Map<String, Double>> allSamples(Map<String, Double> params) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int s = 1; s <= spec.data().size(); s++) {
            out.add(NetworkModel.layered(sampleOnly(s), params));
        }
        return out;
    }

    private Map<String, Double> sampleOnly(int s) {
        Map<String, Double> own = new HashMap<>();
        for (int j = 1; j <= spec.inputCount(); j++) {
            own.put(sym.input(j).name(), spec.data().get(s - 1).xAt(j - 1));
        }
        for (int k = 1; k <= spec.outputCount(); k++) {
            own.put(sym.target(k).name(), spec.data().get(s - 1).yAt(k - 1));
        }
        return own;
    }

    private int perturbed;

    /**
     * Half the random points move each parameter by up to max(1, |p|); the other half spread further (up to
     * 2.5·max(1, |p|)) so that every ReLU is seen on both sides of its kink.
     */
    private Map<String, Double> perturb(Map<String, Double> params, SplittableRandom r) {
        double spread = spread();
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<String, Double> e : params.entrySet()) {
            double v = e.getValue();
            out.put(e.getKey(), v + r.nextDouble(-1, 1) * spread * Math.max(1, Math.abs(v)));
        }
        return out;
    }

    private double spread() {
        return perturbed++ % 2 == 0 ? 1.0 : 2.5;
    }

    // ------------------------------------------------------------------------------------ evaluation

    /** How the per-sample values of one point are combined into one number. */
    private enum Reduce {
        /** the spec's reduction: the mean (or sum) over the point's samples */
        SPEC,
        /** the sum over the samples: a claim that writes N is the term of Σₙ */
        SUM
    }

    /**
     * Functions whose value jumps at 0 — the derivatives ReLU′ = [z > 0], leaky ReLU′ and sign — so that an
     * expression containing one is not defined as a limit there. ReLU itself is continuous at its kink: a
     * gradient that only contains relu(z) (∂L/∂w₁₁⁽²⁾ = δ·a₁⁽¹⁾) is defined at z = 0.
     */
    static boolean jumps(Fn fn) {
        return fn == Fn.STEP || fn == Fn.LEAKY_STEP || fn == Fn.SIGN;
    }

    /** A jump met at 0 while evaluating at a point: which function, in which definition, at which sample. */
    record Kink(KinkEvent event, int sample) {
    }

    /** Values of several expressions at every point; NaN where an expression cannot be evaluated. */
    private final class Values {
        final List<List<Evaluator.Scope>> scopes = new ArrayList<>();
        /**
         * Per point, the first jump at its kink met while evaluating what was asked so far. A fresh Values per
         * claim evaluates the truth first, so this records the kinks on the claimed parameter's own path (and
         * in the claim), never those of another unit.
         */
        final Kink[] kink = new Kink[points.size()];

        Values() {
            for (int p = 0; p < points.size(); p++) {
                final int pi = p;
                List<Evaluator.Scope> row = new ArrayList<>();
                List<Map<String, Double>> envs = points.get(p).envs();
                for (int s = 0; s < envs.size(); s++) {
                    final int sample = points.get(p).samples().get(s);
                    row.add(evaluator.scope(envs.get(s), (KinkEvent ev) -> {
                        if (jumps(ev.fn()) && Math.abs(ev.argument()) < KINK && kink[pi] == null) {
                            kink[pi] = new Kink(ev, sample);
                        }
                    }));
                }
                scopes.add(row);
            }
        }

        double[] of(Expr e) {
            return of(e, Reduce.SPEC);
        }

        double[] of(Expr e, Reduce reduce) {
            double[] out = new double[points.size()];
            for (int p = 0; p < points.size(); p++) {
                out[p] = at(e, p, reduce);
            }
            return out;
        }

        double at(Expr e, int p) {
            return at(e, p, Reduce.SPEC);
        }

        double at(Expr e, int p, Reduce reduce) {
            double sum = 0;
            List<Evaluator.Scope> row = scopes.get(p);
            try {
                for (Evaluator.Scope s : row) {
                    double v = s.eval(e);
                    if (!Double.isFinite(v)) {
                        return Double.NaN;
                    }
                    sum += v;
                }
            } catch (dev.chainrule.UserError | ArithmeticException ex) {
                return Double.NaN;
            }
            boolean mean = reduce == Reduce.SPEC && spec.reduction() == Reduction.MEAN && row.size() > 1;
            return mean ? sum / row.size() : sum;
        }
    }

    // ------------------------------------------------------------------------------------ judging

    public ClaimResult judge(ClaimParser.Claim claim) {
        return judge(claim, claim.isNumber(), true);
    }

    /**
     * The same, saying whether the claim is a number (compared at the spec's own values only, to its digits) and
     * whether to diagnose it when incorrect (worked steps diagnose only their first wrong line): a line of worked
     * steps such as ∂z₁⁽¹⁾/∂w₁₁⁽²⁾ can come out as a constant without being a written number.
     */
    ClaimResult judge(ClaimParser.Claim claim, boolean number, boolean diagnose) {
        PathModel paths = new PathModel(backprop, claim.id());
        Expr truth = backprop.gradient(claim.id());
        Expr explicit = paths.explicit();
        List<Expr> expected = explicit.equals(truth) ? List.of(explicit) : List.of(explicit, truth);
        Optional<Reduction> reduction = of == Of.BATCH ? Optional.of(spec.reduction()) : Optional.empty();
        Worked worked = new Worked(new Expr.Derivative(PathModel.LOSS, sym.param(claim.id())), claim.expr(),
                Worked.forms(expected, "chain rule, written out", "δ form"),
                reduction);
        return judge(claim, paths, truth, explicit, number, diagnose).withWorked(worked);
    }

    /** What every result of one claim shares: the correct result in its forms and the derivation. */
    private record Expected(String input, String explicit, List<Step> derivation) {
    }

    private ClaimResult result(ClaimParser.Claim claim, Expected x, ClaimVerdict verdict, Diagnosis d, int used, int skipped,
                               String note, double cv, double tv, String where) {
        return new ClaimResult(claim.id().toString(), claim.text(), verdict, d, x.input(), x.explicit(),
                x.derivation(), used, skipped, note, cancelled(cv, tv), cancelled(tv, cv), where);
    }

    /** A value that is rounding left over from terms that cancel (−2.6e-18 next to 0.077) is shown as 0. */
    private static double cancelled(double v, double other) {
        return Math.abs(v) <= 1e-15 * Math.max(1, Math.abs(other)) ? 0 : v;
    }

    private ClaimResult judge(ClaimParser.Claim claim, PathModel paths, Expr truth, Expr explicit, boolean number,
                              boolean diagnose) {
        ParamId id = claim.id();
        Expected x = new Expected(InputPrinter.str(truth), InputPrinter.str(explicit),
                Derivations.equations(paths, sym, id));
        if (number) {
            if (of == Of.SAMPLE && sample.isEmpty() && spec.data().size() > 1) {
                throw new UserError("the claim for " + id + " is a number: say which sample it is for with --sample N"
                        + " (or --of batch for the gradient of the whole data set's loss)");
            }
            return judgeNumber(claim, paths, truth, x, diagnose);
        }
        if (of == Of.BATCH && !spec.regularization().isNone()) {
            // a formula is a per-sample term reduced over the data; the penalty's λw + μ·sign(w) is no such term
            throw new UserError("--of batch with regularization: a formula claim is compared as a per-sample term reduced"
                    + " over the data, which leaves out the regularization term λw + μ·sign(w); claim the number (the"
                    + " batch gradient with the term), judge the whole gradient with --gradients FILE.json, or the data"
                    + " loss per sample without --of batch");
        }

        Values vals = new Values();
        double[] t = vals.of(truth);
        double[] c = vals.of(claim.expr(), claimReduce(claim));
        boolean[] valid = new boolean[points.size()];
        int used = 0;
        int skippedKink = 0;
        int skippedClaim = 0;
        for (int p = 0; p < points.size(); p++) {
            if (Double.isNaN(t[p])) {
                continue;
            }
            if (vals.kink[p] != null && !Numbers.close(c[p], t[p], 1e-8)) {
                // on a kink of this parameter's path the derivative is not defined: a disagreement there proves nothing
                skippedKink++;
                continue;
            }
            if (Double.isNaN(c[p])) {
                skippedClaim++;
                continue;
            }
            valid[p] = true;
            used++;
        }
        int first = shownPoint(valid, c, t);
        double cv = first >= 0 ? c[first] : Double.NaN;
        double tv = first >= 0 ? t[first] : Double.NaN;
        String where = first >= 0 ? points.get(first).where() : "";
        int skipped = skippedKink + skippedClaim;
        if (used == 0) {
            String why = skippedClaim > 0 ? "the claim could not be evaluated at any point (division by zero, log of a non-positive number, …)"
                    : skippedKink > 0 ? "every point sits on a kink of this parameter's path, where the derivative is not defined"
                    : "the true gradient could not be evaluated";
            return result(claim, x, ClaimVerdict.UNDECIDED, null, 0, skipped, why, cv, tv, where);
        }
        String note = (of == Of.BATCH ? batchReading(claim) + "; " : "")
                + "compared at " + used + " points (" + (of == Of.BATCH ? "the spec's values and random parameters" : "the data and random points around the spec's values") + ")"
                + (skippedKink > 0 ? "; " + skippedKink + " on a kink of this parameter's path (z = 0, where ReLU′ jumps) skipped" : "")
                + (skippedClaim > 0 ? "; the claim is undefined at " + skippedClaim : "");
        if (Numbers.same(c, t, valid)) {
            if (Numbers.allZero(t, valid)) {
                return result(claim, x, ClaimVerdict.UNDECIDED, null, used, skipped, "the gradient is 0 at every point compared"
                        + " (a ReLU on the path is off there), so the numbers cannot tell your result from any other that"
                        + " vanishes there; " + note, cv, tv, where);
            }
            return result(claim, x, ClaimVerdict.CORRECT, null, used, skipped, note, cv, tv, where);
        }
        Diagnosis d = diagnose ? diagnose(id, paths, c, t, valid, vals, claim) : NOT_DIAGNOSED;
        if (diagnose && agreesAtSpecPoints(c, t, valid)) {
            d = new Diagnosis(d.kind(), d.message() + "; it agrees with the gradient at the spec's own values, but not as a formula",
                    d.factor(), d.matched());
        }
        return result(claim, x, ClaimVerdict.INCORRECT, d, used, skipped, note, cv, tv, where);
    }

    /**
     * What the claim, as a per-sample formula, must equal: the per-sample gradient, or with --of batch on a mean
     * network a claim that writes N (the term of Σₙ) that gradient divided by N.
     */
    public Expr perSampleTruth(ClaimParser.Claim claim, Expr perSample) {
        boolean overN = claimReduce(claim) == Reduce.SUM && spec.reduction() == Reduction.MEAN && spec.data().size() > 1;
        return overN ? Exprs.product(Exprs.num(new org.apache.commons.math3.fraction.BigFraction(1, spec.data().size())), perSample)
                : perSample;
    }

    /** With --of batch, a claim that writes N is the term of Σₙ; any other is reduced as the spec says. */
    private Reduce claimReduce(ClaimParser.Claim claim) {
        return of == Of.BATCH && claim.usesN() ? Reduce.SUM : Reduce.SPEC;
    }

    /** How a batch claim was read, in words. */
    private String batchReading(ClaimParser.Claim claim) {
        int n = spec.data().size();
        if (claim.usesN()) {
            return "your claim writes N, so it is read as the term of Σₙ over the N = " + n + " samples and summed";
        }
        return "the claim is taken per sample and " + spec.reduction().participle()
                + " over the N = " + n + " samples (reduction: " + spec.reduction().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /**
     * A number: compared once, at the spec's values of the sample (or, with --of batch, of the whole data), by
     * {@link NumberPolicy}. A kink makes it undecided only when the claimed parameter's own gradient jumps there.
     */
    private ClaimResult judgeNumber(ClaimParser.Claim claim, PathModel paths, Expr truth, Expected x, boolean diagnose) {
        Values vals = new Values();
        double pen = penalty(claim.id());
        double tv = vals.at(truth, 0) + pen;
        double cv;
        try {
            cv = evaluator.eval(claim.expr(), Map.of());
        } catch (UserError | ArithmeticException e) {
            cv = Double.NaN;
        }
        String where = points.get(0).where();
        NumberPolicy policy = claim.policy();
        String kinkNote = "";
        if (vals.kink[0] != null) {
            Kink k = vals.kink[0];
            Optional<double[]> sides = oneSided(k, truth);
            if (sides.isEmpty() || !Numbers.close(sides.get()[0], sides.get()[1], 1e-9)) {
                double claimed = cv;
                String limits = sides.map(v -> "; from the side z < 0 it is " + shown(v[0], v[1]) + ", from z > 0 "
                        + shown(v[1], v[0]) + matchesSide(policy, claimed, v)).orElse("");
                return result(claim, x, ClaimVerdict.UNDECIDED, null, 0, 1, kinkNote(k, claim.id()) + limits, Double.NaN,
                        Double.NaN, where);
            }
            // both one-sided derivatives agree (the kinked unit's δ is multiplied by 0 here): the gradient is defined
            tv = (sides.get()[0] + sides.get()[1]) / 2 + pen;
            kinkNote = "; the path crosses a kink here, but the derivative is " + shown(tv, cv) + " from both sides";
        }
        if (Double.isNaN(tv)) {
            return result(claim, x, ClaimVerdict.UNDECIDED, null, 0, 1, "the true gradient could not be evaluated at " + where, cv, tv, where);
        }
        if (!Double.isFinite(cv)) {
            return result(claim, x, ClaimVerdict.INCORRECT, new Diagnosis(Diagnosis.Kind.OTHER, "your number is not a finite number", Double.NaN, null),
                    1, 0, "compared as a number at " + where, cv, tv, where);
        }
        NumberPolicy.Match m = policy.match(cv, tv);
        String note = "compared as a number at " + where + (of == Of.BATCH ? " (the batch gradient of the "
                + spec.reduction().name().toLowerCase(java.util.Locale.ROOT) + " over the samples"
                + (pen != 0 ? ", including the regularization term's λw + μ·sign(w) = " + shown(pen, tv) : "") + ")" : "");
        if (m.matched()) {
            return result(claim, x, ClaimVerdict.CORRECT, null, 1, 0, note + ": " + policy.describe(m)
                    + (m == NumberPolicy.Match.ROUNDED ? " is " + policy.rounded(tv) + " (the gradient is " + Fmt.num(tv, 8) + ")" : "")
                    + kinkNote, cv, tv, where);
        }
        note += kinkNote;
        Diagnosis d = diagnose ? numberDiagnosis(cv, tv, claim, paths, vals) : NOT_DIAGNOSED;
        return result(claim, x, ClaimVerdict.INCORRECT, d, 1, 0, note, cv, tv, where);
    }

    /** Why a number at a kink is undecided: which unit of the path sits on it. */
    private String kinkNote(Kink k, ParamId id) {
        String fn = switch (k.event().fn()) {
            case STEP, RELU -> "ReLU′";
            case LEAKY_STEP, LEAKY_RELU -> "leaky ReLU′";
            case ELU, ELU_STEP -> "ELU′";
            case HUBER_GRAD -> "huber′";
            case SIGN, ABS -> "sign";
            case EXP, LOG, SQRT, SIGMOID, TANH, SIN, COS, SOFTMAX, SOFTPLUS, GELU, SILU, NORM_CDF, NORM_PDF, HUBER -> throw new IllegalStateException(
                    k.event().fn().inputName() + " has no kink");
        };
        String arg = k.event().unit().flatMap(u -> jumpArgument(definitions().isDefined(u) ? definitions().get(u) : null, k.event().fn()))
                .map(e -> TextPrinter.str(e) + " = 0").orElse("its argument is 0");
        String in = k.event().unit().map(u -> " (in " + TextPrinter.str(new Var(u)) + ")").orElse("");
        return "at sample " + k.sample() + " this parameter's path crosses a kink: " + arg + in + ", where " + fn
                + " jumps, so ∂L/∂" + TextPrinter.str(sym.param(id)) + " is not defined there (nor can a finite difference"
                + " judge it); chainrule takes ReLU′(0) = 0 by convention, but a number there is neither right nor wrong";
    }

    /**
     * The gradient just left and just right of a kink at the spec's values: the kinked unit's bias moved by ∓1e-7
     * (its z crosses 0, nothing else on the path does), or empty when the kink is not at a unit's z.
     */
    private Optional<double[]> oneSided(Kink k, Expr truth) {
        Optional<Expr> arg = k.event().unit().flatMap(u -> jumpArgument(definitions().isDefined(u) ? definitions().get(u) : null,
                k.event().fn()));
        Optional<NetworkSymbols.Quantity> z = arg.filter(a -> a instanceof Var).flatMap(a -> NetworkSymbols.parse(((Var) a).name()))
                .filter(q -> q.kind() == NetworkSymbols.Kind.Z);
        if (z.isEmpty()) {
            return Optional.empty();
        }
        String bias = sym.b(z.get().layer(), z.get().i()).name();
        double[] out = new double[2];
        for (int side = 0; side < 2; side++) {
            double sum = 0;
            List<Map<String, Double>> envs = points.get(0).envs();
            for (Map<String, Double> env : envs) {
                Map<String, Double> moved = new HashMap<>(env);
                double b = moved.get(bias);
                moved.put(bias, b + (side == 0 ? -1e-7 : 1e-7) * Math.max(1, Math.abs(b)));
                try {
                    sum += evaluator.eval(truth, moved);
                } catch (UserError | ArithmeticException e) {
                    return Optional.empty();
                }
            }
            out[side] = spec.reduction() == Reduction.MEAN && envs.size() > 1 ? sum / envs.size() : sum;
        }
        return Optional.of(out);
    }

    private static String matchesSide(NumberPolicy policy, double cv, double[] sides) {
        if (!Double.isFinite(cv)) {
            return "";
        }
        boolean left = policy.match(cv, sides[0]).matched();
        boolean right = policy.match(cv, sides[1]).matched();
        return left && right ? "" : left ? "; your number is the one from z < 0" : right ? "; your number is the one from z > 0" : "";
    }

    /** The argument of the first call of {@code fn} in e. */
    private static Optional<Expr> jumpArgument(Expr e, Fn fn) {
        if (e == null) {
            return Optional.empty();
        }
        if (e instanceof Expr.Call c && c.fn() == fn) {
            return Optional.of(c.args().get(0));
        }
        for (Expr child : Exprs.children(e)) {
            Optional<Expr> found = jumpArgument(child, fn);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** What an incorrect claim carries when it was not diagnosed (a later wrong line of worked steps). */
    static final Diagnosis NOT_DIAGNOSED = new Diagnosis(Diagnosis.Kind.OTHER, "not diagnosed", Double.NaN, null);

    // ------------------------------------------------------------------------------------ for worked steps

    /** Whether point p holds the spec's own values (a sample of the data). */
    boolean isSpecPoint(int p) {
        return points.get(p).spec();
    }

    /** An expression's values at every point (NaN where it is undefined) and where it met a kink. */
    record Evaluated(double[] values, boolean[] kink) {
    }

    /** {@code e} at every point, with kinks of its own (not those of other expressions evaluated before). */
    Evaluated evaluate(Expr e) {
        Values v = new Values();
        double[] out = v.of(e);
        boolean[] kink = new boolean[out.length];
        for (int p = 0; p < out.length; p++) {
            kink[p] = v.kink[p] != null;
        }
        return new Evaluated(out, kink);
    }

    private boolean agreesAtSpecPoints(double[] c, double[] t, boolean[] valid) {
        int n = 0;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] && points.get(i).spec()) {
                if (!Numbers.close(c[i], t[i], 1e-8) || t[i] == 0) {
                    return false;
                }
                n++;
            }
        }
        return n > 0;
    }

    /** The point to show: a spec point where claim and truth differ, else one where the gradient is not 0. */
    private int shownPoint(boolean[] valid, double[] c, double[] t) {
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] && points.get(i).spec() && !Numbers.close(c[i], t[i], 1e-8)) {
                return i;
            }
        }
        int worst = -1;
        double gap = 0;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] && !Numbers.close(c[i], t[i], 1e-8)) {
                double g = Math.abs(c[i] - t[i]) / (Math.abs(c[i]) + Math.abs(t[i]) + 1e-300);
                if (g > gap) {
                    gap = g;
                    worst = i;
                }
            }
        }
        if (worst >= 0) {
            return worst;
        }
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] && points.get(i).spec() && t[i] != 0) {
                return i;
            }
        }
        return firstValid(valid);
    }

    private static int firstValid(boolean[] valid) {
        for (int i = 0; i < valid.length; i++) {
            if (valid[i]) {
                return i;
            }
        }
        return -1;
    }

    static String num(double v) {
        return dev.chainrule.expr.Fmt.num(v);
    }

    /**
     * A number that is not the gradient: the slips a number can show — the sign, a factor 2, ½, N or 1/N,
     * another parameter's or another sample's gradient, or what a formula slip gives at this point (a guess:
     * one number can match a slip by chance, and the message says so).
     */
    private Diagnosis numberDiagnosis(double cv, double tv, ClaimParser.Claim claim, PathModel paths, Values vals) {
        NumberPolicy policy = claim.policy();
        ParamId id = claim.id();
        String truth = " (∂L/∂" + TextPrinter.str(sym.param(id)) + " = " + shown(tv, cv) + ")";
        double pen = penalty(id);
        Optional<Diagnosis> penaltySlip = PenaltySlips.diagnose(policy, cv, tv, pen, v -> shown(v, cv), truth);
        if (penaltySlip.isPresent()) {
            return penaltySlip.get();
        }
        if (cv == 0) {
            return new Diagnosis(Diagnosis.Kind.OTHER, "a claim of 0 stands only for a gradient that is 0 (|∂L/∂w| ≤ 1e-9); this one is "
                    + shown(tv, cv), Double.NaN, null);
        }
        if (tv != 0 && policy.match(cv, -tv).matched()) {
            return new Diagnosis(Diagnosis.Kind.SIGN, "your number has the wrong sign: the gradient is " + shown(tv, cv), -1, null);
        }
        int n = spec.data().size();
        // a number of one or two significant digits matches many values: what it matches is a guess
        String weak = policy.significantDigits().filter(d -> d <= 2)
                .map(d -> "probably (your number has only " + d + " significant digit" + (d == 1 ? "" : "s") + "): ").orElse("");
        if (tv != 0) {
            for (double k : new double[] {2, 0.5, n, 1.0 / n, -2, -0.5}) {
                if (k != 1 && policy.match(cv, k * tv).matched()) {
                    return new Diagnosis(Diagnosis.Kind.CONSTANT_FACTOR, weak + constantMessage(Numbers.snap(k), claim) + truth, k, null);
                }
            }
        }
        boolean oneDigit = policy.significantDigits().filter(d -> d == 1).isPresent();
        if (spec.parameterCount() <= 200 && !oneDigit) {
            for (ParamId other : spec.parameters()) {
                double ov = vals.at(backprop.gradient(other), 0) + penalty(other);
                if (!other.equals(id) && policy.match(cv, ov).matched()) {
                    return new Diagnosis(Diagnosis.Kind.WRONG_PARAMETER, weak + "your number is ∂L/∂" + TextPrinter.str(sym.param(other))
                            + " = " + shown(ov, cv) + ", the gradient of another parameter" + truth, 1, other.toString());
                }
            }
        }
        if (of == Of.SAMPLE && sample.isPresent() && !oneDigit) {
            for (int s = 1; s <= n; s++) {
                if (s == sample.get()) {
                    continue;
                }
                double ov;
                try {
                    ov = evaluator.eval(backprop.gradient(id), model.sampleValues(s));
                } catch (UserError | ArithmeticException e) {
                    continue;
                }
                if (policy.match(cv, ov).matched()) {
                    return new Diagnosis(Diagnosis.Kind.WRONG_INDEX, weak + "your number is the gradient at sample " + s + " (" + shown(ov, cv)
                            + "), not at sample " + sample.get() + truth, 1, null);
                }
            }
        }
        for (Variant v : oneDigit ? List.<Variant>of() : variants(id, paths)) {
            double vv = vals.at(v.expr(), 0) + pen;
            if (Double.isFinite(vv) && !Numbers.close(tv, vv, 1e-9) && policy.match(cv, vv).matched()) {
                return new Diagnosis(v.kind(), "probably (a guess from one number, which that slip gives here): "
                        + v.message() + truth, Double.NaN, InputPrinter.str(v.expr())).withHint(v.hint());
            }
        }
        String digits = policy.significantDigits().map(d -> "; rounded to your " + d + " significant digit" + (d == 1 ? "" : "s")
                + " the gradient is " + policy.rounded(tv)).orElse("");
        return new Diagnosis(Diagnosis.Kind.OTHER, "your number " + shown(cv, tv) + " is not the gradient, which is " + shown(tv, cv) + digits
                + "; nor a usual slip (sign, a factor 2 or N, another parameter's gradient)", Double.NaN, null);
    }

    /**
     * The regularization term's derivative λw + μ·sign(w) at the spec's value of a weight, for a batch claim (0 for a
     * bias, a per-sample claim, or a spec without regularization): the batch gradient is the data's plus this.
     */
    private double penalty(ParamId id) {
        return of == Of.BATCH && id.isWeight() ? spec.regularization().derivative(spec.parameter(id)) : 0;
    }

    /** v with as many digits as it takes to tell it from {@code other} (at least 6 significant, at most 17). */
    static String shown(double v, double other) {
        for (int d = 6; d < 17; d++) {
            if (!Fmt.num(v, d).equals(Fmt.num(other, d))) {
                return Fmt.num(v, d);
            }
        }
        return Fmt.num(v, 17);
    }

    // ------------------------------------------------------------------------------------ diagnosis

    /** A slip, what it says, the expression a claim with that slip equals, and the rule it breaks (null: its kind's). */
    private record Variant(Diagnosis.Kind kind, Prose message, Expr expr, String hint) {
        Variant(Diagnosis.Kind kind, Prose message, Expr expr) {
            this(kind, message, expr, null);
        }

        Variant(Diagnosis.Kind kind, String message, Expr expr) {
            this(kind, Prose.words(message), expr);
        }
    }

    private Diagnosis diagnose(ParamId id, PathModel paths, double[] c, double[] t, boolean[] valid, Values vals,
                               ClaimParser.Claim claim) {
        OptionalDouble r = Numbers.ratio(c, t, valid);
        if (r.isPresent() && r.getAsDouble() != 1) { // 1: equal within the ratio's looser tolerance, not a factor
            double k = r.getAsDouble();
            Diagnosis.Kind kind = k == -1 ? Diagnosis.Kind.SIGN : Diagnosis.Kind.CONSTANT_FACTOR;
            return new Diagnosis(kind, constantMessage(k, claim), k, null);
        }
        Reduce reduce = claimReduce(claim);
        List<Variant> variants = variants(id, paths);
        List<double[]> values = new ArrayList<>();
        for (Variant v : variants) {
            double[] vv = vals.of(v.expr(), reduce);
            values.add(vv);
            if (Numbers.same(c, vv, definedIn(vv, valid))) {
                return new Diagnosis(v.kind(), v.message().plus(alsoAnotherGradient(v, variants, c, valid, vals, reduce)), 1,
                        InputPrinter.str(v.expr())).withHint(v.hint());
            }
        }
        Optional<Diagnosis> monomial = of == Of.BATCH ? Optional.empty() : new Monomials(paths, vals, c, t, valid).find();
        if (monomial.isPresent()) {
            return monomial.get();
        }
        for (int i = 0; i < variants.size(); i++) {
            OptionalDouble k = Numbers.ratio(c, values.get(i), definedIn(values.get(i), valid));
            if (k.isPresent() && k.getAsDouble() != 1) {
                Variant v = variants.get(i);
                double f = k.getAsDouble();
                String also = f == -1 ? "; it also has the wrong sign" : "; it is also off by a factor " + Numbers.fraction(f);
                return new Diagnosis(v.kind(), Prose.of("probably two slips: ", v.message(), also), f, InputPrinter.str(v.expr()))
                        .withHint(v.hint());
            }
        }
        return new Diagnosis(Diagnosis.Kind.OTHER, "your result does not match the gradient, nor a usual slip (sign, constant factor,"
                + " a missing or extra factor, σ in place of σ′, a wrong index, another parameter's gradient, missing paths)"
                + "; compare it with the derivation below", Double.NaN, null);
    }

    /**
     * The valid points where a slip's value is defined too. A slip built from the chain's raw factors, such as
     * (−y/ŷ + (1 − y)/(1 − ŷ))·ŷ(1 − ŷ), is not defined where ŷ rounds to 1; the slip is compared where it is,
     * if that leaves half the points (and at least 3); else at none.
     */
    private static boolean[] definedIn(double[] v, boolean[] valid) {
        boolean[] out = new boolean[valid.length];
        int all = 0;
        int kept = 0;
        for (int p = 0; p < valid.length; p++) {
            if (valid[p]) {
                all++;
                out[p] = !Double.isNaN(v[p]);
                kept += out[p] ? 1 : 0;
            }
        }
        return kept >= Math.max(3, (all + 1) / 2) ? out : new boolean[valid.length];
    }

    /** "; that is ∂L/∂w₁₁⁽²⁾, another parameter's gradient" when a wrong index gives exactly that. */
    private Prose alsoAnotherGradient(Variant v, List<Variant> variants, double[] c, boolean[] valid, Values vals, Reduce reduce) {
        if (v.kind() != Diagnosis.Kind.WRONG_INDEX) {
            return Prose.words("");
        }
        for (Variant w : variants) {
            double[] wv = vals.of(w.expr(), reduce);
            if (w.kind() == Diagnosis.Kind.WRONG_PARAMETER && Numbers.same(c, wv, definedIn(wv, valid))) {
                // a WRONG_PARAMETER message names the other gradient as its first math span
                Prose.Part gradient = w.message().parts().stream().filter(p -> p instanceof Prose.Math).findFirst().orElseThrow();
                return Prose.of("; that is ", gradient, ", the gradient of another parameter");
            }
        }
        return Prose.words("");
    }

    /**
     * claim ÷ truth as a monomial in the network's symbols (one or two factors, each to the power ±1, times a
     * simple constant): an extra factor (× a₁⁽¹⁾), a missing one (÷ x₂), or both (a₁⁽¹⁾ where a₂⁽¹⁾ belongs).
     * Only tried on the per-sample gradient, where every point has its own values of the symbols.
     */
    private final class Monomials {
        private final PathModel paths;
        private final double[] c;
        private final double[] t;
        private final boolean[] valid;
        private final List<Expr> factors = new ArrayList<>();
        private final List<double[]> values = new ArrayList<>();

        Monomials(PathModel paths, Values vals, double[] c, double[] t, boolean[] valid) {
            this.paths = paths;
            this.c = c;
            this.t = t;
            this.valid = valid;
            for (Expr f : candidates(paths)) {
                double[] v = vals.of(f);
                if (!constantOne(v)) {
                    factors.add(f);
                    values.add(v);
                }
            }
        }

        private boolean constantOne(double[] v) {
            for (int p = 0; p < v.length; p++) {
                if (valid[p] && v[p] != 1) {
                    return false;
                }
            }
            return true;
        }

        Optional<Diagnosis> find() {
            int n = factors.size();
            for (int i = 0; i < n; i++) {
                for (int e : new int[] {1, -1}) {
                    Optional<Diagnosis> d = fit(List.of(i), List.of(e));
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
            if ((long) n * n > 4000) {
                return Optional.empty();
            }
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    for (int[] e : new int[][] {{1, 1}, {-1, -1}, {1, -1}, {-1, 1}}) {
                        if (i == j && e[0] != e[1]) {
                            continue;
                        }
                        Optional<Diagnosis> d = fit(List.of(i, j), List.of(e[0], e[1]));
                        if (d.isPresent()) {
                            return d;
                        }
                    }
                }
            }
            return Optional.empty();
        }

        /** Whether c = k·t·Π fᵢ^eᵢ at every valid point, for a simple k; the diagnosis if so. */
        private Optional<Diagnosis> fit(List<Integer> which, List<Integer> exps) {
            double[] tm = new double[t.length];
            boolean[] ok = valid.clone();
            int informative = 0;
            for (int p = 0; p < t.length; p++) {
                if (!ok[p]) {
                    continue;
                }
                double m = 1;
                for (int q = 0; q < which.size(); q++) {
                    double v = values.get(which.get(q))[p];
                    m *= exps.get(q) > 0 ? v : 1 / v;
                }
                if (!Double.isFinite(m)) {
                    ok[p] = false; // a missing factor that is 0 here: the truth is 0 and the claim may be anything
                    continue;
                }
                tm[p] = t[p] * m;
                if (tm[p] != 0) {
                    informative++;
                }
            }
            if (informative == 0) {
                return Optional.empty(); // (one point can do: a ReLU on the path off at the others)
            }
            OptionalDouble k = Numbers.ratio(c, tm, ok);
            if (k.isEmpty() || !simple(k.getAsDouble())) {
                return Optional.empty();
            }
            return Optional.of(describe(which, exps, k.getAsDouble()));
        }

        private boolean simple(double k) {
            return k == Numbers.snap(k) && Math.abs(k) <= 12 && Math.abs(k) >= 1.0 / 12;
        }

        private Diagnosis describe(List<Integer> which, List<Integer> exps, double k) {
            List<Expr> extra = new ArrayList<>();
            List<Expr> missing = new ArrayList<>();
            for (int q = 0; q < which.size(); q++) {
                (exps.get(q) > 0 ? extra : missing).add(factors.get(which.get(q)));
            }
            String also = k == 1 ? "" : k == -1 ? "; it also has the wrong sign" : "; it is also off by a factor " + Numbers.fraction(k);
            if (extra.size() == 1 && missing.size() == 1) {
                Expr used = extra.get(0);
                Expr belongs = missing.get(0);
                boolean index = used instanceof Var u && belongs instanceof Var b && sameFamily(u, b);
                return new Diagnosis(index ? Diagnosis.Kind.WRONG_INDEX : Diagnosis.Kind.OTHER, Prose.of("you used ", used, " where ",
                        belongs, " belongs", where(paths, belongs), also), k, null);
            }
            if (missing.isEmpty()) {
                Expr f = Exprs.product(extra);
                return new Diagnosis(Diagnosis.Kind.EXTRA_FACTOR, Prose.of("your result has an extra factor ", f,
                        ": it is the gradient times ", f, also), k, null);
            }
            if (extra.isEmpty()) {
                Expr f = Exprs.product(missing);
                return new Diagnosis(Diagnosis.Kind.MISSING_FACTOR, Prose.of("your result lacks the factor ", f,
                        missing.size() == 1 ? where(paths, missing.get(0)) : "", ": it is the gradient divided by ", f, also), k, null);
            }
            return new Diagnosis(Diagnosis.Kind.OTHER, Prose.of("your result is the gradient times ", Exprs.product(extra),
                    " and divided by ", Exprs.product(missing), also), k, null);
        }

    }

    /** " (in ∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾)": the local derivative of the path a factor belongs to, if any. */
    private Prose where(PathModel paths, Expr f) {
        if (!paths.hasPaths()) {
            return Prose.words("");
        }
        for (List<Factor> p : paths.paths()) {
            for (Factor g : p) {
                if (g.expr().equals(f) || Exprs.nonConstantFactors(g.expr()).contains(f)) {
                    return Prose.of(" (in ", Prose.math(g.partial() + " = " + TextPrinter.str(g.expr())), ")");
                }
            }
        }
        return Prose.words("");
    }

    /**
     * The factors a monomial may be built of: every symbol of a small network (inputs, targets, outputs,
     * activations, pre-activations, weights, biases) — of a large one only those in the gradient — and, for
     * each σ or tanh unit in the gradient, 1 − a, a(1 − a) and 1 − a².
     */
    private List<Expr> candidates(PathModel pm) {
        java.util.LinkedHashSet<Expr> out = new java.util.LinkedHashSet<>();
        Expr truth = pm.hasPaths() ? pm.sum(pm.paths()) : backprop.gradient(pm.id());
        for (String v : Exprs.variables(truth)) {
            out.add(new Var(v));
        }
        if (symbolCount() <= 60) {
            for (int j = 1; j <= spec.inputCount(); j++) {
                out.add(sym.input(j));
            }
            for (int k = 1; k <= spec.outputCount(); k++) {
                out.add(sym.target(k));
                out.add(sym.output(k));
            }
            for (int l = 1; l <= sym.layers(); l++) {
                for (int i = 1; i <= sym.width(l); i++) {
                    out.add(sym.a(l, i));
                    out.add(sym.z(l, i));
                    out.add(sym.b(l, i));
                    for (int j = 1; j <= sym.width(l - 1); j++) {
                        out.add(sym.w(l, i, j));
                    }
                }
            }
        }
        for (int l = 1; l <= sym.layers(); l++) {
            Activation g = spec.layer(l).activation();
            if (g != Activation.SIGMOID && g != Activation.TANH) {
                continue;
            }
            for (int i = 1; i <= sym.width(l); i++) {
                Var a = sym.a(l, i);
                if (Exprs.contains(truth, a.name())) {
                    out.add(Exprs.sub(Num.ONE, a));
                    out.add(Exprs.product(a, Exprs.sub(Num.ONE, a)));
                    out.add(Exprs.sub(Num.ONE, Exprs.pow(a, 2)));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private int symbolCount() {
        int n = spec.inputCount() + 2 * spec.outputCount();
        for (int l = 1; l <= sym.layers(); l++) {
            n += sym.width(l) * (3 + sym.width(l - 1));
        }
        return n;
    }

    /** Two names of the same kind of quantity (a and a, w and w, x and x), or z and a of one unit. */
    private boolean sameFamily(Var u, Var v) {
        String fu = family(u);
        String fv = family(v);
        if (fu == null || fv == null) {
            return false;
        }
        return fu.equals(fv) || unitOf(u) != null && unitOf(u).equals(unitOf(v));
    }

    /** "x", "a", "z", "w", "b", "y" or null. */
    private String family(Var v) {
        String n = v.name();
        for (int j = 1; j <= spec.inputCount(); j++) {
            if (sym.input(j).equals(v)) {
                return "x";
            }
        }
        for (int k = 1; k <= spec.outputCount(); k++) {
            if (sym.output(k).equals(v)) {
                return "a";
            }
            if (sym.target(k).equals(v)) {
                return "y";
            }
        }
        return NetworkSymbols.parse(n).map(q -> q.kind().prefix())
                .filter(f -> !f.equals(NetworkSymbols.Kind.DELTA.prefix())).orElse(null);
    }

    /** "l,i" for a[l,i], z[l,i] and the outputs (the unit's position), else null. */
    private String unitOf(Var v) {
        for (int k = 1; k <= spec.outputCount(); k++) {
            if (sym.output(k).equals(v)) {
                return sym.layers() + "," + k;
            }
        }
        return NetworkSymbols.parse(v.name())
                .filter(q -> q.kind() == NetworkSymbols.Kind.A || q.kind() == NetworkSymbols.Kind.Z)
                .map(q -> q.layer() + "," + q.i()).orElse(null);
    }

    private String constantMessage(double k, ClaimParser.Claim claim) {
        int n = spec.data().size();
        String frac = Numbers.fraction(k);
        Loss loss = spec.loss();
        if (k == -1) {
            String hint = switch (loss) {
                case SE -> " (∂(y − ŷ)²/∂ŷ = −2(y − ŷ) = 2(ŷ − y): the inner derivative of y − ŷ is −1)";
                case HALF_SE -> " (∂½(y − ŷ)²/∂ŷ = −(y − ŷ) = ŷ − y: the inner derivative of y − ŷ is −1)";
                case BCE, CE -> " (with cross-entropy the output error is ŷ − y, not y − ŷ)";
                case MAE -> " (∂|y − ŷ|/∂ŷ = −sign(y − ŷ) = sign(ŷ − y): the inner derivative of y − ŷ is −1)";
                case HUBER -> " (∂huber(y − ŷ)/∂ŷ = −huber′(y − ŷ): the inner derivative of y − ŷ is −1)";
            };
            return "your result has the wrong sign: it is −1 times the gradient" + hint;
        }
        if (k == 0.5 && (loss == Loss.SE)) {
            return "your result is half the gradient: the power rule's factor 2 from ∂(y − ŷ)²/∂ŷ = −2(y − ŷ) is missing";
        }
        if (k == 2 && loss == Loss.HALF_SE) {
            return "your result is twice the gradient: with L = ½(y − ŷ)² the ½ cancels the power rule's factor 2";
        }
        if (k == 2 && loss == Loss.SE) {
            return "your result is twice the gradient: the power rule's factor 2 appears once, not twice";
        }
        boolean mean = spec.reduction() == Reduction.MEAN;
        if (n > 1 && k == n) {
            if (of == Of.SAMPLE) {
                return "your result is N = " + n + " times the per-sample gradient: the per-sample gradient is not summed over the data";
            }
            return mean ? "your result is N = " + n + " times the gradient: it sums the " + n + " samples' gradients, but the loss is"
                    + " their mean (reduction: mean), so the batch gradient divides by N = " + n
                    : "your result is N = " + n + " times the gradient (reduction: sum): a factor N too many";
        }
        if (n > 1 && k == 1.0 / n) {
            if (of == Of.SAMPLE) {
                return "your result is the per-sample gradient divided by N = " + n
                        + ": averaging over samples belongs to the batch gradient, not to one sample's";
            }
            if (!mean) {
                return "your result is 1/N of the gradient (N = " + n + "): the loss is the sum over the samples (reduction: sum),"
                        + " not the mean, so there is no 1/N";
            }
            return "your result is 1/N of the gradient (N = " + n + "): the loss is the mean over the samples (reduction: mean), and"
                    + (claim.isNumber() ? " the mean divides the sum of the samples' gradients by N once, not twice" : " your claim is read as the per-sample term, which"
                    + " chainrule already averages; dividing it by " + n + " counts the mean twice (write the term of Σₙ with N,"
                    + " e.g. (yhat - y)/N, or leave the 1/N out)");
        }
        if (k == 0.5 || k == 2) {
            // a power rule's 2 is a guess only where the loss squares something; a cross-entropy has no square
            boolean squares = loss == Loss.SE || loss == Loss.HALF_SE || loss == Loss.HUBER || spec.regularization().l2() > 0;
            return "your result is " + (k == 2 ? "twice" : "half") + " the gradient" + (squares
                    ? " (a power rule's factor 2 gained or lost?)" : " (a factor 2 gained or lost: " + loss.yamlName()
                    + " has no square, so no power rule's 2 belongs in this gradient)");
        }
        return "your result is " + frac + " times the gradient (a constant factor is wrong)";
    }

    private List<Variant> variants(ParamId id, PathModel pm) {
        List<Variant> out = new ArrayList<>();
        String lhs = "∂L/∂" + TextPrinter.str(sym.param(id));
        if (pm.hasPaths()) {
            List<List<Factor>> paths = pm.paths();
            Map<String, Factor> factors = new LinkedHashMap<>();
            for (List<Factor> p : paths) {
                for (Factor f : p) {
                    if (!f.isOne()) {
                        factors.putIfAbsent(f.key(), f);
                    }
                }
            }
            boolean bceSigmoid = spec.loss() == Loss.BCE && spec.outputLayer().activation() == Activation.SIGMOID;
            // missing factors
            for (Factor f : factors.values()) {
                List<List<Factor>> without = new ArrayList<>();
                for (List<Factor> p : paths) {
                    without.add(p.stream().filter(g -> !g.key().equals(f.key())).toList());
                }
                out.add(new Variant(Diagnosis.Kind.MISSING_FACTOR, Prose.of("your result lacks the factor ", describe(f), " from ",
                        Prose.math(f.partial()), " (", f.ruleProse(), ")"), pm.sum(without),
                        "every link of the chain is one factor; for the link " + f.partial() + ", the " + f.ruleProse().text()));
            }
            // extra factors
            Expr truth = pm.sum(paths);
            for (Factor f : factors.values()) {
                Prose extra = Prose.of("your result has an extra factor ", describe(f), " (", Prose.math(f.partial()), ")");
                if (bceSigmoid && f.kind() == Factor.Kind.ACTIVATION && outputKeys().contains(f.key())) {
                    extra = extra.plus(": with BCE and a sigmoid output, ", Prose.math("∂L/∂ŷ · ∂ŷ/∂z = ŷ − y"), " already contains ",
                            Prose.math("σ′"));
                }
                out.add(new Variant(Diagnosis.Kind.EXTRA_FACTOR, extra, Exprs.product(truth, f.expr())));
            }
            if (spec.outputLayer().activation() == Activation.SOFTMAX) {
                softmaxSlips(pm, out);
            }
            if (id.isBias()) {
                for (int j = 1; j <= sym.width(id.layer() - 1); j++) {
                    Expr a = sym.a(id.layer() - 1, j);
                    out.add(new Variant(Diagnosis.Kind.EXTRA_FACTOR, Prose.of("your result has an extra factor ", a,
                            ": a bias is not multiplied by an input (", Prose.math("∂z/∂b = 1"), ")"), Exprs.product(truth, a)));
                }
            }
            wrongIndex(pm, factors, out);
            // activation in place of its derivative
            for (Factor f : factors.values()) {
                if (f.kind() != Factor.Kind.ACTIVATION || f.activation() == null) {
                    continue;
                }
                List<List<Factor>> swapped = new ArrayList<>();
                for (List<Factor> p : paths) {
                    swapped.add(p.stream().map(g -> g.key().equals(f.key())
                            ? new Factor(g.key(), g.kind(), g.activation(), null, g.of(), g.wrt(), g.name(), g.rules()) : g).toList());
                }
                out.add(new Variant(Diagnosis.Kind.ACTIVATION_NOT_DERIVATIVE, Prose.of("you used the activation ",
                        Prose.math(f.name().replace("′", "") + " = " + TextPrinter.str(f.activation())), " where its derivative ",
                        describe(f), " belongs (", Prose.math(f.partial()), ", ", f.ruleProse(), ")"), pm.sum(swapped),
                        "the link " + f.partial() + " is the activation's derivative, by the " + f.ruleProse().text()));
            }
        }
        // another parameter's gradient (on a large network, the parameters of the same layer, at most 200)
        int tried = 0;
        for (ParamId other : spec.parameters()) {
            if (other.equals(id)) {
                continue;
            }
            if (spec.parameterCount() > 200 && (other.layer() != id.layer() || ++tried > 200)) {
                continue;
            }
            String hint = other.isWeight() && id.isWeight() && other.layer() == id.layer() && other.neuron() == id.input()
                    && other.input() == id.neuron()
                    ? " (i and j swapped: w_ij^(l) connects neuron i of layer l to input j of the layer below)" : "";
            out.add(new Variant(Diagnosis.Kind.WRONG_PARAMETER, Prose.of("your result is ",
                    Prose.math("∂L/∂" + TextPrinter.str(sym.param(other))), ", the gradient of another parameter, not ",
                    Prose.math(lhs), hint), backprop.gradient(other)));
        }
        // missing paths
        if (pm.hasPaths() && pm.paths().size() >= 2 && pm.paths().size() <= 8) {
            int n = pm.paths().size();
            for (int mask = 1; mask < (1 << n) - 1; mask++) {
                List<List<Factor>> kept = new ArrayList<>();
                List<String> keptNames = new ArrayList<>();
                List<String> lost = new ArrayList<>();
                for (int p = 0; p < n; p++) {
                    String through = through(pm, p);
                    if ((mask & (1 << p)) != 0) {
                        kept.add(pm.paths().get(p));
                        keptNames.add(through);
                    } else {
                        lost.add(through);
                    }
                }
                out.add(new Variant(Diagnosis.Kind.MISSING_PATH, "your result follows only the path" + (keptNames.size() > 1 ? "s" : "")
                        + " through " + String.join(" and ", keptNames) + "; " + lhs + " also flows through "
                        + String.join(" and ", lost) + " (the multivariable chain rule sums over every path from L to the parameter)",
                        pm.sum(kept)));
            }
        }
        return out;
    }

    /**
     * A quantity with the wrong index (README, diagnosis kinds): another weight of the same layer on one edge of
     * the path (w₁₂⁽²⁾ for w₂₁⁽²⁾ is W for Wᵀ in a hidden δ; seed 004 writes w₁₁⁽²⁾ on its way to w′₁₂), every
     * weight of a layer transposed, or one symbol of the gradient swapped for another of its kind (a₂⁽¹⁾ for
     * a₁⁽¹⁾, x₁ for x₂, ŷ₂ for ŷ₁) or a unit's z for its a.
     */
    private void wrongIndex(PathModel pm, Map<String, Factor> factors, List<Variant> out) {
        int budget = 300;
        java.util.Set<Integer> layers = new java.util.TreeSet<>();
        for (Factor f : factors.values()) {
            if (f.kind() != Factor.Kind.WEIGHT || !(f.expr() instanceof Var w)) {
                continue;
            }
            ParamId right = ParamId.parse(w.name());
            layers.add(right.layer());
            for (int i = 1; i <= sym.width(right.layer()) && budget > 0; i++) {
                for (int j = 1; j <= sym.width(right.layer() - 1) && budget > 0; j++) {
                    if (i == right.neuron() && j == right.input()) {
                        continue;
                    }
                    Var other = sym.w(right.layer(), i, j);
                    boolean transposed = i == right.input() && j == right.neuron();
                    List<List<Factor>> swapped = new ArrayList<>();
                    for (List<Factor> p : pm.paths()) {
                        swapped.add(p.stream().map(g -> g.key().equals(f.key())
                                ? new Factor(g.key(), g.kind(), other, null, g.of(), g.wrt(), g.name(), g.rules()) : g).toList());
                    }
                    Prose said = Prose.of("you used ", other, " where ", w, " belongs (",
                            Prose.math(f.partial() + " = " + TextPrinter.str(w)), ", the weight on the edge from ", f.wrt(), " to ",
                            f.of(), ")");
                    if (transposed) {
                        said = said.plus(": the hidden ", Prose.math("δ"), " takes ", Prose.math("Wᵀ"), ", ",
                                Prose.math("δ⁽ˡ⁾ = g′(z⁽ˡ⁾) ⊙ W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾"), ", so the weight from unit " + right.input()
                                + " below to unit " + right.neuron() + " above is ", w);
                    }
                    out.add(new Variant(Diagnosis.Kind.WRONG_INDEX, said, pm.sum(swapped)));
                    budget--;
                }
            }
        }
        for (int m : layers) {
            Map<String, Expr> transpose = new HashMap<>();
            for (int i = 1; i <= sym.width(m); i++) {
                for (int j = 1; j <= sym.width(m - 1); j++) {
                    if (i <= sym.width(m - 1) && j <= sym.width(m)) {
                        transpose.put(sym.w(m, i, j).name(), sym.w(m, j, i));
                    }
                }
            }
            if (transpose.size() == sym.width(m) * sym.width(m - 1)) {
                out.add(new Variant(Diagnosis.Kind.WRONG_INDEX, "you used W⁽" + m + "⁾ where W⁽" + m + "⁾ᵀ belongs: every weight of layer " + m
                        + " with its indices swapped (the hidden δ takes Wᵀ: δ⁽ˡ⁾ = g′(z⁽ˡ⁾) ⊙ W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾)",
                        Exprs.substitute(pm.sum(pm.paths()), transpose)));
            }
        }
        Expr truth = pm.sum(pm.paths());
        for (String name : Exprs.variables(truth)) {
            Var v = new Var(name);
            for (Var other : neighbours(v)) {
                if (budget-- <= 0) {
                    return;
                }
                Expr swapped = Exprs.substitute(truth, Map.of(name, other));
                if (swapped.equals(truth)) {
                    continue;
                }
                boolean zForA = isZ(other.name()) && !isZ(name);
                out.add(new Variant(Diagnosis.Kind.WRONG_INDEX, Prose.of("you used ", other, " where ", v, " belongs",
                        zForA ? Prose.of(" (", other, " is the unit's input, before the activation; ",
                                Prose.math(TextPrinter.str(v) + " = " + activationName(other) + "(" + TextPrinter.str(other) + ")"),
                                " is its output)") : where(pm, v)), swapped));
            }
        }
    }

    private static boolean isZ(String name) {
        return NetworkSymbols.parse(name).filter(q -> q.kind() == NetworkSymbols.Kind.Z).isPresent();
    }

    /** σ, tanh, ReLU … of the layer of z[l,i]. */
    private String activationName(Var z) {
        return NetworkSymbols.parse(z.name()).map(q -> spec.layer(q.layer()).activation().symbol()).orElse("g");
    }

    /** The symbols a student may write in place of v: the same kind with another index, z for a, a for z. */
    private List<Var> neighbours(Var v) {
        List<Var> out = new ArrayList<>();
        for (int j = 1; j <= spec.inputCount(); j++) {
            if (sym.input(j).equals(v)) {
                for (int j2 = 1; j2 <= spec.inputCount(); j2++) {
                    if (j2 != j) {
                        out.add(sym.input(j2));
                    }
                }
                return out;
            }
        }
        for (int k = 1; k <= spec.outputCount(); k++) {
            if (sym.target(k).equals(v)) {
                for (int k2 = 1; k2 <= spec.outputCount(); k2++) {
                    if (k2 != k) {
                        out.add(sym.target(k2));
                    }
                }
                return out;
            }
        }
        for (int l = 1; l <= sym.layers(); l++) {
            for (int i = 1; i <= sym.width(l); i++) {
                boolean isA = sym.a(l, i).equals(v);
                boolean isZ = sym.z(l, i).equals(v);
                if (!isA && !isZ) {
                    continue;
                }
                for (int i2 = 1; i2 <= sym.width(l); i2++) {
                    if (i2 != i) {
                        out.add(isA ? sym.a(l, i2) : sym.z(l, i2));
                    }
                }
                Activation g = spec.layer(l).activation();
                if (g != Activation.IDENTITY) {
                    out.add(isA ? sym.z(l, i) : sym.a(l, i));
                }
                return out;
            }
        }
        return out;
    }

    /**
     * Three slips with a softmax output, where every path starts with the output error δₖ = ∂L/∂zₖ: the softmax
     * treated like a sigmoid on top of it (an extra ŷₖ(1 − ŷₖ)), only the j = k term of δₖ = Σⱼ ∂L/∂ŷⱼ·∂ŷⱼ/∂zₖ,
     * and the softmax's derivative forgotten altogether (∂L/∂ŷₖ in place of ∂L/∂zₖ).
     */
    private void softmaxSlips(PathModel pm, List<Variant> out) {
        boolean ce = spec.loss() == Loss.CE;
        List<List<Factor>> sigmoidOnTop = new ArrayList<>();
        List<List<Factor>> stopped = new ArrayList<>();
        List<List<Factor>> diagonal = new ArrayList<>();
        List<String> lossFactors = new ArrayList<>();
        for (int p = 0; p < pm.paths().size(); p++) {
            int k = pm.units().get(p).get(pm.units().get(p).size() - 1);
            Var yhat = sym.output(k);
            Expr dLdyhat = pm.lossDerivative(k);
            lossFactors.add("∂L/∂" + TextPrinter.str(yhat) + " = " + TextPrinter.str(dLdyhat));
            List<Factor> a = new ArrayList<>();
            List<Factor> b = new ArrayList<>();
            List<Factor> c = new ArrayList<>();
            for (Factor f : pm.paths().get(p)) {
                if (f.kind() == Factor.Kind.OUTPUT_ERROR) {
                    Expr sig = Exprs.product(yhat, Exprs.sub(Num.ONE, yhat));
                    a.add(new Factor(f.key(), f.kind(), Exprs.product(f.expr(), sig), null, f.of(), f.wrt(), f.name(), f.rules()));
                    b.add(new Factor(f.key(), f.kind(), dLdyhat, null, f.of(), f.wrt(), f.name(), f.rules()));
                    c.add(new Factor(f.key(), f.kind(), Exprs.product(dLdyhat, sig), null, f.of(), f.wrt(), f.name(), f.rules()));
                } else {
                    a.add(f);
                    b.add(f);
                    c.add(f);
                }
            }
            sigmoidOnTop.add(a);
            stopped.add(b);
            diagonal.add(c);
        }
        Var first = sym.output(pm.units().get(0).get(pm.units().get(0).size() - 1));
        String outputs = pm.paths().size() == 1 ? TextPrinter.str(Exprs.product(first, Exprs.sub(Num.ONE, first)))
                : "ŷₖ(1 − ŷₖ) on each path";
        out.add(new Variant(Diagnosis.Kind.EXTRA_FACTOR, "your result has an extra factor " + outputs + ", as if the output were a sigmoid"
                + (ce ? ": with softmax and cross-entropy together, ∂L/∂zₖ = ŷₖ − yₖ already contains the softmax's derivative"
                        : ": a softmax output's ∂ŷⱼ/∂zₖ = ŷⱼ([j = k] − ŷₖ) couples every output"), pm.sum(sigmoidOnTop)));
        out.add(new Variant(Diagnosis.Kind.MISSING_PATH, "your result keeps only the j = k term of ∂L/∂zₖ = Σⱼ ∂L/∂ŷⱼ·∂ŷⱼ/∂zₖ:"
                + " with a softmax output every ŷⱼ depends on every zₖ (∂ŷⱼ/∂zₖ = −ŷⱼŷₖ for j ≠ k)", pm.sum(diagonal)));
        out.add(new Variant(Diagnosis.Kind.MISSING_FACTOR, "your result stops at " + String.join(", ", lossFactors)
                + ": the softmax's derivative ∂ŷ/∂z is missing (∂L/∂zₖ = Σⱼ ∂L/∂ŷⱼ·∂ŷⱼ/∂zₖ"
                + (ce ? ", which is ŷₖ − yₖ with cross-entropy)" : ")"), pm.sum(stopped)));
    }

    private String through(PathModel pm, int p) {
        List<Integer> u = pm.units().get(p);
        List<String> parts = new ArrayList<>();
        for (int m = 1; m < u.size(); m++) {
            parts.add(TextPrinter.str(sym.z(pm.id().layer() + m, u.get(m))));
        }
        return String.join(" → ", parts);
    }

    private java.util.Set<String> outputKeys() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int k = 1; k <= spec.outputCount(); k++) {
            out.add("act:" + sym.output(k).name());
        }
        return out;
    }

    static Prose.Math describe(Factor f) {
        String e = TextPrinter.str(f.expr());
        return Prose.math(f.name().equals(e) ? e : f.name() + " = " + e);
    }
}
