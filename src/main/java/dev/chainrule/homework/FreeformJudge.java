package dev.chainrule.homework;

import dev.chainrule.UserError;
import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.derive.Derivation;
import dev.chainrule.derive.Differentiator;
import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Simplifier;
import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.Prose;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.numeric.Evaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Judges claims about ∂f/∂v of a free-form function (no network): the truth by our rules (Differentiator on
 * the expanded function; the chain rule through the named intermediates for the derivation shown), compared at
 * random values of every leaf.
 */
public final class FreeformJudge {
    public static final int POINTS = 40;

    private final Definitions defs;
    private final Expr target;
    private final Var wrt;
    private final Expr truth;
    private final Set<String> leaves;
    private final Evaluator evaluator;
    private final List<Map<String, Double>> points = new ArrayList<>();
    /** The same derivation as trees, for the document formats. */
    private final List<Step> equations = new ArrayList<>();
    private final Expr lhsExpr;
    private final List<List<Expr>> pathFactors = new ArrayList<>();
    private final List<List<String>> pathNames = new ArrayList<>();
    private final String lhs;
    private Expr shownResult;

    public FreeformJudge(String program, String wrtName, long seed) {
        Program prog = Parser.parseProgram(program);
        this.defs = prog.toDefinitions();
        this.target = prog.target();
        Expr w = Parser.parseExpression(wrtName);
        if (!(w instanceof Var v)) {
            throw new UserError("--wrt " + wrtName + ": expected a variable name");
        }
        this.wrt = v;
        if (defs.isDefined(wrt.name())) {
            throw new UserError("--wrt " + wrt.name() + ": it is defined in --expr; differentiate by a free variable");
        }
        if (!defs.dependsOn(target, wrt.name())) {
            throw new UserError("--wrt " + wrt.name() + ": " + InputPrinter.str(target) + " does not depend on it");
        }
        this.leaves = new LinkedHashSet<>(defs.leaves(target));
        this.truth = new Differentiator().derivative(defs.expand(target), wrt);
        this.evaluator = new Evaluator(defs);
        String of = target instanceof Var t ? TextPrinter.str(t) : "f";
        this.lhs = "∂" + of + "/∂" + TextPrinter.str(wrt);
        this.lhsExpr = new Expr.Derivative(target instanceof Var t ? t : new Var("f"), wrt);
        explain(of);
        SplittableRandom r = new SplittableRandom(seed);
        for (int p = 0; p < POINTS; p++) {
            Map<String, Double> env = new HashMap<>();
            for (String leaf : leaves) {
                env.put(leaf, p % 2 == 0 ? r.nextDouble(-2, 2) : r.nextDouble(0.05, 0.95));
            }
            points.add(env);
        }
    }

    private void explain(String of) {
        if (target instanceof Var t && defs.isDefined(t.name())) {
            ChainDerivation cd = new ChainRule(defs).derive(t, wrt);
            if (cd.isDirect()) {
                addSteps(cd.direct());
                return;
            }
            Map<String, Expr> edge = new HashMap<>();
            List<Step> localEqs = new ArrayList<>();
            for (LocalDerivative l : cd.locals()) {
                localEqs.add(Step.equation(new Expr.Derivative(l.of(), l.wrt()), l.derivation().result(), ""));
                edge.put(l.of().name() + "→" + l.wrt().name(), l.derivation().result());
            }
            List<Expr> chainExprs = new ArrayList<>();
            for (List<Var> path : cd.paths()) {
                List<Expr> fs = new ArrayList<>();
                List<String> names = new ArrayList<>();
                List<Expr> partials = new ArrayList<>();
                for (int i = 0; i + 1 < path.size(); i++) {
                    Expr e = edge.get(path.get(i).name() + "→" + path.get(i + 1).name());
                    fs.add(e == null ? Expr.Num.ONE : e);
                    names.add("∂" + TextPrinter.str(path.get(i)) + "/∂" + TextPrinter.str(path.get(i + 1)));
                    partials.add(new Expr.Derivative(path.get(i), path.get(i + 1)));
                }
                chainExprs.add(partials.size() == 1 ? partials.get(0) : new Expr.Product(partials));
                pathFactors.add(fs);
                pathNames.add(names);
            }
            shownResult = cd.result();
            List<String> chains = pathNames.stream().map(n -> String.join(" · ", n)).toList();
            Rule rule = chains.size() == 1 ? Rule.CHAIN : Rule.MULTIVARIABLE_CHAIN;
            equations.add(Step.equation(lhsExpr, chainExprs.size() == 1 ? chainExprs.get(0) : new Expr.Sum(chainExprs), rule));
            equations.addAll(localEqs);
            for (Step s : cd.steps().subList(Math.min(1, cd.steps().size()), cd.steps().size())) {
                equations.add(s.under(equations.size() == 1 + localEqs.size() ? lhsExpr : null, false));
            }
        } else {
            addSteps(new Differentiator(new Simplifier(defs)).derive(defs.expand(target), wrt));
        }
    }

    private void addSteps(Derivation d) {
        equations.add(Step.equation(lhsExpr, d.goal(), ""));
        for (Step s : d.steps()) {
            equations.add(s);
        }
    }

    public Expr truth() {
        return truth;
    }

    public Definitions definitions() {
        return defs;
    }

    Expr parseClaim(String claim) {
        String rhs = claim;
        int eq = claim.indexOf('=');
        if (eq >= 0) {
            rhs = claim.substring(eq + 1);
        }
        Expr e;
        try {
            e = Parser.parseExpression(rhs.strip());
        } catch (UserError ex) {
            throw new UserError("in the claim: " + ex.getMessage());
        }
        if (Exprs.containsDerivative(e)) {
            throw new UserError("in the claim: write the derivative out instead of d(…, …)");
        }
        for (String v : Exprs.variables(e)) {
            if (!leaves.contains(v) && !defs.isDefined(v)) {
                Set<String> known = new LinkedHashSet<>(leaves);
                known.addAll(defs.asMap().keySet());
                throw new UserError("unknown symbol '" + v + "' in the claim; the function's symbols are " + String.join(", ", known));
            }
        }
        return e;
    }

    public Optional<Symbolic.Pair> symbolicPair(String claim) {
        return Optional.of(new Symbolic.Pair(parseClaim(claim), truth, defs));
    }

    private double[] values(Expr e, boolean[] kink) {
        double[] out = new double[points.size()];
        for (int p = 0; p < points.size(); p++) {
            final int pi = p;
            try {
                out[p] = evaluator.eval(e, points.get(p), ev -> {
                    if (kink != null && Math.abs(ev.argument()) < NetworkJudge.KINK) {
                        kink[pi] = true;
                    }
                });
                if (!Double.isFinite(out[p])) {
                    out[p] = Double.NaN;
                }
            } catch (UserError | ArithmeticException | IllegalStateException ex) {
                out[p] = Double.NaN;
            }
        }
        return out;
    }

    public ClaimResult judge(String claimText) {
        Expr claim = parseClaim(claimText);
        List<Expr> expectedExprs = shownResult != null && !shownResult.equals(truth) ? List.of(shownResult, truth) : List.of(truth);
        return judge(claimText, claim).withWorked(new Worked(lhsExpr, claim,
                Worked.forms(expectedExprs, "through the intermediates", "written out"), Optional.empty()));
    }

    private ClaimResult judge(String claimText, Expr claim) {
        String rhs = claimText.contains("=") ? claimText.substring(claimText.indexOf('=') + 1).strip() : claimText.strip();
        boolean[] kink = new boolean[points.size()];
        double[] t = values(truth, kink);
        double[] c = values(claim, kink);
        boolean[] valid = new boolean[points.size()];
        int used = 0;
        int skipped = 0;
        for (int p = 0; p < points.size(); p++) {
            if (kink[p] || Double.isNaN(t[p]) || Double.isNaN(c[p])) {
                skipped++;
                continue;
            }
            valid[p] = true;
            used++;
        }
        String expected = InputPrinter.str(shownResult != null ? shownResult : truth);
        String expectedExplicit = InputPrinter.str(truth);
        String param = wrt.name();
        if (used == 0) {
            return new ClaimResult(param, rhs, ClaimVerdict.UNDECIDED, null, expected, expectedExplicit, equations, 0, skipped,
                    "neither random point could be used (the function, or the claim, is undefined there, or on a kink)",
                    Double.NaN, Double.NaN, "");
        }
        int shown = -1;
        for (int p = 0; p < points.size() && shown < 0; p++) {
            if (valid[p] && !Numbers.close(c[p], t[p], 1e-8)) {
                shown = p;
            }
        }
        for (int p = 0; p < points.size() && shown < 0; p++) {
            if (valid[p]) {
                shown = p;
            }
        }
        String where = "random point " + pointText(points.get(shown));
        String note = "compared at " + used + " random points" + (skipped > 0 ? " (" + skipped + " skipped: undefined or on a kink)" : "");
        if (Numbers.same(c, t, valid) && Numbers.allZero(t, valid)) {
            return new ClaimResult(param, rhs, ClaimVerdict.UNDECIDED, null, expected, expectedExplicit, equations, used, skipped,
                    "the derivative is 0 at every point compared, so the numbers cannot tell your result from any other that"
                    + " vanishes there; " + note, c[shown], t[shown], where);
        }
        if (Numbers.same(c, t, valid)) {
            return new ClaimResult(param, rhs, ClaimVerdict.CORRECT, null, expected, expectedExplicit, equations, used, skipped,
                    note, c[shown], t[shown], where);
        }
        Diagnosis d = diagnose(c, t, valid);
        return new ClaimResult(param, rhs, ClaimVerdict.INCORRECT, d, expected, expectedExplicit, equations, used, skipped,
                note, c[shown], t[shown], where);
    }

    static String pointText(Map<String, Double> env) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(env).forEach((k, v) -> parts.add(k + " = " + NetworkJudge.num(v)));
        return String.join(", ", parts);
    }

    /** A slip, what it says, and the expression a claim with that slip equals. */
    private record Variant(Diagnosis.Kind kind, Prose message, Expr expr) {
    }

    private Diagnosis diagnose(double[] c, double[] t, boolean[] valid) {
        OptionalDouble r = Numbers.ratio(c, t, valid);
        if (r.isPresent()) {
            double k = r.getAsDouble();
            if (k == -1) {
                return new Diagnosis(Diagnosis.Kind.SIGN, Prose.of("your result has the wrong sign: it is −1 times ", Prose.math(lhs),
                        " (an inner derivative of −1, e.g. of ", Prose.math("t − z"), ", dropped?)"), -1, null);
            }
            Prose msg = k == 0.5 ? Prose.of("your result is half of ", Prose.math(lhs), " (the power rule's factor 2 is missing?)")
                    : k == 2 ? Prose.of("your result is twice ", Prose.math(lhs), " (a factor 2 counted twice, or a ½ dropped?)")
                    : Prose.of("your result is " + Numbers.fraction(k) + " times ", Prose.math(lhs), " (a constant factor is wrong)");
            return new Diagnosis(Diagnosis.Kind.CONSTANT_FACTOR, msg, k, null);
        }
        List<Variant> variants = new ArrayList<>();
        Map<String, Expr> factors = new LinkedHashMap<>();
        Map<String, String> factorNames = new HashMap<>();
        for (int p = 0; p < pathFactors.size(); p++) {
            for (int i = 0; i < pathFactors.get(p).size(); i++) {
                Expr f = pathFactors.get(p).get(i);
                if (f instanceof Expr.Num) {
                    continue;
                }
                String key = InputPrinter.str(f);
                factors.putIfAbsent(key, f);
                factorNames.putIfAbsent(key, pathNames.get(p).get(i));
            }
        }
        for (Map.Entry<String, Expr> e : factors.entrySet()) {
            Prose from = factorNames.containsKey(e.getKey()) ? Prose.of(" from ", Prose.math(factorNames.get(e.getKey())))
                    : Prose.words("");
            Expr f = e.getValue();
            variants.add(new Variant(Diagnosis.Kind.MISSING_FACTOR, Prose.of("your result lacks the factor ", f, from,
                    " (chain rule: every local derivative on the way is multiplied in)"), Exprs.div(truth, f)));
            variants.add(new Variant(Diagnosis.Kind.EXTRA_FACTOR, Prose.of("your result has an extra factor ", f, from),
                    Exprs.product(truth, f)));
        }
        // σ(u) in place of σ′(u) in a local derivative
        for (int p = 0; p < pathFactors.size(); p++) {
            for (int i = 0; i < pathFactors.get(p).size(); i++) {
                Expr f = pathFactors.get(p).get(i);
                Expr act = activationOf(f);
                if (act != null) {
                    List<Expr> swapped = new ArrayList<>();
                    for (List<Expr> path : pathFactors) {
                        swapped.add(Exprs.product(path.stream().map(g -> g.equals(f) ? act : g).toList()));
                    }
                    variants.add(new Variant(Diagnosis.Kind.ACTIVATION_NOT_DERIVATIVE, Prose.of("you used the activation ", act,
                            " where its derivative ", f, " belongs (", Prose.math(pathNames.get(p).get(i)), ")"),
                            Exprs.sum(swapped)));
                }
            }
        }
        // factors of the result itself (in the intermediates when the chain rule went through them)
        Expr result = shownResult != null ? shownResult : truth;
        for (Expr f : Exprs.nonConstantFactors(result)) {
            String key = InputPrinter.str(f);
            if (factors.containsKey(key)) {
                continue;
            }
            factors.put(key, f);
            variants.add(new Variant(Diagnosis.Kind.MISSING_FACTOR, Prose.of("your result lacks the factor ", f,
                    " (chain rule: every local derivative on the way is multiplied in)"), Exprs.div(truth, f)));
            variants.add(new Variant(Diagnosis.Kind.EXTRA_FACTOR, Prose.of("your result has an extra factor ", f), Exprs.product(truth, f)));
        }
        int n = pathFactors.size();
        if (n >= 2 && n <= 8) {
            for (int mask = 1; mask < (1 << n) - 1; mask++) {
                List<Expr> kept = new ArrayList<>();
                List<String> lost = new ArrayList<>();
                for (int p = 0; p < n; p++) {
                    if ((mask & (1 << p)) != 0) {
                        kept.add(Exprs.product(pathFactors.get(p)));
                    } else {
                        lost.add(String.join(" · ", pathNames.get(p)));
                    }
                }
                Prose paths = Prose.words("your result leaves out the path" + (lost.size() > 1 ? "s " : " "));
                for (int q = 0; q < lost.size(); q++) {
                    paths = paths.plus(q == 0 ? "" : " and ", Prose.math(lost.get(q)));
                }
                variants.add(new Variant(Diagnosis.Kind.MISSING_PATH, paths.plus(" (the multivariable chain rule sums over every path)"),
                        Exprs.sum(kept)));
            }
        }
        List<double[]> vals = new ArrayList<>();
        for (Variant v : variants) {
            double[] vv = values(v.expr(), null);
            vals.add(vv);
            if (Numbers.same(c, vv, valid)) {
                return new Diagnosis(v.kind(), v.message(), 1, InputPrinter.str(v.expr()));
            }
        }
        for (int i = 0; i < variants.size(); i++) {
            OptionalDouble k = Numbers.ratio(c, vals.get(i), valid);
            if (k.isPresent()) {
                double f = k.getAsDouble();
                String also = f == -1 ? "; it also has the wrong sign" : "; it is also off by a factor " + Numbers.fraction(f);
                return new Diagnosis(variants.get(i).kind(), variants.get(i).message().plus(also), f, InputPrinter.str(variants.get(i).expr()));
            }
        }
        return new Diagnosis(Diagnosis.Kind.OTHER, "your result does not match " + lhs + " nor a usual slip (sign, constant factor,"
                + " a missing or extra factor, missing paths); compare it with the derivation", Double.NaN, null);
    }

    /** For a local derivative that is an activation's derivative (σ(u)(1 − σ(u)), 1 − tanh²(u), [u > 0]), the activation. */
    private Expr activationOf(Expr f) {
        if (f instanceof Expr.Call c && c.fn() == Fn.STEP) {
            return new Expr.Call(Fn.RELU, c.arg());
        }
        if (f instanceof Expr.Product p && p.factors().size() == 2) {
            Expr a = p.factors().get(0);
            if (a instanceof Expr.Call c && c.fn() == Fn.SIGMOID || a instanceof Var) {
                if (p.factors().get(1).equals(Exprs.sub(Expr.Num.ONE, a))) {
                    return a;
                }
            }
        }
        return null;
    }
}
