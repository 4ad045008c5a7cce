package dev.chainrule.render;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.ExprPrinter;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.Notation;
import dev.chainrule.expr.Precedence;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Unicode text of an expression with every variable replaced by its value at the point, the way the notes
 * write "(2 − 3)·1": values with up to 6 significant digits, negative values in brackets, a dot between
 * every two factors (except a constant coefficient before a bracket: 2(2 − 3)). Printing only: the values
 * come from the analysis.
 */
final class DeriveNumberPrinter extends ExprPrinter {
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
    protected String number(BigFraction v) {
        return plainNumber(v);
    }

    @Override
    protected String variable(String name) {
        String s = value(name);
        return s.startsWith("−") ? "(" + s + ")" : s;
    }

    @Override
    protected String parens(String inner) {
        return "(" + inner + ")";
    }

    @Override
    protected String plus() {
        return " + ";
    }

    @Override
    protected String minus() {
        return " − ";
    }

    @Override
    protected String unaryMinus() {
        return "−";
    }

    @Override
    protected String times(String left, Expr leftExpr, String right, Expr rightExpr) {
        boolean coefficientBeforeBracket = leftExpr instanceof Expr.Num && right.startsWith("(")
                && !(rightExpr instanceof Expr.Var);
        return coefficientBeforeBracket ? "" : "·";
    }

    @Override
    protected String fraction(String num, Expr numExpr, String den, Expr denExpr) {
        return num + "/" + den;
    }

    @Override
    protected String power(String base, Expr exponent) {
        if (exponent instanceof Expr.Num n && n.isInteger() && n.value().abs().intValue() < 100) {
            return base + Notation.superscript(n.value().getNumerator().toString());
        }
        return base + "^" + render(exponent, Precedence.ATOM);
    }

    /** A function's argument: a lone value needs no brackets of its own inside f(…). */
    private String arg(Expr a) {
        return a instanceof Expr.Var v ? value(v.name()) : render(a);
    }

    @Override
    protected String call(Fn fn, List<Expr> args) {
        String a = arg(args.get(0));
        return switch (fn) {
            case EXP -> "exp(" + a + ")";
            case LOG -> "log(" + a + ")";
            case SQRT -> "√(" + a + ")";
            case SIGMOID -> "σ(" + a + ")";
            case TANH -> "tanh(" + a + ")";
            case RELU -> "ReLU(" + a + ")";
            case LEAKY_RELU -> "LReLU(" + a + "; α=" + arg(args.get(1)) + ")";
            case STEP -> "[" + a + " > 0]";
            case LEAKY_STEP -> "(" + a + " ≥ 0 ? 1 : " + arg(args.get(1)) + ")";
            case ABS -> "|" + a + "|";
            case SIGN -> "sign(" + a + ")";
            case SIN -> "sin(" + a + ")";
            case COS -> "cos(" + a + ")";
            case SOFTMAX -> "softmax" + Notation.subscript(render(args.get(0))) + "("
                    + args.subList(1, args.size()).stream().map(this::arg).collect(Collectors.joining(", ")) + ")";
        };
    }

    @Override
    protected String derivative(Expr body, Expr.Var wrt) {
        return "∂/∂" + Notation.text(wrt.name()) + " " + parens(render(body));
    }
}
