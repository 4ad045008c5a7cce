package dev.chainrule.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Number formatting and text tables shared by the text-like renderers. */
public final class Fmt {
    private Fmt() {
    }

    /** Up to {@code digits} significant digits, no exponent from 1e-4 to 1e9 (else 1.78e−6), − for minus. */
    public static String num(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e9) {
            String quick = PlainRounding.plain(v, digits);
            return quick != null ? quick : Significant.round(v, digits).toPlainString().replace('-', '−');
        }
        BigDecimal d = Significant.round(v, digits);
        // mantissa and exponent ourselves: BigDecimal.toString keeps 0.00000178 plain down to 1e-6
        int exp = d.precision() - d.scale() - 1;
        String mant = d.movePointLeft(exp).toPlainString();
        return (mant + "e" + (exp >= 0 ? "+" : "") + exp).replace('-', '−');
    }

    public static String num(double v) {
        return num(v, 5);
    }

    /** A relative error as 3e-11. */
    public static String small(double v) {
        if (v == 0) {
            return "0";
        }
        return String.format(java.util.Locale.ROOT, "%.0e", v).replace("e-0", "e-").replace("e+0", "e");
    }

    /** Pads every column to its widest cell; the first row is the header. */
    public static List<String> table(List<List<String>> rows, String indent) {
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] w = new int[cols];
        for (List<String> r : rows) {
            for (int c = 0; c < r.size(); c++) {
                w[c] = Math.max(w[c], width(r.get(c)));
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int c = 0; c < r.size(); c++) {
                String cell = r.get(c);
                sb.append(cell);
                if (c < r.size() - 1) {
                    sb.append(" ".repeat(w[c] - width(cell) + 2));
                }
            }
            out.add(sb.toString().stripTrailing());
        }
        return out;
    }

    /** Display width: combining marks (the hat of ŷ) take no column. */
    public static int width(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (!zeroWidth(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /**
     * What {@link #width} does not count: a combining mark (on the character before it) or the second half of a
     * surrogate pair. Looked up once per character and remembered: the text of a 784-128-10 explanation has 40
     * million characters, most of them subscripts and Greek letters, and {@link Character#getType} is slow.
     */
    private static boolean zeroWidth(char c) {
        if (c < 0x300) {
            return false; // nothing below the combining diacritical marks is one
        }
        byte known = ZERO_WIDTH[c];
        if (known == 0) {
            known = Character.getType(c) == Character.NON_SPACING_MARK || Character.isLowSurrogate(c) ? (byte) 2 : 1;
            ZERO_WIDTH[c] = known; // a benign race: every thread computes the same value
        }
        return known == 2;
    }

    /** Per character: 0 not looked up yet, 1 counted, 2 zero width. */
    private static final byte[] ZERO_WIDTH = new byte[Character.MAX_VALUE + 1];

    public static String pad(String s, int width) {
        int w = width(s);
        return w >= width ? s : s + " ".repeat(width - w);
    }
}
