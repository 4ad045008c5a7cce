package dev.chainrule.cas;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Pow;
import dev.chainrule.expr.Expr.Product;
import dev.chainrule.expr.Expr.Quotient;
import dev.chainrule.expr.Expr.Sum;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Our tree → an unevaluated Symja expression, built only with the {@code F.*} factory (never through the
 * parser). Variables become the table's dummy symbols.
 *
 * <ul>
 *   <li>sigmoid → {@code LogisticSigmoid} (measured: D gives σ(1−σ)·u′ directly and PossibleZeroQ decides
 *       BCE∘σ in ~0.1 s; the form 1/(1+e^−u) gave a wrong "False" after 3.7 s);</li>
 *   <li>relu(u) → {@code Piecewise({{u, u > 0}}, 0)}, step(u) → {@code Piecewise({{1, u > 0}}, 0)},
 *       leaky_relu(u, α) → {@code Piecewise({{u, u >= 0}}, α u)}, leaky_step(u, α) →
 *       {@code Piecewise({{1, u >= 0}}, α)} (D of Max stays unevaluated; D of these works);</li>
 *   <li>softplus(u) → {@code Log(1 + Exp(u))}, elu(u, α) and elu_step(u, α) → {@code Piecewise} as relu,
 *       silu(u) → {@code u·LogisticSigmoid(u)}, Φ(u) → {@code (1 + Erf(u/√2))/2}, gelu(u) → {@code u·Φ(u)},
 *       φ(u) → {@code Exp(−u²/2)/√(2π)};</li>
 *   <li>softmax(k, z₁…z_K) → {@code Exp(z_k) / (Exp(z₁) + … + Exp(z_K))};</li>
 *   <li>∂body/∂v → {@code D(body, v)}.</li>
 * </ul>
 *
 * <p>Names defined in {@link Definitions} are handled by the {@link Mode}: {@link Mode#PLAIN} ignores the
 * definitions (every name a symbol), {@link Mode#NODE_LOCAL} keeps names as symbols but differentiates
 * through them ({@code D(body, v) + Σₙ D(body, n)·dn/dv}), {@link Mode#EXPANDED} substitutes every
 * definition — except, inside ∂/∂n of a defined name n, n itself, which is the variable there and is
 * substituted only after D ({@code ReplaceAll(D(body, n), n → expansion)}).
 */
final class ToSymja implements Expr.Visitor<IExpr> {
    enum Mode { PLAIN, NODE_LOCAL, EXPANDED }

    private final SymbolTable table;
    private final Definitions defs;
    private final Mode mode;
    private final Map<String, IExpr> memo = new HashMap<>();

    ToSymja(SymbolTable table) {
        this(table, Definitions.none(), Mode.PLAIN);
    }

    ToSymja(SymbolTable table, Definitions defs, Mode mode) {
        this.table = table;
        this.defs = defs == null ? Definitions.none() : defs;
        this.mode = defs == null ? Mode.PLAIN : mode;
    }

    IExpr convert(Expr e) {
        return e.accept(this);
    }

    static IExpr number(BigFraction v) {
        BigInteger num = v.getNumerator();
        BigInteger den = v.getDenominator();
        if (den.equals(BigInteger.ONE)) {
            return F.ZZ(num);
        }
        return F.fraction(num, den);
    }

    @Override
    public IExpr num(Num n) {
        return number(n.value());
    }

    @Override
    public IExpr var(Var v) {
        String n = v.name();
        if (mode == Mode.EXPANDED && defs.isDefined(n)) {
            IExpr done = memo.get(n);
            if (done == null) {
                done = convert(defs.get(n));
                memo.put(n, done);
            }
            return done;
        }
        return table.symbolFor(n);
    }

    @Override
    public IExpr sum(Sum s) {
        return F.Plus(all(s.terms()));
    }

    @Override
    public IExpr product(Product p) {
        return F.Times(all(p.factors()));
    }

    @Override
    public IExpr pow(Pow p) {
        return F.Power(convert(p.base()), convert(p.exponent()));
    }

    @Override
    public IExpr quotient(Quotient q) {
        return F.Times(new IExpr[] {convert(q.numerator()), F.Power(convert(q.denominator()), F.CN1)});
    }

    @Override
    public IExpr call(Call c) {
        IExpr u = c.fn() == dev.chainrule.expr.Fn.SOFTMAX ? null : convert(c.arg());
        return switch (c.fn()) {
            case EXP -> F.Exp(u);
            case LOG -> F.Log(u);
            case SQRT -> F.Sqrt(u);
            case SIGMOID -> F.LogisticSigmoid(u);
            case TANH -> F.Tanh(u);
            case SIN -> F.Sin(u);
            case COS -> F.Cos(u);
            case ABS -> F.Abs(u);
            case SIGN -> F.Sign(u);
            case RELU -> F.Piecewise(F.list(F.list(u, F.Greater(u, F.C0))), F.C0);
            case STEP -> F.Piecewise(F.list(F.list(F.C1, F.Greater(u, F.C0))), F.C0);
            case LEAKY_RELU -> F.Piecewise(F.list(F.list(u, F.GreaterEqual(u, F.C0))),
                    F.Times(new IExpr[] {convert(c.args().get(1)), u}));
            case LEAKY_STEP -> F.Piecewise(F.list(F.list(F.C1, F.GreaterEqual(u, F.C0))), convert(c.args().get(1)));
            case SOFTMAX -> softmax(c);
            case SOFTPLUS -> F.Log(F.Plus(F.C1, F.Exp(u)));
            case ELU -> F.Piecewise(F.list(F.list(u, F.Greater(u, F.C0))),
                    F.Times(convert(c.args().get(1)), F.Plus(F.Exp(u), F.CN1)));
            case ELU_STEP -> F.Piecewise(F.list(F.list(F.C1, F.Greater(u, F.C0))),
                    F.Times(convert(c.args().get(1)), F.Exp(u)));
            case GELU -> F.Times(u, normCdf(u));
            case SILU -> F.Times(u, F.LogisticSigmoid(u));
            case NORM_CDF -> normCdf(u);
            case HUBER -> {
                IExpr d = convert(c.args().get(1));
                yield F.Piecewise(F.list(F.list(F.Times(F.C1D2, F.Sqr(u)), F.LessEqual(F.Abs(u), d))),
                        F.Times(d, F.Plus(F.Abs(u), F.Times(F.CN1D2, d))));
            }
            case HUBER_GRAD -> {
                IExpr d = convert(c.args().get(1));
                yield F.Piecewise(F.list(F.list(u, F.LessEqual(F.Abs(u), d))), F.Times(d, F.Sign(u)));
            }
            case NORM_PDF -> F.Times(F.Power(F.Times(F.C2, F.Pi), F.CN1D2), F.Exp(F.Times(F.CN1D2, F.Sqr(u))));
        };
    }

    /** Φ(u) = (1 + Erf(u/√2))/2. */
    private static IExpr normCdf(IExpr u) {
        return F.Times(F.C1D2, F.Plus(F.C1, F.Erf(F.Times(u, F.Power(F.C2, F.CN1D2)))));
    }

    private IExpr softmax(Call c) {
        if (!(c.args().get(0) instanceof Num k) || !k.isInteger()) {
            throw new CasException("softmax needs a constant integer index first");
        }
        int index = k.value().intValue();
        List<Expr> zs = c.args().subList(1, c.args().size());
        if (index < 1 || index > zs.size()) {
            throw new CasException("softmax index " + index + " is out of range 1.." + zs.size());
        }
        IExpr[] exps = new IExpr[zs.size()];
        for (int i = 0; i < zs.size(); i++) {
            exps[i] = F.Exp(convert(zs.get(i)));
        }
        return F.Times(new IExpr[] {exps[index - 1], F.Power(F.Plus(exps), F.CN1)});
    }

    @Override
    public IExpr derivative(Derivative d) {
        String v = d.wrt().name();
        return switch (mode) {
            case NODE_LOCAL -> total(d.body(), v);
            case EXPANDED -> {
                if (defs.isDefined(v)) {
                    Map<String, Expr> rest = new java.util.LinkedHashMap<>(defs.asMap());
                    rest.remove(v);
                    ToSymja inner = new ToSymja(table, new Definitions(rest), Mode.EXPANDED);
                    ISymbol vs = table.symbolFor(v);
                    yield F.ReplaceAll(F.D(inner.convert(d.body()), vs), F.Rule(vs, var(d.wrt())));
                }
                yield F.D(convert(d.body()), table.symbolFor(v));
            }
            case PLAIN -> F.D(convert(d.body()), table.symbolFor(v));
        };
    }

    /**
     * d body / d v with every defined name a symbol: ∂body/∂v + Σ over names n in body that depend on v of
     * ∂body/∂n · dn/dv, where dn/dv is the same construction applied to n's definition.
     */
    private IExpr total(Expr body, String v) {
        IExpr b = convert(body);
        ISymbol vs = table.symbolFor(v);
        List<IExpr> terms = new ArrayList<>();
        terms.add(F.D(b, vs));
        for (String n : Exprs.variables(body)) {
            if (!n.equals(v) && defs.isDefined(n) && defs.dependsOn(n, v)) {
                terms.add(F.Times(new IExpr[] {F.D(b, table.symbolFor(n)), totalOfName(n, v)}));
            }
        }
        return terms.size() == 1 ? terms.get(0) : F.Plus(terms.toArray(new IExpr[0]));
    }

    private IExpr totalOfName(String n, String v) {
        String key = n + "\u0000" + v;
        IExpr done = memo.get(key);
        if (done == null) {
            done = total(defs.get(n), v);
            memo.put(key, done);
        }
        return done;
    }

    private IExpr[] all(List<Expr> xs) {
        IExpr[] out = new IExpr[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = convert(xs.get(i));
        }
        return out;
    }
}
