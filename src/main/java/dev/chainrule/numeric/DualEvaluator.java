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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.math3.analysis.differentiation.DSCompiler;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * Forward-mode differentiation with commons-math3 {@link DerivativeStructure}: an oracle for gradients that
 * shares no code with the derivation engine.
 *
 * <p>Conventions: relu′(z) = [z &gt; 0] (so relu′(0) = 0); leaky_relu′(z) = 1 for z ≥ 0, else α;
 * abs′(0) = sign(0) = 0; step, sign and leaky_step have derivative 0 (leaky_step(z, α) still carries α's).
 * σ, log σ, log(1 − σ) and log softmax use the same stable forms as {@link Evaluator}.
 *
 * <p>The partial with respect to a name is the response to perturbing that node, z ↦ z + ε: for a
 * variable everything computed from it moves (through definitions); for a defined name such as z or ŷ,
 * what is computed from it moves and what it is computed from does not (∂L/∂z as backpropagation means
 * it). So with both w and z = w·x + b differentiated for, ∂L/∂w is still the total derivative. A value given
 * in the point for a defined name holds that node fixed, as in {@link Evaluator}. This is what a central
 * difference with respect to the same name measures.
 *
 * <p>Unevaluated derivatives {@code D(body, v)} are the partial of body with respect to v in the same sense,
 * computed by a nested pass of one order higher, so that they are exact also under further differentiation:
 * D(D(x^2, x), x) = 2, and D(D(L, z), w) with z = w·x follows z's dependence on w. Values agree with
 * {@link Evaluator} to a few ulps ({@link #value} agrees exactly on expressions without D nodes); domain
 * errors throw {@link EvaluationException}.
 */
public final class DualEvaluator {
    private final Definitions defs;
    private final Evaluator values;

    public DualEvaluator(Definitions defs) {
        this.defs = Objects.requireNonNull(defs, "defs");
        this.values = new Evaluator(defs, (d, env) -> partial(d.body(), env, d.wrt().name()));
    }

    /** The value and the partial derivatives with respect to {@code wrt}, in that order. */
    public record Result(double value, List<String> wrt, double[] gradient) {
        public Result {
            wrt = List.copyOf(wrt);
            gradient = gradient.clone();
        }

        @Override
        public double[] gradient() {
            return gradient.clone();
        }

        public double partial(String v) {
            int i = wrt.indexOf(v);
            if (i < 0) {
                throw new IllegalArgumentException("'" + v + "' is not among the variables differentiated for: " + wrt);
            }
            return gradient[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Double.compare(value, r.value) == 0 && wrt.equals(r.wrt)
                    && Arrays.equals(gradient, r.gradient);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, wrt, Arrays.hashCode(gradient));
        }

        @Override
        public String toString() {
            return "Result[value=" + value + ", wrt=" + wrt + ", gradient=" + Arrays.toString(gradient) + "]";
        }
    }

    public Result evaluate(Expr e, Map<String, Double> env, List<String> wrt) {
        if (wrt.stream().distinct().count() != wrt.size()) {
            throw new IllegalArgumentException("variables listed twice: " + wrt);
        }
        Map<String, List<Integer>> seeds = new HashMap<>();
        for (int i = 0; i < wrt.size(); i++) {
            seeds.put(wrt.get(i), List.of(i));
        }
        DerivativeStructure d = new Pass(env, wrt.size(), 1, seeds).eval(e);
        double[] all = d.getAllDerivatives();
        double[] grad = Arrays.copyOfRange(all, 1, 1 + wrt.size());
        for (int i = 0; i < grad.length; i++) {
            if (Double.isNaN(grad[i])) {
                throw new EvaluationException("the derivative of " + Ops.quote(e) + " with respect to " + wrt.get(i)
                        + " is undefined at the given point", e);
            }
        }
        return new Result(d.getValue() + 0.0, wrt, grad);
    }

    /** ∂e/∂v at the point (v a variable, or a defined name perturbed as a node). */
    public double partial(Expr e, Map<String, Double> env, String v) {
        return evaluate(e, env, List.of(v)).gradient[0];
    }

    /** The value of {@code e}, which may contain unevaluated derivatives; equal to {@link Evaluator} otherwise. */
    public double value(Expr e, Map<String, Double> env) {
        return values.eval(e, env);
    }

    /**
     * One forward pass over {@code n} parameters to order {@code order}. Parameter i perturbs the names that
     * {@code seeds} maps to i: their structure is their value plus that parameter (evaluated at 0).
     */
    private final class Pass implements Expr.Visitor<DerivativeStructure> {
        private final Map<String, Double> env;
        private final int n;
        private final int order;
        private final Map<String, List<Integer>> seeds;
        private final Map<String, DerivativeStructure> memo = new HashMap<>();

        Pass(Map<String, Double> env, int n, int order, Map<String, List<Integer>> seeds) {
            this.env = Objects.requireNonNull(env, "env");
            this.n = n;
            this.order = order;
            this.seeds = seeds;
        }

        DerivativeStructure eval(Expr e) {
            return e.accept(this);
        }

        private DerivativeStructure constant(double v) {
            return new DerivativeStructure(n, order, v);
        }

        private DerivativeStructure check(DerivativeStructure d, Expr e) {
            Ops.check(d.getValue(), e);
            return d;
        }

        @Override
        public DerivativeStructure num(Num x) {
            return constant(x.toDouble());
        }

        @Override
        public DerivativeStructure var(Var v) {
            String name = v.name();
            DerivativeStructure known = memo.get(name);
            if (known != null) {
                return known;
            }
            Double given = env.get(name);
            DerivativeStructure d;
            if (given != null) {
                if (given.isNaN()) {
                    throw new EvaluationException("the value given for '" + name + "' is not a number", v);
                }
                d = constant(given);
            } else if (defs.isDefined(name)) {
                d = eval(defs.get(name));
            } else {
                throw new MissingValueException(name);
            }
            for (int i : seeds.getOrDefault(name, List.of())) {
                d = d.add(new DerivativeStructure(n, order, i, 0.0));
            }
            memo.put(name, d);
            return d;
        }

        @Override
        public DerivativeStructure sum(Sum s) {
            List<Expr> terms = s.terms();
            DerivativeStructure acc = eval(terms.get(0));
            for (int i = 1; i < terms.size(); i++) {
                acc = acc.add(eval(terms.get(i)));
            }
            return check(acc, s);
        }

        @Override
        public DerivativeStructure product(Product p) {
            List<Expr> factors = p.factors();
            DerivativeStructure acc = eval(factors.get(0));
            for (int i = 1; i < factors.size(); i++) {
                acc = acc.multiply(eval(factors.get(i)));
            }
            return check(acc, p);
        }

        @Override
        public DerivativeStructure pow(Pow p) {
            DerivativeStructure base = eval(p.base());
            double x = base.getValue();
            Ops.PowSpec spec = Ops.PowSpec.of(p.exponent());
            if (spec != null) {
                Ops.pow(x, spec, p); // domain checks and their messages
                if (spec.fraction.getDenominator().equals(java.math.BigInteger.ONE)) {
                    return check(base.pow(spec.fraction.getNumerator().intValue()), p);
                }
                if (x > 0) {
                    return check(base.pow(spec.exponent), p);
                }
                if (x == 0) {
                    // x^(p/q) with p/q > 0 at 0: value 0; slope 0 above 1, unbounded below
                    double slope = spec.exponent > 1 ? 0.0 : Double.POSITIVE_INFINITY;
                    return scaled(base, 0.0, slope);
                }
                // odd root of a negative base: −(−x)^(p/q) or (−x)^(p/q)
                DerivativeStructure r = base.negate().pow(spec.exponent);
                return check(spec.oddNumerator ? r.negate() : r, p);
            }
            DerivativeStructure e = eval(p.exponent());
            Ops.pow(x, e.getValue(), p);
            if (x > 0) {
                return check(base.pow(e), p);
            }
            // base ≤ 0 with an integer exponent: the exponent's own derivative is undefined there; hold it fixed
            double k = e.getValue();
            if (k == Math.rint(k) && Math.abs(k) < Integer.MAX_VALUE) {
                return check(base.pow((int) k), p);
            }
            return check(base.pow(k), p);
        }

        /** A structure with the given value whose derivatives are slope × base's. */
        private DerivativeStructure scaled(DerivativeStructure base, double value, double slope) {
            double[] all = base.getAllDerivatives();
            double[] out = new double[all.length];
            out[0] = value;
            for (int i = 1; i < all.length; i++) {
                out[i] = all[i] == 0 ? 0.0 : slope * all[i];
            }
            return new DerivativeStructure(n, order, out);
        }

        @Override
        public DerivativeStructure quotient(Quotient q) {
            DerivativeStructure a = eval(q.numerator());
            DerivativeStructure b = eval(q.denominator());
            Ops.divide(a.getValue(), b.getValue(), q.denominator());
            return check(a.divide(b), q);
        }

        @Override
        public DerivativeStructure call(Call c) {
            List<Expr> args = c.args();
            if (c.fn() == Fn.LOG) {
                Optional<StableForms.Match> m = StableForms.matchLog(args.get(0), defs, env::containsKey);
                if (m.isPresent()) {
                    return check(stableLog(m.get()), c);
                }
            }
            if (c.fn() == Fn.SOFTMAX) {
                double k = eval(args.get(0)).getValue();
                DerivativeStructure[] z = zs(args);
                int ki = Ops.softmaxIndex(k, z.length, args.get(0));
                return check(softmax(ki, z, false), c);
            }
            DerivativeStructure x = eval(args.get(0));
            double v = x.getValue();
            DerivativeStructure r = switch (c.fn()) {
                case EXP -> x.exp();
                case LOG -> {
                    Ops.log(v, args.get(0));
                    yield x.log();
                }
                case SQRT -> {
                    Ops.sqrt(v, args.get(0));
                    yield x.sqrt();
                }
                case SIGMOID -> sigmoid(x);
                case TANH -> x.tanh();
                case RELU -> v > 0 ? x : constant(0.0);
                case LEAKY_RELU -> v >= 0 ? x : x.multiply(eval(args.get(1)));
                case STEP -> constant(Ops.step(v));
                case LEAKY_STEP -> v >= 0 ? constant(1.0) : eval(args.get(1));
                case ABS -> v > 0 ? x : v < 0 ? x.negate() : constant(0.0);
                case SIGN -> constant(Ops.sign(v));
                case SIN -> x.sin();
                case COS -> x.cos();
                case SOFTPLUS -> softplus(x);
                case ELU -> v > 0 ? x : x.expm1().multiply(eval(args.get(1)));
                case ELU_STEP -> v > 0 ? constant(1.0) : x.exp().multiply(eval(args.get(1)));
                case GELU -> x.multiply(normCdf(x));
                case SILU -> x.multiply(sigmoid(x));
                case NORM_CDF -> normCdf(x);
                case NORM_PDF -> normPdf(x);
                case HUBER -> {
                    DerivativeStructure d = eval(args.get(1));
                    yield Math.abs(v) <= d.getValue() ? x.multiply(x).multiply(0.5)
                            : (v > 0 ? x : x.negate()).subtract(d.multiply(0.5)).multiply(d);
                }
                case HUBER_GRAD -> {
                    DerivativeStructure d = eval(args.get(1));
                    yield Math.abs(v) <= d.getValue() ? x : d.multiply(Math.signum(v));
                }
                case SOFTMAX -> throw new IllegalStateException("softmax is evaluated above");
            };
            return check(r, c);
        }

        private DerivativeStructure sigmoid(DerivativeStructure z) {
            if (z.getValue() >= 0) {
                return z.negate().exp().add(1.0).reciprocal();
            }
            DerivativeStructure e = z.exp();
            return e.divide(e.add(1.0));
        }

        /** φ(x) = e^(−x²/2)/√(2π). */
        private DerivativeStructure normPdf(DerivativeStructure x) {
            return x.multiply(x).multiply(-0.5).exp().multiply(Ops.normPdf(0.0));
        }

        /**
         * Φ(x) with its derivatives to the pass's order: Φ⁽ᵏ⁾ = φ⁽ᵏ⁻¹⁾ = (−1)ᵏ⁻¹·Heₖ₋₁(x)·φ(x), Heₙ the
         * probabilists' Hermite polynomials (He₀ = 1, He₁ = x, Heₙ₊₁ = x·Heₙ − n·Heₙ₋₁).
         */
        private DerivativeStructure normCdf(DerivativeStructure x) {
            double v = x.getValue();
            int order = x.getOrder();
            double[] f = new double[order + 1];
            f[0] = Ops.normCdf(v);
            double pdf = Ops.normPdf(v);
            double hPrev = 0.0;
            double h = 1.0;
            for (int k = 1; k <= order; k++) {
                f[k] = ((k - 1) % 2 == 0 ? 1 : -1) * h * pdf;
                double next = v * h - (k - 1) * hPrev;
                hPrev = h;
                h = next;
            }
            return x.compose(f);
        }

        private DerivativeStructure softplus(DerivativeStructure x) {
            return x.getValue() > 0 ? x.add(x.negate().exp().log1p()) : x.exp().log1p();
        }

        private DerivativeStructure stableLog(StableForms.Match m) {
            switch (m.kind()) {
                case LOG_SIGMOID:
                    return softplus(eval(m.args().get(0)).negate()).negate();
                case LOG_ONE_MINUS_SIGMOID:
                    return softplus(eval(m.args().get(0))).negate();
                default:
                    double k = eval(m.args().get(0)).getValue();
                    DerivativeStructure[] z = zs(m.args());
                    return softmax(Ops.softmaxIndex(k, z.length, m.args().get(0)), z, true);
            }
        }

        private DerivativeStructure[] zs(List<Expr> args) {
            DerivativeStructure[] z = new DerivativeStructure[args.size() - 1];
            for (int i = 1; i < args.size(); i++) {
                z[i - 1] = eval(args.get(i));
            }
            return z;
        }

        /** softmax_k(z) or its log, with the maximum subtracted (a constant: derivatives unchanged). */
        private DerivativeStructure softmax(int k, DerivativeStructure[] z, boolean log) {
            double m = z[0].getValue();
            for (DerivativeStructure zj : z) {
                m = Math.max(m, zj.getValue());
            }
            DerivativeStructure sum = constant(0.0);
            for (DerivativeStructure zj : z) {
                sum = sum.add(zj.subtract(m).exp());
            }
            DerivativeStructure shifted = z[k].subtract(m);
            return log ? shifted.subtract(sum.log()) : shifted.exp().divide(sum);
        }

        @Override
        public DerivativeStructure derivative(Derivative d) {
            // one more parameter perturbing d.wrt(), one order more; then read off ∂/∂(that parameter)
            Map<String, List<Integer>> inner = new HashMap<>(seeds);
            List<Integer> idx = new ArrayList<>(inner.getOrDefault(d.wrt().name(), List.of()));
            idx.add(n);
            inner.put(d.wrt().name(), List.copyOf(idx));
            DerivativeStructure big = new Pass(env, n + 1, order + 1, inner).eval(d.body());
            DSCompiler target = DSCompiler.getCompiler(n, order);
            double[] out = new double[target.getSize()];
            for (int i = 0; i < out.length; i++) {
                int[] orders = Arrays.copyOf(target.getPartialDerivativeOrders(i), n + 1);
                orders[n] = 1;
                out[i] = big.getPartialDerivative(orders);
            }
            return check(new DerivativeStructure(n, order, out), d);
        }
    }
}
