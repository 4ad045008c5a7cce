package dev.chainrule.render.doc;

import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Product;
import dev.chainrule.expr.Expr.Sum;
import dev.chainrule.expr.ExprPrinter;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.LatexPrinter;
import dev.chainrule.expr.Notation;
import dev.chainrule.expr.Precedence;
import dev.chainrule.expr.TextPrinter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * LaTeX math for the document renderers: {@link LatexPrinter}'s notation, plus a decimals mode for lines with
 * measured numbers put in (0.5, not ½), and a splitter that breaks a long sum or product at its top-level
 * + or · into several display lines. User names go through {@link Notation#latex}, which lets no command through.
 */
public final class LatexMath extends LatexPrinter {
    public static final LatexMath SYMBOLIC = new LatexMath(false);
    public static final LatexMath DECIMALS = new LatexMath(true);

    /** Width (in text-printer characters) above which a display expression is split into lines. */
    public static final int LINE_WIDTH = 58;

    private final boolean decimals;

    private LatexMath(boolean decimals) {
        this.decimals = decimals;
    }

    public static String str(Expr e) {
        return SYMBOLIC.print(e);
    }

    public static String decimals(Expr e) {
        return DECIMALS.print(e);
    }

    /**
     * The approximate typeset width of an expression in characters of the math font: subscripts and
     * superscripts count half, a fraction as wide as its wider part.
     */
    public static int width(Expr e) {
        return (int) Math.ceil(visual(e));
    }

    private static double name(String n) {
        Notation.Symbol s = Notation.symbol(n);
        String base = Notation.text(s.base());
        double b = s.base().equals("yhat") ? 1.2 : Fmt.width(base) > 1 ? Fmt.width(base) * 1.1 : 1.3;
        return b + 0.6 * Math.max(s.subscript().length(), s.superscript().isEmpty() ? 0 : s.superscript().length() + 2);
    }

    private static double visual(Expr e) {
        return e.accept(new Expr.Visitor<Double>() {
            public Double num(Num n) {
                return (double) ExprPrinter.plainNumber(n.value()).length() * (printsAsFraction(n.value()) ? 0.6 : 1);
            }

            public Double var(Expr.Var v) {
                return name(v.name());
            }

            public Double sum(Sum s) {
                double w = 0;
                for (Expr t : s.terms()) {
                    w += visual(t) + 2.2; // a binary + with its spaces is about 1.1em
                }
                return w - 1;
            }

            public Double product(Product p) {
                double top = 0;
                double bottom = 0;
                for (Expr f : p.factors()) {
                    if (Precedence.isDenominatorPower(f)) {
                        bottom += visual(((Expr.Pow) f).base()) + 0.5;
                    } else {
                        top += visual(f) + (f instanceof Sum ? 1.6 : 0.4);
                    }
                }
                return bottom == 0 ? top : Math.max(top, bottom) + 1;
            }

            public Double pow(Expr.Pow p) {
                if (Precedence.isDenominatorPower(p)) {
                    return visual(p.base()) + 1;
                }
                return visual(p.base()) + (p.base() instanceof Sum ? 2 : 0) + 0.6 * visual(p.exponent());
            }

            public Double quotient(Expr.Quotient q) {
                return Math.max(visual(q.numerator()), visual(q.denominator())) + 1;
            }

            public Double call(Expr.Call c) {
                double args = 0;
                for (Expr a : c.args()) {
                    args += visual(a) + 1;
                }
                return switch (c.fn()) {
                    case STEP -> args + 4;
                    case LEAKY_STEP -> visual(c.args().get(0)) + 8;
                    case RELU, LEAKY_RELU, ELU, ELU_STEP, GELU, SILU, HUBER, HUBER_GRAD -> args + 6;
                    case SOFTPLUS -> args + 9;
                    case NORM_CDF, NORM_PDF -> args + 2;
                    case SOFTMAX -> args + 9;
                    case EXP, LOG, SQRT, SIGMOID, TANH, ABS, SIGN, SIN, COS -> args + 3;
                };
            }

            public Double derivative(Expr.Derivative d) {
                double wrt = name(d.wrt().name()) + 1;
                if (d.body() instanceof Expr.Var v) {
                    return Math.max(name(v.name()) + 1, wrt) + 0.5;
                }
                return wrt + 3 + visual(d.body());
            }
        });
    }

    /** A part of a display line: a leaf that is never cut, or a group whose parts may go on different lines. */
    private sealed interface Node permits Leaf, Group {
        double width();
    }

    private record Leaf(String tex, double width) implements Node {
    }

    private record Group(List<Node> parts) implements Node {
        public double width() {
            return parts.stream().mapToDouble(Node::width).sum();
        }
    }

    /**
     * The expression cut into display lines of at most about {@code width} characters: a sum at its terms,
     * a product at its factors (each continuation line starts with its operator), recursively inside a long
     * bracketed factor (then the brackets are \bigl( … \bigr), which may stand on different lines). A part
     * moves to a new line whole when it fits there, so a line breaks at the outermost + or · it can.
     */
    public List<String> split(Expr e, int budget) {
        if (e instanceof Expr.Call c && c.fn() == dev.chainrule.expr.Fn.LEAKY_STEP) {
            return List.of(cases(c));
        }
        // visual() errs on the wide side by about a fifth for symbols; digits it counts right
        int width = decimals ? budget : (int) Math.round(budget * 1.1);
        if (visual(e) <= width) {
            return List.of(print(e));
        }
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        double[] curW = {0};
        pack(node(e, width), width, lines, cur, curW);
        if (cur.length() > 0) {
            lines.add(cur.toString());
        }
        return lines;
    }

    private static void pack(Node n, int width, List<String> lines, StringBuilder cur, double[] curW) {
        if (curW[0] + n.width() <= width || cur.length() == 0 && n instanceof Leaf) {
            append(n, cur, curW);
            return;
        }
        if (n.width() <= width) {
            lines.add(cur.toString());
            cur.setLength(0);
            curW[0] = 0;
            append(n, cur, curW);
            return;
        }
        if (n instanceof Group g) {
            if (cur.length() > 0 && curW[0] > width * 0.3) {
                lines.add(cur.toString());
                cur.setLength(0);
                curW[0] = 0;
            }
            for (Node part : g.parts()) {
                pack(part, width, lines, cur, curW);
            }
            return;
        }
        lines.add(cur.toString());
        cur.setLength(0);
        curW[0] = 0;
        append(n, cur, curW);
    }

    private static void append(Node n, StringBuilder cur, double[] curW) {
        if (n instanceof Leaf l) {
            cur.append(cur.length() == 0 ? "" : " ").append(l.tex());
            curW[0] += l.width();
        } else {
            for (Node part : ((Group) n).parts()) {
                append(part, cur, curW);
            }
        }
    }

    private Node node(Expr e, int width) {
        if (visual(e) <= width * 0.5) {
            return new Leaf(print(e), visual(e));
        }
        if (e instanceof Sum s) {
            List<Node> parts = new ArrayList<>();
            for (int i = 0; i < s.terms().size(); i++) {
                Expr t = s.terms().get(i);
                String op = "";
                if (i > 0 && Exprs.isNegativeTerm(t)) {
                    op = "- ";
                    t = Exprs.neg(t);
                } else if (i > 0) {
                    op = "+ ";
                }
                Node sub = t instanceof Sum ? bracketed(t, width) : node(t, width);
                parts.add(affix(sub, op, "", 2));
            }
            return new Group(parts);
        }
        if (e instanceof Product p && splittableProduct(p)) {
            List<Expr> fs = new ArrayList<>(p.factors());
            String coeff = "";
            if (fs.get(0) instanceof Num c) {
                coeff = c.value().equals(BigFraction.MINUS_ONE) ? "-" : print(c) + " ";
                fs.remove(0);
            }
            List<Node> parts = new ArrayList<>();
            for (int i = 0; i < fs.size(); i++) {
                Expr f = fs.get(i);
                Node sub;
                if (f instanceof Sum) {
                    sub = bracketed(f, width);
                } else if (visual(f) > width * 0.5 && (f instanceof Expr.Call || f instanceof Expr.Derivative)) {
                    sub = node(f, width);
                } else if (visual(f) > width * 0.5 && (f instanceof Product || f instanceof Expr.Quotient)) {
                    sub = bracketedAny(f, width);
                } else {
                    Precedence need = i == 0 && coeff.isEmpty() && !(f instanceof Num) ? Precedence.PRODUCT : Precedence.POWER;
                    if (f instanceof Product || f instanceof Expr.Quotient) {
                        need = Precedence.PRODUCT;
                    }
                    sub = new Leaf(render(f, need), visual(f));
                }
                parts.add(affix(sub, i == 0 ? coeff : "\\cdot ", "", i == 0 ? coeff.length() : 1));
            }
            return new Group(parts);
        }
        if (e instanceof Expr.Quotient q) {
            return slashed(q.numerator(), q.denominator(), false, width);
        }
        if (e instanceof Product p && p.factors().stream().anyMatch(Precedence::isDenominatorPower)) {
            List<Expr> top = new ArrayList<>();
            List<Expr> bottom = new ArrayList<>();
            boolean negative = false;
            for (Expr f : p.factors()) {
                if (f instanceof Num c) {
                    negative = c.value().compareTo(BigFraction.ZERO) < 0;
                    BigFraction abs = c.value().abs();
                    if (!abs.getNumerator().equals(java.math.BigInteger.ONE)) {
                        top.add(new Num(new BigFraction(abs.getNumerator())));
                    }
                    if (!abs.getDenominator().equals(java.math.BigInteger.ONE)) {
                        bottom.add(new Num(new BigFraction(abs.getDenominator())));
                    }
                } else if (Precedence.isDenominatorPower(f)) {
                    Expr.Pow pw = (Expr.Pow) f;
                    BigFraction k = ((Num) pw.exponent()).value().negate();
                    bottom.add(k.equals(BigFraction.ONE) ? pw.base() : new Expr.Pow(pw.base(), new Num(k)));
                } else {
                    top.add(f);
                }
            }
            Expr num = top.isEmpty() ? Num.ONE : top.size() == 1 ? top.get(0) : new Product(top);
            Expr den = bottom.size() == 1 ? bottom.get(0) : new Product(bottom);
            return slashed(num, den, negative, width);
        }
        if (e instanceof Expr.Call c && c.args().size() == 1 && c.fn() != Fn.STEP) {
            String open = switch (c.fn()) {
                case EXP, LOG, SIGMOID, TANH, RELU, SQRT, SIN, COS, SOFTPLUS, GELU, SILU, NORM_CDF, NORM_PDF ->
                        c.fn().latexName();
                case STEP, LEAKY_STEP, LEAKY_RELU, ABS, SIGN, SOFTMAX, ELU, ELU_STEP, HUBER, HUBER_GRAD -> "";
            };
            if (!open.isEmpty()) {
                return affix(affix(node(c.args().get(0), width), open + "\\bigl(", "", 3), "", "\\bigr)", 1);
            }
        }
        if (e instanceof Expr.Derivative d && !(d.body() instanceof Expr.Var)) {
            String op = "\\frac{\\partial}{\\partial " + variable(d.wrt().name()) + "}\\bigl(";
            return affix(affix(node(d.body(), width), op, "", 3), "", "\\bigr)", 1);
        }
        return new Leaf(print(e), visual(e));
    }

    /** A wide fraction as (numerator) / (denominator) on the line, each side cut where it can be. */
    private Node slashed(Expr num, Expr den, boolean negative, int width) {
        Node top = num instanceof Sum || num instanceof Product && !(visual(num) <= width * 0.5)
                ? bracketedAny(num, width) : node(num, width);
        Node bottom = den instanceof Sum || den instanceof Product ? bracketedAny(den, width) : node(den, width);
        List<Node> parts = new ArrayList<>();
        parts.add(negative ? affix(top, "-", "", 1) : top);
        parts.add(affix(bottom, "\\big/ ", "", 1));
        return new Group(parts);
    }

    /** Any expression in brackets: a leaf when short, else its parts inside \bigl( … \bigr). */
    private Node bracketedAny(Expr e, int width) {
        if (visual(e) <= width * 0.5) {
            return new Leaf(parens(render(e)), visual(e) + 2);
        }
        return affix(affix(node(e, width), "\\bigl(", "", 1), "", "\\bigr)", 1);
    }

    /** A sum in brackets: one leaf when short, else its parts inside \bigl( … \bigr). */
    private Node bracketed(Expr sum, int width) {
        if (visual(sum) <= width * 0.5) {
            return new Leaf(parens(render(sum)), visual(sum) + 2);
        }
        Node inner = affix(node(sum, width), "\\bigl(", "", 1);
        return affix(inner, "", "\\bigr)", 1);
    }

    /** {@code n} with {@code prefix} on its first leaf and {@code suffix} on its last. */
    private static Node affix(Node n, String prefix, String suffix, double w) {
        if (prefix.isEmpty() && suffix.isEmpty()) {
            return n;
        }
        if (n instanceof Leaf l) {
            return new Leaf(prefix + l.tex() + suffix, l.width() + w);
        }
        List<Node> parts = new ArrayList<>(((Group) n).parts());
        if (!prefix.isEmpty()) {
            parts.set(0, affix(parts.get(0), prefix, "", w));
        }
        if (!suffix.isEmpty()) {
            int k = parts.size() - 1;
            parts.set(k, affix(parts.get(k), "", suffix, w));
        }
        return new Group(parts);
    }

    private static boolean splittableProduct(Product p) {
        for (int i = 0; i < p.factors().size(); i++) {
            Expr f = p.factors().get(i);
            if (Precedence.isDenominatorPower(f)) {
                return false;
            }
            if (f instanceof Num n && i == 0 && !n.isInteger()) {
                return false;
            }
        }
        return p.factors().size() > 1;
    }

    @Override
    protected boolean coefficientAsNumber(BigFraction abs) {
        return decimals && isDecimal(abs.getDenominator());
    }

    @Override
    protected String number(BigFraction v) {
        if (decimals && isDecimal(v.getDenominator())) {
            return new BigDecimal(v.getNumerator()).divide(new BigDecimal(v.getDenominator()))
                    .stripTrailingZeros().toPlainString();
        }
        if (printsAsFraction(v)) {
            return "\\frac{" + v.getNumerator() + "}{" + v.getDenominator() + "}";
        }
        return plainNumber(v);
    }

    @Override
    protected String times(String left, Expr leftExpr, String right, Expr rightExpr) {
        if (Character.isDigit(right.charAt(0)) || right.startsWith("-") || right.startsWith("\\frac")
                || left.endsWith("}") && leftExpr instanceof Expr.Derivative
                || leftExpr instanceof Num && rightExpr instanceof Num) {
            return " \\cdot ";
        }
        if (leftExpr instanceof Num n && n.isOne()) {
            return " \\cdot "; // a 1 that the rules left standing (x·1·w) is a factor, not a coefficient
        }
        if (left.endsWith("]") || right.startsWith("[") || Character.isDigit(left.charAt(left.length() - 1))
                && Character.isDigit(right.charAt(0))) {
            return " \\cdot ";
        }
        return " ";
    }

    @Override
    protected String fraction(String num, Expr numExpr, String den, Expr denExpr) {
        // a measured coefficient (0.75653·(1 − 0.75653)) comes here as 75653·(1 − 0.75653) over 100000:
        // with numbers put in, write it back as the decimal it is
        if (decimals && denExpr instanceof Num d && d.isInteger() && isDecimal(d.value().getNumerator())) {
            BigDecimal scale = new BigDecimal(d.value().getNumerator());
            if (numExpr instanceof Num n && n.isInteger()) {
                return new BigDecimal(n.value().getNumerator()).divide(scale).stripTrailingZeros().toPlainString();
            }
            if (numExpr instanceof Product p && p.factors().get(0) instanceof Num n && n.isInteger()) {
                String c = new BigDecimal(n.value().getNumerator()).divide(scale).stripTrailingZeros().toPlainString();
                List<Expr> rest = p.factors().subList(1, p.factors().size());
                String r = rest.size() == 1 ? render(rest.get(0), Precedence.POWER) : render(new Product(rest));
                return c + (r.startsWith("(") || r.startsWith("\\left(") ? " " : " \\cdot ") + r;
            }
        }
        return "\\frac{" + stripParens(num) + "}{" + stripParens(den) + "}";
    }

    /** \\exp(u) when u is wide: a long superscript is hard to read and cannot break. */
    @Override
    protected String exp(Expr arg, String rendered) {
        return visual(arg) > 14 ? "\\exp" + parens(rendered) : super.exp(arg, rendered);
    }

    /** ∂of/∂wrt for two names. */
    public static String partial(String of, String wrt) {
        return "\\frac{\\partial " + Notation.latex(of) + "}{\\partial " + Notation.latex(wrt) + "}";
    }
}
