package dev.chainrule.derive;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Pow;
import dev.chainrule.expr.Expr.Product;
import dev.chainrule.expr.Expr.Quotient;
import dev.chainrule.expr.Expr.Sum;
import dev.chainrule.expr.Expr.Var;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A key that is equal for expressions equal up to the order of terms and factors: how the simplifier
 * finds like terms and equal bases without reordering what it prints.
 */
final class Canonical {
    private Canonical() {
    }

    static String key(Expr e) {
        dev.chainrule.Budget.tick(); // a key per node of every pass: quadratic on deep trees (see Budget)
        return e.accept(new Expr.Visitor<String>() {
            public String num(Num n) {
                return n.value().getNumerator() + "/" + n.value().getDenominator();
            }

            public String var(Var v) {
                return "$" + v.name();
            }

            public String sum(Sum s) {
                return "S(" + sorted(s.terms()) + ")";
            }

            public String product(Product p) {
                return "P(" + sorted(p.factors()) + ")";
            }

            public String pow(Pow p) {
                return "^(" + key(p.base()) + "," + key(p.exponent()) + ")";
            }

            public String quotient(Quotient q) {
                return "P(" + sorted(List.of(q.numerator(), new Pow(q.denominator(), Num.MINUS_ONE))) + ")";
            }

            public String call(Call c) {
                return c.fn().name() + "(" + c.args().stream().map(Canonical::key).collect(Collectors.joining(",")) + ")";
            }

            public String derivative(Derivative d) {
                return "D(" + key(d.body()) + "," + d.wrt().name() + ")";
            }
        });
    }

    private static String sorted(List<Expr> xs) {
        return xs.stream().map(Canonical::key).sorted().collect(Collectors.joining(","));
    }
}
