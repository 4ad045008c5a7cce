package dev.chainrule.expr;

import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Token.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Reads free-form input: {@code + - * / ^} (and {@code **}), unary minus, brackets, numbers, identifiers
 * ({@code w1}, {@code w_11}, {@code w[1,1,1]}, Greek names), function calls, Iverson brackets {@code [z > 0]},
 * derivative helpers ({@code sigmoid'(z)}) and definitions separated by {@code ;} or new lines. A number
 * followed by a name or bracket multiplies ({@code 2x}, {@code 2(t - z)}). Errors carry the column.
 *
 * <p>It also reads every form the text printers write, and what students paste from them (the README's
 * "Notation" table): names with Unicode subscripts and a layer (w₁₁⁽²⁾ is w[2,1,1]), superscript powers,
 * √, |x|, ½, σ′(z), tanh²(z), ∂L/∂w and ∂/∂w (e), (z ≥ 0 ? 1 : α), LReLU(z; α=0.2), softmax₁(…), and
 * products written as the notes write them (ŷ(1 − ŷ), w₁x₁). {@link Syntax#DERIVATIVE_FRACTIONS} adds dA/dB.
 */
public final class Parser {
    /** Deepest bracket/operator nesting accepted; deeper input is rejected, not overflowed. */
    public static final int MAX_DEPTH = 200;
    /** Longest input accepted, in characters. */
    public static final int MAX_LENGTH = 100_000;

    private static final double LEAKY_DEFAULT_ALPHA = 0.01;

    /** Notation a caller may opt in to; without it the same text keeps its plain meaning. */
    public enum Syntax {
        /**
         * {@code dA/dB} (the letter d written directly before each name, e.g. {@code dL/dw[2,1,1]}) is the
         * derivative ∂A/∂B, as {@code d(A, B)}. Off by default, so that {@code dx/dy} with variables
         * {@code dx} and {@code dy} stays a quotient. {@code ∂A/∂B} needs no option.
         */
        DERIVATIVE_FRACTIONS
    }

    private final List<Token> tokens;
    private final EnumSet<Syntax> syntax;
    private int pos;
    private int depth;
    /** Open |…| bars around the current position. */
    private int bars;

    private Parser(String src, Syntax... syntax) {
        if (src.length() > MAX_LENGTH) {
            throw new ParseError(1, 1, "input is " + src.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        this.tokens = new Lexer(src).tokens();
        this.syntax = EnumSet.noneOf(Syntax.class);
        this.syntax.addAll(List.of(syntax));
    }

    /** Parses one expression (no definitions), with the notation options given. */
    public static Expr parseExpression(String src, Syntax... syntax) {
        Parser p = new Parser(src, syntax);
        p.skipSeparators();
        if (p.peek().kind == Kind.END) {
            throw p.error(p.peek(), "empty expression");
        }
        Expr e = p.expression();
        p.skipSeparators();
        if (p.peek().kind != Kind.END) {
            Kind k = p.peek().kind;
            boolean factor = k == Kind.IDENT || k == Kind.NUMBER || k == Kind.LPAREN || k == Kind.LBRACKET;
            throw p.error(p.peek(), "unexpected " + p.peek().describe() + " after the end of the expression"
                    + (factor ? " (write * between factors: a*b)" : ""));
        }
        return e;
    }

    /**
     * The canonical spelling of {@code src} when it is exactly one name, as typed or pasted from chainrule's
     * text: {@code w₁₁⁽²⁾} and {@code w[2,1,1]} are {@code w[2,1,1]}, {@code ŷ} is {@code yhat}; else empty.
     */
    public static Optional<String> parseName(String src) {
        try {
            Parser p = new Parser(src);
            Token t = p.peek();
            return t.kind == Kind.IDENT && !t.prime && p.peekAt(1).kind == Kind.END ? Optional.of(t.name()) : Optional.empty();
        } catch (ParseError notAName) {
            return Optional.empty();
        }
    }

    /** Parses definitions and at most one bare expression, with the notation options given. */
    public static Program parseProgram(String src, Syntax... syntax) {
        Parser p = new Parser(src, syntax);
        Map<String, Expr> defs = new LinkedHashMap<>();
        Expr bare = null;
        p.skipSeparators();
        if (p.peek().kind == Kind.END) {
            throw p.error(p.peek(), "empty input: type an expression such as (t - w*x)^2");
        }
        while (p.peek().kind != Kind.END) {
            Token start = p.peek();
            if (start.kind == Kind.IDENT && p.peekAt(1).kind == Kind.EQUALS) {
                p.pos += 2;
                String name = start.name();
                if (defs.containsKey(name)) {
                    throw p.error(start, "'" + name + "' is defined twice");
                }
                defs.put(name, p.expression());
            } else {
                if (bare != null) {
                    throw p.error(start, "more than one expression: name them (L = …) or separate definitions with ';'");
                }
                bare = p.expression();
            }
            Token t = p.peek();
            if (t.kind != Kind.END && t.kind != Kind.SEPARATOR) {
                throw p.error(t, "unexpected " + t.describe() + "; expected an operator, ';' or the end");
            }
            p.skipSeparators();
        }
        return new Program(defs, Optional.ofNullable(bare));
    }

    private void skipSeparators() {
        while (peek().kind == Kind.SEPARATOR) {
            pos++;
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int k) {
        return tokens.get(Math.min(pos + k, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean accept(Kind k, String text) {
        Token t = peek();
        if (t.kind == k && (text == null || t.text.equals(text))) {
            pos++;
            return true;
        }
        return false;
    }

    private ParseError error(Token t, String message) {
        return new ParseError(t.line, t.column, message);
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw error(t, "expression nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
    }

    private Expr expression() {
        Token start = peek();
        enter(start);
        List<Expr> terms = new ArrayList<>();
        terms.add(term());
        while (true) {
            if (accept(Kind.OP, "+")) {
                terms.add(term());
            } else if (accept(Kind.OP, "-")) {
                terms.add(Exprs.neg(term()));
            } else {
                break;
            }
        }
        depth--;
        return Exprs.sum(terms);
    }

    private Expr term() {
        List<Expr> factors = new ArrayList<>();
        factors.add(unary());
        while (true) {
            Token t = peek();
            if (accept(Kind.OP, "*")) {
                factors.add(unary());
            } else if (accept(Kind.OP, "/")) {
                Expr den = unary();
                Expr num = Exprs.product(factors);
                factors.clear();
                // 1/3 typed as numbers is the exact rational ⅓
                if (num instanceof Num n && den instanceof Num d && !d.isZero()) {
                    factors.add(new Num(n.value().divide(d.value())));
                } else {
                    factors.add(new Expr.Quotient(num, den));
                }
            } else if (implicitMultiplication(t)) {
                factors.add(unary());
            } else {
                break;
            }
        }
        // -y*log(yhat) is (−1)·y·log(ŷ), not (−y)·log(ŷ)
        if (factors.size() > 1 && factors.get(0) instanceof Expr.Product first && first.factors().get(0) instanceof Num) {
            List<Expr> flat = new ArrayList<>(first.factors());
            flat.addAll(factors.subList(1, factors.size()));
            return Exprs.product(flat);
        }
        return Exprs.product(factors);
    }

    /**
     * Juxtaposition, as the notes (and chainrule's text output) write products: 2x, 2(t − z), 2√(x), 2∂L/∂w,
     * 2[z > 0] and (−1)[z > 0], 2|x| (outside bars), (a)(b), (a)x, ŷ(1 − ŷ), x²(1 − x), |x|(1 − x), and two names written
     * together where a subscript or a Greek letter separates them: w₁x₁, yŷ. Names with a space between them
     * ("w1 x1") are not multiplied: that is more often a missing operator.
     */
    private boolean implicitMultiplication(Token next) {
        Token prev = tokens.get(pos - 1);
        return switch (next.kind) {
            case LPAREN -> !next.text.equals("{") && (prev.kind == Kind.NUMBER || prev.kind == Kind.RPAREN
                    || prev.kind == Kind.IDENT || prev.kind == Kind.SUP || prev.kind == Kind.RBRACKET || prev.kind == Kind.BAR);
            case IDENT -> prev.kind == Kind.NUMBER || prev.kind == Kind.RPAREN
                    || (prev.kind == Kind.IDENT || prev.kind == Kind.SUP) && !next.spaceBefore;
            case NUMBER -> prev.kind == Kind.RPAREN;
            case LBRACKET, PARTIAL, SQRT -> prev.kind == Kind.NUMBER || prev.kind == Kind.RPAREN;
            case BAR -> prev.kind == Kind.NUMBER && bars == 0;
            default -> false;
        };
    }

    private Expr unary() {
        Token t = peek();
        if (accept(Kind.OP, "-")) {
            enter(t);
            Expr e = Exprs.neg(unary());
            depth--;
            return e;
        }
        if (accept(Kind.OP, "+")) {
            enter(t);
            Expr e = unary();
            depth--;
            return e;
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        Token t = peek();
        Expr exponent;
        if (accept(Kind.OP, "^")) {
            enter(t);
            exponent = unary(); // right-associative; allows x^-1
            depth--;
        } else if (accept(Kind.SUP, null)) {
            exponent = new Num(t.number); // x², x⁻¹
        } else {
            return base;
        }
        if (base instanceof Var v && v.name().equals("e")) {
            return Exprs.call(Fn.EXP, exponent);
        }
        return new Expr.Pow(base, exponent);
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind) {
            case NUMBER:
                return new Num(t.number);
            case LPAREN: {
                enter(t);
                int outerBars = bars;
                bars = 0;
                Expr inner = expression();
                if (peek().kind == Kind.OP && peek().text.equals(">=")) {
                    inner = leakyStep(t, inner);
                }
                if (!accept(Kind.RPAREN, null)) {
                    throw error(peek(), "expected ')' to close the '" + t.text + "' at column " + t.column + ", found " + peek().describe());
                }
                bars = outerBars;
                depth--;
                return inner;
            }
            case LBRACKET:
                return iverson(t);
            case BAR:
                return abs(t);
            case SQRT: {
                if (peek().kind == Kind.END || peek().kind == Kind.SEPARATOR) {
                    throw error(peek(), "'√' needs what it takes the root of, as in √x or √(x + 1)");
                }
                enter(t);
                Expr arg = primary(); // as a call: √(x)² is (√x)²
                depth--;
                return Exprs.call(Fn.SQRT, arg);
            }
            case PARTIAL:
                return partialFraction(t);
            case IDENT:
                return name(t);
            case SUP:
                throw error(t, "a superscript power follows what it raises, as in x² or (a + b)²");
            case END:
                throw error(t, "unexpected end of input; expected a number, a name or '('");
            case RPAREN:
                throw error(t, "unexpected '" + t.text + "' with no matching '('");
            default:
                throw error(t, "unexpected " + t.describe() + "; expected a number, a name or '('");
        }
    }

    /** A name: a variable, a function call (with f²(x) and f^2(x) for f(x)²), or dA/dB when asked for. */
    private Expr name(Token t) {
        if (syntax.contains(Syntax.DERIVATIVE_FRACTIONS)) {
            Var body = dName(pos - 1);
            if (body != null) {
                int slash = pos - 1 + dNameLength(pos - 1);
                Token s = tokens.get(Math.min(slash, tokens.size() - 1));
                Var wrt = s.kind == Kind.OP && s.text.equals("/") ? dName(slash + 1) : null;
                if (wrt != null) {
                    pos = slash + 1 + dNameLength(slash + 1);
                    return new Expr.Derivative(body, wrt);
                }
            }
        }
        boolean function = isFunctionWord(t);
        if (function && !t.prime) {
            Integer n = functionPower();
            if (n != null) {
                return Exprs.pow(call(t), n);
            }
        }
        if (peek().kind == Kind.LPAREN) {
            if (t.prime || function || !factorBeforeBracket(t.name())) {
                return call(t);
            }
            return new Var(t.name()); // ŷ(1 − ŷ): the caller multiplies
        }
        if (t.prime) {
            throw error(t, "'" + t.text + "' needs an argument, e.g. " + t.text + "(z)");
        }
        return new Var(t.name());
    }

    /** After a function name: ² or ^2 and then '(' — tanh²(z), sin^2(x) — consumed, as the power; else null. */
    private Integer functionPower() {
        Token p = peek();
        int len;
        BigFraction n;
        if (p.kind == Kind.SUP && peekAt(1).kind == Kind.LPAREN) {
            len = 1;
            n = p.number;
        } else if (p.kind == Kind.OP && p.text.equals("^") && peekAt(1).kind == Kind.NUMBER && peekAt(2).kind == Kind.LPAREN) {
            len = 2;
            n = peekAt(1).number;
        } else if (p.kind == Kind.OP && p.text.equals("^") && peekAt(1).kind == Kind.OP && peekAt(1).text.equals("-")
                && peekAt(2).kind == Kind.NUMBER && peekAt(3).kind == Kind.LPAREN) {
            len = 3;
            n = peekAt(2).number.negate(); // sin^-1(x): refused below
        } else {
            return null;
        }
        if (n.getDenominator().intValue() != 1 || n.getNumerator().signum() <= 0 || n.getNumerator().bitLength() > 16) {
            throw error(p, "a power written after a function name (tanh²(z), sin^2(x)) is a positive whole number; "
                    + (n.getNumerator().signum() < 0 ? "inverse functions such as sin⁻¹ are not supported; " : "")
                    + "write the power after the call: f(x)^n");
        }
        pos += len;
        return n.intValue();
    }

    private static boolean isFunctionWord(Token t) {
        return t.index.isEmpty() && t.layer.isEmpty() && (t.sub.isEmpty() || t.word.equalsIgnoreCase("softmax"))
                && Functions.isCallName(t.word);
    }

    /**
     * Whether {@code name} followed by a bracket is a product (ŷ(1 − ŷ), x(1/3), w₁(…)) rather than a call:
     * a one-letter symbol (Greek included) or an indexed one, and not a function's name (σ(z) is the sigmoid).
     * Other words before a bracket (sigmod(x)) are refused as unknown functions. The text printer asks the same
     * question before it writes a name against a bracket.
     */
    static boolean factorBeforeBracket(String name) {
        if (Functions.isCallName(name)) {
            return false;
        }
        Notation.Symbol s = Notation.symbol(name);
        return !s.subscript().isEmpty() || !s.superscript().isEmpty() || s.base().length() == 1
                || Notation.text(s.base()).codePointCount(0, Notation.text(s.base()).length()) == 1;
    }

    /**
     * Whether printed text ending as {@code left} ends with a factor when a bracket is written right after it:
     * ŷ(, x₁(, x²(, [z > 0](, |x|( and x^0.5( do, but not σ( or σ²( (calls), cgpa( (an unknown function) or
     * ∂L/∂w( (a derivative takes a name, not a bracket). Only the last name or number of {@code left} is read.
     */
    static boolean readsAsFactorBeforeBracket(String left) {
        int start = left.length();
        while (start > 0 && " ()·+/|[]∂−-*^;=".indexOf(left.charAt(start - 1)) < 0) {
            start--;
        }
        if (start == left.length()) {
            return left.endsWith("]") || left.endsWith("|") || left.endsWith(")");
        }
        if (start > 0 && left.charAt(start - 1) == '∂') {
            return false;
        }
        if (start > 0 && left.charAt(start - 1) == '^') {
            // σ^0.2( would read as a power of the sigmoid (sin^2(x)): the name before ^ decides
            return readsAsFactorBeforeBracket(left.substring(start)) && readsAsFactorBeforeBracket(left.substring(0, start - 1));
        }
        List<Token> tail;
        try {
            tail = new Lexer(left.substring(start)).tokens();
        } catch (ParseError notAName) {
            return false;
        }
        Token last = tail.get(tail.size() - 2);
        Token before = tail.size() > 2 ? tail.get(tail.size() - 3) : null;
        return switch (last.kind) {
            case NUMBER -> true;
            case IDENT -> !last.prime && factorBeforeBracket(last.name());
            case SUP -> before == null || before.kind != Kind.IDENT || !isFunctionWord(before);
            default -> false;
        };
    }

    /**
     * With {@link Syntax#DERIVATIVE_FRACTIONS}, the name after the d of the token at {@code at}: dL, dw[2,1,1],
     * dz₁⁽¹⁾, or d followed directly by a Greek name (dŷ, dδ₁⁽²⁾). δ itself (lexed as delta) is not d·elta.
     */
    private Var dName(int at) {
        Token t = tokens.get(Math.min(at, tokens.size() - 1));
        if (t.kind != Kind.IDENT || t.prime || t.word.isEmpty() || t.word.charAt(0) != 'd') {
            return null;
        }
        if (dNameLength(at) == 2) {
            Token n = tokens.get(at + 1);
            return n.prime ? null : new Var(n.name());
        }
        String rest = t.word.substring(1);
        if (rest.isEmpty() || t.word.startsWith("delta") && !t.word.startsWith("ddelta")
                || !(Character.isLetter(rest.charAt(0)) || rest.charAt(0) == '_')) {
            return null;
        }
        return new Var(t.nameOf(rest));
    }

    /** 2 when the token at {@code at} is a lone d with a (Greek) name right after it (dŷ), else 1. */
    private int dNameLength(int at) {
        Token t = tokens.get(Math.min(at, tokens.size() - 1));
        Token n = tokens.get(Math.min(at + 1, tokens.size() - 1));
        return t.isBareWord() && t.word.equals("d") && n.kind == Kind.IDENT && !n.spaceBefore ? 2 : 1;
    }

    /**
     * {@code ∂A/∂B} (one atom, so that {@code ∂L/∂p·∂p/∂z} is a product of two derivatives) and
     * {@code ∂/∂B (e)}, the derivative of a bracketed expression as the text printer writes it.
     */
    private Expr partialFraction(Token partial) {
        if (accept(Kind.OP, "/")) {
            Var wrt = partialName("after '∂/'", false);
            enter(partial);
            Expr body = primary(); // as a call's argument: ∂/∂w (x)² is (∂/∂w (x))²
            depth--;
            return new Expr.Derivative(body, wrt);
        }
        Token bodyToken = peek();
        if (bodyToken.kind != Kind.IDENT || bodyToken.prime) {
            throw error(bodyToken, "expected a name after '∂' (∂L/∂w, or ∂/∂w (expression)), found " + bodyToken.describe());
        }
        pos++;
        if (!accept(Kind.OP, "/")) {
            throw error(peek(), "expected '/' after ∂" + bodyToken.text + " (a derivative is written ∂" + bodyToken.text
                    + "/∂w), found " + peek().describe());
        }
        Var wrt = partialName("after ∂" + bodyToken.text + "/", true);
        return new Expr.Derivative(new Var(bodyToken.name()), wrt);
    }

    /** The '∂B' of a derivative: a '∂' and a plain name (in ∂A/∂B not followed by a bracket: ∂L/∂σ(z)). */
    private Var partialName(String where, boolean last) {
        Token d = next();
        if (d.kind != Kind.PARTIAL) {
            throw error(d, "expected '∂' and a variable " + where + ", found " + d.describe());
        }
        Token name = next();
        if (name.kind != Kind.IDENT || name.prime || last && peek().kind == Kind.LPAREN) {
            throw error(name, "expected a variable name after '∂', found " + name.describe()
                    + (name.kind == Kind.IDENT && !name.prime ? " followed by '('" : ""));
        }
        return new Var(name.name());
    }

    /** [e > c] is step(e − c); [e >= c] is leaky_step(e − c, 0). */
    private Expr iverson(Token open) {
        enter(open);
        int outerBars = bars;
        bars = 0;
        Expr lhs = expression();
        Token cmp = next();
        if (cmp.kind != Kind.OP || !(cmp.text.equals(">") || cmp.text.equals(">=") || cmp.text.equals("<"))) {
            throw error(cmp, "expected '>' or '>=' inside [ ] (an Iverson bracket such as [z > 0])");
        }
        Expr rhs = expression();
        if (!accept(Kind.RBRACKET, null)) {
            throw error(peek(), "expected ']' to close the '[' at column " + open.column);
        }
        bars = outerBars;
        depth--;
        Expr diff = difference(lhs, rhs);
        return switch (cmp.text) {
            case ">" -> Exprs.call(Fn.STEP, diff);
            case ">=" -> Exprs.call(Fn.LEAKY_STEP, diff, Num.ZERO);
            default -> Exprs.call(Fn.STEP, Exprs.neg(diff));
        };
    }

    private static Expr difference(Expr lhs, Expr rhs) {
        return rhs instanceof Num n && n.isZero() ? lhs : Exprs.sub(lhs, rhs);
    }

    /** (z ≥ 0 ? 1 : α), leaky ReLU′ as the text printer writes it: leaky_step(z, α). */
    private Expr leakyStep(Token open, Expr lhs) {
        Token cmp = next();
        Expr rhs = expression();
        Token q = next();
        if (q.kind != Kind.QUESTION) {
            throw error(q, "expected '?' after the comparison in (z ≥ 0 ? 1 : α), found " + q.describe());
        }
        Expr then = expression();
        if (!(then instanceof Num one && one.isOne())) {
            throw error(q, "only (z ≥ 0 ? 1 : α), the derivative of leaky ReLU, is supported as a conditional");
        }
        Token colon = next();
        if (colon.kind != Kind.COLON) {
            throw error(colon, "expected ':' in (z ≥ 0 ? 1 : α), found " + colon.describe());
        }
        Expr otherwise = expression();
        if (peek().kind != Kind.RPAREN) {
            throw error(peek(), "expected ')' to close the '(' at column " + open.column + ", found " + peek().describe());
        }
        return Exprs.call(Fn.LEAKY_STEP, difference(lhs, rhs), otherwise);
    }

    /** |e|: a bar where a value is expected opens, the next bar after a value closes (||x| − y| nests). */
    private Expr abs(Token open) {
        enter(open);
        bars++;
        Expr inner = expression();
        if (!accept(Kind.BAR, null)) {
            throw error(peek(), "expected '|' to close the '|' at column " + open.column + ", found " + peek().describe());
        }
        bars--;
        depth--;
        return Exprs.call(Fn.ABS, inner);
    }

    private Expr call(Token name) {
        Token open = next();
        enter(open);
        int outerBars = bars;
        bars = 0;
        List<Expr> args = new ArrayList<>();
        if (!name.sub.isEmpty()) {
            if (!name.word.equalsIgnoreCase("softmax") || !name.sub.matches("\\d+") || name.sub.length() > 6) {
                throw error(name, "only softmax takes a subscript (softmaxₖ(z₁, …, z_K) is softmax(k, z1, …, zK))");
            }
            args.add(Num.of(Integer.parseInt(name.sub)));
        }
        if (peek().kind != Kind.RPAREN) {
            args.add(expression());
            while (true) {
                if (accept(Kind.COMMA, null)) {
                    args.add(expression());
                } else if (peek().kind == Kind.SEPARATOR && peek().text.equals(";")) {
                    // LReLU(z; α=0.2), ELU(z; α=1), huber(r; δ=1), as the text printer writes them
                    pos++;
                    if (peek().kind == Kind.IDENT && peek().isBareWord()
                            && (peek().word.equals("alpha") || peek().word.equals("delta"))
                            && peekAt(1).kind == Kind.EQUALS) {
                        pos += 2;
                    }
                    args.add(expression());
                } else {
                    break;
                }
            }
        }
        if (!accept(Kind.RPAREN, null)) {
            throw error(peek(), "expected ')' to close the call of " + name.text + " at column " + open.column
                    + ", found " + peek().describe());
        }
        bars = outerBars;
        depth--;
        return Functions.build(name, args, this::error);
    }

    /** w_{11} and w_11 are the same name; spaces inside index lists are dropped. */
    static String canonicalName(String raw) {
        String s = raw.replace(" ", "");
        s = s.replaceAll("_\\{([A-Za-z0-9]+)}", "_$1");
        return switch (s) {
            case "ŷ", "y_hat", "yHat" -> "yhat";
            default -> s;
        };
    }

    static double leakyDefaultAlpha() {
        return LEAKY_DEFAULT_ALPHA;
    }
}
