package dev.chainrule.cas;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.ID;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Turns an expression into a rational function of fresh symbols ("atoms"), one per distinct non-rational
 * sub-expression (after ExpandAll, so σ(2(a+b)) and σ(2a+2b) are one atom). If that rational function is
 * identically zero (Together gives 0), so is the expression: substituting the atoms back cannot make a zero
 * function non-zero. This is a sound proof of zero — never of non-zero (atoms may be related).
 *
 * <p>In {@link Mode#EXP} mode σ, tanh, sech, cosh, sinh are first written with exponentials and every
 * e^(c₁m₁ + c₂m₂ + …) is split into powers of atoms e^(mᵢ) (mᵢ monomials, cᵢ rational): the result is
 * a rational function in the e^(mᵢ), which decides identities between sigmoid/softmax/exp forms.
 */
final class Atomizer {
    enum Mode { KEEP, EXP }

    private final Worker w;
    private final Mode mode;
    private final Map<IExpr, ISymbol> atoms = new HashMap<>();

    Atomizer(Worker w, Mode mode) {
        this.w = w;
        this.mode = mode;
    }

    int atomCount() {
        return atoms.size();
    }

    IExpr apply(IExpr e) {
        w.checkCancelled();
        if (e.isNumber() || e.isSymbol()) {
            return e;
        }
        if (!e.isAST()) {
            return atom(e);
        }
        IAST a = (IAST) e;
        if (e.isPlus() || e.isTimes()) {
            List<IExpr> args = new ArrayList<>(a.argSize());
            for (int i = 1; i <= a.argSize(); i++) {
                args.add(apply(a.get(i)));
            }
            return F.ast(a.head(), args);
        }
        if (e.isPower()) {
            IExpr b = a.arg1();
            IExpr x = a.arg2();
            if (b == S.E) {
                return mode == Mode.EXP ? exp(x) : atom(e);
            }
            if (x.isInteger()) {
                return F.Power(apply(b), x);
            }
            if (x.isFraction()) {
                IFraction q = (IFraction) x;
                IExpr root = atom(F.Power(b, F.fraction(BigInteger.ONE, q.toBigDenominator())));
                return F.Power(root, F.ZZ(q.toBigNumerator()));
            }
            return atom(e);
        }
        if (mode == Mode.EXP && a.argSize() == 1) {
            IExpr u = a.arg1();
            switch (a.headID()) {
                case ID.LogisticSigmoid: // 1/(1 + e^−u)
                    return F.Power(F.Plus(F.C1, exp(F.Negate(u))), F.CN1);
                case ID.Tanh: { // (1 − e^−2u)/(1 + e^−2u)
                    IExpr t = exp(F.Times(F.CN2, u));
                    return F.Times(new IExpr[] {F.Plus(F.C1, F.Negate(t)), F.Power(F.Plus(F.C1, t), F.CN1)});
                }
                case ID.Sech:
                    return F.Times(new IExpr[] {F.C2, F.Power(F.Plus(exp(u), exp(F.Negate(u))), F.CN1)});
                case ID.Csch:
                    return F.Times(new IExpr[] {F.C2, F.Power(F.Plus(exp(u), F.Negate(exp(F.Negate(u)))), F.CN1)});
                case ID.Cosh:
                    return F.Times(new IExpr[] {F.C1D2, F.Plus(exp(u), exp(F.Negate(u)))});
                case ID.Sinh:
                    return F.Times(new IExpr[] {F.C1D2, F.Plus(exp(u), F.Negate(exp(F.Negate(u))))});
                default:
                    break;
            }
        }
        return atom(e);
    }

    /** e^x as a product of powers of atoms e^(m) for the monomials m of ExpandAll(x). */
    private IExpr exp(IExpr x) {
        IExpr xs = w.eval(F.ExpandAll(x));
        List<IExpr> terms = new ArrayList<>();
        if (xs.isPlus()) {
            IAST p = (IAST) xs;
            for (int i = 1; i <= p.argSize(); i++) {
                terms.add(p.get(i));
            }
        } else {
            terms.add(xs);
        }
        List<IExpr> factors = new ArrayList<>();
        for (IExpr t : terms) {
            IRational c;
            IExpr m;
            if (t.isRational()) {
                c = (IRational) t;
                m = F.C1;
            } else if (t.isTimes() && t.first().isRational()) {
                c = (IRational) t.first();
                m = ((IAST) t).rest().oneIdentity1();
            } else {
                c = F.C1;
                m = t;
            }
            BigInteger p = c.toBigNumerator();
            BigInteger q = c.toBigDenominator();
            IExpr base = q.equals(BigInteger.ONE) ? m : w.eval(F.Times(new IExpr[] {m, F.fraction(BigInteger.ONE, q)}));
            factors.add(F.Power(atom(F.Exp(base)), F.ZZ(p)));
        }
        return factors.size() == 1 ? factors.get(0) : F.ast(S.Times, factors);
    }

    private ISymbol atom(IExpr e) {
        IExpr key = w.eval(F.ExpandAll(e));
        ISymbol s = atoms.get(key);
        if (s == null) {
            s = F.Dummy("a" + atoms.size());
            atoms.put(key, s);
        }
        return s;
    }
}
