package dev.chainrule.expr;

import dev.chainrule.expr.Token.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Splits input into tokens. Besides ASCII it reads what chainrule prints in text and what students paste:
 * −, ·, ×, ⋅, ÷, ≥, ∂, √, |…|, ½, superscript powers (x², x⁻¹) and names with Unicode subscripts and a layer
 * superscript (w₁₁⁽²⁾, ŷ₁, δ₁⁽²⁾, σ). A Greek letter or ŷ is a name of its own, so that yŷ and σx are two
 * names, as are w₁x₁ (a subscript ends a name) — the parser multiplies such neighbours.
 */
final class Lexer {
    static final String SUB_DIGITS = "₀₁₂₃₄₅₆₇₈₉";
    static final String SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    static final String SUB_LETTERS = "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";
    private static final String SUB_LETTERS_ASCII = "aehijklmnoprstuvx";
    private static final String VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞";
    private static final int[][] VULGAR_VALUES = {{1, 2}, {1, 3}, {2, 3}, {1, 4}, {3, 4}, {1, 5}, {2, 5}, {3, 5}, {4, 5},
        {1, 6}, {5, 6}, {1, 8}, {3, 8}, {5, 8}, {7, 8}};
    private static final char COMBINING_CIRCUMFLEX = '\u0302';

    private final String src;
    private int i;
    private int line = 1;
    private int lineStart;
    private boolean space;
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
                space = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                space = true;
                continue;
            }
            if (Character.isDigit(c) && c < 128 || c == '.' && i + 1 < src.length() && isAsciiDigit(src.charAt(i + 1))) {
                number(col);
            } else if (VULGAR.indexOf(c) >= 0) {
                int[] v = VULGAR_VALUES[VULGAR.indexOf(c)];
                out.add(new Token(Kind.NUMBER, String.valueOf(c), new BigFraction(v[0], v[1]), line, col, space));
                i++;
            } else if (SUP_DIGITS.indexOf(c) >= 0 || c == '⁻') {
                superscriptPower(col);
            } else if (isNameStart(c)) {
                identifier(col);
            } else {
                symbol(c, col);
            }
            space = false;
        }
        out.add(new Token(Kind.END, "", null, line, i - lineStart + 1, space));
        return out;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Greek letters and ŷ are one-letter names of their own (σ, δ, ŷ), never part of a longer word. */
    private boolean isSymbolLetter(int at) {
        char c = src.charAt(at);
        return isSymbolLetter(c) || c == 'y' && at + 1 < src.length() && src.charAt(at + 1) == COMBINING_CIRCUMFLEX;
    }

    static boolean isSymbolLetter(char c) {
        return c >= 'Ͱ' && c <= 'Ͽ' || c == 'ŷ';
    }

    /** A name that ends with {@code c} ends there: a letter after it starts the next name (w₁x₁, ŷv). */
    static boolean endsName(char c) {
        return isScript(c) || isSymbolLetter(c);
    }

    private static boolean isScript(char c) {
        return SUB_DIGITS.indexOf(c) >= 0 || SUB_LETTERS.indexOf(c) >= 0 || SUP_DIGITS.indexOf(c) >= 0
                || "⁻⁽⁾ᵀˡ".indexOf(c) >= 0;
    }

    private boolean isNameStart(char c) {
        return (Character.isLetter(c) || c == '_') && !isScript(c);
    }

    private void add(Kind k, String text, int col) {
        out.add(new Token(k, text, null, line, col, space));
    }

    private void number(int col) {
        int start = i;
        while (i < src.length() && isAsciiDigit(src.charAt(i))) {
            i++;
        }
        if (i < src.length() && src.charAt(i) == '.') {
            i++;
            while (i < src.length() && isAsciiDigit(src.charAt(i))) {
                i++;
            }
        }
        StringBuilder text = new StringBuilder(src.substring(start, i));
        if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int save = i;
            StringBuilder exp = new StringBuilder("e");
            i++;
            if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-' || src.charAt(i) == '−')) {
                exp.append(src.charAt(i) == '+' ? '+' : '-');
                i++;
            }
            if (i < src.length() && isAsciiDigit(src.charAt(i))) {
                while (i < src.length() && isAsciiDigit(src.charAt(i))) {
                    exp.append(src.charAt(i));
                    i++;
                }
                text.append(exp);
            } else {
                i = save; // "2e" is 2 times e
            }
        }
        String typed = src.substring(start, i);
        BigDecimal d;
        try {
            d = new BigDecimal(text.toString());
        } catch (NumberFormatException ex) {
            throw new ParseError(line, col, "malformed number '" + typed + "'");
        }
        if (d.abs().compareTo(new BigDecimal("1e300")) > 0 || d.scale() > 300 || d.scale() < -300) {
            throw new ParseError(line, col, "number '" + typed + "' is out of range");
        }
        BigFraction f = d.scale() > 0
                ? new BigFraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()))
                : new BigFraction(d.toBigIntegerExact());
        out.add(new Token(Kind.NUMBER, typed, f, line, col, space));
    }

    /** x², x⁻¹, tanh²: a superscript integer is a power. */
    private void superscriptPower(int col) {
        int start = i;
        boolean negative = false;
        if (src.charAt(i) == '⁻') {
            negative = true;
            i++;
        }
        StringBuilder digits = new StringBuilder();
        while (i < src.length() && SUP_DIGITS.indexOf(src.charAt(i)) >= 0) {
            digits.append((char) ('0' + SUP_DIGITS.indexOf(src.charAt(i))));
            i++;
        }
        String typed = src.substring(start, i);
        if (digits.length() == 0) {
            throw new ParseError(line, col, "'⁻' needs superscript digits after it, as in x⁻¹");
        }
        if (digits.length() > 6) {
            throw new ParseError(line, col, "the power '" + typed + "' is out of range");
        }
        BigFraction n = new BigFraction(Integer.parseInt(digits.toString()) * (negative ? -1 : 1));
        out.add(new Token(Kind.SUP, typed, n, line, col, space));
    }

    private void identifier(int col) {
        int start = i;
        StringBuilder word = new StringBuilder();
        if (isSymbolLetter(i)) {
            boolean combining = src.charAt(i) == 'y' && i + 1 < src.length() && src.charAt(i + 1) == COMBINING_CIRCUMFLEX;
            word.append(greek(combining ? "ŷ" : String.valueOf(src.charAt(i))));
            i += combining ? 2 : 1;
            // ŷ1, δ_1: digits and underscores may follow a Greek letter, other letters start a new name
            while (i < src.length() && (isAsciiDigit(src.charAt(i)) || src.charAt(i) == '_'
                    && i + 1 < src.length() && Character.isLetterOrDigit(src.charAt(i + 1)) && !isScript(src.charAt(i + 1)))) {
                word.append(src.charAt(i));
                i++;
                if (src.charAt(i - 1) == '_') {
                    while (i < src.length() && src.charAt(i) < 128 && Character.isLetterOrDigit(src.charAt(i))) {
                        word.append(src.charAt(i));
                        i++;
                    }
                }
            }
        } else {
            while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')
                    && !isScript(src.charAt(i)) && !isSymbolLetter(i)) {
                word.append(src.charAt(i));
                i++;
            }
        }
        // w_{11}
        if (i + 1 < src.length() && src.charAt(i - 1) == '_' && src.charAt(i) == '{') {
            int close = src.indexOf('}', i);
            if (close > 0 && src.substring(i + 1, close).matches("[A-Za-z0-9]+")) {
                word.append(src, i, close + 1);
                i = close + 1;
            }
        }
        // w[1,1,1]: an index list directly after the name
        String index = "";
        if (i < src.length() && src.charAt(i) == '[') {
            int close = src.indexOf(']', i);
            if (close > 0 && src.substring(i + 1, close).matches("\\s*\\d+(\\s*,\\s*\\d+)*\\s*")) {
                index = src.substring(i, close + 1).replace(" ", "");
                i = close + 1;
            }
        }
        String sub = subscript();
        String layer = layer(col);
        boolean prime = false;
        if (i < src.length() && (src.charAt(i) == '\'' || src.charAt(i) == '′')) {
            prime = true;
            i++;
        }
        out.add(new Token(Kind.IDENT, src.substring(start, i), null, line, col, space, word.toString(), index, sub, layer, prime));
    }

    /** ₁₂ → "12", ₁₂,₁ → "12,1", ᵢⱼ → "ij" (a comma only between subscripts: f(z₁, z₂) keeps its comma). */
    private String subscript() {
        StringBuilder sb = new StringBuilder();
        while (i < src.length()) {
            char c = src.charAt(i);
            if (SUB_DIGITS.indexOf(c) >= 0) {
                sb.append((char) ('0' + SUB_DIGITS.indexOf(c)));
            } else if (SUB_LETTERS.indexOf(c) >= 0) {
                sb.append(SUB_LETTERS_ASCII.charAt(SUB_LETTERS.indexOf(c)));
            } else if (c == ',' && sb.length() > 0 && i + 1 < src.length() && SUB_DIGITS.indexOf(src.charAt(i + 1)) >= 0) {
                sb.append(',');
            } else {
                break;
            }
            i++;
        }
        return sb.toString();
    }

    /** ⁽²⁾ → "2". */
    private String layer(int col) {
        if (i >= src.length() || src.charAt(i) != '⁽') {
            return "";
        }
        int close = src.indexOf('⁾', i);
        StringBuilder sb = new StringBuilder();
        for (int k = i + 1; close > 0 && k < close; k++) {
            int d = SUP_DIGITS.indexOf(src.charAt(k));
            if (d < 0) {
                throw new ParseError(line, i - lineStart + 1, "a layer superscript is a number, as in w₁₁⁽²⁾");
            }
            sb.append((char) ('0' + d));
        }
        if (close < 0 || sb.length() == 0) {
            throw new ParseError(line, i - lineStart + 1, "a layer superscript is a number, as in w₁₁⁽²⁾");
        }
        i = close + 1;
        return sb.toString();
    }

    static String greek(String s) {
        return switch (s) {
            case "σ" -> "sigma";
            case "η" -> "eta";
            case "δ" -> "delta";
            case "α" -> "alpha";
            case "β" -> "beta";
            case "γ" -> "gamma";
            case "λ" -> "lambda";
            case "θ" -> "theta";
            case "ε" -> "epsilon";
            case "μ" -> "mu";
            case "τ" -> "tau";
            case "φ" -> "phi";
            case "Φ" -> "normcdf";
            case "ω" -> "omega";
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
            case '·', '×', '⋅', '∙' -> op("*", col, 1);
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
            case '√' -> single(Kind.SQRT, "√", col);
            case '|' -> single(Kind.BAR, "|", col);
            case '?' -> single(Kind.QUESTION, "?", col);
            case ':' -> single(Kind.COLON, ":", col);
            case '(' -> single(Kind.LPAREN, "(", col);
            case ')' -> single(Kind.RPAREN, ")", col);
            case '{' -> single(Kind.LPAREN, "{", col);
            case '}' -> single(Kind.RPAREN, "}", col);
            case '[' -> single(Kind.LBRACKET, "[", col);
            case ']' -> single(Kind.RBRACKET, "]", col);
            case ',' -> single(Kind.COMMA, ",", col);
            case '=' -> single(Kind.EQUALS, "=", col);
            case ';' -> single(Kind.SEPARATOR, ";", col);
            default -> throw new ParseError(line, col, "unexpected character '" + printable(c) + "'" + hint(c));
        }
    }

    private static String hint(char c) {
        if (SUB_DIGITS.indexOf(c) >= 0 || SUB_LETTERS.indexOf(c) >= 0) {
            return " (a subscript follows a name, as in x₁)";
        }
        if (c == '⁽' || c == '⁾') {
            return " (a layer superscript follows a name's subscript, as in a₁⁽¹⁾)";
        }
        if (c == 'ᵀ') {
            return " (transposes are not part of the expression syntax)";
        }
        return "";
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
