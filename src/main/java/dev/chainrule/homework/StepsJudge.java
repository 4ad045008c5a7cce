package dev.chainrule.homework;

import dev.chainrule.UserError;
import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.derive.Derivation;
import dev.chainrule.derive.Differentiator;
import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.InputPrinter;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a worked derivation line by line. The file holds, in order: optional definitions ({@code L = (t - z)^2},
 * {@code z = w1*x1 + b}), an optional goal line {@code d L / d w1} (or {@code dL/dw1}, {@code ∂L/∂w1}), then one
 * expression per line (a leading {@code =} or {@code dL/dw1 =} is dropped; {@code d(expr, v)} is an unevaluated
 * derivative). With a goal, the first expression must equal the true derivative; each later line must equal
 * the one before, numerically at random points. The first line that does not is reported with the rule the
 * student was probably applying (the engine's step whose starting expression is closest to the line before)
 * and what that step gives.
 */
public final class StepsJudge {
    public static final int POINTS = 30;
    private static final Pattern GOAL = Pattern.compile("^\\s*(?:d|∂)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*/\\s*(?:d|∂)\\s*([A-Za-z_][A-Za-z0-9_\\[\\],]*)\\s*(=.*)?$");
    private static final Pattern DEF = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)$");

    private final Optional<String> program;
    /** The pairs of lines the last judgement rests on, for the symbolic judge: each line and the one before. */
    private final List<Compared> pairs = new ArrayList<>();

    /** A line of worked steps and the line before it, which it must equal. */
    public record Compared(String line, Symbolic.Pair pair) {
    }
    private final Optional<String> wrtOption;
    private final long seed;

    public StepsJudge(Optional<String> program, Optional<String> wrt, long seed) {
        this.program = program;
        this.wrtOption = wrt;
        this.seed = seed;
    }

    private record Line(int number, String text, Expr expr) {
    }

    /**
     * What the last {@link #judge} compared: for a wrong line, that line and the one before; for a correct
     * derivation, every line and the one before (the goal first).
     */
    public List<Compared> compared() {
        return List.copyOf(pairs);
    }

    public ClaimResult judge(String text) {
        pairs.clear();
        Map<String, Expr> defMap = new LinkedHashMap<>();
        program.ifPresent(p -> defMap.putAll(Parser.parseProgram(p).definitions()));
        String goalOf = null;
        String goalWrt = wrtOption.orElse(null);
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\\R", -1);
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i].strip();
            int n = i + 1;
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            Matcher g = GOAL.matcher(s);
            if (g.matches() && lines.isEmpty()) {
                if (goalOf != null && g.group(3) == null) {
                    throw new UserError("--steps line " + n + ": a second goal line");
                }
                goalOf = g.group(1);
                goalWrt = g.group(2);
                if (g.group(3) == null) {
                    continue;
                }
                s = g.group(3).substring(1).strip();
            } else if (g.matches()) {
                s = g.group(3) == null ? s : g.group(3).substring(1).strip();
            } else if (s.startsWith("=")) {
                s = s.substring(1).strip();
            } else {
                Matcher d = DEF.matcher(s);
                if (d.matches() && lines.isEmpty() && goalOf == null) {
                    defMap.putAll(definitions(s, n)); // "L = (t - z)^2; z = w1*x1 + b" on one line is fine too
                    continue;
                }
            }
            lines.add(new Line(n, s, parse(s, n)));
        }
        if (lines.isEmpty()) {
            throw new UserError("--steps: the file has no expression lines");
        }
        Definitions defs = new Definitions(defMap);
        Expr truth = null;
        Var wrt = goalWrt == null ? null : new Var(goalWrt);
        List<List<Step>> engine = new ArrayList<>();
        List<Expr> engineStarts = new ArrayList<>();
        if (goalOf != null) {
            Expr target = new Var(goalOf);
            if (!defs.isDefined(goalOf)) {
                throw new UserError("--steps: the goal d" + goalOf + "/d" + goalWrt + " needs a definition of " + goalOf
                        + " (a line '" + goalOf + " = …' before it, or --expr)");
            }
            if (!defs.dependsOn(target, wrt.name())) {
                throw new UserError("--steps: " + goalOf + " does not depend on " + goalWrt);
            }
            Derivation direct = new Differentiator().derive(defs.expand(target), wrt);
            truth = direct.result();
            engine.add(direct.steps());
            engineStarts.add(direct.goal());
            try {
                ChainDerivation cd = new ChainRule(defs).derive((Var) target, wrt);
                if (!cd.isDirect()) {
                    engine.add(cd.steps());
                    engineStarts.add(new Expr.Derivative(target, wrt));
                } else {
                    engine.add(cd.direct().steps());
                    engineStarts.add(cd.direct().goal());
                }
            } catch (UserError e) {
                // the direct derivation is enough
            }
        }
        // points
        Set<String> leaves = new LinkedHashSet<>();
        for (Line l : lines) {
            leaves.addAll(defs.leaves(l.expr()));
        }
        if (truth != null) {
            leaves.addAll(defs.leaves(truth));
        }
        SplittableRandom r = new SplittableRandom(seed);
        List<Map<String, Double>> points = new ArrayList<>();
        for (int p = 0; p < POINTS; p++) {
            Map<String, Double> env = new HashMap<>();
            for (String v : leaves) {
                env.put(v, p % 2 == 0 ? r.nextDouble(-2, 2) : r.nextDouble(0.05, 0.95));
            }
            points.add(env);
        }
        Evaluator ev = new Evaluator(defs);
        String goalText = goalOf == null ? "" : "∂" + TextPrinter.str(new Var(goalOf)) + "/∂" + TextPrinter.str(wrt);
        double[] prev = truth == null ? null : values(ev, truth, points, defs);
        String prevText = goalOf == null ? null : goalText;
        Expr prevExpr = goalOf == null ? null : new Expr.Derivative(new Var(goalOf), wrt);
        int used = 0;
        Expr goalExpr = prevExpr;
        List<Step> equations = equations(engine, goalExpr);
        String expected = truth == null ? "" : InputPrinter.str(truth);
        String expectedExplicit = expected;
        // the result through the intermediates (−2(t − z)·x₁) first, then written out in the variables
        Expr viaNames = engine.size() > 1 && !engine.get(engine.size() - 1).isEmpty()
                ? engine.get(engine.size() - 1).get(engine.get(engine.size() - 1).size() - 1).expr() : null;
        List<Worked.Form> expectedExprs = truth == null ? List.of()
                : viaNames != null && !viaNames.equals(truth)
                ? Worked.forms(List.of(viaNames, truth), "through the intermediates", "written out")
                : List.of(new Worked.Form(truth, ""));
        for (Line l : lines) {
            double[] cur = values(ev, l.expr(), points, defs);
            if (prev != null) {
                boolean[] valid = new boolean[points.size()];
                int n = 0;
                for (int p = 0; p < points.size(); p++) {
                    valid[p] = !Double.isNaN(prev[p]) && !Double.isNaN(cur[p]);
                    n += valid[p] ? 1 : 0;
                }
                used = Math.max(used, n);
                if (n == 0) {
                    return new ClaimResult("line " + l.number(), l.text(), ClaimVerdict.UNDECIDED, null, expected, expectedExplicit,
                            equations, 0, points.size(), "line " + l.number() + " and the line before cannot both be evaluated at any random point",
                            Double.NaN, Double.NaN, "")
                            .withWorked(new Worked(prevExpr, l.expr(), expectedExprs, Optional.empty()));
                }
                pairs.add(new Compared("line " + l.number(), new Symbolic.Pair(l.expr(), prevExpr, defs)));
                if (!Numbers.same(cur, prev, valid)) {
                    pairs.subList(0, pairs.size() - 1).clear();
                    Diagnosis d = diagnose(l, prevText, prevExpr, cur, prev, valid, engine, engineStarts, ev, points, defs);
                    int shown = 0;
                    while (!valid[shown]) {
                        shown++;
                    }
                    return new ClaimResult("line " + l.number(), l.text(), ClaimVerdict.INCORRECT, d, expected, expectedExplicit,
                            equations, n, points.size() - n,
                            "each line compared with the one before at " + POINTS + " random points",
                            cur[shown], prev[shown], "random point " + FreeformJudge.pointText(points.get(shown)))
                            .withWorked(new Worked(prevExpr, l.expr(), expectedExprs, Optional.empty()));
                }
            }
            prev = cur;
            prevText = "line " + l.number();
            prevExpr = l.expr();
        }
        return new ClaimResult("steps", lines.size() + " lines", ClaimVerdict.CORRECT, null, expected, expectedExplicit,
                equations, used, 0, "every line equals the one before" + (goalOf != null ? ", starting from " + goalText : "")
                + " (" + POINTS + " random points)", Double.NaN, Double.NaN, "")
                .withWorked(new Worked(goalExpr != null ? goalExpr : lines.get(0).expr(), lines.get(lines.size() - 1).expr(),
                        expectedExprs, Optional.empty()));
    }

    /** The engine's own derivation of the goal, as equations (none without a goal). */
    private static List<Step> equations(List<List<Step>> engine, Expr goal) {
        List<Step> out = new ArrayList<>();
        if (engine.isEmpty() || goal == null) {
            return out;
        }
        for (Step s : engine.get(engine.size() - 1)) {
            out.add(s.under(out.isEmpty() ? goal : null, false));
        }
        return out;
    }


    private static Map<String, Expr> definitions(String s, int line) {
        try {
            return Parser.parseProgram(s).definitions();
        } catch (UserError e) {
            throw new UserError("--steps line " + line + ": " + e.getMessage());
        }
    }

    private static Expr parse(String s, int line) {
        try {
            return Parser.parseExpression(s);
        } catch (UserError e) {
            throw new UserError("--steps line " + line + ": " + e.getMessage());
        }
    }

    /** Unevaluated derivatives replaced by their values (through the definitions), then evaluated. */
    private static double[] values(Evaluator ev, Expr e, List<Map<String, Double>> points, Definitions defs) {
        Expr resolved = Exprs.mapBottomUp(e, n -> n instanceof Expr.Derivative d ? partial(d, defs) : n);
        double[] out = new double[points.size()];
        for (int p = 0; p < points.size(); p++) {
            final boolean[] kink = {false};
            try {
                double v = ev.eval(resolved, points.get(p), k -> {
                    if (Math.abs(k.argument()) < NetworkJudge.KINK) {
                        kink[0] = true;
                    }
                });
                out[p] = kink[0] || !Double.isFinite(v) ? Double.NaN : v;
            } catch (UserError | ArithmeticException | IllegalStateException ex) {
                out[p] = Double.NaN;
            }
        }
        return out;
    }

    /**
     * ∂A/∂B as the chain rule written out means it: A through every definition except B's, so that B is a variable
     * of its own (∂L/∂p for L = −y log p, p = σ(z) is −y/p, not 0), differentiated by the engine. The result may
     * name B and other intermediates; the evaluator takes their values from the definitions.
     */
    static Expr partial(Expr.Derivative d, Definitions defs) {
        String b = d.wrt().name();
        Definitions held = defs;
        if (defs.isDefined(b)) {
            Map<String, Expr> rest = new LinkedHashMap<>(defs.asMap());
            rest.remove(b);
            held = new Definitions(rest);
        }
        return new Differentiator().derivative(held.expand(d.body()), d.wrt());
    }

    private Diagnosis diagnose(Line l, String prevText, Expr prevExpr, double[] cur, double[] prev, boolean[] valid,
                               List<List<Step>> engine, List<Expr> starts, Evaluator ev, List<Map<String, Double>> points,
                               Definitions defs) {
        String head = "line " + l.number() + " does not follow from " + prevText;
        // the engine's step closest to what the student had before this line, then the later step closest to this line
        String rule = null;
        Expr should = null;
        double best = Double.MAX_VALUE;
        for (int s = 0; s < engine.size(); s++) {
            List<Expr> exprs = new ArrayList<>();
            exprs.add(starts.get(s));
            for (Step st : engine.get(s)) {
                exprs.add(st.expr());
            }
            int from = 0;
            double dFrom = Double.MAX_VALUE;
            for (int i = 0; i < exprs.size() - 1; i++) {
                double d = distance(exprs.get(i), prevExpr);
                if (d < dFrom) {
                    dFrom = d;
                    from = i;
                }
            }
            int to = from + 1;
            double dTo = Double.MAX_VALUE;
            for (int i = from + 1; i < exprs.size(); i++) {
                double d = distance(exprs.get(i), l.expr());
                if (d < dTo) {
                    dTo = d;
                    to = i;
                }
            }
            if (dFrom + dTo < best) {
                best = dFrom + dTo;
                Set<String> labels = new LinkedHashSet<>();
                for (int i = from; i < to; i++) {
                    for (var ru : engine.get(s).get(i).rules()) {
                        labels.add(ru.label());
                    }
                }
                rule = labels.isEmpty() ? null : String.join(", ", labels);
                should = exprs.get(to);
            }
        }
        if (prevExpr != null && Exprs.containsDerivative(prevExpr) && !(prevExpr instanceof Expr.Derivative)) {
            // the student was working out the ∂ nodes of the line before: say which rules they take and what comes out
            Set<String> labels = new LinkedHashSet<>();
            List<String> parts = new ArrayList<>();
            Expr done = Exprs.mapBottomUp(prevExpr, n -> {
                if (n instanceof Expr.Derivative d) {
                    Derivation dd = new Differentiator().derive(defs.expand(d.body()), d.wrt());
                    for (Step st : dd.steps()) {
                        for (var ru : st.rules()) {
                            if (!ru.isSimplification()) {
                                labels.add(ru.label());
                            }
                        }
                    }
                    parts.add(TextPrinter.str(d) + " = " + TextPrinter.str(dd.result()));
                    return dd.result();
                }
                return n;
            });
            if (!labels.isEmpty()) {
                rule = String.join(", ", labels) + " (" + String.join("; ", parts) + ")";
                should = done;
            }
        }
        String advice = rule == null ? "" : "; you were probably applying the " + rule + ", which " + (rule.contains(",") ? "give " : "gives ") + TextPrinter.str(should);
        OptionalDouble k = Numbers.ratio(cur, prev, valid);
        if (k.isPresent()) {
            double f = k.getAsDouble();
            if (f == -1) {
                return new Diagnosis(Diagnosis.Kind.SIGN, head + ": the sign flipped (it is −1 times the line before)" + advice, -1,
                        should == null ? null : InputPrinter.str(should));
            }
            return new Diagnosis(Diagnosis.Kind.CONSTANT_FACTOR, head + ": it is " + Numbers.fraction(f) + " times the line before"
                    + (f == 0.5 || f == 2 ? " (the power rule's factor 2?)" : "") + advice, f, should == null ? null : InputPrinter.str(should));
        }
        if (should != null) {
            for (Expr f : Exprs.nonConstantFactors(should)) {
                if (f instanceof Expr.Num) {
                    continue;
                }
                double[] fv = values(ev, f, points, defs);
                double[] missing = new double[cur.length];
                double[] extra = new double[cur.length];
                for (int i = 0; i < cur.length; i++) {
                    missing[i] = cur[i] * fv[i];
                    extra[i] = prev[i] * fv[i];
                }
                if (Numbers.same(missing, prev, valid)) {
                    return new Diagnosis(Diagnosis.Kind.MISSING_FACTOR, head + ": it lacks the factor " + TextPrinter.str(f) + advice, 1,
                            InputPrinter.str(should));
                }
                if (Numbers.same(cur, extra, valid)) {
                    return new Diagnosis(Diagnosis.Kind.EXTRA_FACTOR, head + ": it has an extra factor " + TextPrinter.str(f) + advice, 1,
                            InputPrinter.str(should));
                }
            }
        }
        return new Diagnosis(Diagnosis.Kind.OTHER, head + advice, Double.NaN, should == null ? null : InputPrinter.str(should));
    }

    /** How different two expressions look: sub-expressions of one not in the other, both ways. */
    static double distance(Expr a, Expr b) {
        if (a == null || b == null) {
            return Double.MAX_VALUE;
        }
        Map<String, Integer> sa = subtrees(a);
        Map<String, Integer> sb = subtrees(b);
        int diff = 0;
        Set<String> keys = new LinkedHashSet<>(sa.keySet());
        keys.addAll(sb.keySet());
        for (String key : keys) {
            diff += Math.abs(sa.getOrDefault(key, 0) - sb.getOrDefault(key, 0));
        }
        return diff;
    }

    private static Map<String, Integer> subtrees(Expr e) {
        Map<String, Integer> out = new HashMap<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, Map<String, Integer> out) {
        out.merge(InputPrinter.str(e), 1, Integer::sum);
        for (Expr c : Exprs.children(e)) {
            collect(c, out);
        }
    }
}
