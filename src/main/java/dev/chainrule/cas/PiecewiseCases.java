package dev.chainrule.cas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.ID;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IReal;

/**
 * Splits an expression with Piecewise parts (relu, step, leaky relu and their derivatives) into
 * Piecewise-free cases, one per truth assignment of the sign conditions that occur, so that each case can be
 * tested for zero on its own (Symja does not combine {@code Piecewise({{x, z>0}},0) − x·Piecewise({{1,
 * z>0}},0)}; measured: PossibleZeroQ answers False).
 *
 * <p>Conditions u &gt; 0, u ≥ 0, −u &lt; 0, … are one sign atom "u &gt; 0" (u after ExpandAll, with its
 * negation recognised): the identity is judged almost everywhere, as a kink has measure zero. Equalities
 * are false a.e. Assignments that are infeasible (two atoms that are secretly related) only make a proof
 * harder, never wrong. At most {@value #MAX_ATOMS} atoms (2^6 cases); beyond that, no split.
 */
final class PiecewiseCases {
    static final int MAX_ATOMS = 6;

    private final Worker w;
    private final List<IExpr> atomKeys = new ArrayList<>();
    private final Map<IExpr, Integer> atomIndex = new HashMap<>();

    private PiecewiseCases(Worker w) {
        this.w = w;
    }

    /** Piecewise-free cases of {@code e} (evaluated), or just {@code e} when there is nothing to split. */
    static List<IExpr> split(Worker w, IExpr e) {
        if (!containsPiecewise(e)) {
            return List.of(e);
        }
        PiecewiseCases pc = new PiecewiseCases(w);
        if (!pc.collect(e) || pc.atomKeys.size() > MAX_ATOMS) {
            return List.of(e);
        }
        int k = pc.atomKeys.size();
        Set<IExpr> cases = new LinkedHashSet<>();
        for (int mask = 0; mask < (1 << k); mask++) {
            w.checkCancelled();
            boolean[] truth = new boolean[k];
            for (int i = 0; i < k; i++) {
                truth[i] = (mask & (1 << i)) != 0;
            }
            IExpr c = pc.substitute(e, truth);
            cases.add(w.eval(c));
        }
        return new ArrayList<>(cases);
    }

    static boolean containsPiecewise(IExpr e) {
        if (!e.isAST()) {
            return false;
        }
        IAST a = (IAST) e;
        if (a.headID() == ID.Piecewise) {
            return true;
        }
        for (int i = 1; i <= a.argSize(); i++) {
            if (containsPiecewise(a.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Registers the sign atoms of every Piecewise condition; false if some condition is not understood. */
    private boolean collect(IExpr e) {
        if (!e.isAST()) {
            return true;
        }
        IAST a = (IAST) e;
        if (a.headID() == ID.Piecewise) {
            if (a.argSize() < 1 || !a.arg1().isList()) {
                return false;
            }
            IAST branches = (IAST) a.arg1();
            for (int i = 1; i <= branches.argSize(); i++) {
                IExpr b = branches.get(i);
                if (!b.isList() || ((IAST) b).argSize() != 2) {
                    return false;
                }
                if (truthOf(((IAST) b).arg2(), null) == null) {
                    return false;
                }
            }
        }
        for (int i = 1; i <= a.argSize(); i++) {
            if (!collect(a.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The truth of a condition under an assignment ({@code truth == null}: only register atoms and
     * answer TRUE if the condition is understood). Null when not understood.
     */
    private Boolean truthOf(IExpr cond, boolean[] truth) {
        if (cond == S.True) {
            return Boolean.TRUE;
        }
        if (cond == S.False) {
            return Boolean.FALSE;
        }
        if (!cond.isAST()) {
            return null;
        }
        IAST c = (IAST) cond;
        switch (c.headID()) {
            case ID.And:
            case ID.Or: {
                boolean and = c.headID() == ID.And;
                boolean acc = and;
                for (int i = 1; i <= c.argSize(); i++) {
                    Boolean t = truthOf(c.get(i), truth);
                    if (t == null) {
                        return null;
                    }
                    acc = and ? acc && t : acc || t;
                }
                return acc;
            }
            case ID.Not: {
                if (c.argSize() != 1) {
                    return null;
                }
                Boolean t = truthOf(c.arg1(), truth);
                return t == null ? null : !t;
            }
            case ID.Greater:
            case ID.GreaterEqual:
                return c.argSize() == 2 ? sign(c.arg1(), c.arg2(), truth) : null;
            case ID.Less:
            case ID.LessEqual:
                return c.argSize() == 2 ? sign(c.arg2(), c.arg1(), truth) : null;
            case ID.Equal:
            case ID.Unequal: {
                if (c.argSize() != 2) {
                    return null;
                }
                IExpr d = w.eval(F.ExpandAll(F.Subtract(c.arg1(), c.arg2())));
                // a non-constant equality holds on a set of measure zero
                boolean equal = d.isNumber() && d.isZero();
                return c.headID() == ID.Equal ? equal : !equal;
            }
            default:
                return null;
        }
    }

    /** "l − r &gt; 0" under the assignment. */
    private Boolean sign(IExpr l, IExpr r, boolean[] truth) {
        IExpr u = w.eval(F.ExpandAll(F.Subtract(l, r)));
        if (u.isNumber()) {
            return u.isReal() ? Boolean.valueOf(((IReal) u).isPositive()) : null;
        }
        Integer idx = atomIndex.get(u);
        boolean negated = false;
        if (idx == null) {
            IExpr minus = w.eval(F.ExpandAll(F.Negate(u)));
            idx = atomIndex.get(minus);
            negated = idx != null;
        }
        if (idx == null) {
            idx = atomKeys.size();
            atomKeys.add(u);
            atomIndex.put(u, idx);
        }
        if (truth == null) {
            return Boolean.TRUE;
        }
        return negated != truth[idx];
    }

    private IExpr substitute(IExpr e, boolean[] truth) {
        return Worker.mapTopDown(e, x -> {
            if (!x.isAST() || x.headID() != ID.Piecewise) {
                return null;
            }
            IAST a = (IAST) x;
            IAST branches = (IAST) a.arg1();
            for (int i = 1; i <= branches.argSize(); i++) {
                IAST b = (IAST) branches.get(i);
                if (Boolean.TRUE.equals(truthOf(b.arg2(), truth))) {
                    return substitute(b.arg1(), truth);
                }
            }
            return a.argSize() >= 2 ? substitute(a.arg2(), truth) : F.C0;
        });
    }
}
