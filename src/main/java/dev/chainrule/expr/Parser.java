package dev.chainrule.expr;

import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Reads free-form input: {@code + - * / ^} (and {@code **}), unary minus, brackets, numbers, identifiers
 * ({@code w1}, {@code w_11}, {@code w[1,1,1]}, Greek names), function calls, Iverson brackets {@code [z > 0]},
 * derivative helpers ({@code sigmoid'(z)}) and definitions separated by {@code ;} or new lines. A number
 * followed by a name or bracket multiplies ({@code 2x}, {@code 2(t - z)}). Errors carry the column.
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
                String name = canonicalName(start.text);
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

    /** 2x, 2(t - z), (a)(b), (a)x: a number or ')' followed by a name, number or '('. */
    private boolean implicitMultiplication(Token next) {
        Token prev = tokens.get(pos - 1);
        boolean prevEnds = prev.kind == Kind.NUMBER || prev.kind == Kind.RPAREN;
        boolean nextStarts = next.kind == Kind.IDENT || next.kind == Kind.LPAREN
                || next.kind == Kind.NUMBER && prev.kind == Kind.RPAREN;
        return prevEnds && nextStarts;
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
        if (accept(Kind.OP, "^")) {
            enter(t);
            Expr exponent = unary(); // right-associative; allows x^-1
            depth--;
            if (base instanceof Var v && v.name().equals("e")) {
                return Exprs.call(Fn.EXP, exponent);
            }
            return new Expr.Pow(base, exponent);
        }
        return base;
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind) {
            case NUMBER:
                return new Num(t.number);
            case LPAREN: {
                enter(t);
                Expr inner = expression();
                if (!accept(Kind.RPAREN, null)) {
                    throw error(peek(), "expected ')' to close the '(' at column " + t.column + ", found " + peek().describe());
                }
                depth--;
                return inner;
            }
            case LBRACKET:
                return iverson(t);
            case PARTIAL:
                return partialFraction(t);
            case IDENT:
                if (syntax.contains(Syntax.DERIVATIVE_FRACTIONS) && isDName(t) && peek().kind == Kind.OP
                        && peek().text.equals("/") && isDName(peekAt(1))) {
                    pos++;
                    Token wrt = next();
                    return new Expr.Derivative(new Var(canonicalName(t.text.substring(1))),
                            new Var(canonicalName(wrt.text.substring(1))));
                }
                if (peek().kind == Kind.LPAREN) {
                    return call(t);
                }
                if (t.text.endsWith("'")) {
                    throw error(t, "'" + t.text + "' needs an argument, e.g. " + t.text + "(z)");
                }
                return new Var(canonicalName(t.text));
            case END:
                throw error(t, "unexpected end of input; expected a number, a name or '('");
            case RPAREN:
                throw error(t, "unexpected ')' with no matching '('");
            default:
                throw error(t, "unexpected " + t.describe() + "; expected a number, a name or '('");
        }
    }

    /**
     * {@code ∂A/∂B} (one atom, so that {@code ∂L/∂p·∂p/∂z} is a product of two derivatives) and
     * {@code ∂/∂B (e)}, the derivative of a bracketed expression as the text printer writes it.
     */
    private Expr partialFraction(Token partial) {
        if (accept(Kind.OP, "/")) {
            Var wrt = partialName(partial, "after '∂/'", false);
            enter(partial);
            Expr body = primary(); // as a call's argument: ∂/∂w (x)² would be (∂/∂w (x))²
            depth--;
            return new Expr.Derivative(body, wrt);
        }
        Token bodyToken = peek();
        if (bodyToken.kind != Kind.IDENT) {
            throw error(bodyToken, "expected a name after '∂' (∂L/∂w, or ∂/∂w (expression)), found " + bodyToken.describe());
        }
        pos++;
        if (!accept(Kind.OP, "/")) {
            throw error(peek(), "expected '/' after ∂" + bodyToken.text + " (a derivative is written ∂" + bodyToken.text
                    + "/∂w), found " + peek().describe());
        }
        Var wrt = partialName(partial, "after ∂" + bodyToken.text + "/", true);
        return new Expr.Derivative(new Var(canonicalName(bodyToken.text)), wrt);
    }

    /** The '∂B' of a derivative: a '∂' and a plain name (in ∂A/∂B not followed by a bracket: ∂L/∂σ(z)). */
    private Var partialName(Token partial, String where, boolean last) {
        Token d = next();
        if (d.kind != Kind.PARTIAL) {
            throw error(d, "expected '∂' and a variable " + where + ", found " + d.describe());
        }
        Token name = next();
        if (name.kind != Kind.IDENT || name.text.endsWith("'") || last && peek().kind == Kind.LPAREN) {
            throw error(name, "expected a variable name after '∂', found " + name.describe());
        }
        return new Var(canonicalName(name.text));
    }

    /** dL, dw[2,1,1], dŷ: a name written directly after the letter d (δ, which lexes as delta, is not one). */
    private static boolean isDName(Token t) {
        return t.kind == Kind.IDENT && t.text.length() > 1 && t.text.charAt(0) == 'd' && !t.text.endsWith("'")
                && !(t.text.startsWith("delta") && !t.text.startsWith("ddelta"))
                && (Character.isLetter(t.text.charAt(1)) || t.text.charAt(1) == '_');
    }

    /** [e > c] is step(e − c); [e >= c] is leaky_step(e − c, 0). */
    private Expr iverson(Token open) {
        enter(open);
        Expr lhs = expression();
        Token cmp = next();
        if (cmp.kind != Kind.OP || !(cmp.text.equals(">") || cmp.text.equals(">=") || cmp.text.equals("<"))) {
            throw error(cmp, "expected '>' or '>=' inside [ ] (an Iverson bracket such as [z > 0])");
        }
        Expr rhs = expression();
        if (!accept(Kind.RBRACKET, null)) {
            throw error(peek(), "expected ']' to close the '[' at column " + open.column);
        }
        depth--;
        Expr diff = rhs instanceof Num n && n.isZero() ? lhs : Exprs.sub(lhs, rhs);
        return switch (cmp.text) {
            case ">" -> Exprs.call(Fn.STEP, diff);
            case ">=" -> Exprs.call(Fn.LEAKY_STEP, diff, Num.ZERO);
            default -> Exprs.call(Fn.STEP, Exprs.neg(diff));
        };
    }

    private Expr call(Token name) {
        Token open = next();
        enter(open);
        List<Expr> args = new ArrayList<>();
        if (peek().kind != Kind.RPAREN) {
            args.add(expression());
            while (accept(Kind.COMMA, null)) {
                args.add(expression());
            }
        }
        if (!accept(Kind.RPAREN, null)) {
            throw error(peek(), "expected ')' to close the call of " + name.text + " at column " + open.column
                    + ", found " + peek().describe());
        }
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

    // ------------------------------------------------------------------------------------------- lexer

    enum Kind { NUMBER, IDENT, OP, PARTIAL, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, EQUALS, SEPARATOR, END }

    static final class Token {
        final Kind kind;
        final String text;
        final BigFraction number;
        final int line;
        final int column;

        Token(Kind kind, String text, BigFraction number, int line, int column) {
            this.kind = kind;
            this.text = text;
            this.number = number;
            this.line = line;
            this.column = column;
        }

        String describe() {
            return switch (kind) {
                case END -> "end of input";
                case SEPARATOR -> text.equals("\n") ? "end of line" : "';'";
                case NUMBER -> "number " + text;
                case IDENT -> "name '" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    private static final class Lexer {
        private final String src;
        private int i;
        private int line = 1;
        private int lineStart;
        private final List<Token> out = new ArrayList<>();

        Lexer(String src) {
            this.src = src;
        }

        List<Token> tokens() {
            while (i < src.length()) {
                char c = src.charAt(i);
                int col = i - lineStart + 1;
                if (c == '\n') {
                    add(Kind.SEPARATOR, "\n", col);
                    i++;
                    line++;
                    lineStart = i;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (Character.isDigit(c) || c == '.' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))) {
                    number(col);
                } else if (Character.isLetter(c) || c == '_') {
                    identifier(col);
                } else {
                    symbol(c, col);
                }
            }
            out.add(new Token(Kind.END, "", null, line, i - lineStart + 1));
            return out;
        }

        private void add(Kind k, String text, int col) {
            out.add(new Token(k, text, null, line, col));
        }

        private void number(int col) {
            int start = i;
            while (i < src.length() && Character.isDigit(src.charAt(i))) {
                i++;
            }
            if (i < src.length() && src.charAt(i) == '.') {
                i++;
                while (i < src.length() && Character.isDigit(src.charAt(i))) {
                    i++;
                }
            }
            if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
                int save = i;
                i++;
                if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
                    i++;
                }
                if (i < src.length() && Character.isDigit(src.charAt(i))) {
                    while (i < src.length() && Character.isDigit(src.charAt(i))) {
                        i++;
                    }
                } else {
                    i = save; // "2e" is 2 times e
                }
            }
            String text = src.substring(start, i);
            BigDecimal d;
            try {
                d = new BigDecimal(text);
            } catch (NumberFormatException ex) {
                throw new ParseError(line, col, "malformed number '" + text + "'");
            }
            if (d.abs().compareTo(new BigDecimal("1e300")) > 0 || d.scale() > 300 || d.scale() < -300) {
                throw new ParseError(line, col, "number '" + text + "' is out of range");
            }
            BigFraction f = d.scale() > 0
                    ? new BigFraction(d.unscaledValue(), java.math.BigInteger.TEN.pow(d.scale()))
                    : new BigFraction(d.toBigIntegerExact());
            out.add(new Token(Kind.NUMBER, text, f, line, col));
        }

        private void identifier(int col) {
            int start = i;
            while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                i++;
            }
            // w_{11}
            if (i + 1 < src.length() && src.charAt(i - 1) == '_' && src.charAt(i) == '{') {
                int close = src.indexOf('}', i);
                if (close > 0 && src.substring(i + 1, close).matches("[A-Za-z0-9]+")) {
                    i = close + 1;
                }
            }
            // w[1,1,1]: an index list directly after the name
            if (i < src.length() && src.charAt(i) == '[') {
                int close = src.indexOf(']', i);
                if (close > 0 && src.substring(i + 1, close).matches("\\s*\\d+(\\s*,\\s*\\d+)*\\s*")) {
                    i = close + 1;
                }
            }
            if (i < src.length() && (src.charAt(i) == '\'' || src.charAt(i) == '′')) {
                i++;
                out.add(new Token(Kind.IDENT, src.substring(start, i - 1) + "'", null, line, col));
                return;
            }
            String raw = src.substring(start, i);
            String first = greek(raw.substring(0, 1));
            // δ[2,1], ŷ1, σ: a Greek letter at the start is its name
            String text = first.length() > 1 ? first + raw.substring(1) : greek(raw);
            out.add(new Token(Kind.IDENT, text, null, line, col));
        }

        private static String greek(String s) {
            return switch (s) {
                case "σ" -> "sigma";
                case "η" -> "eta";
                case "δ" -> "delta";
                case "α" -> "alpha";
                case "λ" -> "lambda";
                case "θ" -> "theta";
                case "ε" -> "epsilon";
                case "μ" -> "mu";
                case "ŷ" -> "yhat";
                default -> s;
            };
        }

        private void symbol(char c, int col) {
            switch (c) {
                case '+' -> op("+", col, 1);
                case '-', '−' -> op("-", col, 1);
                case '*' -> {
                    if (i + 1 < src.length() && src.charAt(i + 1) == '*') {
                        op("^", col, 2);
                    } else {
                        op("*", col, 1);
                    }
                }
                case '·', '×', '⋅' -> op("*", col, 1);
                case '/', '÷' -> op("/", col, 1);
                case '^' -> op("^", col, 1);
                case '>' -> {
                    if (i + 1 < src.length() && src.charAt(i + 1) == '=') {
                        op(">=", col, 2);
                    } else {
                        op(">", col, 1);
                    }
                }
                case '≥' -> op(">=", col, 1);
                case '<' -> op("<", col, 1);
                case '∂' -> single(Kind.PARTIAL, "∂", col);
                case '(' -> single(Kind.LPAREN, "(", col);
                case ')' -> single(Kind.RPAREN, ")", col);
                case '[' -> single(Kind.LBRACKET, "[", col);
                case ']' -> single(Kind.RBRACKET, "]", col);
                case ',' -> single(Kind.COMMA, ",", col);
                case '=' -> single(Kind.EQUALS, "=", col);
                case ';' -> single(Kind.SEPARATOR, ";", col);
                default -> throw new ParseError(line, col, "unexpected character '" + printable(c) + "'");
            }
        }

        private static String printable(char c) {
            return Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
        }

        private void op(String text, int col, int len) {
            add(Kind.OP, text, col);
            i += len;
        }

        private void single(Kind k, String text, int col) {
            add(k, text, col);
            i++;
        }
    }

    static double leakyDefaultAlpha() {
        return LEAKY_DEFAULT_ALPHA;
    }
}
