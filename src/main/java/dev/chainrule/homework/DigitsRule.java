package dev.chainrule.homework;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The digits an exercise asks for (key.json's {@code "digits"}; README, "exercise"): a number answer to a key must
 * have at least that many significant digits, and be the gradient rounded, not truncated. The contract's rule for a
 * plain {@code check --claim} (a number's own digits) is {@link NumberPolicy}'s and stays as it is; this rule only
 * adds, for graded answers, what the sheet promised.
 */
public final class DigitsRule {
    /** What a number answer does wrong with its digits. */
    public enum Kind {
        /** fewer significant digits than asked */
        FEWER,
        /** the gradient cut off at the answer's digits where rounding gives another last digit */
        TRUNCATED,
        /** a shorter answer (rounded or cut off) with zeros added */
        PADDED
    }

    /**
     * One finding: {@code message} with the numbers (the truth among them), {@code brief} without the truth
     * (--no-solution).
     */
    public record Finding(Kind kind, String message, String brief) {
    }

    private static final Pattern FRACTION = Pattern.compile("\\s*([-−+]?)\\s*(\\d{1,30})\\s*/\\s*([-−+]?)\\s*(\\d{1,30})\\s*");

    private DigitsRule() {
    }

    /**
     * A fraction of two integers ({@code 263/1000}) as the number it is, written as a decimal numeral with the digits
     * it has (0.263: three), or empty for anything else; a fraction whose decimal does not end (1/3) is written to 17
     * significant digits (a number at full precision), a zero denominator is left alone.
     */
    public static Optional<String> fraction(String answer) {
        Matcher m = FRACTION.matcher(answer);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigInteger den = new BigInteger(m.group(4));
        if (den.signum() == 0) {
            return Optional.empty();
        }
        BigDecimal num = new BigDecimal(new BigInteger(m.group(2)));
        boolean negative = (m.group(1).equals("-") || m.group(1).equals("−")) ^ (m.group(3).equals("-") || m.group(3).equals("−"));
        BigDecimal q;
        try {
            q = num.divide(new BigDecimal(den));
        } catch (ArithmeticException e) {
            q = num.divide(new BigDecimal(den), new MathContext(17, RoundingMode.HALF_EVEN));
        }
        if (q.signum() != 0 && q.scale() < 0) {
            q = q.setScale(0);
        }
        String s = q.toPlainString();
        return Optional.of(negative && q.signum() != 0 ? "-" + s : s);
    }

    /**
     * What is wrong with the digits of {@code answer} (a numeral as typed) for {@code truth} when {@code digits}
     * significant digits are asked, or empty: the answer is not a numeral, is 0, is the gradient exactly (relative
     * error ≤ 1e-6: 0.25 for a gradient of 0.25 needs no more digits), or has its digits right (whether its value is
     * right is the judge's).
     */
    public static Optional<Finding> check(String answer, double truth, int digits) {
        return check(answer, answer.strip(), truth, digits);
    }

    /** As {@link #check(String, double, int)}, the answer said as {@code shown} (a fraction as typed, with its decimal). */
    public static Optional<Finding> check(String answer, String shown, double truth, int digits) {
        NumberPolicy policy = NumberPolicy.of(answer);
        if (policy.numeral().isEmpty() || policy.significantDigits().isEmpty() || !Double.isFinite(truth) || truth == 0) {
            return Optional.empty();
        }
        BigDecimal written = policy.numeral().get();
        double cv = written.doubleValue();
        if (policy.match(cv, truth) == NumberPolicy.Match.FULL_PRECISION) {
            return Optional.empty();
        }
        int p = policy.significantDigits().get();
        BigDecimal t = new BigDecimal(truth);
        if (p < digits) {
            String m = "give " + digits + " significant digits; " + shown + " has " + p;
            return Optional.of(new Finding(Kind.FEWER, m, m));
        }
        BigDecimal rounded = round(t, p, RoundingMode.HALF_UP);
        if (rounded.compareTo(written) == 0) {
            return Optional.empty();
        }
        if (round(t, p, RoundingMode.DOWN).compareTo(written) == 0) {
            return Optional.of(new Finding(Kind.TRUNCATED, "truncated, not rounded: the gradient " + about(truth, p + 2) + " to " + p + " significant digits rounds to " + plain(rounded) + ", not " + shown,
                    // the brief (--no-solution) must not say the digits are the truth's cut off: that gives the answer
                    dev.chainrule.homework.Diagnosis.Kind.OTHER.brief()));
        }
        BigDecimal stripped = written.stripTrailingZeros();
        int q = stripped.precision();
        if (written.scale() > 0 && q < p && (round(t, q, RoundingMode.HALF_UP).compareTo(stripped) == 0
                || round(t, q, RoundingMode.DOWN).compareTo(stripped) == 0)) {
            return Optional.of(new Finding(Kind.PADDED, shown + " is " + plain(stripped) + " (" + q + " significant digit"
                    + (q == 1 ? "" : "s") + ") with zeros added: to " + p + " significant digits the gradient is " + plain(rounded),
                    dev.chainrule.homework.Diagnosis.Kind.OTHER.brief()));
        }
        return Optional.empty();
    }

    /** {@code v} as its shortest decimal when that has at most {@code digits} significant digits, else cut off there with "…". */
    private static String about(double v, int digits) {
        BigDecimal shortest = new BigDecimal(Double.toString(v));
        if (shortest.stripTrailingZeros().precision() <= digits) {
            return plain(shortest.stripTrailingZeros());
        }
        return plain(round(shortest, digits, RoundingMode.DOWN)) + "…";
    }

    private static BigDecimal round(BigDecimal v, int digits, RoundingMode mode) {
        return v.round(new MathContext(digits, mode));
    }

    private static String plain(BigDecimal v) {
        return v.toPlainString().replace("-", "−");
    }
}
