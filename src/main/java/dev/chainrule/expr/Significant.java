package dev.chainrule.expr;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A double rounded to a number of significant digits, exactly as {@code new BigDecimal(v).round(new
 * MathContext(digits)).stripTrailingZeros()} (the binary value, half up), but mostly without the long division
 * of the double's exact expansion (some 50 digits, more for small numbers).
 *
 * <p>The short decimal {@code s} of {@link Double#toString} lies within half an ulp of v (for a normal double, a
 * relative 1.2e-16). If
 * the digits of {@code s} beyond the kept ones are not within a millionth of a unit of the last kept digit from
 * the half-way point, v and {@code s} lie on the same side of every rounding boundary, so rounding {@code s}
 * gives the same result; otherwise (a tie, or nearly one, in {@code s}) the exact expansion decides.
 */
public final class Significant {
    private Significant() {
    }

    /** @throws NumberFormatException when v is NaN or infinite, as {@code new BigDecimal(v)} does */
    public static BigDecimal round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new NumberFormatException("Infinite or NaN");
        }
        // normal numbers only: a subnormal's ulp is not small beside it
        if (digits >= 1 && digits <= 15 && (v == 0 || Math.abs(v) >= Double.MIN_NORMAL)) {
            BigDecimal s = new BigDecimal(Double.toString(v));
            int p = s.precision();
            if (p <= digits) {
                return s.stripTrailingZeros();
            }
            int drop = p - digits;
            if (drop <= 17) {
                long u = Math.abs(s.unscaledValue().longValueExact());
                long unit = pow10(drop);
                long rest = u % unit;
                long half = unit / 2;
                // rest is in units of 10^-drop of the last kept digit; the margin is a millionth of that digit
                double margin = unit * 1e-6;
                if (Math.abs((double) (rest - half)) > margin) {
                    return s.round(new MathContext(digits)).stripTrailingZeros();
                }
            }
        }
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
    }

    private static long pow10(int k) {
        long r = 1;
        for (int i = 0; i < k; i++) {
            r *= 10;
        }
        return r;
    }
}
