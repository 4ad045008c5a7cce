package dev.chainrule.derive;

import dev.chainrule.UserError;
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
import dev.chainrule.expr.Fn;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Differentiates by rewriting: a line is the whole expression; each round replaces every unevaluated
 * ∂/∂w node by what one rule makes of it (the chain rule is applied together with the outer rule, as the
 * notes write it), until no ∂ is left. Derivatives that a rule settles at once — of a constant (0) or of
 * the variable itself (1) — are settled in the same round and their rules named too. Then the
 * {@link Simplifier} tidies the result, each simplification a step of its own.
 *
 * <p>Other variables are independent of w here; named intermediates are handled by {@link ChainRule}.
 */
public final class Differentiator {
    /** Rounds after which a derivation is abandoned (a safety net: each round strictly shrinks the ∂ bodies). */
    private static final int MAX_ROUNDS = 10_000;

    private final Simplifier simplifier;

    public Differentiator(Simplifier simplifier) {
        this.simplifier = simplifier;
    }

    public Differentiator() {
        this(new Simplifier(Definitions.none()));
    }

    /** ∂e/∂v with every step, simplified. */
    public Derivation derive(Expr e, Var v) {
        // one derivation has a budget of its own unless the command set one (README, Limits and errors)
        try (dev.chainrule.Budget.Phase phase = dev.chainrule.Budget.phaseIfNone("the derivation", MAX_NODES, MAX_TIME,
                "differentiate a smaller expression, or define its parts as names (L = …; z = …) so that they are kept")) {
            return deriveWithin(e, v);
        }
    }

    /** Expression nodes one derivation may make and visit, where no command set a budget. */
    public static final long MAX_NODES = 5_000_000;
    /** Wall-clock limit of the same. */
    public static final java.time.Duration MAX_TIME = java.time.Duration.ofSeconds(20);

    private Derivation deriveWithin(Expr e, Var v) {
        Derivative goal = new Derivative(e, v);
        List<Step> steps = new ArrayList<>();
        Expr current = goal;
        int rounds = 0;
        while (Exprs.containsDerivative(current)) {
            if (++rounds > MAX_ROUNDS) {
                throw new UserError("the expression is too large to differentiate step by step");
            }
            List<Rule> used = new ArrayList<>();
            current = round(current, used);
            steps.add(new Step(current, used));
        }
        steps.addAll(simplifier.simplify(current));
        Expr result = steps.isEmpty() ? current : steps.get(steps.size() - 1).expr();
        return new Derivation(goal, steps, result);
    }

    /** The derivative without the steps (same rules, same simplifier): for bulk use. */
    public Expr derivative(Expr e, Var v) {
        return derive(e, v).result();
    }

    /** One round: every ∂ node in {@code e} is replaced by one rule's result. */
    Expr round(Expr e, List<Rule> used) {
        return Exprs.mapBottomUp(e, n -> n instanceof Derivative d ? settleTrivial(apply(d, used), used) : n);
    }

    /** Settles ∂c = 0 and ∂w = 1 inside a freshly produced expression. */
    private Expr settleTrivial(Expr e, List<Rule> used) {
        return Exprs.mapBottomUp(e, n -> {
            if (n instanceof Derivative d) {
                if (d.body().equals(d.wrt())) {
                    used.add(Rule.VARIABLE);
                    return Num.ONE;
                }
                if (!Exprs.contains(d.body(), d.wrt().name())) {
                    used.add(Rule.CONSTANT);
                    return Num.ZERO;
                }
            }
            return n;
        });
    }

    private static Expr d(Expr body, Var v) {
        return new Derivative(body, v);
    }

    /** What one rule makes of ∂body/∂v. */
    Expr apply(Derivative der, List<Rule> used) {
        Expr body = der.body();
        Var v = der.wrt();
        String w = v.name();
        if (body instanceof Derivative) {
            throw new UserError("second derivatives are not supported");
        }
        if (body.equals(v)) {
            used.add(Rule.VARIABLE);
            return Num.ONE;
        }
        if (!Exprs.contains(body, w)) {
            used.add(Rule.CONSTANT);
            return Num.ZERO;
        }
        return body.accept(new Expr.Visitor<Expr>() {
            public Expr num(Num n) {
                used.add(Rule.CONSTANT);
                return Num.ZERO;
            }

            public Expr var(Var x) {
                used.add(Rule.CONSTANT);
                return Num.ZERO;
            }

            public Expr sum(Sum s) {
                used.add(Rule.SUM);
                return new Sum(s.terms().stream().map(t -> d(t, v)).toList());
            }

            public Expr product(Product p) {
                List<Expr> constants = new ArrayList<>();
                List<Expr> dependent = new ArrayList<>();
                for (Expr f : p.factors()) {
                    (Exprs.contains(f, w) ? dependent : constants).add(f);
                }
                if (!constants.isEmpty()) {
                    used.add(Rule.CONSTANT_MULTIPLE);
                    List<Expr> out = new ArrayList<>(constants);
                    out.add(d(Exprs.product(dependent), v));
                    return new Product(out);
                }
                used.add(Rule.PRODUCT);
                List<Expr> terms = new ArrayList<>();
                for (int i = 0; i < dependent.size(); i++) {
                    List<Expr> fs = new ArrayList<>(dependent);
                    fs.set(i, d(dependent.get(i), v));
                    terms.add(new Product(fs));
                }
                return new Sum(terms);
            }

            public Expr pow(Pow p) {
                Expr b = p.base();
                Expr e = p.exponent();
                boolean baseDep = Exprs.contains(b, w);
                boolean expDep = Exprs.contains(e, w);
                if (!expDep) {
                    used.add(Rule.POWER);
                    // as the notes state it: ∂u² = 2u·∂u (u¹ and u⁰ written as u and 1)
                    Expr lowered = e instanceof Num n ? new Num(n.value().subtract(BigFraction.ONE)) : Exprs.sum(e, Num.MINUS_ONE);
                    Expr reduced = lowered instanceof Num ln && ln.isOne() ? b : new Pow(b, lowered);
                    Expr outer = lowered instanceof Num ln && ln.isZero() ? e : Exprs.product(e, reduced);
                    return chain(outer, b, v, used);
                }
                if (!baseDep) {
                    used.add(Rule.EXPONENTIAL);
                    return chain(Exprs.product(p, new Call(Fn.LOG, b)), e, v, used);
                }
                used.add(Rule.GENERAL_POWER);
                return Exprs.product(p, Exprs.sum(Exprs.product(d(e, v), new Call(Fn.LOG, b)),
                        new Quotient(Exprs.product(e, d(b, v)), b)));
            }

            public Expr quotient(Quotient q) {
                Expr n = q.numerator();
                Expr den = q.denominator();
                boolean numDep = Exprs.contains(n, w);
                boolean denDep = Exprs.contains(den, w);
                if (!denDep) {
                    used.add(Rule.CONSTANT_MULTIPLE);
                    return new Quotient(d(n, v), den);
                }
                used.add(Rule.QUOTIENT);
                Expr denSq = new Pow(den, Num.TWO);
                if (!numDep) {
                    return Exprs.neg(new Quotient(Exprs.product(n, d(den, v)), denSq));
                }
                return new Quotient(Exprs.sub(Exprs.product(d(n, v), den), Exprs.product(n, d(den, v))), denSq);
            }

            public Expr call(Call c) {
                return callRule(c, v, used);
            }

            public Expr derivative(Derivative inner) {
                throw new UserError("second derivatives are not supported");
            }
        });
    }

    /**
     * ∂f(u₁, …, uₙ)/∂w = Σᵢ ∂f/∂uᵢ · ∂uᵢ/∂w over the arguments that depend on w: the function's rule gives
     * each local derivative ({@link Fn#partial}), {@link #chain} multiplies it by the inner derivative.
     * A local derivative of 0 (the steps away from their jump) contributes nothing.
     */
    private Expr callRule(Call c, Var v, List<Rule> used) {
        used.add(Rule.of(c.fn()));
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Expr u = c.args().get(i);
            if (!Exprs.contains(u, v.name())) {
                continue;
            }
            Expr local;
            try {
                local = c.fn().partial(c.args(), i);
            } catch (Fn.NotDifferentiable e) {
                throw new UserError(e.getMessage());
            }
            if (!(local instanceof Num n && n.isZero())) {
                terms.add(chain(local, u, v, used));
            }
        }
        return terms.isEmpty() ? Num.ZERO : Exprs.sum(terms);
    }

    /**
     * The chain rule, the one place it is applied: f′(u) alone when u is the variable itself, else
     * f′(u)·∂u/∂w — written ∂u/g when f′(u) = 1/g, as the notes write ∂ log u = ∂u/u.
     */
    private static Expr chain(Expr outer, Expr u, Var v, List<Rule> used) {
        if (u.equals(v)) {
            return outer;
        }
        used.add(Rule.CHAIN);
        if (outer instanceof Quotient q && q.numerator() instanceof Num n && n.isOne()) {
            return new Quotient(d(u, v), q.denominator());
        }
        return Exprs.product(outer, d(u, v));
    }
}
