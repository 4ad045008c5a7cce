package dev.chainrule.expr;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.fraction.BigFraction;

/** The input syntax: ASCII that {@link Parser} reads back to an equal expression. */
public final class InputPrinter extends ExprPrinter {
    public static final InputPrinter INSTANCE = new InputPrinter();

    public static String str(Expr e) {
        return INSTANCE.print(e);
    }

    @Override
    protected String number(BigFraction v) {
        return plainNumber(v);
    }

    @Override
    protected String variable(String name) {
        return name;
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
        return " - ";
    }

    @Override
    protected String unaryMinus() {
        return "-";
    }

    @Override
    protected String times(String left, Expr leftExpr, String right, Expr rightExpr) {
        return "*";
    }

    @Override
    protected String fraction(String num, Expr numExpr, String den, Expr denExpr) {
        return num + "/" + den;
    }

    @Override
    protected String power(String base, Expr exponent) {
        return base + "^" + render(exponent, Precedence.ATOM);
    }

    @Override
    protected String call(Fn fn, List<Expr> args) {
        return fn.inputName() + "(" + args.stream().map(this::render).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    protected String derivative(Expr body, Expr.Var wrt) {
        return "D(" + render(body) + ", " + wrt.name() + ")";
    }
}
