package dev.chainrule.expr;

/**
 * {@code Significant.round(v, digits).toPlainString()} with − for minus, on the digits of {@link Double#toString}
 * in a {@code long}, without BigDecimal: a document of 100,000 parameters prints some 300,000 such numbers. It
 * takes the same shortcut as {@link Significant} (the short decimal rounds as the binary value does unless it
 * is within a millionth of the last kept digit of a tie) and gives up (null) wherever Significant would look at
 * the exact expansion, or the digits do not fit.
 */
final class PlainRounding {
    private PlainRounding() {
    }

    /** The plain decimal, or null when the caller must take the exact path. */
    static String plain(double v, int digits) {
        if (digits < 1 || digits > 15 || !Double.isFinite(v) || v == 0 || Math.abs(v) < Double.MIN_NORMAL) {
            return null;
        }
        String s = Double.toString(Math.abs(v));
        // the digits of s without point or leading zeros, and the power of ten of the last one
        long u = 0;
        int count = 0;
        int point = -1;
        int exponent = 0;
        int fraction = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                point = i;
            } else if (c == 'E') {
                exponent = Integer.parseInt(s.substring(i + 1));
                break;
            } else {
                if (point >= 0) {
                    fraction++;
                }
                if (count > 0 || c != '0') {
                    if (count == 18) {
                        return null;
                    }
                    u = u * 10 + (c - '0');
                    count++;
                }
            }
        }
        int scale = fraction - exponent; // v = u · 10^−scale
        while (count > 0 && u % 10 == 0) { // Double.toString's "1.0": the precision BigDecimal sees is that of u
            u /= 10;
            count--;
            scale--;
        }
        if (count > digits) {
            int drop = count - digits;
            long unit = pow10(drop);
            long rest = u % unit;
            long half = unit / 2;
            if (Math.abs((double) (rest - half)) <= unit * 1e-6) {
                return null; // near a tie: Significant decides on the exact expansion
            }
            u = u / unit + (rest > half ? 1 : 0);
            scale -= drop;
        }
        while (u % 10 == 0) {
            u /= 10;
            scale--;
        }
        String d = Long.toString(u);
        StringBuilder out = new StringBuilder(d.length() + 8);
        if (v < 0) {
            out.append('−');
        }
        if (scale <= 0) {
            out.append(d);
            for (int i = 0; i < -scale; i++) {
                out.append('0');
            }
        } else if (d.length() > scale) {
            out.append(d, 0, d.length() - scale).append('.').append(d, d.length() - scale, d.length());
        } else {
            out.append("0.");
            for (int i = d.length(); i < scale; i++) {
                out.append('0');
            }
            out.append(d);
        }
        return out.toString();
    }

    private static long pow10(int k) {
        long r = 1;
        for (int i = 0; i < k; i++) {
            r *= 10;
        }
        return r;
    }
}
