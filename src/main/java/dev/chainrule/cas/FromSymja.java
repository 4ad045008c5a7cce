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
                return Exprs.sum(all(a));
            case ID.Times:
                return Exprs.product(all(a));
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

    private Expr power(IExpr base, IExpr exponent) {
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
