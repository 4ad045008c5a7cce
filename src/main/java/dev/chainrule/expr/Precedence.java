package dev.chainrule.expr;

import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Pow;
import dev.chainrule.expr.Expr.Product;

/**
 * The one precedence table every printer uses to decide brackets. A child is bracketed when its level
 * is below what its position needs.
 */
public enum Precedence {
    SUM, NEGATION, PRODUCT, POWER, ATOM;

    public static Precedence of(Expr e) {
        if (e instanceof Num n) {
            if (n.isNegative()) {
                return NEGATION;
            }
            return n.isInteger() ? ATOM : PRODUCT;
        }
        if (e instanceof Expr.Sum) {
            return SUM;
        }
        if (e instanceof Product p) {
            return Exprs.isNegativeTerm(p) ? NEGATION : PRODUCT;
        }
        if (e instanceof Expr.Quotient) {
            return PRODUCT;
        }
        if (e instanceof Pow p) {
            return isDenominatorPower(p) ? PRODUCT : POWER;
        }
        if (e instanceof Expr.Derivative d) {
            return d.body() instanceof Expr.Var ? ATOM : POWER;
        }
        return ATOM;
    }

    /** b^(−k) with a negative constant exponent: printed as 1/b^k. */
    public static boolean isDenominatorPower(Expr e) {
        return e instanceof Pow p && p.exponent() instanceof Num n && n.isNegative();
    }

    public boolean below(Precedence other) {
        return compareTo(other) < 0;
    }
}
