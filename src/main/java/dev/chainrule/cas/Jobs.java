package dev.chainrule.cas;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The jobs {@link Cas} sends to the worker. Kept out of {@link Cas} so that loading and verifying Cas (for
 * {@link Cas#isLoaded()}) loads no Symja class at all.
 */
final class Jobs {
    private Jobs() {
    }

    static IExpr toSymja(SymjaSession s, Expr e, SymbolTable table) {
        return s.run(w -> new ToSymja(table).convert(e), Cas.DEFAULT_TIMEOUT);
    }

    static Expr fromSymja(SymjaSession s, IExpr e, SymbolTable table) {
        return s.run(w -> new FromSymja(table, w).convert(e), Cas.DEFAULT_TIMEOUT);
    }

    static Expr evaluate(SymjaSession s, Expr e, Duration timeout) {
        SymbolTable t = new SymbolTable();
        return s.run(w -> {
            IExpr r = Normalizer.normalize(w, w.eval(new ToSymja(t).convert(e)));
            return new FromSymja(t, w).convert(r);
        }, timeout);
    }

    /** D(e, wrt) with every definition but {@code wrt} substituted. */
    static Expr derivative(SymjaSession s, Expr e, String wrt, Definitions allButWrt, Duration timeout) {
        SymbolTable t = new SymbolTable();
        return s.run(w -> {
            ToSymja to = new ToSymja(t, allButWrt, ToSymja.Mode.EXPANDED);
            IExpr d = w.eval(F.D(to.convert(e), t.symbolFor(wrt)));
            d = Normalizer.normalize(w, d);
            return new FromSymja(t, w).convert(d);
        }, timeout);
    }

    /**
     * The zero test of {@code difference}; in node-local mode {@code names} are the defined names it reaches,
     * whose bodies back-substitution and the numeric check need.
     */
    static ZeroCheck.Outcome zeroTest(SymjaSession s, Expr difference, Definitions defs, ToSymja.Mode mode,
            Set<String> names, Duration timeout) {
        return s.run(w -> {
            SymbolTable t = new SymbolTable();
            ToSymja to = new ToSymja(t, defs, mode);
            IExpr expr = to.convert(difference);
            Map<ISymbol, IExpr> bodies = new IdentityHashMap<>();
            for (String n : names) {
                bodies.put(t.symbolFor(n), to.convert(defs.get(n)));
            }
            return new ZeroTest(w, t, bodies).run(expr);
        }, timeout);
    }
}
