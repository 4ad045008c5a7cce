package dev.chainrule.numeric;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.InputPrinter;
import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The scalar arithmetic shared by {@link Evaluator} and {@link CompiledProgram}, so both compute bit for
 * bit the same numbers and raise the same errors. Every operation that can leave the real numbers checks
 * its operands and throws {@link EvaluationException} naming the sub-expression.
 */
final class Ops {
    /** Longest sub-expression quoted in an error message. */
    static final int MAX_QUOTE = 100;

    private Ops() {
    }

    // ------------------------------------------------------------------ the functions

    /**
     * The value of {@code fn} at {@code x} (x[0] the first argument; softmax: x[0] = k, then z₁…z_K), the one
     * table of function values: {@link Evaluator} and {@link CompiledProgram} both call it.
     */
    static double apply(Fn fn, double[] x, Expr.Call src) {
        return switch (fn) {
            case LEAKY_RELU -> leakyRelu(x[0], x[1]);
            case LEAKY_STEP -> leakyStep(x[0], x[1]);
            case ELU -> elu(x[0], x[1]);
            case ELU_STEP -> eluStep(x[0], x[1]);
            case HUBER -> huber(x[0], x[1]);
            case HUBER_GRAD -> huberGrad(x[0], x[1]);
            case SOFTMAX -> softmax(softmaxIndex(x[0], x.length - 1, src.args().get(0)),
                    java.util.Arrays.copyOfRange(x, 1, x.length));
            case EXP, LOG, SQRT, SIGMOID, TANH, RELU, STEP, ABS, SIGN, SIN, COS, SOFTPLUS, GELU, SILU, NORM_CDF,
                    NORM_PDF -> unary(fn, x[0], src.args().get(0));
        };
    }

    /** The value of a one-argument {@code fn} at x; {@code arg} is the argument, named in a domain error. */
    static double unary(Fn fn, double x, Expr arg) {
        return switch (fn) {
            case EXP -> Math.exp(x);
            case LOG -> log(x, arg);
            case SQRT -> sqrt(x, arg);
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case RELU -> relu(x);
            case STEP -> step(x);
            case ABS -> Math.abs(x);
            case SIGN -> sign(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case SOFTPLUS -> softplus(x);
            case GELU -> x * normCdf(x);
            case SILU -> x * sigmoid(x);
            case NORM_CDF -> normCdf(x);
            case NORM_PDF -> normPdf(x);
            case LEAKY_RELU, LEAKY_STEP, SOFTMAX, ELU, ELU_STEP, HUBER, HUBER_GRAD -> throw new IllegalArgumentException(fn.inputName() + " takes "
                    + fn.arityText());
        };
    }

    /** σ(z) without overflow: exp of a non-positive number only. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** log(1 + eˣ) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** log σ(v) = −softplus(−v); "0.0 −" turns −0 into 0. */
    static double logSigmoid(double v) {
        return 0.0 - softplus(-v);
    }

    /** log(1 − σ(v)) = −softplus(v). */
    static double logOneMinusSigmoid(double v) {
        return 0.0 - softplus(v);
    }

    static double max(double[] z) {
        double m = z[0];
        for (int i = 1; i < z.length; i++) {
            if (z[i] > m) {
                m = z[i];
            }
        }
        return m;
    }

    /** exp(z_k) / Σ exp(z_j), k 0-based, with the maximum subtracted first. */
    static double softmax(int k, double[] z) {
        double m = max(z);
        double sum = 0.0;
        for (double zj : z) {
            sum += Math.exp(zj - m);
        }
        return Math.exp(z[k] - m) / sum;
    }

    /** log softmax: z_k − logsumexp(z), k 0-based. */
    static double logSoftmax(int k, double[] z) {
        double m = max(z);
        double sum = 0.0;
        for (double zj : z) {
            sum += Math.exp(zj - m);
        }
        return (z[k] - m) - Math.log(sum);
    }

    static double relu(double z) {
        return z > 0 ? z : 0.0;
    }

    static double leakyRelu(double z, double alpha) {
        return z >= 0 ? z : alpha * z;
    }

    /** ELU: z for z &gt; 0, else α(eᶻ − 1) (expm1, exact near 0). */
    static double elu(double z, double alpha) {
        return z > 0 ? z : alpha * Math.expm1(z);
    }

    /** ELU′: 1 for z &gt; 0, else α·eᶻ (torch's convention at 0). */
    static double eluStep(double z, double alpha) {
        return z > 0 ? 1.0 : alpha * Math.exp(z);
    }

    /** huber_δ(r): ½r² for |r| ≤ δ, else δ(|r| − ½δ). */
    static double huber(double r, double delta) {
        double a = Math.abs(r);
        return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }

    /** huber′_δ(r): r clipped to [−δ, δ]. */
    static double huberGrad(double r, double delta) {
        return Math.abs(r) <= delta ? r : delta * Math.signum(r);
    }

    /**
     * The signed distance from the kink that a kink event of {@code fn} records: the first argument, whose kink is
     * at 0, except huber′, whose kinks are at |r| = δ.
     */
    static double kinkArgument(Fn fn, double[] x) {
        return fn == Fn.HUBER_GRAD ? Math.abs(x[0]) - x[1] : x[0];
    }

    /**
     * Whether this call of a kinked function has a kink at all: ELU with α = 1 joins its branches with equal
     * slopes (1 = e⁰), so it records none (its derivative ELU′ still has a kink in its own slope).
     */
    static boolean kinked(Fn fn, double[] x) {
        return fn.hasKink() && !(fn == Fn.ELU && x[1] == 1.0);
    }

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    /** Φ(z) = ½ erfc(−z/√2): erfc keeps the far left tail accurate. */
    static double normCdf(double z) {
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z * SQRT_HALF);
    }

    /** φ(z) = e^(−z²/2)/√(2π). */
    static double normPdf(double z) {
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    static double step(double z) {
        return z > 0 ? 1.0 : 0.0;
    }

    static double leakyStep(double z, double alpha) {
        return z >= 0 ? 1.0 : alpha;
    }

    static double sign(double z) {
        return Math.signum(z) + 0.0;
    }

    static double log(double x, Expr arg) {
        if (x < 0) {
            throw new EvaluationException("log of a negative number at the given point: the argument ("
                    + quote(arg) + ") is " + fmt(x), arg);
        }
        return Math.log(x);
    }

    static double sqrt(double x, Expr arg) {
        if (x < 0) {
            throw new EvaluationException("square root of a negative number at the given point: the argument ("
                    + quote(arg) + ") is " + fmt(x), arg);
        }
        return Math.sqrt(x) + 0.0;
    }

    static double divide(double a, double b, Expr denominator) {
        if (b == 0) {
            throw divisionByZero(denominator);
        }
        return a / b;
    }

    /** The 1-based softmax index k as a 0-based int, checked against K. */
    static int softmaxIndex(double k, int count, Expr kExpr) {
        if (k != Math.rint(k) || k < 1 || k > count) {
            throw new EvaluationException("softmax(k, z1, …, zK) needs an integer k between 1 and " + count
                    + "; k (" + quote(kExpr) + ") is " + fmt(k), kExpr);
        }
        return (int) k - 1;
    }

    // ------------------------------------------------------------------ powers

    /** A constant exponent, classified once: the common cases get exact formulas (x² = x·x, x^½ = √x). */
    static final class PowSpec {
        enum Kind { ZERO, ONE, SQUARE, RECIPROCAL, SQRT, RSQRT, CBRT, INTEGER, RATIONAL }

        final Kind kind;
        final BigFraction fraction;
        final double exponent;
        final boolean oddNumerator;
        final boolean oddDenominator;

        private PowSpec(Kind kind, BigFraction fraction, double exponent, boolean oddNumerator, boolean oddDenominator) {
            this.kind = kind;
            this.fraction = fraction;
            this.exponent = exponent;
            this.oddNumerator = oddNumerator;
            this.oddDenominator = oddDenominator;
        }

        /** The spec of a constant exponent (a number, or arithmetic on numbers such as 1/3 or -(1/2)), else null. */
        static PowSpec of(Expr exponent) {
            BigFraction c = constant(exponent);
            return c == null ? null : of(c);
        }

        static PowSpec of(BigFraction f) {
            BigInteger p = f.getNumerator();
            BigInteger q = f.getDenominator();
            double e = f.doubleValue();
            boolean oddP = p.testBit(0);
            boolean oddQ = q.testBit(0);
            Kind kind;
            if (q.equals(BigInteger.ONE)) {
                kind = p.signum() == 0 ? Kind.ZERO : p.equals(BigInteger.ONE) ? Kind.ONE
                        : p.equals(BigInteger.TWO) ? Kind.SQUARE : p.equals(BigInteger.ONE.negate()) ? Kind.RECIPROCAL
                        : Kind.INTEGER;
            } else if (q.equals(BigInteger.TWO) && p.abs().equals(BigInteger.ONE)) {
                kind = p.signum() > 0 ? Kind.SQRT : Kind.RSQRT;
            } else if (q.equals(BigInteger.valueOf(3)) && p.equals(BigInteger.ONE)) {
                kind = Kind.CBRT;
            } else {
                kind = Kind.RATIONAL;
            }
            return new PowSpec(kind, f, e, oddP, oddQ);
        }
    }

    /** base^c for a constant c; {@code src} is the power, for messages. */
    static double pow(double x, PowSpec s, Expr.Pow src) {
        switch (s.kind) {
            case ZERO:
                return 1.0;
            case ONE:
                return x;
            case SQUARE:
                return x * x;
            case RECIPROCAL:
                if (x == 0) {
                    throw divisionByZero(src.base());
                }
                return 1.0 / x;
            case SQRT:
                if (x < 0) {
                    throw evenRoot(x, src);
                }
                return Math.sqrt(x) + 0.0;
            case RSQRT:
                if (x < 0) {
                    throw evenRoot(x, src);
                }
                if (x == 0) {
                    throw divisionByZero(Exprs.pow(src.base(), new Expr.Num(BigFraction.ONE_HALF)));
                }
                return 1.0 / Math.sqrt(x);
            case CBRT:
                return Math.cbrt(x);
            case INTEGER:
                if (x == 0 && s.exponent < 0) {
                    throw divisionByZero(Exprs.pow(src.base(), new Expr.Num(new BigFraction(-s.exponent))));
                }
                return Math.pow(x, s.exponent);
            default:
                break;
        }
        if (x == 0) {
            if (s.exponent < 0) {
                throw divisionByZero(Exprs.pow(src.base(), new Expr.Num(s.fraction.negate())));
            }
            return 0.0;
        }
        if (x > 0) {
            return Math.pow(x, s.exponent);
        }
        if (!s.oddDenominator) {
            throw evenRoot(x, src);
        }
        double r = Math.pow(-x, s.exponent);
        return s.oddNumerator ? -r : r;
    }

    /** base^e for an exponent that is not a constant. */
    static double pow(double x, double e, Expr.Pow src) {
        if (x == 0 && e < 0) {
            throw divisionByZero(Exprs.pow(src.base(), Exprs.neg(src.exponent())));
        }
        if (x < 0 && e != Math.rint(e)) {
            throw new EvaluationException("a negative number raised to a non-integer power at the given point: in "
                    + quote(src) + " the base is " + fmt(x) + " and the exponent " + fmt(e), src);
        }
        return Math.pow(x, e);
    }

    /** Largest |exponent| folded in a constant power such as 2^10. */
    private static final int MAX_FOLDED_POWER = 64;

    /**
     * The exact value of an expression built from numbers with +, ·, / and small integer powers (the
     * parser reads x^(1/3) as x^(1 / 3)), or null when it has a variable, a function or divides by 0.
     */
    static BigFraction constant(Expr e) {
        return e.accept(new Expr.Visitor<BigFraction>() {
            public BigFraction num(Expr.Num n) {
                return n.value();
            }

            public BigFraction var(Expr.Var v) {
                return null;
            }

            public BigFraction sum(Expr.Sum s) {
                BigFraction acc = BigFraction.ZERO;
                for (Expr t : s.terms()) {
                    BigFraction c = constant(t);
                    if (c == null) {
                        return null;
                    }
                    acc = acc.add(c);
                }
                return acc;
            }

            public BigFraction product(Expr.Product p) {
                BigFraction acc = BigFraction.ONE;
                for (Expr f : p.factors()) {
                    BigFraction c = constant(f);
                    if (c == null) {
                        return null;
                    }
                    acc = acc.multiply(c);
                }
                return acc;
            }

            public BigFraction pow(Expr.Pow p) {
                BigFraction b = constant(p.base());
                BigFraction k = constant(p.exponent());
                if (b == null || k == null || !k.getDenominator().equals(BigInteger.ONE)
                        || k.getNumerator().abs().compareTo(BigInteger.valueOf(MAX_FOLDED_POWER)) > 0) {
                    return null;
                }
                int n = k.getNumerator().intValue();
                if (n < 0 && b.getNumerator().signum() == 0) {
                    return null;
                }
                return n >= 0 ? b.pow(n) : BigFraction.ONE.divide(b.pow(-n));
            }

            public BigFraction quotient(Expr.Quotient q) {
                BigFraction a = constant(q.numerator());
                BigFraction b = constant(q.denominator());
                return a == null || b == null || b.getNumerator().signum() == 0 ? null : a.divide(b);
            }

            public BigFraction call(Expr.Call c) {
                return null;
            }

            public BigFraction derivative(Expr.Derivative d) {
                return null;
            }
        });
    }

    // ------------------------------------------------------------------ errors

    static EvaluationException divisionByZero(Expr denominator) {
        return new EvaluationException("division by zero at the given point: the denominator ("
                + quote(denominator) + ") is 0", denominator);
    }

    static EvaluationException evenRoot(double x, Expr.Pow src) {
        return new EvaluationException("even root of a negative number at the given point: in " + quote(src)
                + " the base (" + quote(src.base()) + ") is " + fmt(x), src);
    }

    static EvaluationException notANumber(Expr e) {
        return new EvaluationException("the value of " + quote(e)
                + " is not a number at the given point (an overflow such as ∞ − ∞ or 0·∞)", e);
    }

    static double check(double v, Expr e) {
        if (v != v) {
            throw notANumber(e);
        }
        return v;
    }

    /** The input syntax of {@code e}, shortened to one readable line. */
    static String quote(Expr e) {
        String s = InputPrinter.str(e).replace('\n', ' ');
        return s.length() <= MAX_QUOTE ? s : s.substring(0, MAX_QUOTE - 1) + "…";
    }

    static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }
}
