package dev.chainrule.expr;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.fraction.BigFraction;

/** Unicode text as the lecture notes write it: −2(t − z)·x₁, σ(z₁⁽²⁾), ŷ(1 − ŷ), ∂L/∂w₁₁⁽¹⁾. */
public class TextPrinter extends ExprPrinter {
    public static final TextPrinter INSTANCE = new TextPrinter(false);
    private static final TextPrinter DECIMALS = new TextPrinter(true);

    private final boolean decimals;
    private static final java.util.regex.Pattern EXPONENT_START = java.util.regex.Pattern.compile("[eE][+\\-−]?\\d.*");

    private TextPrinter(boolean decimals) {
        this.decimals = decimals;
    }

    /** For printers that change how some parts look (values put in for names, say). */
    protected TextPrinter() {
        this(false);
    }

    /** A function's argument; subclasses may print a lone value without brackets. */
    protected String argument(Expr a) {
        return render(a);
    }

    public static String str(Expr e) {
        return INSTANCE.print(e);
    }

    /** Numbers as decimals (0.5, not 1/2): for expressions with measured values put in. */
    public static String decimals(Expr e) {
        return DECIMALS.print(e);
    }

    @Override
    protected boolean coefficientAsNumber(BigFraction abs) {
        return decimals && isDecimal(abs.getDenominator());
    }

    @Override
    protected String number(BigFraction v) {
        if (decimals && isDecimal(v.getDenominator())) {
            return decimalText(v);
        }
        return plainNumber(v);
    }

    /**
     * Measured values as printed: explain puts a sample's δ's and activations into every parameter's result, so
     * each number is printed once per parameter of its unit. Emptied when it holds {@value #DECIMAL_CACHE_LIMIT}.
     */
    private static final java.util.Map<Fraction, String> DECIMAL_TEXT = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int DECIMAL_CACHE_LIMIT = 1 << 16;

    /**
     * The cache's key: numerator and denominator as they are ({@link BigFraction#equals} reduces both again, two
     * gcds a lookup). A text is computed from its own key's parts, so it is always right; equal values have equal
     * parts, as a BigFraction is kept in lowest terms (but for a zero made from a double, 0/2¹⁰⁷⁵, printed "0" too).
     */
    private record Fraction(java.math.BigInteger numerator, java.math.BigInteger denominator) {
    }

    private static String decimalText(BigFraction v) {
        Fraction key = new Fraction(v.getNumerator(), v.getDenominator());
        String text = DECIMAL_TEXT.get(key);
        if (text == null) {
            text = decimal(v.getNumerator(), v.getDenominator()).stripTrailingZeros().toPlainString();
            if (DECIMAL_TEXT.size() >= DECIMAL_CACHE_LIMIT) {
                DECIMAL_TEXT.clear();
            }
            DECIMAL_TEXT.put(key, text);
        }
        return text;
    }

    @Override
    protected String variable(String name) {
        return Notation.text(name);
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
        // juxtapose a numeric coefficient, and anything before a bracket: 2x₁, ŷ(1 − ŷ); else a dot
        // — but never after a fraction: 1/2(t − z)² would read as 1/(2(t − z)²)
        if (leftExpr instanceof Expr.Quotient || leftExpr instanceof Expr.Num n && printsAsFraction(n.value())) {
            return "·";
        }
        if (leftExpr instanceof Expr.Num) {
            // not 2|x| (inside bars the | would close them) nor 2e1x (the number 2e1 times x)
            boolean juxtapose = !Character.isDigit(right.charAt(0)) && !right.startsWith("−") && !right.startsWith("|")
                    && !EXPONENT_START.matcher(right).matches();
            return juxtapose ? "" : "·";
        }
        if (right.startsWith("(") && !left.endsWith(")")) {
            return Parser.readsAsFactorBeforeBracket(left) ? "" : "·";
        }
        // wx would read as the name wx: a subscript or a Greek letter must separate juxtaposed names (w₁x₁, yŷ)
        if (shortSymbol(leftExpr) && shortSymbol(rightExpr) && (Lexer.endsName(left.charAt(left.length() - 1))
                || Lexer.isSymbolLetter(right.charAt(0)))) {
            return "";
        }
        return "·";
    }

    private static boolean superscriptPower(Expr exponent) {
        return exponent instanceof Expr.Num n && n.isInteger() && n.value().abs().intValue() < 100;
    }

    /** w₁, x₁, ŷ, σ, b: one letter with indices, so that w₁x₁ reads as a product. */
    private static boolean shortSymbol(Expr e) {
        if (!(e instanceof Expr.Var v)) {
            return false;
        }
        String base = Notation.symbol(v.name()).base();
        return base.length() == 1 || Notation.text(base).length() == 1;
    }

    @Override
    protected String fraction(String num, Expr numExpr, String den, Expr denExpr) {
        return num + "/" + den;
    }

    @Override
    protected String power(String base, Expr exponent) {
        if (superscriptPower(exponent)) {
            Expr.Num n = (Expr.Num) exponent;
            // a₁⁽¹⁾² would read as a layer index: bracket bases that already carry a superscript
            String b = base.endsWith("⁾") ? "(" + base + ")" : base;
            return b + Notation.superscript(n.value().getNumerator().toString());
        }
        return base + "^" + render(exponent, Precedence.ATOM);
    }

    @Override
    protected String call(Fn fn, List<Expr> args) {
        String a = argument(args.get(0));
        return switch (fn) {
            case EXP, LOG, SQRT, SIGMOID, TANH, RELU, SIGN, SIN, COS, SOFTPLUS, GELU, SILU, NORM_CDF, NORM_PDF ->
                    fn.textName() + "(" + a + ")";
            case LEAKY_RELU, ELU, ELU_STEP -> fn.textName() + "(" + a + "; α=" + argument(args.get(1)) + ")";
            case HUBER, HUBER_GRAD -> fn.textName() + "(" + a + "; δ=" + argument(args.get(1)) + ")";
            case STEP -> "[" + a + " > 0]";
            case LEAKY_STEP -> "(" + a + " ≥ 0 ? 1 : " + argument(args.get(1)) + ")";
            case ABS -> "|" + a + "|";
            case SOFTMAX -> fn.textName() + Notation.subscript(render(args.get(0))) + "("
                    + args.subList(1, args.size()).stream().map(this::argument).collect(Collectors.joining(", ")) + ")";
        };
    }

    @Override
    protected String derivative(Expr body, Expr.Var wrt) {
        String w = "∂" + variable(wrt.name());
        if (body instanceof Expr.Var v) {
            return "∂" + variable(v.name()) + "/" + w;
        }
        return "∂/" + w + " " + parens(render(body));
    }
}
