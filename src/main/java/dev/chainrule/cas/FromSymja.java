package dev.chainrule.cas;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.ID;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Symja's answers → our tree, for the forms it returns for our functions: Plus, Times, Power (E^u → exp,
 * u^(1/2) → sqrt), exact rationals, Log, LogisticSigmoid, Tanh, Sin, Cos, Abs, Sign, hyperbolic/trig
 * relatives rewritten in our functions (sech u → 2/(eᵘ + e⁻ᵘ), tan → sin/cos, …), unevaluated D, and
 * Erf (as 2Φ(√2·v) − 1), the normal density's 1/√(2π) (as φ(0)),
 * Piecewise: single-branch shapes become relu/step/leaky_relu/leaky_step where recognisable, other
 * branches a sum of indicator terms (u &gt; 0 → step(u), u ≥ 0 → leaky_step(u, 0)). Anything else throws
 * {@link CasException}.
 */
final class FromSymja {
    private final SymbolTable table;
    private final Worker worker;

    FromSymja(SymbolTable table, Worker worker) {
        this.table = table;
        this.worker = worker;
    }

    Expr convert(IExpr e) {
        if (e.isInteger()) {
            return new Num(new BigFraction(((IInteger) e).toBigNumerator()));
        }
        if (e.isFraction()) {
            IFraction f = (IFraction) e;
            return new Num(new BigFraction(f.toBigNumerator(), f.toBigDenominator()));
        }
        if (e.isSymbol()) {
            return symbol((ISymbol) e);
        }
        if (!e.isAST()) {
            throw new CasException("cannot convert Symja's " + describe(e) + " to an expression");
        }
        IAST a = (IAST) e;
        if (a.head().isAST()) {
            return derivativeOfFunction(a);
        }
        switch (a.headID()) {
            case ID.Plus:
                return plus(a);
            case ID.Times:
                return times(a);
            case ID.Power:
                return power(a.arg1(), a.arg2());
            case ID.Exp:
                return call(Fn.EXP, unary(a));
            case ID.Sqrt:
                return call(Fn.SQRT, unary(a));
            case ID.Log:
                if (a.argSize() == 2) {
                    return Exprs.div(call(Fn.LOG, convert(a.arg2())), call(Fn.LOG, convert(a.arg1())));
                }
                return call(Fn.LOG, unary(a));
            case ID.LogisticSigmoid:
                return call(Fn.SIGMOID, unary(a));
            case ID.Tanh:
                return call(Fn.TANH, unary(a));
            case ID.Sin:
                return call(Fn.SIN, unary(a));
            case ID.Cos:
                return call(Fn.COS, unary(a));
            case ID.Abs:
                return call(Fn.ABS, unary(a));
            case ID.Sign:
                return call(Fn.SIGN, unary(a));
            case ID.Sech: {
                Expr u = unary(a);
                return Exprs.div(Num.TWO, Exprs.sum(call(Fn.EXP, u), call(Fn.EXP, Exprs.neg(u))));
            }
            case ID.Csch: {
                Expr u = unary(a);
                return Exprs.div(Num.TWO, Exprs.sub(call(Fn.EXP, u), call(Fn.EXP, Exprs.neg(u))));
            }
            case ID.Cosh: {
                Expr u = unary(a);
                return Exprs.product(Num.HALF, Exprs.sum(call(Fn.EXP, u), call(Fn.EXP, Exprs.neg(u))));
            }
            case ID.Sinh: {
                Expr u = unary(a);
                return Exprs.product(Num.HALF, Exprs.sub(call(Fn.EXP, u), call(Fn.EXP, Exprs.neg(u))));
            }
            case ID.Coth:
                return Exprs.pow(call(Fn.TANH, unary(a)), -1);
            case ID.Tan: {
                Expr u = unary(a);
                return Exprs.div(call(Fn.SIN, u), call(Fn.COS, u));
            }
            case ID.Cot: {
                Expr u = unary(a);
                return Exprs.div(call(Fn.COS, u), call(Fn.SIN, u));
            }
            case ID.Sec:
                return Exprs.pow(call(Fn.COS, unary(a)), -1);
            case ID.Csc:
                return Exprs.pow(call(Fn.SIN, unary(a)), -1);
            case ID.Piecewise:
                return piecewise(a);
            case ID.Erf:
                if (a.argSize() != 1) {
                    throw new CasException("cannot convert Symja's " + describe(e) + " to an expression");
                }
                return erf(a.arg1());
            case ID.D:
                if (a.argSize() == 2 && a.arg2().isSymbol()) {
                    Expr wrt = symbol((ISymbol) a.arg2());
                    if (wrt instanceof Expr.Var v) {
                        return new Expr.Derivative(convert(a.arg1()), v);
                    }
                }
                throw new CasException("cannot convert Symja's " + describe(e) + " to an expression");
            default:
                throw new CasException("cannot convert Symja's " + describe(e) + " to an expression");
        }
    }

    private Expr symbol(ISymbol s) {
        if (s == S.E) {
            return call(Fn.EXP, Num.ONE);
        }
        return table.nameOf(s).<Expr>map(Exprs::var)
                .orElseThrow(() -> new CasException("Symja returned a symbol of its own: " + describe(s)));
    }

    /** Derivative(1)[Abs][u] = sign(u); Derivative(n)[Sign][u] = 0 (almost everywhere): {@link Normalizer}'s rules. */
    private Expr derivativeOfFunction(IAST a) {
        IExpr rewritten = Normalizer.rewrite(a);
        if (rewritten != null) {
            return convert(rewritten);
        }
        throw new CasException("cannot convert Symja's " + describe(a) + " to an expression");
    }

    /** A sum; 1 + erf(u/√2), Symja's form of 2Φ(u), is read back as 2Φ(u). */
    private Expr plus(IAST a) {
        int one = a.indexOf(F.C1);
        int erf = -1;
        for (int i = 1; i <= a.argSize(); i++) {
            if (a.get(i).isAST(S.Erf, 2)) {
                erf = erf == -1 ? i : -2;
            }
        }
        if (one <= 0 || erf < 0) {
            return Exprs.sum(all(a));
        }
        List<Expr> terms = new ArrayList<>();
        for (int i = 1; i <= a.argSize(); i++) {
            if (i == erf) {
                IExpr arg = ((IAST) a.get(i)).arg1();
                terms.add(Exprs.product(Num.TWO, call(Fn.NORM_CDF, erfArgument(arg))));
            } else if (i != one) {
                terms.add(convert(a.get(i)));
            }
        }
        return Exprs.sum(terms);
    }

    /** A product; e^(−u²/2)/√(2π), Symja's form of φ(u), is read back as φ(u) where u² is a monomial's square. */
    private Expr times(IAST a) {
        int constant = -1;
        int exp = -1;
        Expr u = null;
        for (int i = 1; i <= a.argSize(); i++) {
            IExpr f = a.get(i);
            if (isPower(f, F.Times(F.C2, S.Pi), F.CN1D2)) {
                constant = i;
            } else if (f.isPower() && ((IAST) f).arg1() == S.E && u == null) {
                u = gaussianArgument(((IAST) f).arg2());
                exp = u == null ? -1 : i;
            }
        }
        boolean erf = a.exists(f -> f.isPlus() && ((IAST) f).exists(t -> t.isAST(S.Erf, 2)));
        if (constant < 0 || exp < 0) {
            return erf ? folded(all(a)) : Exprs.product(all(a));
        }
        List<Expr> factors = new ArrayList<>();
        for (int i = 1; i <= a.argSize(); i++) {
            if (i == exp) {
                factors.add(call(Fn.NORM_PDF, u));
            } else if (i != constant) {
                factors.add(convert(a.get(i)));
            }
        }
        return folded(factors);
    }

    /** A product with nested products flattened and its numbers multiplied (½·x·(2Φ) → x·Φ). */
    private static Expr folded(List<Expr> factors) {
        BigFraction c = BigFraction.ONE;
        List<Expr> rest = new ArrayList<>();
        List<Expr> todo = new ArrayList<>(factors);
        for (int i = 0; i < todo.size(); i++) {
            Expr f = todo.get(i);
            if (f instanceof Expr.Product p) {
                todo.addAll(i + 1, p.factors());
            } else if (f instanceof Num n) {
                c = c.multiply(n.value());
            } else {
                rest.add(f);
            }
        }
        if (!c.equals(BigFraction.ONE)) {
            rest.add(0, new Num(c));
        }
        return Exprs.product(rest);
    }

    /** u for an exponent −u²/2 whose u² is a product of even powers (w²·x² → w·x), else null. */
    private Expr gaussianArgument(IExpr exponent) {
        if (!exponent.isTimes() || !((IAST) exponent).arg1().equals(F.CN1D2)) {
            return null;
        }
        IAST t = (IAST) exponent;
        List<Expr> root = new ArrayList<>();
        for (int i = 2; i <= t.argSize(); i++) {
            IExpr f = t.get(i);
            if (!f.isPower() || !((IAST) f).arg2().isInteger()) {
                return null;
            }
            int n = ((IInteger) ((IAST) f).arg2()).toIntDefault();
            if (n <= 0 || n % 2 != 0) {
                return null;
            }
            int k = n / 2;
            Expr b = convert(((IAST) f).arg1());
            root.add(k == 1 ? b : Exprs.pow(b, k));
        }
        return root.isEmpty() ? null : Exprs.product(root);
    }

    /** u for erf's argument u/√2 (the 1/√2 a factor), else √2·v. */
    private Expr erfArgument(IExpr arg) {
        if (arg.isTimes()) {
            IAST t = (IAST) arg;
            for (int i = 1; i <= t.argSize(); i++) {
                if (isPower(t.get(i), F.C2, F.CN1D2)) {
                    List<Expr> rest = new ArrayList<>();
                    for (int j = 1; j <= t.argSize(); j++) {
                        if (j != i) {
                            rest.add(convert(t.get(j)));
                        }
                    }
                    return Exprs.product(rest);
                }
            }
        }
        return Exprs.product(call(Fn.SQRT, Num.TWO), convert(arg));
    }

    /**
     * erf(v) in our functions: erf(v) = 2Φ(√2·v) − 1; Symja writes ToSymja's Φ(u) = (1 + Erf(u/√2))/2 back with
     * the 1/√2 as a factor of the argument, which is taken off rather than multiplied by √2 ({@link #erfArgument}).
     */
    private Expr erf(IExpr arg) {
        return Exprs.sub(Exprs.product(Num.TWO, call(Fn.NORM_CDF, erfArgument(arg))), Num.ONE);
    }

    private static boolean isPower(IExpr e, IExpr base, IExpr exponent) {
        return e.isPower() && ((IAST) e).arg1().equals(base) && ((IAST) e).arg2().equals(exponent);
    }

    private Expr power(IExpr base, IExpr exponent) {
        // 1/√(2π), the normal density's constant, is φ(0); 1/√π is √2·φ(0) (our language has no π)
        if (exponent.equals(F.CN1D2) && base.equals(F.Times(F.C2, S.Pi))) {
            return call(Fn.NORM_PDF, Num.ZERO);
        }
        if (exponent.equals(F.CN1D2) && base == S.Pi) {
            return Exprs.product(call(Fn.SQRT, Num.TWO), call(Fn.NORM_PDF, Num.ZERO));
        }
        if (base == S.E) {
            return call(Fn.EXP, convert(exponent));
        }
        if (exponent.equals(F.C1D2)) {
            return call(Fn.SQRT, convert(base));
        }
        if (exponent.equals(F.CN1D2)) {
            return Exprs.pow(call(Fn.SQRT, convert(base)), -1);
        }
        return Exprs.pow(convert(base), convert(exponent));
    }

    // ---- Piecewise ----------------------------------------------------------------------------------

    /** A condition "u &gt; 0" (strict) or "u ≥ 0", with u in Symja's evaluated form. */
    private record Condition(IExpr u, boolean strict) {
    }

    private Expr piecewise(IAST a) {
        if (a.argSize() < 1 || a.argSize() > 2 || !a.arg1().isList()) {
            throw new CasException("cannot convert Symja's " + describe(a) + " to an expression");
        }
        IAST branches = (IAST) a.arg1();
        IExpr dflt = a.argSize() == 2 ? a.arg2() : F.C0;
        if (branches.argSize() == 1) {
            IExpr b = branches.arg1();
            if (!b.isList() || ((IAST) b).argSize() != 2) {
                throw new CasException("cannot convert Symja's " + describe(a) + " to an expression");
            }
            IExpr value = b.first();
            IExpr cond = ((IAST) b).arg2();
            Condition c = condition(cond);
            if (c != null) {
                return singleBranch(value, c, dflt);
            }
        }
        Expr rest = convert(dflt);
        for (int i = branches.argSize(); i >= 1; i--) {
            IExpr b = branches.get(i);
            if (!b.isList() || ((IAST) b).argSize() != 2) {
                throw new CasException("cannot convert Symja's " + describe(a) + " to an expression");
            }
            Expr ind = indicator(((IAST) b).arg2());
            Expr value = convert(b.first());
            // [c]·value + (1 − [c])·rest
            rest = Exprs.sum(Exprs.product(ind, value), Exprs.product(Exprs.sub(Num.ONE, ind), rest));
        }
        return rest;
    }

    private Expr singleBranch(IExpr value, Condition c, IExpr dflt) {
        Expr u = convert(c.u());
        if (c.strict()) {
            if (dflt.isZero()) {
                if (value.equals(c.u())) {
                    return call(Fn.RELU, u);
                }
                if (value.isOne()) {
                    return call(Fn.STEP, u);
                }
                return Exprs.product(convert(value), call(Fn.STEP, u));
            }
            Expr d = convert(dflt);
            return Exprs.sum(d, Exprs.product(Exprs.sub(convert(value), d), call(Fn.STEP, u)));
        }
        // u >= 0
        if (value.isOne() && dflt.isRational()) {
            return new Call(Fn.LEAKY_STEP, List.of(u, convert(dflt)));
        }
        if (!value.isZero()) {
            IExpr ratio = worker.eval(F.Together(F.Times(new IExpr[] {dflt, F.Power(value, F.CN1)})));
            if (ratio.isRational()) {
                Expr alpha = convert(ratio);
                if (value.equals(c.u())) {
                    return new Call(Fn.LEAKY_RELU, List.of(u, alpha));
                }
                Expr step = new Call(Fn.LEAKY_STEP, List.of(u, alpha));
                return value.isOne() ? step : Exprs.product(convert(value), step);
            }
        }
        Expr ind = new Call(Fn.LEAKY_STEP, List.of(u, Num.ZERO));
        if (dflt.isZero()) {
            return Exprs.product(convert(value), ind);
        }
        Expr d = convert(dflt);
        return Exprs.sum(d, Exprs.product(Exprs.sub(convert(value), d), ind));
    }

    /** l &gt; r → (l − r, strict); l ≥ r → (l − r, non-strict); l &lt; r and l ≤ r likewise with r − l. */
    private Condition condition(IExpr cond) {
        if (!cond.isAST() || ((IAST) cond).argSize() != 2) {
            return null;
        }
        IExpr l = cond.first();
        IExpr r = ((IAST) cond).arg2();
        switch (cond.headID()) {
            case ID.Greater:
                return new Condition(difference(l, r), true);
            case ID.GreaterEqual:
                return new Condition(difference(l, r), false);
            case ID.Less:
                return new Condition(difference(r, l), true);
            case ID.LessEqual:
                return new Condition(difference(r, l), false);
            default:
                return null;
        }
    }

    private IExpr difference(IExpr l, IExpr r) {
        return r.isZero() ? l : worker.eval(F.Subtract(l, r));
    }

    /** [cond] as an expression of ours. */
    private Expr indicator(IExpr cond) {
        if (cond == S.True) {
            return Num.ONE;
        }
        if (cond == S.False) {
            return Num.ZERO;
        }
        if (cond.isAST() && cond.headID() == ID.And) {
            List<Expr> fs = new ArrayList<>();
            for (int i = 1; i <= ((IAST) cond).argSize(); i++) {
                fs.add(indicator(((IAST) cond).get(i)));
            }
            return Exprs.product(fs);
        }
        if (cond.isAST() && cond.headID() == ID.Not && ((IAST) cond).argSize() == 1) {
            return Exprs.sub(Num.ONE, indicator(cond.first()));
        }
        Condition c = condition(cond);
        if (c == null) {
            throw new CasException("cannot convert Symja's condition " + describe(cond));
        }
        Expr u = convert(c.u());
        return c.strict() ? call(Fn.STEP, u) : new Call(Fn.LEAKY_STEP, List.of(u, Num.ZERO));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private Expr unary(IAST a) {
        if (a.argSize() != 1) {
            throw new CasException("cannot convert Symja's " + describe(a) + " to an expression");
        }
        return convert(a.arg1());
    }

    private static Expr call(Fn fn, Expr arg) {
        return new Call(fn, arg);
    }

    private List<Expr> all(IAST a) {
        List<Expr> out = new ArrayList<>(a.argSize());
        for (int i = 1; i <= a.argSize(); i++) {
            out.add(convert(a.get(i)));
        }
        return out;
    }

    /** A short description for messages, with our names in place of the generated ones. */
    private String describe(IExpr e) {
        String s = e.toString();
        for (var entry : table.symbols().entrySet()) {
            s = s.replaceAll("\\b" + java.util.regex.Pattern.quote(entry.getValue().getSymbolName()) + "\\b",
                    java.util.regex.Matcher.quoteReplacement(entry.getKey()));
        }
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
