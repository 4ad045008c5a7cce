package dev.chainrule.cas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IReal;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Decides whether an expression is identically zero (runs on the worker thread).
 *
 * <ol>
 *   <li>Evaluate (this is where D happens), normalise (Abs′ → Sign, sech → √(1 − tanh²)), and in node-local
 *       mode replace every sub-expression equal to a definition's body by the defined name.</li>
 *   <li>Numbers: evaluate with Symja's N at {@value #POINTS} random points (names take the values their
 *       definitions give); a value clearly non-zero relative to the size of the terms ({@value #REL_TOL})
 *       decides "non-zero".</li>
 *   <li>Otherwise split Piecewise into cases and prove each case zero by the first method that works:
 *       evaluation, ExpandAll, Together over atoms, Together over exponential atoms, PossibleZeroQ,
 *       Simplify.</li>
 * </ol>
 */
final class ZeroTest {
    static final int POINTS = 5;
    static final double REL_TOL = 1e-8;

    private final Worker w;
    private final SymbolTable table;
    /** Node-local mode: defined name's symbol → its body (names inside are symbols too). */
    private final Map<ISymbol, IExpr> unevaluatedDefinitions;
    /** The same bodies, evaluated (derivatives in them done) and normalised. */
    private final Map<ISymbol, IExpr> definitions = new IdentityHashMap<>();

    ZeroTest(Worker w, SymbolTable table, Map<ISymbol, IExpr> definitions) {
        this.w = w;
        this.table = table;
        this.unevaluatedDefinitions = definitions;
    }

    /** -Dchainrule.cas.trace=true prints each step's time on stderr (for measuring). */
    private static final boolean TRACE = Boolean.getBoolean("chainrule.cas.trace");
    private long lastMark = System.nanoTime();

    private void mark(String step) {
        if (TRACE) {
            long now = System.nanoTime();
            System.err.printf("  [cas] %-28s %8.1f ms%n", step, (now - lastMark) / 1e6);
            lastMark = now;
        }
    }

    ZeroCheck.Outcome run(IExpr expr) {
        for (Map.Entry<ISymbol, IExpr> d : unevaluatedDefinitions.entrySet()) {
            definitions.put(d.getKey(), Normalizer.normalize(w, w.eval(d.getValue())));
        }
        mark("definitions");
        IExpr e = w.eval(expr);
        mark("evaluate");
        e = Normalizer.normalize(w, e);
        if (!definitions.isEmpty()) {
            e = backSubstitute(e);
        }
        mark("normalise");
        if (e.isZero()) {
            return new ZeroCheck.Outcome(Optional.of(true), "evaluation");
        }
        String nonZero = numericWitness(e);
        mark("numeric");
        if (nonZero != null) {
            return new ZeroCheck.Outcome(Optional.of(false), nonZero);
        }
        List<IExpr> cases = PiecewiseCases.split(w, e);
        mark("piecewise split");
        Set<String> methods = new LinkedHashSet<>();
        for (IExpr c : cases) {
            String m = proveZero(c);
            if (m == null) {
                return new ZeroCheck.Outcome(Optional.empty(), "undecided" + (zeroLikePoints > 0
                        ? " (numerically zero at " + zeroLikePoints + " of " + POINTS + " points)" : ""));
            }
            methods.add(m);
        }
        String how = String.join(" + ", methods);
        if (cases.size() > 1) {
            how += " (" + cases.size() + " piecewise cases)";
        }
        return new ZeroCheck.Outcome(Optional.of(true), how);
    }

    private String proveZero(IExpr c) {
        if (c.isZero()) {
            return "evaluation";
        }
        boolean zero = w.eval(F.ExpandAll(c)).isZero();
        mark("ExpandAll");
        if (zero) {
            return "ExpandAll";
        }
        zero = w.eval(F.Together(new Atomizer(w, Atomizer.Mode.KEEP).apply(c))).isZero();
        mark("Together");
        if (zero) {
            return "Together";
        }
        zero = w.eval(F.Together(new Atomizer(w, Atomizer.Mode.EXP).apply(c))).isZero();
        mark("Together over exponentials");
        if (zero) {
            return "Together over exponentials";
        }
        zero = w.eval(F.PossibleZeroQ(c)).isTrue();
        mark("PossibleZeroQ");
        if (zero) {
            return "PossibleZeroQ";
        }
        zero = w.eval(F.Simplify(c)).isZero();
        mark("Simplify");
        return zero ? "Simplify" : null;
    }

    // ---- node-local back-substitution ---------------------------------------------------------------

    private IExpr backSubstitute(IExpr e) {
        Map<IExpr, ISymbol> bodies = new HashMap<>();
        for (Map.Entry<ISymbol, IExpr> d : definitions.entrySet()) {
            IExpr body = d.getValue();
            if (!body.isAtom()) {
                bodies.putIfAbsent(body, d.getKey());
            }
        }
        if (bodies.isEmpty()) {
            return e;
        }
        boolean[] changed = new boolean[1];
        IExpr r = Worker.mapTopDown(e, x -> {
            ISymbol s = x.isAtom() ? null : bodies.get(x);
            if (s != null) {
                changed[0] = true;
            }
            return s;
        });
        return changed[0] ? w.eval(r) : e;
    }

    // ---- numbers ------------------------------------------------------------------------------------

    private int zeroLikePoints;

    /** A description of a point where e is clearly non-zero, or null. */
    private String numericWitness(IExpr e) {
        Set<ISymbol> symbols = new LinkedHashSet<>();
        collectSymbols(e, symbols);
        Random rnd = new Random(0x5EED_C0DEL + symbols.size());
        zeroLikePoints = 0;
        for (int i = 0; i < POINTS; i++) {
            w.checkCancelled();
            Map<ISymbol, IExpr> values = new IdentityHashMap<>();
            boolean positive = i % 2 == 0;
            boolean ok = true;
            for (ISymbol s : symbols) {
                if (valueOf(s, values, rnd, positive) == null) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                continue;
            }
            IExpr at = substitute(e, values);
            double v = number(at);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            double scale = magnitude(at);
            if (Double.isNaN(scale)) {
                continue;
            }
            if (Math.abs(v) > REL_TOL * scale && Math.abs(v) > 1e-250) {
                return "the difference is " + String.format(java.util.Locale.ROOT, "%.6g", v).replace('-', '−') + " at " + describe(values, symbols);
            }
            zeroLikePoints++;
        }
        return null;
    }

    /** A random value for a leaf, or the value a definition gives a name; null if not real. */
    private IExpr valueOf(ISymbol s, Map<ISymbol, IExpr> values, Random rnd, boolean positive) {
        IExpr done = values.get(s);
        if (done != null) {
            return done;
        }
        IExpr body = definitions.get(s);
        IExpr v;
        if (body == null) {
            double x;
            if (positive) {
                x = 0.1 + 0.8 * rnd.nextDouble();
            } else {
                do {
                    x = -2 + 4 * rnd.nextDouble();
                } while (Math.abs(x) < 0.05);
            }
            v = F.num(x);
        } else {
            Set<ISymbol> inner = new LinkedHashSet<>();
            collectSymbols(body, inner);
            for (ISymbol t : inner) {
                if (valueOf(t, values, rnd, positive) == null) {
                    return null;
                }
            }
            double x = number(substitute(body, values));
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return null;
            }
            v = F.num(x);
        }
        values.put(s, v);
        return v;
    }

    private static void collectSymbols(IExpr e, Set<ISymbol> out) {
        if (e.isSymbol()) {
            if (!e.isBuiltInSymbol()) {
                out.add((ISymbol) e);
            }
        } else if (e.isAST()) {
            IAST a = (IAST) e;
            for (int i = 0; i <= a.argSize(); i++) {
                collectSymbols(a.get(i), out);
            }
        }
    }

    private static IExpr substitute(IExpr e, Map<ISymbol, IExpr> values) {
        return Worker.mapTopDown(e, x -> x.isSymbol() ? values.get(x) : null);
    }

    /** Symja's numeric value of a closed expression; NaN if not a real number. */
    private double number(IExpr closed) {
        IExpr r = closed.isReal() ? closed : w.eval(F.N(closed));
        return r.isReal() ? ((IReal) r).doubleValue() : Double.NaN;
    }

    /** An upper bound for the size of the terms: what rounding error is relative to. */
    private double magnitude(IExpr closed) {
        if (closed.isReal()) {
            return Math.abs(((IReal) closed).doubleValue());
        }
        if (closed.isPlus() || closed.isTimes()) {
            IAST a = (IAST) closed;
            double m = closed.isPlus() ? 0 : 1;
            for (int i = 1; i <= a.argSize(); i++) {
                double x = magnitude(a.get(i));
                m = closed.isPlus() ? m + x : m * x;
            }
            return m;
        }
        if (closed.isPower() && closed.exponent().isReal() && ((IReal) closed.exponent()).isPositive()) {
            return Math.pow(magnitude(closed.base()), ((IReal) closed.exponent()).doubleValue());
        }
        return Math.abs(number(closed));
    }

    /** A value as a reader wants it: 6 significant digits, a true minus sign. */
    private String shown(IExpr v) {
        double d = number(v);
        if (Double.isNaN(d)) {
            return String.valueOf(v);
        }
        return String.format(java.util.Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1").replace('-', '−');
    }

    private String describe(Map<ISymbol, IExpr> values, Set<ISymbol> shown) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ISymbol s : shown) {
            String name = table.nameOf(s).map(dev.chainrule.expr.Notation::text).orElse(s.getSymbolName());
            out.put(name, shown(values.get(s)));
        }
        List<String> parts = new ArrayList<>();
        out.forEach((k, v) -> parts.add(k + " = " + v));
        return String.join(", ", parts);
    }
}
