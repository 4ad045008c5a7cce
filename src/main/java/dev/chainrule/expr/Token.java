package dev.chainrule.expr;

import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * One token of the input. A name keeps its parts as typed or pasted — the word ({@code w}, {@code softmax},
 * {@code yhat} for ŷ), an index list ({@code [2,1,1]}), Unicode subscripts and a layer superscript
 * ({@code ₁₁} and {@code ⁽²⁾} of w₁₁⁽²⁾) and a prime — so that the parser can decide what it names: a variable
 * in canonical spelling ({@link #name}), a function, or the derivative {@code dL} of a fraction dL/dw.
 */
final class Token {
    enum Kind {
        NUMBER, IDENT, SUP, OP, PARTIAL, SQRT, BAR, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, EQUALS, QUESTION,
        COLON, SEPARATOR, END
    }

    /** The network symbols that carry a layer, as {@link Notation} writes them: w₁₁⁽²⁾ is w[2,1,1]. */
    static final Set<String> LAYERED = Set.of("w", "b", "z", "a", "h", "o", "delta");

    final Kind kind;
    /** What was typed, for messages. */
    final String text;
    /** The value of a NUMBER, or the exponent of a SUP (a superscript power such as ² or ⁻¹). */
    final BigFraction number;
    final int line;
    final int column;
    /** Whitespace right before this token: "w1 x1" is not the product w1·x1, "w₁x₁" is. */
    final boolean spaceBefore;

    // names only
    final String word;
    final String index;
    final String sub;
    final String layer;
    final boolean prime;

    Token(Kind kind, String text, BigFraction number, int line, int column, boolean spaceBefore) {
        this(kind, text, number, line, column, spaceBefore, "", "", "", "", false);
    }

    Token(Kind kind, String text, BigFraction number, int line, int column, boolean spaceBefore,
          String word, String index, String sub, String layer, boolean prime) {
        this.kind = kind;
        this.text = text;
        this.number = number;
        this.line = line;
        this.column = column;
        this.spaceBefore = spaceBefore;
        this.word = word;
        this.index = index;
        this.sub = sub;
        this.layer = layer;
        this.prime = prime;
    }

    String describe() {
        return switch (kind) {
            case END -> "end of input";
            case SEPARATOR -> text.equals("\n") ? "end of line" : "';'";
            case NUMBER -> "number " + text;
            case IDENT -> "name '" + text + "'";
            case SUP -> "superscript '" + text + "'";
            default -> "'" + text + "'";
        };
    }

    /** A bare word: no index list, subscript, layer or prime (d of d/dx, a function name). */
    boolean isBareWord() {
        return kind == Kind.IDENT && index.isEmpty() && sub.isEmpty() && layer.isEmpty() && !prime;
    }

    /** The variable this name stands for, in canonical spelling. */
    String name() {
        return nameOf(word);
    }

    /**
     * The canonical spelling of this name with {@code base} for its word: the inverse of {@link Notation#text}.
     * w₁₁⁽²⁾ is w[2,1,1], w₁₂,₃⁽¹⁾ is w[1,12,3], a₁₂⁽¹⁾ is a[1,12], δ₁⁽²⁾ is delta[2,1], x₁ is x1, ŷ₁ is yhat1,
     * x₁₂,₁ is x[12,1] and wᵢⱼ is w_ij.
     */
    String nameOf(String base) {
        if (!layer.isEmpty()) {
            if (!index.isEmpty() || !LAYERED.contains(base)) {
                throw error("only w, b, z, a, h, o and δ carry a layer ⁽" + Notation.superscript(layer)
                        + "⁾; write " + base + "[" + layer + ",…] for an indexed name");
            }
            if (sub.isEmpty() || !sub.matches("[0-9,]+")) {
                throw error("'" + text + "' needs its unit index as subscript digits, e.g. "
                        + Notation.text(base + "[" + layer + ",1" + (base.equals("w") ? ",1" : "") + "]"));
            }
            String ix;
            if (sub.contains(",")) {
                if (!sub.matches("\\d+(,\\d+)*")) {
                    throw error("malformed subscript in '" + text + "'");
                }
                ix = sub;
            } else if (base.equals("w") && sub.length() == 2) {
                ix = sub.charAt(0) + "," + sub.charAt(1);
            } else if (base.equals("w") && sub.length() > 2) {
                throw error("'" + text + "' is ambiguous: write w[" + layer + "," + sub.charAt(0) + "," + sub.substring(1)
                        + "] or w[" + layer + "," + sub.substring(0, sub.length() - 1) + "," + sub.charAt(sub.length() - 1)
                        + "] (in text a comma separates multi-digit indices: w" + Notation.subscript(sub.substring(0, 2))
                        + "," + Notation.subscript(sub.substring(2)) + "⁽" + Notation.superscript(layer) + "⁾)");
            } else {
                ix = sub;
            }
            return base + "[" + layer + "," + ix + "]";
        }
        if (!sub.isEmpty()) {
            if (!index.isEmpty()) {
                throw error("'" + text + "' has both a subscript and an index list; write one of them");
            }
            if (sub.contains(",")) {
                if (!sub.matches("\\d+(,\\d+)*")) {
                    throw error("malformed subscript in '" + text + "'");
                }
                return base + "[" + sub + "]";
            }
            return sub.matches("\\d+") ? Parser.canonicalName(base + sub) : base + "_" + sub;
        }
        return Parser.canonicalName(base + index);
    }

    ParseError error(String message) {
        return new ParseError(line, column, message);
    }
}
