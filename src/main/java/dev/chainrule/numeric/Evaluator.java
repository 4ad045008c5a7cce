package dev.chainrule.numeric;

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
import dev.chainrule.expr.Fn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates an expression in double precision at a point.
 *
 * <p>Names are looked up first in the point ({@code env}), then in the definitions: a value given for a
 * defined name holds that node fixed (node-local evaluation, finite differences with respect to ŷ or z).
 * Each definition is evaluated at most once per call ({@link #eval}) or per {@link Scope}.
 *
 * <p>Numerically: σ is branched on the sign of its argument, softmax subtracts the maximum, log 0 = −∞,
 * and log σ(v), log(1 − σ(v)) and log softmax_k(z) — written directly or through definitions — are computed
 * as −softplus(−v), −softplus(v) and z_k − logsumexp(z), so BCE and CE stay finite at |z| = 1000.
 * Division by zero, log or even root of a negative number and any NaN throw {@link EvaluationException}
 * naming the sub-expression; NaN is never returned. A constant exponent with an odd denominator takes the
 * real root of a negative base ((−8)^(1/3) = −2). Thread-safe: all state lives in a call.
 */
public final class Evaluator {
    /** Gives the value of an unevaluated derivative; {@link DualEvaluator} installs one. */
    @FunctionalInterface
    interface DerivativeHandler {
        double value(Derivative d, Map<String, Double> env);
    }

    private final Definitions defs;
    private final DerivativeHandler derivatives;

    public Evaluator(Definitions defs) {
        this(defs, null);
    }

    Evaluator(Definitions defs, DerivativeHandler derivatives) {
        this.defs = Objects.requireNonNull(defs, "defs");
        this.derivatives = derivatives;
    }

    public Definitions definitions() {
        return defs;
    }

    /** The value of {@code e} at the point {@code env}. */
    public double eval(Expr e, Map<String, Double> env) {
        return new Scope(env, null).eval(e);
    }

    /** Evaluates and reports every evaluation of a function with a kink to {@code rec} (may be null). */
    public double eval(Expr e, Map<String, Double> env, KinkRecorder rec) {
        return new Scope(env, rec).eval(e);
    }

    /** Several evaluations at one point sharing the values of definitions. */
    public Scope scope(Map<String, Double> env) {
        return new Scope(env, null);
    }

    public Scope scope(Map<String, Double> env, KinkRecorder rec) {
        return new Scope(env, rec);
    }

    /**
     * A scope whose definitions' values are already known (from a run of a {@link CompiledProgram} at the same
     * point, which agrees bit for bit): {@code known} gives a defined name's value, or null to evaluate it here.
     * Values given in {@code env} still come first, so the point is the same as {@code scope(env)}'s.
     */
    public Scope scope(Map<String, Double> env, java.util.function.Function<String, Double> known) {
        Scope s = new Scope(env, null);
        s.known = Objects.requireNonNull(known, "known");
        return s;
    }

    /** One point: definitions evaluated here are remembered. Not thread-safe. */
    public final class Scope implements Expr.Visitor<Double> {
        private final Map<String, Double> env;
        private final KinkRecorder rec;
        private final Map<String, Double> memo = new HashMap<>();
        private Optional<String> unit = Optional.empty();
        private java.util.function.Function<String, Double> known;

        private Scope(Map<String, Double> env, KinkRecorder rec) {
            this.env = Objects.requireNonNull(env, "env");
            this.rec = rec;
        }

        /** The value of {@code e} (a zero is returned as +0, never −0). */
        public double eval(Expr e) {
            return e.accept(this) + 0.0;
        }

        private double ev(Expr e) {
            dev.chainrule.Budget.tick();
            return e.accept(this);
        }

        /** The value of a given or defined name. */
        public double value(String name) {
            return eval(new Var(name));
        }

        private double withUnit(Optional<String> u, Expr e) {
            if (u.isEmpty()) {
                return ev(e);
            }
            Optional<String> saved = unit;
            unit = u;
            try {
                return ev(e);
            } finally {
                unit = saved;
            }
        }

        private void kink(Fn fn, double z) {
            if (rec != null) {
                rec.record(new KinkEvent(fn, z, unit));
            }
        }

        @Override
        public Double num(Num n) {
            return n.toDouble();
        }

        @Override
        public Double var(Var v) {
            String name = v.name();
            Double given = env.get(name);
            if (given != null) {
                if (given.isNaN()) {
                    throw new EvaluationException("the value given for '" + name + "' is not a number", v);
                }
                return given;
            }
            Double remembered = memo.get(name);
            if (remembered != null) {
                return remembered;
            }
            if (known != null) {
                Double k = known.apply(name);
                if (k != null) {
                    return k;
                }
            }
            Expr body = defs.get(name);
            if (body == null) {
                throw new MissingValueException(name);
            }
            double value = withUnit(Optional.of(name), body) + 0.0;
            memo.put(name, value);
            return value;
        }

        @Override
        public Double sum(Sum s) {
            List<Expr> terms = s.terms();
            double acc = ev(terms.get(0));
            for (int i = 1; i < terms.size(); i++) {
                acc += ev(terms.get(i));
            }
            return Ops.check(acc, s);
        }

        @Override
        public Double product(Product p) {
            List<Expr> factors = p.factors();
            double acc = ev(factors.get(0));
            for (int i = 1; i < factors.size(); i++) {
                acc *= ev(factors.get(i));
            }
            return Ops.check(acc, p);
        }

        @Override
        public Double pow(Pow p) {
            double base = ev(p.base());
            Ops.PowSpec spec = Ops.PowSpec.of(p.exponent());
            if (spec != null) {
                return Ops.check(Ops.pow(base, spec, p), p);
            }
            double exponent = ev(p.exponent());
            return Ops.check(Ops.pow(base, exponent, p), p);
        }

        @Override
        public Double quotient(Quotient q) {
            double a = ev(q.numerator());
            double b = ev(q.denominator());
            return Ops.check(Ops.divide(a, b, q.denominator()), q);
        }

        @Override
        public Double call(Call c) {
            List<Expr> args = c.args();
            if (c.fn() == Fn.LOG) {
                Optional<StableForms.Match> m = StableForms.matchLog(args.get(0), defs, env::containsKey);
                if (m.isPresent()) {
                    return Ops.check(stableLog(m.get()), c);
                }
            }
            double[] x = new double[args.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = ev(args.get(i));
            }
            if (Ops.kinked(c.fn(), x)) {
                kink(c.fn(), Ops.kinkArgument(c.fn(), x));
            }
            double r = Ops.apply(c.fn(), x, c);
            return Ops.check(r, c);
        }

        private double stableLog(StableForms.Match m) {
            switch (m.kind()) {
                case LOG_SIGMOID:
                    return Ops.logSigmoid(withUnit(m.unit(), m.args().get(0)));
                case LOG_ONE_MINUS_SIGMOID:
                    return Ops.logOneMinusSigmoid(withUnit(m.unit(), m.args().get(0)));
                default:
                    double k = withUnit(m.unit(), m.args().get(0));
                    double[] z = values(m.args(), m.unit());
                    return Ops.logSoftmax(Ops.softmaxIndex(k, z.length, m.args().get(0)), z);
            }
        }

        /** The values of args 1..n (softmax's z), evaluated in order. */
        private double[] values(List<Expr> args, Optional<String> u) {
            double[] z = new double[args.size() - 1];
            for (int i = 1; i < args.size(); i++) {
                z[i - 1] = withUnit(u, args.get(i));
            }
            return z;
        }

        @Override
        public Double derivative(Derivative d) {
            if (derivatives == null) {
                throw new IllegalStateException("cannot evaluate the unevaluated derivative " + Ops.quote(d)
                        + " in double precision; differentiate first, or use DualEvaluator.value");
            }
            return Ops.check(derivatives.value(d, env), d);
        }
    }
}
