package dev.chainrule.homework;

import dev.chainrule.UserError;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
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

    public enum Of { SAMPLE, BATCH }

    private final NetworkSpec spec;
    private final NetworkModel model;
    private final Backprop backprop;
    private final NetworkSymbols sym;
    private final Evaluator evaluator;
    private final Optional<Integer> sample;
    private final Of of;
    private final List<Point> points = new ArrayList<>();

    /** One comparison point: the sample environments (one, or all for a batch) and whether it is the spec's own. */
    private record Point(List<Map<String, Double>> envs, boolean spec, String where) {
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
            points.add(new Point(allSamples(params), true, "the spec's values (all " + n + " samples)"));
            int random = (int) Math.max(3, Math.min(RANDOM_POINTS, 20_000L / n));
            for (int p = 0; p < random; p++) {
                points.add(new Point(allSamples(perturb(params, r)), false, "random parameters"));
            }
            return;
        }
        if (sample.isPresent()) {
            int s = sample.get();
            points.add(new Point(List.of(model.sampleValues(s)), true, "sample " + s + " (spec's values)"));
            for (int p = 0; p < RANDOM_POINTS; p++) {
                points.add(new Point(List.of(NetworkModel.layered(sampleOnly(s), perturb(params, r))), false,
                        "sample " + s + ", random parameters"));
            }
            return;
        }
        for (int s = 1; s <= n; s++) {
            points.add(new Point(List.of(model.sampleValues(s)), true, "sample " + s + " (spec's values)"));
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
            points.add(new Point(List.of(NetworkModel.layered(own, perturb(params, r))), false, at.toString()));
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

    /** Values of several expressions at every point; NaN where an expression cannot be evaluated. */
    private final class Values {
        final List<List<Evaluator.Scope>> scopes = new ArrayList<>();
        final boolean[] kink = new boolean[points.size()];

        Values() {
            for (int p = 0; p < points.size(); p++) {
                final int pi = p;
                List<Evaluator.Scope> row = new ArrayList<>();
                for (Map<String, Double> env : points.get(p).envs()) {
                    row.add(evaluator.scope(env, (KinkEvent ev) -> {
                        if (Math.abs(ev.argument()) < KINK) {
                            kink[pi] = true;
                        }
                    }));
                }
                scopes.add(row);
            }
        }

        double[] of(Expr e) {
            double[] out = new double[points.size()];
            for (int p = 0; p < points.size(); p++) {
                out[p] = at(e, p);
            }
            return out;
        }

        double at(Expr e, int p) {
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
            return spec.reduction() == Reduction.MEAN && row.size() > 1 ? sum / row.size() : sum;
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
        String reduction = of == Of.BATCH ? spec.reduction().name().toLowerCase(java.util.Locale.ROOT) : "";
        Worked worked = new Worked(new Expr.Derivative(PathModel.LOSS, sym.param(claim.id())), claim.expr(),
                Worked.forms(expected, "chain rule, written out", "δ form"),
                reduction, Derivations.equations(paths, sym, claim.id()));
        return judge(claim, paths, truth, explicit, number, diagnose).withWorked(worked);
    }

    private ClaimResult judge(ClaimParser.Claim claim, PathModel paths, Expr truth, Expr explicit, boolean number,
                              boolean diagnose) {
        ParamId id = claim.id();
        List<String> expectedText = new ArrayList<>();
        String lhs = "∂L/∂" + TextPrinter.str(sym.param(id));
        String reduce = of == Of.BATCH ? (spec.reduction() == Reduction.MEAN ? "(1/N) Σₙ " : "Σₙ ") : "";
        expectedText.add(lhs + " = " + reduce + paren(reduce, TextPrinter.str(explicit)));
        if (!explicit.equals(truth)) {
            expectedText.add(lhs + " = " + reduce + paren(reduce, TextPrinter.str(truth)));
        }
        List<String> derivation = Derivations.lines(paths, sym, id);
        String expected = InputPrinter.str(truth);
        String expectedExplicit = InputPrinter.str(explicit);

        Values vals = new Values();
        boolean constant = number;
        if (constant && of == Of.SAMPLE && sample.isEmpty() && spec.data().size() > 1) {
            throw new UserError("the claim for " + id + " is a number: say which sample it is for with --sample N"
                    + " (or --of batch for the gradient of the whole data set's loss)");
        }
        double[] t = vals.of(truth);
        double[] c = vals.of(claim.expr());
        boolean[] valid = new boolean[points.size()];
        int used = 0;
        int skippedKink = 0;
        int skippedClaim = 0;
        for (int p = 0; p < points.size(); p++) {
            if (constant && !points.get(p).spec()) {
                continue;
            }
            if (Double.isNaN(t[p])) {
                continue;
            }
            if (vals.kink[p] && !Numbers.close(c[p], t[p], 1e-8)) {
                // on a ReLU kink the derivative is not defined: a disagreement there proves nothing
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
                    : skippedKink > 0 ? "every point sits on a ReLU kink, where the derivative is not defined"
                    : "the true gradient could not be evaluated";
            return new ClaimResult(id.toString(), claim.text(), ClaimResult.UNDECIDED, null, expected, expectedExplicit, expectedText,
                    derivation, 0, skipped, why, cv, tv, where);
        }
        String note = constant
                ? "compared as a number at " + where
                : (of == Of.BATCH ? "the claim is taken per sample and " + (spec.reduction() == Reduction.MEAN ? "averaged" : "summed")
                        + " over the " + spec.data().size() + " samples (reduction: " + spec.reduction().name().toLowerCase(java.util.Locale.ROOT) + "); " : "")
                + "compared at " + used + " points (" + (of == Of.BATCH ? "the spec's values and random parameters" : "the data and random points around the spec's values") + ")"
                + (skippedKink > 0 ? "; " + skippedKink + " on a ReLU kink (z = 0, where ReLU′ is not defined) skipped" : "")
                + (skippedClaim > 0 ? "; the claim is undefined at " + skippedClaim : "");
        if (constant) {
            double tol = claim.decimals().map(d -> 0.5 * Math.pow(10, -d) * 1.000001).orElse(0.0);
            if (Math.abs(cv - tv) <= Math.max(tol, Numbers.REL * Math.abs(tv) + Numbers.ABS)) {
                return new ClaimResult(id.toString(), claim.text(), ClaimResult.CORRECT, null, expected, expectedExplicit, expectedText,
                        derivation, used, skipped, note + (tol > 0 ? " (rounded to " + claim.decimals().get() + " decimals)" : ""),
                        cv, tv, where);
            }
            Diagnosis d = diagnose ? numberDiagnosis(cv, tv, claim, vals, first) : NOT_DIAGNOSED;
            return new ClaimResult(id.toString(), claim.text(), ClaimResult.INCORRECT, d, expected, expectedExplicit, expectedText,
                    derivation, used, skipped, note, cv, tv, where);
        }
        if (Numbers.same(c, t, valid)) {
            if (Numbers.allZero(t, valid)) {
                return new ClaimResult(id.toString(), claim.text(), ClaimResult.UNDECIDED, null, expected, expectedExplicit, expectedText,
                        derivation, used, skipped, "the gradient is 0 at every point compared (a ReLU on the path is off there), so"
                        + " the numbers cannot tell your result from any other that vanishes there; " + note, cv, tv, where);
            }
            return new ClaimResult(id.toString(), claim.text(), ClaimResult.CORRECT, null, expected, expectedExplicit, expectedText,
                    derivation, used, skipped, note, cv, tv, where);
        }
        Diagnosis d = diagnose ? diagnose(id, paths, c, t, valid, vals) : NOT_DIAGNOSED;
        if (diagnose && agreesAtSpecPoints(c, t, valid)) {
            d = new Diagnosis(d.kind(), d.message() + "; it agrees with the gradient at the spec's own values, but not as a formula",
                    d.factor(), d.matched());
        }
        return new ClaimResult(id.toString(), claim.text(), ClaimResult.INCORRECT, d, expected, expectedExplicit, expectedText,
                derivation, used, skipped, note, cv, tv, where);
    }

    /** What an incorrect claim carries when it was not diagnosed (a later wrong line of worked steps). */
    static final Diagnosis NOT_DIAGNOSED = new Diagnosis(Diagnosis.OTHER, "not diagnosed", Double.NaN, null);

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
        return new Evaluated(out, v.kink.clone());
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

    private static String paren(String reduce, String s) {
        return reduce.isEmpty() || !(s.contains(" ") || s.contains("·")) ? s : "(" + s + ")";
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

    /** A rounded number: sign, constant factor, or another parameter's value. */
    private Diagnosis numberDiagnosis(double cv, double tv, ClaimParser.Claim claim, Values vals, int first) {
        double tol = claim.decimals().map(d -> 0.5 * Math.pow(10, -d) * 1.000001).orElse(1e-9 * Math.abs(tv));
        if (Math.abs(cv + tv) <= tol && tv != 0) {
            return new Diagnosis(Diagnosis.SIGN, "your number has the wrong sign: the gradient is " + num(tv), -1, null);
        }
        if (tv != 0) {
            double r = cv / tv;
            for (double k : new double[] {2, 0.5, spec.data().size(), 1.0 / spec.data().size()}) {
                if (Math.abs(cv - k * tv) <= tol * Math.max(1, k)) {
                    return new Diagnosis(Diagnosis.CONSTANT_FACTOR, constantMessage(Numbers.snap(k)) + "; the gradient is " + num(tv), k, null);
                }
            }
            if (Math.abs(r) > 0 && Double.isFinite(r)) {
                // fall through to the other checks
            }
        }
        for (ParamId other : spec.parameters().size() > 200 ? List.<ParamId>of() : spec.parameters()) {
            if (other.equals(claim.id())) {
                continue;
            }
            double ov = vals.at(backprop.gradient(other), first);
            if (Math.abs(cv - ov) <= tol && Math.abs(cv - tv) > tol) {
                return new Diagnosis(Diagnosis.WRONG_PARAMETER, "your number is ∂L/∂" + TextPrinter.str(sym.param(other))
                        + " = " + num(ov) + ", the gradient of another parameter; ∂L/∂" + TextPrinter.str(sym.param(claim.id()))
                        + " = " + num(tv), 1, other.toString());
            }
        }
        return new Diagnosis(Diagnosis.OTHER, "your number " + num(cv) + " is not the gradient, which is " + num(tv), Double.NaN, null);
    }

    static String num(double v) {
        return dev.chainrule.render.Fmt.num(v);
    }

    // ------------------------------------------------------------------------------------ diagnosis

    private record Variant(String kind, String message, Expr expr) {
    }

    private Diagnosis diagnose(ParamId id, PathModel paths, double[] c, double[] t, boolean[] valid, Values vals) {
        OptionalDouble r = Numbers.ratio(c, t, valid);
        if (r.isPresent()) {
            double k = r.getAsDouble();
            String kind = k == -1 ? Diagnosis.SIGN : Diagnosis.CONSTANT_FACTOR;
            return new Diagnosis(kind, constantMessage(k), k, null);
        }
        List<Variant> variants = variants(id, paths);
        List<double[]> values = new ArrayList<>();
        for (Variant v : variants) {
            double[] vv = vals.of(v.expr());
            values.add(vv);
            if (Numbers.same(c, vv, valid)) {
                return new Diagnosis(v.kind(), v.message(), 1, InputPrinter.str(v.expr()));
            }
        }
        for (int i = 0; i < variants.size(); i++) {
            OptionalDouble k = Numbers.ratio(c, values.get(i), valid);
            if (k.isPresent()) {
                Variant v = variants.get(i);
                double f = k.getAsDouble();
                String also = f == -1 ? "; it also has the wrong sign" : "; it is also off by a factor " + Numbers.fraction(f);
                return new Diagnosis(v.kind(), v.message() + also, f, InputPrinter.str(v.expr()));
            }
        }
        return new Diagnosis(Diagnosis.OTHER, "your result does not match the gradient, nor a usual slip (sign, constant factor,"
                + " a missing or extra local derivative, σ in place of σ′, another parameter's gradient, missing paths)"
                + "; compare it with the derivation below", Double.NaN, null);
    }

    private String constantMessage(double k) {
        int n = spec.data().size();
        String frac = Numbers.fraction(k);
        Loss loss = spec.loss();
        if (k == -1) {
            String hint = switch (loss) {
                case SE -> " (∂(y − ŷ)²/∂ŷ = −2(y − ŷ) = 2(ŷ − y): the inner derivative of y − ŷ is −1)";
                case HALF_SE -> " (∂½(y − ŷ)²/∂ŷ = −(y − ŷ) = ŷ − y: the inner derivative of y − ŷ is −1)";
                case BCE, CE -> " (with cross-entropy the output error is ŷ − y, not y − ŷ)";
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
        if (n > 1 && k == n) {
            return of == Of.BATCH
                    ? "your result is " + n + " times the gradient: it sums the " + n + " samples' gradients, but the loss is their mean (divide by N = " + n + ")"
                    : "your result is N = " + n + " times the per-sample gradient: the per-sample gradient is not summed over the data";
        }
        if (n > 1 && k == 1.0 / n) {
            return of == Of.BATCH
                    ? "your result is 1/" + n + " of the gradient: the loss is the sum over samples (reduction: sum), not the mean"
                    : "your result is the per-sample gradient divided by N = " + n + ": averaging over samples belongs to the batch gradient, not to one sample's";
        }
        if (k == 0.5 || k == 2) {
            return "your result is " + (k == 2 ? "twice" : "half") + " the gradient (a power rule's factor 2 gained or lost?)";
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
                out.add(new Variant(Diagnosis.MISSING_FACTOR, "your result lacks the factor " + describe(f) + " from "
                        + f.partial() + " (" + f.rule() + ")", pm.sum(without)));
            }
            // extra factors
            Expr truth = pm.sum(paths);
            for (Factor f : factors.values()) {
                String extra = "your result has an extra factor " + describe(f) + " (" + f.partial() + ")";
                if (bceSigmoid && f.kind() == Factor.Kind.ACTIVATION && outputKeys().contains(f.key())) {
                    extra += ": with BCE and a sigmoid output, ∂L/∂ŷ · ∂ŷ/∂z = ŷ − y already contains σ′";
                }
                out.add(new Variant(Diagnosis.EXTRA_FACTOR, extra, Exprs.product(truth, f.expr())));
            }
            if (spec.outputLayer().activation() == Activation.SOFTMAX) {
                softmaxSlips(pm, out);
            }
            if (id.isBias()) {
                for (int j = 1; j <= sym.width(id.layer() - 1); j++) {
                    Expr a = sym.a(id.layer() - 1, j);
                    out.add(new Variant(Diagnosis.EXTRA_FACTOR, "your result has an extra factor " + TextPrinter.str(a)
                            + ": a bias is not multiplied by an input (∂z/∂b = 1)", Exprs.product(truth, a)));
                }
            }
            wrongWeights(pm, factors, out);
            // activation in place of its derivative
            for (Factor f : factors.values()) {
                if (f.kind() != Factor.Kind.ACTIVATION || f.activation() == null) {
                    continue;
                }
                List<List<Factor>> swapped = new ArrayList<>();
                for (List<Factor> p : paths) {
                    swapped.add(p.stream().map(g -> g.key().equals(f.key())
                            ? new Factor(g.key(), g.kind(), g.activation(), null, g.of(), g.wrt(), g.name(), g.rule()) : g).toList());
                }
                out.add(new Variant(Diagnosis.ACTIVATION_NOT_DERIVATIVE, "you used the activation "
                        + f.name().replace("′", "") + " = " + TextPrinter.str(f.activation()) + " where its derivative "
                        + describe(f) + " belongs (" + f.partial() + ", " + f.rule() + ")", pm.sum(swapped)));
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
            out.add(new Variant(Diagnosis.WRONG_PARAMETER, "your result is ∂L/∂" + TextPrinter.str(sym.param(other))
                    + ", the gradient of another parameter, not " + lhs + hint, backprop.gradient(other)));
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
                out.add(new Variant(Diagnosis.MISSING_PATH, "your result follows only the path" + (keptNames.size() > 1 ? "s" : "")
                        + " through " + String.join(" and ", keptNames) + "; " + lhs + " also flows through "
                        + String.join(" and ", lost) + " (the multivariable chain rule sums over every path from L to the parameter)",
                        pm.sum(kept)));
            }
        }
        return out;
    }

    /**
     * Another weight of the same layer where the path's weight belongs (w₁₁⁽²⁾ for w₁₂⁽²⁾, as seed 004 writes on
     * its way to w′₁₂): not a kind of its own in the contract, so "other", with the edge named.
     */
    private void wrongWeights(PathModel pm, Map<String, Factor> factors, List<Variant> out) {
        int budget = 200;
        for (Factor f : factors.values()) {
            if (f.kind() != Factor.Kind.WEIGHT || !(f.expr() instanceof Var w)) {
                continue;
            }
            ParamId right = ParamId.parse(w.name());
            for (int i = 1; i <= sym.width(right.layer()) && budget > 0; i++) {
                for (int j = 1; j <= sym.width(right.layer() - 1) && budget > 0; j++) {
                    if (i == right.neuron() && j == right.input()) {
                        continue;
                    }
                    Var other = sym.w(right.layer(), i, j);
                    List<List<Factor>> swapped = new ArrayList<>();
                    for (List<Factor> p : pm.paths()) {
                        swapped.add(p.stream().map(g -> g.key().equals(f.key())
                                ? new Factor(g.key(), g.kind(), other, null, g.of(), g.wrt(), g.name(), g.rule()) : g).toList());
                    }
                    out.add(new Variant(Diagnosis.OTHER, "your result uses " + TextPrinter.str(other) + " where "
                            + f.partial() + " = " + TextPrinter.str(w) + " belongs (the weight on the edge from "
                            + TextPrinter.str(f.wrt()) + " to " + TextPrinter.str(f.of()) + ")", pm.sum(swapped)));
                    budget--;
                }
            }
        }
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
                    a.add(new Factor(f.key(), f.kind(), Exprs.product(f.expr(), sig), null, f.of(), f.wrt(), f.name(), f.rule()));
                    b.add(new Factor(f.key(), f.kind(), dLdyhat, null, f.of(), f.wrt(), f.name(), f.rule()));
                    c.add(new Factor(f.key(), f.kind(), Exprs.product(dLdyhat, sig), null, f.of(), f.wrt(), f.name(), f.rule()));
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
        out.add(new Variant(Diagnosis.EXTRA_FACTOR, "your result has an extra factor " + outputs + ", as if the output were a sigmoid"
                + (ce ? ": with softmax and cross-entropy together, ∂L/∂zₖ = ŷₖ − yₖ already contains the softmax's derivative"
                        : ": a softmax output's ∂ŷⱼ/∂zₖ = ŷⱼ([j = k] − ŷₖ) couples every output"), pm.sum(sigmoidOnTop)));
        out.add(new Variant(Diagnosis.MISSING_PATH, "your result keeps only the j = k term of ∂L/∂zₖ = Σⱼ ∂L/∂ŷⱼ·∂ŷⱼ/∂zₖ:"
                + " with a softmax output every ŷⱼ depends on every zₖ (∂ŷⱼ/∂zₖ = −ŷⱼŷₖ for j ≠ k)", pm.sum(diagonal)));
        out.add(new Variant(Diagnosis.MISSING_FACTOR, "your result stops at " + String.join(", ", lossFactors)
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

    static String describe(Factor f) {
        String e = TextPrinter.str(f.expr());
        return f.name().equals(e) ? e : f.name() + " = " + e;
    }
}
