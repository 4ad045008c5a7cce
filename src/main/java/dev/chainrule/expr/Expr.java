package dev.chainrule.expr;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The expression tree: immutable records, one sealed grammar on one screen.
 *
 * <p>Subtraction is a sum with a term multiplied by −1 and division by a constant is a product with a
 * rational factor; printers turn both back into "a − b" and fractions. {@link Quotient} is kept as written
 * so that a derivation can name the quotient rule; the simplifier rewrites it to negative powers, which
 * printers show as denominators again. {@link Derivative} is an unevaluated ∂/∂v, so a derivation can show
 * "∂/∂w (…)" before applying a rule to it.
 *
 * <p>Operations live outside the nodes (printers, the derivation engine, evaluators) and dispatch with
 * {@link Visitor}, so adding a node type breaks every operation that forgot it at compile time.
 */
public sealed interface Expr
        permits Expr.Num, Expr.Var, Expr.Sum, Expr.Product, Expr.Pow, Expr.Quotient, Expr.Call, Expr.Derivative {

    <R> R accept(Visitor<R> visitor);

    /** One method per node type; implement all of them (no default branch). */
    interface Visitor<R> {
        R num(Num n);
        R var(Var v);
        R sum(Sum s);
        R product(Product p);
        R pow(Pow p);
        R quotient(Quotient q);
        R call(Call c);
        R derivative(Derivative d);
    }

    /** An exact rational constant. */
    record Num(BigFraction value) implements Expr {
        public static final Num ZERO = new Num(BigFraction.ZERO);
        public static final Num ONE = new Num(BigFraction.ONE);
        public static final Num MINUS_ONE = new Num(BigFraction.MINUS_ONE);
        public static final Num TWO = new Num(BigFraction.TWO);
        public static final Num HALF = new Num(BigFraction.ONE_HALF);

        public Num {
            Objects.requireNonNull(value, "value");
        }

        public static Num of(long n) {
            return new Num(new BigFraction(n));
        }

        public static Num of(long num, long den) {
            return new Num(new BigFraction(num, den));
        }

        public boolean isZero() {
            return value.getNumerator().signum() == 0;
        }

        public boolean isOne() {
            return value.equals(BigFraction.ONE);
        }

        public boolean isNegative() {
            return value.getNumerator().signum() < 0;
        }

        public boolean isInteger() {
            return value.getDenominator().equals(BigInteger.ONE);
        }

        public double toDouble() {
            return value.doubleValue();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.num(this);
        }
    }

    /**
     * A variable or a named intermediate, by its canonical name as typed: {@code w1}, {@code w_11},
     * {@code w[1,1,1]}, {@code yhat}, {@code z[2,1]}. How it is displayed is decided by {@link Notation}.
     */
    record Var(String name) implements Expr {
        public Var {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty variable name");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.var(this);
        }
    }

    /** An n-ary sum (at least two terms). */
    record Sum(List<Expr> terms) implements Expr {
        public Sum {
            dev.chainrule.Budget.tick();
            terms = List.copyOf(terms);
            if (terms.size() < 2) {
                throw new IllegalArgumentException("a sum needs at least two terms");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sum(this);
        }
    }

    /** An n-ary product (at least two factors). */
    record Product(List<Expr> factors) implements Expr {
        public Product {
            dev.chainrule.Budget.tick();
            factors = List.copyOf(factors);
            if (factors.size() < 2) {
                throw new IllegalArgumentException("a product needs at least two factors");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.product(this);
        }
    }

    record Pow(Expr base, Expr exponent) implements Expr {
        public Pow {
            dev.chainrule.Budget.tick();
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(exponent, "exponent");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.pow(this);
        }
    }

    record Quotient(Expr numerator, Expr denominator) implements Expr {
        public Quotient {
            dev.chainrule.Budget.tick();
            Objects.requireNonNull(numerator, "numerator");
            Objects.requireNonNull(denominator, "denominator");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.quotient(this);
        }
    }

    /** A call of one of the functions the lecture notes use. */
    record Call(Fn fn, List<Expr> args) implements Expr {
        public Call {
            dev.chainrule.Budget.tick();
            Objects.requireNonNull(fn, "fn");
            args = List.copyOf(args);
            if (!fn.acceptsArity(args.size())) {
                throw new IllegalArgumentException(fn.inputName() + " takes " + fn.arityText() + ", got " + args.size());
            }
        }

        public Call(Fn fn, Expr arg) {
            this(fn, List.of(arg));
        }

        public Expr arg() {
            return args.get(0);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.call(this);
        }
    }

    /** The unevaluated derivative ∂body/∂wrt. */
    record Derivative(Expr body, Var wrt) implements Expr {
        public Derivative {
            dev.chainrule.Budget.tick();
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(wrt, "wrt");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.derivative(this);
        }
    }
}
