package dev.chainrule.expr;

import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Pow;
import dev.chainrule.expr.Expr.Product;
import dev.chainrule.expr.Expr.Quotient;
import dev.chainrule.expr.Expr.Sum;
import dev.chainrule.expr.Expr.Var;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The structure shared by every expression format: signs in sums, a leading coefficient, negative powers
 * shown as denominators, and brackets decided by {@link Precedence}. Subclasses say how atoms, operators
 * and brackets look in their format; none of them decides brackets on its own.
 */
public abstract class ExprPrinter {

    public final String print(Expr e) {
        return render(e);
    }

    protected abstract String number(BigFraction nonNegative);

    protected abstract String variable(String name);

    protected abstract String parens(String inner);

    protected abstract String plus();

    protected abstract String minus();

    /** The leading minus of a negative term or factor. */
    protected abstract String unaryMinus();

    /** What stands between two factors of a product. */
    protected abstract String times(String left, Expr leftExpr, String right, Expr rightExpr);

    protected abstract String fraction(String num, Expr numExpr, String den, Expr denExpr);

    protected abstract String power(String base, Expr exponent);

    protected abstract String call(Fn fn, List<Expr> args);

    protected abstract String derivative(Expr body, Var wrt);

    /** Renders {@code e}, bracketed when its level is below {@code needed}. */
    protected final String render(Expr e, Precedence needed) {
        String s = render(e);
        Precedence p = Precedence.of(e);
        if (e instanceof Num n && !n.isNegative() && !s.contains("/")) {
            p = Precedence.ATOM; // a decimal such as 0.5 needs no brackets
        }
        return p.below(needed) ? parens(s) : s;
    }

    protected final String render(Expr e) {
        dev.chainrule.Budget.tick(); // printing counts against a phase's budget too (a document of a huge derivation)
        return e.accept(new Expr.Visitor<String>() {
            public String num(Num n) {
                return n.isNegative() ? unaryMinus() + number(n.value().negate()) : number(n.value());
            }

            public String var(Var v) {
                return variable(v.name());
            }

            public String sum(Sum s) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < s.terms().size(); i++) {
                    Expr t = s.terms().get(i);
                    if (i == 0) {
                        sb.append(t instanceof Sum ? parens(render(t)) : render(t));
                    } else if (Exprs.isNegativeTerm(t)) {
                        Expr pos = Exprs.neg(t);
                        sb.append(minus()).append(pos instanceof Sum ? parens(render(pos)) : render(pos, Precedence.PRODUCT));
                    } else {
                        sb.append(plus()).append(t instanceof Sum ? parens(render(t)) : render(t));
                    }
                }
                return sb.toString();
            }

            public String product(Product p) {
                return renderProduct(p);
            }

            public String pow(Pow p) {
                if (Precedence.isDenominatorPower(p)) {
                    return renderProduct(new Product(List.of(Num.ONE, p)));
                }
                return power(render(p.base(), Precedence.ATOM), p.exponent());
            }

            public String quotient(Quotient q) {
                // ∂/∂ŷ (1 − ŷ)/(1 − ŷ) would read as the derivative of the whole quotient: bracket it
                Expr n = q.numerator();
                String num = n instanceof Derivative d && !(d.body() instanceof Var) ? parens(render(n))
                        : render(n, Precedence.PRODUCT);
                return fraction(num, n, render(q.denominator(), Precedence.POWER), q.denominator());
            }

            public String call(Call c) {
                return ExprPrinter.this.call(c.fn(), c.args());
            }

            public String derivative(Derivative d) {
                return ExprPrinter.this.derivative(d.body(), d.wrt());
            }
        });
    }

    private String renderProduct(Product p) {
        if (!(p.factors().get(0) instanceof Num) && noDenominatorPower(p.factors())) {
            return joinFactors(p.factors()); // no coefficient, no denominator: what the general path gives
        }
        List<Expr> factors = new ArrayList<>(p.factors());
        BigFraction coeff = BigFraction.ONE;
        boolean explicitCoefficient = false;
        if (factors.get(0) instanceof Num c) {
            coeff = c.value();
            factors.remove(0);
            explicitCoefficient = true;
        }
        boolean negative = coeff.compareTo(BigFraction.ZERO) < 0;
        BigFraction abs = coeff.abs();
        List<Expr> num = new ArrayList<>();
        List<Expr> den = new ArrayList<>();
        for (Expr f : factors) {
            if (Precedence.isDenominatorPower(f)) {
                Pow pw = (Pow) f;
                Num e = (Num) pw.exponent();
                den.add(is(e.value(), -1) ? pw.base() : new Pow(pw.base(), new Num(e.value().negate())));
            } else {
                num.add(f);
            }
        }
        String body;
        // a measured value put in (0.84955) stays one number, not 16991(…)/20000
        boolean whole = abs.getDenominator().equals(BigInteger.ONE) || coefficientAsNumber(abs);
        if (den.isEmpty() && whole) {
            List<Expr> all = new ArrayList<>();
            if (explicitCoefficient && !is(abs, 1) || factors.isEmpty()) {
                all.add(new Num(abs));
            }
            all.addAll(num);
            body = joinFactors(all);
        } else {
            List<Expr> top = new ArrayList<>();
            List<Expr> bottom = new ArrayList<>();
            if (whole) {
                if (!is(abs, 1) || num.isEmpty()) {
                    top.add(new Num(abs));
                }
            } else if (!abs.getNumerator().equals(BigInteger.ONE) || num.isEmpty()) {
                top.add(new Num(new BigFraction(abs.getNumerator())));
            }
            top.addAll(num);
            if (!whole) {
                bottom.add(new Num(new BigFraction(abs.getDenominator())));
            }
            bottom.addAll(den);
            Expr topExpr = Exprs.product(top);
            Expr bottomExpr = Exprs.product(bottom);
            String topS = top.size() == 1 ? render(topExpr, Precedence.PRODUCT) : joinFactors(top);
            String bottomS = bottom.size() == 1 ? render(bottomExpr, Precedence.POWER) : parensIfNeeded(joinFactors(bottom));
            body = fraction(topS, topExpr, bottomS, bottomExpr);
        }
        return negative ? unaryMinus() + body : body;
    }

    /**
     * Whether a coefficient that is not an integer prints as one number before the other factors (a decimal,
     * in the formats for lines with measured values put in) rather than as numerator and denominator of the
     * product's fraction; no by default.
     */
    protected boolean coefficientAsNumber(BigFraction abs) {
        return false;
    }

    private static boolean noDenominatorPower(List<Expr> factors) {
        for (Expr f : factors) {
            if (Precedence.isDenominatorPower(f)) {
                return false;
            }
        }
        return true;
    }

    /** A multi-factor denominator needs brackets in linear formats; LaTeX overrides this. */
    protected String parensIfNeeded(String multiFactorDenominator) {
        return parens(multiFactorDenominator);
    }

    private String joinFactors(List<Expr> fs) {
        StringBuilder sb = new StringBuilder();
        String prev = null;
        Expr prevExpr = null;
        for (Expr f : fs) {
            Precedence need = prevExpr == null && !(f instanceof Num) ? Precedence.PRODUCT : Precedence.POWER;
            if (f instanceof Product || f instanceof Quotient) {
                need = Precedence.PRODUCT;
            }
            String s = render(f, need);
            if (prevExpr instanceof Num && f instanceof Num) {
                s = render(f, Precedence.ATOM);
            }
            if (prev != null) {
                sb.append(times(prev, prevExpr, s, f));
            }
            sb.append(s);
            prev = s;
            prevExpr = f;
        }
        return sb.toString();
    }

    /** Integers as digits; terminating decimals with a denominator above 4 as decimals; others as p/q. */
    public static String plainNumber(BigFraction v) {
        BigInteger den = v.getDenominator();
        if (den.equals(BigInteger.ONE)) {
            return v.getNumerator().toString();
        }
        if (isDecimal(den) && den.compareTo(BigInteger.valueOf(4)) > 0) {
            return decimal(v.getNumerator(), den).stripTrailingZeros().toPlainString();
        }
        return v.getNumerator() + "/" + den;
    }

    /**
     * num/den exactly, for a denominator of the form 2^a·5^b: num·(10^k/den) scaled by k = max(a, b), which is
     * what {@code new BigDecimal(num).divide(new BigDecimal(den))} gives, without a long division.
     */
    public static java.math.BigDecimal decimal(BigInteger num, BigInteger den) {
        int twos = den.getLowestSetBit();
        if (den.bitLength() < 63 && num.bitLength() < 63) {
            long odd = den.longValue() >> twos;
            int fives = 0;
            while (odd % 5 == 0) {
                odd /= 5;
                fives++;
            }
            if (odd != 1) {
                throw new ArithmeticException("not a decimal denominator: " + den);
            }
            int k = Math.max(twos, fives);
            long unscaled = num.longValue();
            try {
                for (int i = twos; i < k; i++) {
                    unscaled = Math.multiplyExact(unscaled, 2L);
                }
                for (int i = fives; i < k; i++) {
                    unscaled = Math.multiplyExact(unscaled, 5L);
                }
                return java.math.BigDecimal.valueOf(unscaled, k);
            } catch (ArithmeticException overflow) {
                // fall through to the general case
            }
        }
        BigInteger odd = den.shiftRight(twos);
        int fives = 0;
        BigInteger five = BigInteger.valueOf(5);
        while (!odd.equals(BigInteger.ONE)) {
            BigInteger[] qr = odd.divideAndRemainder(five);
            if (qr[1].signum() != 0) {
                throw new ArithmeticException("not a decimal denominator: " + den);
            }
            odd = qr[0];
            fives++;
        }
        int k = Math.max(twos, fives);
        BigInteger scale = BigInteger.TWO.pow(k - twos).multiply(five.pow(k - fives));
        return new java.math.BigDecimal(num.multiply(scale), k);
    }

    public static boolean isDecimal(BigInteger den) {
        if (den.signum() > 0 && den.bitLength() < 63) {
            long d = den.longValue();
            d >>= Long.numberOfTrailingZeros(d);
            while (d % 5 == 0) {
                d /= 5;
            }
            return d == 1;
        }
        BigInteger d = den;
        BigInteger two = BigInteger.TWO;
        BigInteger five = BigInteger.valueOf(5);
        while (d.mod(two).signum() == 0) {
            d = d.divide(two);
        }
        while (d.mod(five).signum() == 0) {
            d = d.divide(five);
        }
        return d.equals(BigInteger.ONE);
    }

    public static boolean printsAsFraction(BigFraction v) {
        return plainNumber(v).contains("/");
    }

    /**
     * Whether {@code f} is the whole number {@code n} (1 or −1): its parts compared, as a BigFraction is kept in lowest
     * terms; {@link BigFraction#equals} would reduce both fractions again (two gcds, for every product printed).
     */
    static boolean is(BigFraction f, int n) {
        return f.getDenominator().equals(BigInteger.ONE) && f.getNumerator().equals(BigInteger.valueOf(n));
    }
}
