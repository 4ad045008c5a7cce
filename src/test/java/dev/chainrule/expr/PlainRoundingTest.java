package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The long-based shortcut prints what the BigDecimal path prints, or leaves it to that path. */
class PlainRoundingTest {

    private static void agrees(double v, int digits) {
        String quick = PlainRounding.plain(v, digits);
        if (quick != null) {
            assertEquals(Significant.round(v, digits).toPlainString().replace('-', '−'), quick, v + " to " + digits);
        }
    }

    @Test
    void agreesOnRandomDoublesOfEveryMagnitude() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 300_000; i++) {
            double v = (r.nextBoolean() ? -1 : 1) * r.nextDouble() * Math.pow(10, r.nextInt(-5, 10));
            agrees(v, 1 + r.nextInt(15));
            agrees(v, 5);
            agrees(v, 6);
        }
    }

    @Test
    void agreesOnShortDecimalsTiesAndCarries() {
        double[] cases = {1, 1.5, 2.5, 0.5, 123456.0, 9.99995, 9.99994, 0.000123455, 99999.5, 999999.5, 0.123455,
            1e-4, 1e8, 123.456, 0.1, 0.2, 0.30000000000000004, 100, 120, 7e7, 0.0047543982265914955, 1.25, 1.35};
        for (double v : cases) {
            for (int d = 1; d <= 15; d++) {
                agrees(v, d);
                agrees(-v, d);
                agrees(Math.nextUp(v), d);
                agrees(Math.nextDown(v), d);
            }
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            // short decimals, many of them exact ties at the rounding digit
            long digits = r.nextLong(1, 10_000_000L);
            double v = digits / Math.pow(10, r.nextInt(0, 12));
            agrees(v, 1 + r.nextInt(8));
        }
    }
}
