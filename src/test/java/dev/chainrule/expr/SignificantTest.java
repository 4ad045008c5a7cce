package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The short-decimal path of {@link Significant#round} gives exactly the binary value's rounding. */
class SignificantTest {

    private static BigDecimal exact(double v, int digits) {
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
    }

    private static void same(double v, int digits) {
        if (!Double.isFinite(v)) {
            return;
        }
        BigDecimal want = exact(v, digits);
        BigDecimal got = Significant.round(v, digits);
        assertEquals(want, got, () -> v + " to " + digits + " digits");
        assertEquals(want.toPlainString(), got.toPlainString());
    }

    @Test
    void agreesOnRandomDoublesOfEveryScale() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextDouble(-1, 1);
                case 1 -> r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-30, 30));
                case 2 -> Double.longBitsToDouble(r.nextLong());
                default -> Math.round(r.nextDouble(-1, 1) * 1e6) / 1e6; // short decimals: ties in the 6th digit
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            same(v, 1 + r.nextInt(8));
            same(v, 5);
        }
    }

    @Test
    void agreesOnTiesAndNearTies() {
        double[] cases = {0.125, 0.5, 1.00005, 1.000050000000001, 0.999995, 9.99995, 2.675, 1.5e-7, 0.0,
                -0.0, 100.0, 123455, 1234550, 0.123455, -0.123455, 5e-324, Double.MAX_VALUE, Double.MIN_NORMAL};
        for (double v : cases) {
            for (int d = 1; d <= 8; d++) {
                same(v, d);
                same(Math.nextUp(v), d);
                same(Math.nextDown(v), d);
            }
        }
    }

    @Test
    void refusesNaNAndInfinities() {
        assertThrows(NumberFormatException.class, () -> Significant.round(Double.NaN, 5));
        assertThrows(NumberFormatException.class, () -> Significant.round(Double.POSITIVE_INFINITY, 5));
    }
}
