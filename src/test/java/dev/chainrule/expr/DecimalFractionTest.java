package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ExprPrinter#decimal} is the exact quotient, as {@code BigDecimal.divide} gives it. */
class DecimalFractionTest {
    @Test
    void agreesWithLongDivision() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            BigInteger den = BigInteger.TWO.pow(r.nextInt(0, i % 10 == 0 ? 90 : 30))
                    .multiply(BigInteger.valueOf(5).pow(r.nextInt(0, i % 10 == 0 ? 60 : 25)));
            BigInteger num = i % 7 == 0 ? new BigInteger(r.nextInt(1, 200), new java.util.Random(i))
                    : BigInteger.valueOf(r.nextLong(-1_000_000_000L, 1_000_000_000L));
            BigDecimal want = new BigDecimal(num).divide(new BigDecimal(den));
            BigDecimal got = ExprPrinter.decimal(num, den);
            assertEquals(0, want.compareTo(got), num + "/" + den);
            assertEquals(want.stripTrailingZeros().toPlainString(), got.stripTrailingZeros().toPlainString());
        }
    }
}
