package dev.chainrule.freeform;

import dev.chainrule.UserError;
import dev.chainrule.cas.Cas;
import dev.chainrule.cas.ZeroCheck;
import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.derive.Derivation;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.EvaluationException;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.FiniteDifference;
import dev.chainrule.numeric.Kink;
import dev.chainrule.numeric.KinkLog;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.numeric.Verdicts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Analyses a free-form expression: parses it, checks the request against it (every {@code --wrt} and
 * {@code --at} name must occur; {@code --at}, when given, must give every variable a value), derives each
 * derivative with the engine — through the named intermediates by the multivariable chain rule, or directly
 * when there are none or {@code --expand} wrote them out — and, at a point, evaluates the forward pass, the
 * derivative and its finite-difference check. Every problem with the input is a {@link UserError} with a
 * one-line message.
 */
public final class FreeformAnalyzer {
    private FreeformAnalyzer() {
    }

    public static FreeformAnalysis analyze(DeriveRequest request) {
        Program program = Parser.parseProgram(request.source());
        rejectDerivativeNodes(program);
        Target t = target(program, request.expand());
        List<Var> wrt = request.wrt().stream().map(w -> checkedWrt(w, t, program)).toList();
        Optional<Map<String, Double>> at = request.at().map(p -> checkedPoint(p, t));

        ChainRule engine = new ChainRule(t.defs);
        Evaluator evaluator = new Evaluator(t.defs);
        Optional<Point> point = at.map(p -> forward(p, t, evaluator));
        List<DerivativeAnalysis> out = new ArrayList<>();
        for (Var w : wrt) {
            DerivativeAnalysis symbolic = derive(engine, t, w);
            if (point.isPresent()) {
                NumericCheck numbers = numbers(symbolic, t, point.get(), evaluator);
                symbolic = new DerivativeAnalysis(symbolic.of(), symbolic.wrt(), symbolic.goal(), symbolic.viaChainRule(),
                        symbolic.paths(), symbolic.locals(), symbolic.steps(), symbolic.result(), Optional.of(numbers));
            }
            out.add(symbolic);
        }
        return new FreeformAnalysis(request.source(), t.name, t.namedByUser, t.expression, t.shown, t.variables,
                request.expand(), point, out);
    }

    /**
     * Each derivative of {@code a} with Symja's D[f, w] next to it: computed by Symja from {@code request}'s
     * expression with every definition written out (never from our derivation), then compared with our result.
     */
    public static FreeformAnalysis withSymja(FreeformAnalysis a, DeriveRequest request, java.time.Duration timeout) {
        Program program = Parser.parseProgram(request.source());
        Target t = target(program, request.expand());
        List<DerivativeAnalysis> out = new ArrayList<>();
        // the limit is for the whole run (README: --symja), not per call: each call gets what is left of it
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DerivativeAnalysis d : a.derivatives()) {
            out.add(d.withSymja(symja(t, d, deadline, timeout)));
        }
        return new FreeformAnalysis(a.source(), a.name(), a.namedByUser(), a.expression(), a.definitions(), a.variables(),
                a.expanded(), a.point(), out);
    }

    private static SymjaCheck symja(Target t, DerivativeAnalysis d, long deadline, java.time.Duration limit) {
        long start = System.nanoTime();
        String outOfTime = "Symja did not finish within its limit of " + limit.toSeconds() + " s for the run";
        if (deadline - start <= 0) {
            return new SymjaCheck(SymjaCheck.Outcome.UNAVAILABLE, null, outOfTime, 0);
        }
        java.time.Duration timeout = java.time.Duration.ofNanos(deadline - start);
        Expr theirs;
        try {
            theirs = t.usesDefinitions() ? Cas.derivative(d.of(), d.wrt().name(), t.defs, timeout)
                    : Cas.derivative(t.expression, d.wrt().name(), Definitions.none(), timeout);
        } catch (RuntimeException | LinkageError e) {
            return new SymjaCheck(SymjaCheck.Outcome.UNAVAILABLE, null, "Symja's D failed: " + e.getMessage(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return new SymjaCheck(SymjaCheck.Outcome.UNAVAILABLE, null, outOfTime, (System.nanoTime() - start) / 1_000_000);
        }
        ZeroCheck same = Cas.checkEquivalentExpanded(d.result(), theirs, t.defs, java.time.Duration.ofNanos(left));
        long ms = (System.nanoTime() - start) / 1_000_000;
        SymjaCheck.Outcome o = same.provedZero() ? SymjaCheck.Outcome.AGREES
                : same.provedNonZero() ? SymjaCheck.Outcome.DIFFERS : SymjaCheck.Outcome.UNDECIDED;
        return new SymjaCheck(o, theirs, same.method(), ms);
    }

    // ------------------------------------------------------------------------------------ the target

    /**
     * The quantity to differentiate. {@code defs} are the definitions the engine works with (with a chosen
     * name for a bare expression that uses definitions; none when expanded or when there are none);
     * {@code ref} is what the evaluator and the finite difference evaluate (the name, or the expression).
     */
    private record Target(String name, boolean namedByUser, Expr expression, Expr ref, Definitions defs,
            List<Definition> shown, List<String> variables, Set<String> writtenOut, Definitions typed) {

        boolean usesDefinitions() {
            return !defs.asMap().isEmpty();
        }

        String describe() {
            return namedByUser ? name : "the expression";
        }
    }

    /** Largest expression {@code --expand} writes out (README, Limits and errors). */
    public static final long MAX_EXPANDED_NODES = 100_000;

    private static Target target(Program program, boolean expand) {
        Map<String, Expr> typed = program.definitions();
        Definitions typedDefs = new Definitions(typed);
        Optional<Expr> bare = program.expression();
        String name;
        boolean namedByUser;
        Map<String, Expr> defs = new LinkedHashMap<>();
        if (bare.isPresent() && !(bare.get() instanceof Var v && typed.containsKey(v.name()))) {
            Set<String> taken = new LinkedHashSet<>(typed.keySet());
            taken.addAll(Exprs.variables(bare.get()));
            for (Expr body : typed.values()) {
                taken.addAll(Exprs.variables(body));
            }
            name = freshName(taken);
            namedByUser = false;
            if (!typed.isEmpty()) {
                defs.put(name, bare.get());
            }
        } else {
            name = bare.map(b -> ((Var) b).name()).orElseGet(() -> typed.keySet().iterator().next());
            namedByUser = true;
        }
        defs.putAll(typed);
        Definitions all = new Definitions(defs);
        Expr body = all.isDefined(name) ? all.get(name) : bare.orElseThrow();
        Set<String> reachable = reachable(name, all);
        Set<String> writtenOut = new LinkedHashSet<>(reachable);
        writtenOut.remove(name);
        if (expand || reachable.size() <= 1 && !all.isDefined(name)) {
            Expr expanded = all.expand(body);
            // definitions written into each other share their subtrees, but the written-out tree can be exponential
            long size = Exprs.treeSize(expanded, MAX_EXPANDED_NODES);
            if (size > MAX_EXPANDED_NODES) {
                throw new dev.chainrule.UserError(String.format(java.util.Locale.ROOT, "%s written out in its variables "
                        + "has more than %,d nodes, the limit for --expand; leave out --expand to differentiate through "
                        + "the definitions", namedByUser ? name : "the expression", MAX_EXPANDED_NODES));
            }
            List<String> variables = new ArrayList<>(Exprs.variables(expanded));
            return new Target(name, namedByUser, expanded, expanded, Definitions.none(), List.of(), variables,
                    expand ? writtenOut : Set.of(), typedDefs);
        }
        // keep the definitions the quantity uses, in the order typed (a chosen name first)
        Map<String, Expr> used = new LinkedHashMap<>();
        List<Definition> shown = new ArrayList<>();
        for (Map.Entry<String, Expr> d : defs.entrySet()) {
            if (reachable.contains(d.getKey())) {
                used.put(d.getKey(), d.getValue());
                shown.add(new Definition(d.getKey(), d.getValue()));
            }
        }
        Definitions usedDefs = new Definitions(used);
        List<String> variables = new ArrayList<>(usedDefs.leaves(new Var(name)));
        return new Target(name, namedByUser, body, new Var(name), usedDefs, shown, variables, Set.of(), typedDefs);
    }

    /** The defined names {@code name} reaches (itself included when defined). */
    private static Set<String> reachable(String name, Definitions defs) {
        Set<String> out = new LinkedHashSet<>();
        if (defs.isDefined(name)) {
            out.add(name);
        }
        for (String v : defs.transitiveVariables(name)) {
            if (defs.isDefined(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static String freshName(Set<String> taken) {
        for (String c : List.of("f", "F", "g", "G", "phi")) {
            if (!taken.contains(c)) {
                return c;
            }
        }
        for (int i = 1; ; i++) {
            if (!taken.contains("f_" + i)) {
                return "f_" + i;
            }
        }
    }

    private static void rejectDerivativeNodes(Program program) {
        List<Expr> all = new ArrayList<>(program.definitions().values());
        program.expression().ifPresent(all::add);
        for (Expr e : all) {
            if (Exprs.containsDerivative(e)) {
                throw new UserError("D(…) inside the expression is not supported by derive; give the function itself and"
                        + " name the variable with --wrt");
            }
        }
    }

    // ------------------------------------------------------------------------------------ the request

    private static Var checkedWrt(String w, Target t, Program program) {
        if (w.equals(t.name) && t.namedByUser) {
            throw new UserError("--wrt " + w + ": " + w + " is the quantity being differentiated; choose one of its variables: "
                    + String.join(", ", t.variables));
        }
        if (t.variables.contains(w)) {
            return new Var(w);
        }
        if (t.usesDefinitions() && t.defs.isDefined(w) && !w.equals(t.name)) {
            return new Var(w); // an intermediate: ∂L/∂z with z's inputs held fixed
        }
        if (t.writtenOut.contains(w)) {
            throw new UserError("--wrt " + w + ": " + w + " is a defined name and --expand writes it out; differentiate with"
                    + " respect to one of " + String.join(", ", t.variables) + ", or leave out --expand");
        }
        String where = t.namedByUser ? t.name : "the expression";
        String also = unusedHint(w, t, program);
        if (t.variables.isEmpty()) {
            throw new UserError("--wrt " + w + ": " + where + " has no variables to differentiate with respect to" + also);
        }
        throw new UserError("--wrt " + w + ": " + w + " does not occur in " + where + also + "; its variables are "
                + String.join(", ", t.variables));
    }

    /** " (it occurs only in the definition of Z, which L does not use)" when that is so. */
    private static String unusedHint(String w, Target t, Program program) {
        for (Map.Entry<String, Expr> d : program.definitions().entrySet()) {
            boolean unused = !t.shown.stream().anyMatch(s -> s.name().equals(d.getKey())) && !t.writtenOut.contains(d.getKey())
                    && !d.getKey().equals(t.name);
            if (unused && (d.getKey().equals(w) || Exprs.contains(d.getValue(), w))) {
                return " (" + (d.getKey().equals(w) ? w + " is defined" : "it occurs in the definition of " + d.getKey())
                        + ", which " + t.describe() + " does not use)";
            }
        }
        return "";
    }

    private static Map<String, Double> checkedPoint(Map<String, Double> given, Target t) {
        for (String n : given.keySet()) {
            if (t.variables.contains(n)) {
                continue;
            }
            if (n.equals(t.name) && t.namedByUser) {
                throw new UserError("--at " + n + ": " + n + " is the quantity being differentiated; give values to its"
                        + " variables instead: " + String.join(", ", t.variables));
            }
            if (t.typed.isDefined(n) && (t.defs.isDefined(n) || t.writtenOut.contains(n))) {
                throw new UserError("--at " + n + ": " + n + " is defined (" + n + " = " + InputPrinter.str(t.typed.get(n))
                        + "); give values to the variables it uses instead");
            }
            throw new UserError("--at " + n + ": " + n + " does not occur in " + t.describe() + "; its variables are "
                    + String.join(", ", t.variables));
        }
        List<String> missing = t.variables.stream().filter(v -> !given.containsKey(v)).toList();
        if (!missing.isEmpty()) {
            throw new UserError("--at gives no value for " + String.join(", ", missing) + " (needed for the numbers; "
                    + t.describe() + " uses " + String.join(", ", t.variables) + ")");
        }
        return given;
    }

    // ------------------------------------------------------------------------------------ derivation

    private static DerivativeAnalysis derive(ChainRule engine, Target t, Var wrt) {
        Var of = new Var(t.name);
        if (!t.usesDefinitions()) {
            Derivation d = engine.differentiator().derive(t.expression, wrt);
            return new DerivativeAnalysis(of, wrt, d.goal(), false, List.of(List.of(of, wrt)), List.of(), d.steps(),
                    d.result(), Optional.empty());
        }
        ChainDerivation c = engine.derive(of, wrt);
        if (c.isDirect()) {
            Derivation d = c.direct();
            return new DerivativeAnalysis(of, wrt, d.goal(), false, c.paths(), List.of(), d.steps(), d.result(),
                    Optional.empty());
        }
        return new DerivativeAnalysis(of, wrt, new Expr.Derivative(of, wrt), true, c.paths(), c.locals(), c.steps(),
                c.result(), Optional.empty());
    }

    // ------------------------------------------------------------------------------------ numbers

    private static Point forward(Map<String, Double> given, Target t, Evaluator ev) {
        Evaluator.Scope scope = ev.scope(given);
        List<ForwardValue> forward = new ArrayList<>();
        if (t.usesDefinitions()) {
            for (String n : computingOrder(t)) {
                double v = scope.value(n);
                requireFinite(v, n);
                forward.add(new ForwardValue(n, t.defs.get(n), v));
            }
        }
        double value = scope.eval(t.ref);
        requireFinite(value, t.name);
        if (!t.usesDefinitions()) {
            forward.add(new ForwardValue(t.name, t.expression, value));
        }
        return new Point(given, forward, value);
    }

    private static void requireFinite(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new UserError("at the given point " + name + " is " + (v > 0 ? "+∞" : "−∞")
                    + ", so its derivative has no value there; choose another point");
        }
    }

    /** The definitions in use, each after everything it uses (the forward pass), the quantity last. */
    private static List<String> computingOrder(Target t) {
        List<String> out = new ArrayList<>();
        visit(t.name, t.defs, out, new LinkedHashSet<>());
        return out;
    }

    private static void visit(String n, Definitions defs, List<String> out, Set<String> seen) {
        if (!defs.isDefined(n) || !seen.add(n)) {
            return;
        }
        for (String u : Exprs.variables(defs.get(n))) {
            visit(u, defs, out, seen);
        }
        out.add(n);
    }

    private static NumericCheck numbers(DerivativeAnalysis d, Target t, Point point, Evaluator ev) {
        Map<String, Double> env = point.given();
        String label = "∂" + t.name + "/∂" + d.wrt().name();
        double value;
        try {
            value = ev.eval(d.result(), env);
        } catch (EvaluationException ex) {
            throw new UserError(label + " = " + InputPrinter.str(d.result()) + " has no value at the given point: "
                    + ex.getMessage());
        }
        if (!Double.isFinite(value)) {
            throw new UserError(label + " is infinite at the given point; choose another point");
        }
        String w = d.wrt().name();
        try {
            FiniteDifference.Result fd = FiniteDifference.central(ev, t.ref, env, w);
            NumericCheck usual = judged(value, fd, NumericCheck.Method.CENTRAL, t, env, ev);
            if (usual.verdict() != Verdict.FAIL) {
                return usual;
            }
            // no smaller step agrees either: a failure, unless the difference itself never settles
            return finerStep(value, t, env, ev, w, fd.h()).orElseGet(() -> {
                Check c = Verdicts.settled(Verdicts.check(value, fd), probe(t, env, ev, w), fd.point());
                return c.verdict() == Verdict.UNRESOLVED ? new NumericCheck(usual.value(), usual.finiteDifference(),
                        usual.h(), usual.method(), usual.relativeError(), Verdict.UNRESOLVED, usual.kink()) : usual;
            });
        } catch (EvaluationException steppedOut) {
            return reducedStep(value, t, env, ev, w).orElseThrow(() -> new UserError("cannot check " + label
                    + " with a finite difference here: the point is too close to the edge of the domain ("
                    + steppedOut.getMessage() + ")"));
        }
    }

    private static NumericCheck judged(double value, FiniteDifference.Result fd, NumericCheck.Method method, Target t,
            Map<String, Double> env, Evaluator ev) {
        Check c = Verdicts.check(value, fd);
        Optional<KinkSite> kink = c.kink().map(k -> new KinkSite(k, locate(k, t, env, ev)));
        return new NumericCheck(value, fd.derivative(), fd.h(), method, c.relativeError(), c.verdict(), kink);
    }

    /** A step this many times smaller than the largest one that stays inside the domain. */
    private static final double EDGE_MARGIN = 1e4;
    /** The smallest step, in units in the last place of the point: below it rounding swamps the difference. */
    private static final double MIN_STEP_ULPS = 64;

    /**
     * Near the edge of the domain (v ± h outside it, e.g. √x at x = 1e-7) the step is cut by tens until
     * both sides are inside, then by a further {@link #EDGE_MARGIN} so that it is small against the
     * distance to the edge, where the function bends sharply; rounded down to a power of two so that
     * v ± h are exact. Empty when the point is too close to the edge for any usable step.
     */
    private static Optional<NumericCheck> reducedStep(double value, Target t, Map<String, Double> env, Evaluator ev,
            String w) {
        double v = ev.scope(env).value(w);
        FiniteDifference.Probe f = probe(t, env, ev, w);
        double smallest = smallestStep(v);
        for (double h = FiniteDifference.step(v) / 10; h / EDGE_MARGIN >= smallest; h /= 10) {
            try {
                f.apply(v + h, null);
                f.apply(v - h, null);
            } catch (EvaluationException outside) {
                continue;
            }
            double step = Math.scalb(1.0, Math.getExponent(h / EDGE_MARGIN));
            return Optional.of(judged(value, central(f, v, step), NumericCheck.Method.DOMAIN_EDGE, t, env, ev));
        }
        return Optional.empty();
    }

    /** f as a function of w alone, the other values held at {@code env}. */
    private static FiniteDifference.Probe probe(Target t, Map<String, Double> env, Evaluator ev, String w) {
        Map<String, Double> p = new HashMap<>(env);
        return (x, rec) -> {
            p.put(w, x);
            return ev.eval(t.ref, p, rec);
        };
    }

    /** The smallest step worth taking at v: below it, v ± h rounds to too few distinct numbers. */
    private static double smallestStep(double v) {
        return MIN_STEP_ULPS * Math.ulp(v == 0 ? Double.MIN_NORMAL : v);
    }

    /** Steps tried, in tens below the usual one, before a disagreement is called a failure. */
    private static final int FINER_STEPS = 4;

    /**
     * When the usual step disagrees, smaller ones: close to a singularity (1/x¹⁰ at x = 1e-5) a step of
     * 1e-6 is coarse and the difference is far off although the derivative is right. A wrong derivative
     * disagrees at every step; the first smaller step that agrees is reported.
     */
    private static Optional<NumericCheck> finerStep(double value, Target t, Map<String, Double> env, Evaluator ev,
            String w, double usual) {
        double v = ev.scope(env).value(w);
        FiniteDifference.Probe f = probe(t, env, ev, w);
        double smallest = smallestStep(v);
        double h = usual;
        for (int i = 0; i < FINER_STEPS; i++) {
            h /= 10;
            double step = Math.scalb(1.0, Math.getExponent(h));
            if (step < smallest) {
                break;
            }
            try {
                NumericCheck c = judged(value, central(f, v, step), NumericCheck.Method.FINER, t, env, ev);
                if (c.verdict() != Verdict.FAIL) {
                    return Optional.of(c);
                }
            } catch (EvaluationException ex) {
                break;
            }
        }
        return Optional.empty();
    }

    /** (f(v + h) − f(v − h)) / 2h with kink detection, for a step of our choosing. */
    private static FiniteDifference.Result central(FiniteDifference.Probe f, double v, double h) {
        KinkLog plus = new KinkLog();
        KinkLog minus = new KinkLog();
        KinkLog at = new KinkLog();
        double fp = f.apply(v + h, plus);
        double fm = f.apply(v - h, minus);
        double f0 = f.apply(v, at);
        double d = (fp - fm) / ((v + h) - (v - h));
        Optional<Kink> kink = FiniteDifference.detectKink(at.events(), plus.events(), minus.events(), (fp - f0) / h,
                (f0 - fm) / h);
        return new FiniteDifference.Result(v, h, f0, fp, fm, d, kink);
    }

    /** The argument of the call with the kink: the call of that function, in that definition, whose argument has the kink's value. */
    private static Optional<Expr.Call> locate(Kink k, Target t, Map<String, Double> env, Evaluator ev) {
        Expr body = k.unit().filter(t.defs::isDefined).map(t.defs::get).orElse(t.expression);
        List<Expr.Call> calls = new ArrayList<>();
        collectCalls(body, k, calls);
        Expr.Call best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Expr.Call c : calls) {
            try {
                double a = ev.eval(c.arg(), env);
                double distance = Math.abs(a - k.argument());
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            } catch (EvaluationException ex) {
                // not this one
            }
        }
        return Optional.ofNullable(best);
    }

    private static void collectCalls(Expr e, Kink k, List<Expr.Call> out) {
        if (e instanceof Expr.Call c && c.fn() == k.fn()) {
            out.add(c);
        }
        for (Expr child : Exprs.children(e)) {
            collectCalls(child, k, out);
        }
    }
}
