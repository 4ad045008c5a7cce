package dev.chainrule.expr;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * LaTeX math (amsmath only): \frac for quotients and negative powers, w_{11}^{(1)}, \hat{y}, \sigma,
 * [z > 0] for ReLU′, \frac{\partial L}{\partial w} for derivatives. Every user name goes through
 * {@link Notation#latex}, which lets no LaTeX command through.
 */
public class LatexPrinter extends ExprPrinter {
    public static final LatexPrinter INSTANCE = new LatexPrinter();

    /** For printers that refine the layout (line breaking, measured numbers as decimals). */
    protected LatexPrinter() {
    }

    public static String str(Expr e) {
        return INSTANCE.print(e);
    }

    @Override
    protected String number(BigFraction v) {
        if (printsAsFraction(v)) {
            return "\\frac{" + v.getNumerator() + "}{" + v.getDenominator() + "}";
        }
        return plainNumber(v);
    }

    @Override
    protected String variable(String name) {
        return Notation.latex(name);
    }

    @Override
    protected String parens(String inner) {
        return inner.contains("\\frac") || inner.contains("\\begin") ? "\\left(" + inner + "\\right)" : "(" + inner + ")";
    }

    @Override
    protected String parensIfNeeded(String multiFactorDenominator) {
        return multiFactorDenominator;
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
        if (Character.isDigit(right.charAt(0)) || right.startsWith("-") || right.startsWith("\\frac")
                || leftExpr instanceof Expr.Num && rightExpr instanceof Expr.Num) {
            return " \\cdot ";
        }
        if (left.endsWith("]") || right.startsWith("[")) {
            return " \\cdot ";
        }
        return " ";
    }

    @Override
    protected String fraction(String num, Expr numExpr, String den, Expr denExpr) {
        return "\\frac{" + stripParens(num) + "}{" + stripParens(den) + "}";
    }

    /** The content of one pair of outer brackets, or {@code s} itself. */
    protected static String stripParens(String s) {
        if (s.startsWith("\\left(") && s.endsWith("\\right)") && balanced(s.substring(6, s.length() - 7))) {
            return s.substring(6, s.length() - 7);
        }
        if (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    @Override
    protected String power(String base, Expr exponent) {
        if (base.contains("^")) {
            // a_{1}^{(1)} squared is (a_{1}^{(1)})^{2}: a double superscript does not compile
            base = base.startsWith("(") || base.startsWith("\\left(") ? "{" + base + "}" : "(" + base + ")";
        }
        return base + "^{" + render(exponent) + "}";
    }

    @Override
    protected String call(Fn fn, List<Expr> args) {
        String a = render(args.get(0));
        return switch (fn) {
            case EXP -> exp(args.get(0), a);
            case SQRT -> "\\sqrt{" + a + "}";
            case LOG, SIGMOID, TANH, RELU, SIGN, SIN, COS, SOFTPLUS, GELU, SILU, NORM_CDF, NORM_PDF ->
                    fn.latexName() + parens(a);
            case LEAKY_RELU, ELU, ELU_STEP, HUBER, HUBER_GRAD -> fn.latexName() + "_{" + render(args.get(1)) + "}" + parens(a);
            case STEP -> "[" + a + " > 0]";
            // inside a product the function's name, as the text output writes it; its cases where it stands alone
            case LEAKY_STEP -> fn.latexName() + "_{" + render(args.get(1)) + "}" + parens(a);
            case ABS -> "\\lvert " + a + " \\rvert";
            case SOFTMAX -> fn.latexName() + "_{" + render(args.get(0)) + "}"
                    + parens(args.subList(1, args.size()).stream().map(this::render).collect(Collectors.joining(", ")));
        };
    }

    /**
     * Leaky ReLU′ written out: {@code cases} of 1 for z ≥ 0 and α below — for a line that is this derivative alone
     * (the local derivative ∂a/∂z); inside longer expressions it is {@code LReLU′_α(z)}.
     */
    public String cases(Expr.Call leakyStep) {
        String a = render(leakyStep.args().get(0));
        return "\\begin{cases} 1 & " + a + " \\ge 0 \\\\ " + render(leakyStep.args().get(1)) + " & " + a
                + " < 0 \\end{cases}";
    }

    /** e^{u}; a subclass may prefer \\exp(u) for a wide u. */
    protected String exp(Expr arg, String rendered) {
        return "e^{" + rendered + "}";
    }

    @Override
    protected String derivative(Expr body, Expr.Var wrt) {
        String w = "\\partial " + variable(wrt.name());
        if (body instanceof Expr.Var v) {
            return "\\frac{\\partial " + variable(v.name()) + "}{" + w + "}";
        }
        return "\\frac{\\partial}{" + w + "}" + parens(render(body));
    }
}
