package dev.chainrule.render.derive;

import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.expr.Notation;
import java.util.Map;

/**
 * Unicode text of an expression with every variable replaced by its value at the point, the way the notes
 * write "(2 − 3)·1": values with up to 6 significant digits, negative values in brackets, a dot between
 * every two factors (except a constant coefficient before a bracket: 2(2 − 3)). Printing only: the values
 * come from the analysis.
 */
final class DeriveNumberPrinter extends TextPrinter {
    private final Map<String, Double> values;

    private DeriveNumberPrinter(Map<String, Double> values) {
        this.values = values;
    }

    static String str(Expr e, Map<String, Double> values) {
        return new DeriveNumberPrinter(values).print(e);
    }

    /** True when every variable of {@code e} has a value. */
    static boolean covers(Expr e, Map<String, Double> values) {
        return values.keySet().containsAll(dev.chainrule.expr.Exprs.variables(e));
    }

    private String value(String name) {
        Double v = values.get(name);
        return v == null ? Notation.text(name) : Fmt.num(v, 6);
    }

    @Override
    protected String variable(String name) {
        String s = value(name);
        return s.startsWith("−") ? "(" + s + ")" : s;
    }

    @Override
    protected String times(String left, Expr leftExpr, String right, Expr rightExpr) {
        boolean coefficientBeforeBracket = leftExpr instanceof Expr.Num && right.startsWith("(")
                && !(rightExpr instanceof Expr.Var);
        return coefficientBeforeBracket ? "" : "·";
    }

    /** A lone value needs no brackets of its own inside f(…). */
    @Override
    protected String argument(Expr a) {
        return a instanceof Expr.Var v ? value(v.name()) : render(a);
    }

    @Override
    protected String derivative(Expr body, Expr.Var wrt) {
        return "∂/∂" + Notation.text(wrt.name()) + " " + parens(render(body));
    }
}
