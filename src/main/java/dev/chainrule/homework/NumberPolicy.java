package dev.chainrule.homework;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.chainrule.expr.Fmt;

/**
 * When a number claim equals a value (README, "Number claims"). A written numeral is correct when it is the value
 * rounded to the numeral's own significant digits, or within a relative error of {@link #FULL_PRECISION}; a
 * claim of 0 only when the value is 0 (|v| ≤ {@link #ZERO}). An arithmetic expression of numbers has no digits
 * of its own and is compared at full precision.
 *
 * <p>Significant digits run from the first non-zero digit to the last one written, trailing zeros included:
 * "0.50" has two, "100" three, "3.1365e-3" five. Rounding is never by decimals: "1" is one significant digit,
 * and 0.56218 rounds to 0.6, not to 1.
 *
 * <p>Arithmetic on rounded numbers, as worked steps write it ((0.5622 − 0)·(−1)·1, 2·0.281), is good to what the
 * rounding of its decimal numerals of three or more significant digits allows: their relative rounding errors
 * add up (integers and short numerals such as 0.1 are exact), at most 2 %.
 *
 * @param numeral    the number as written (sign included), or empty for an arithmetic expression
 * @param arithmetic for arithmetic, the relative error its rounded numerals allow (0 when all are exact)
 */
public record NumberPolicy(Optional<BigDecimal> numeral, double arithmetic) {
    /** Relative error that counts as the same number typed at full (float32-level) precision. */
    public static final double FULL_PRECISION = 1e-6;
    /** Largest |value| that a claim of 0 stands for. */
    public static final double ZERO = 1e-9;
    /** The most that arithmetic on rounded numbers may be off, relatively, however many numerals it has. */
    public static final double ARITHMETIC_CAP = 0.02;

    private static final Pattern NUMERAL = Pattern.compile("[-−+]?\\s*(\\d+\\.?\\d*|\\.\\d+)([eE][-+−]?\\d+)?");

    /** How a claim matched a value. */
    public enum Match {
        /** claim and value are both 0 */
        ZERO,
        /** the value rounded to the claim's significant digits is the claim */
        ROUNDED,
        /** relative error ≤ 1e-6 */
        FULL_PRECISION,
        /** arithmetic on rounded numbers, within what their rounding allows */
        ROUNDED_ARITHMETIC,
        /** no match */
        NONE;

        public boolean matched() {
            return this != NONE;
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("(?<![\\d.])(\\d*)\\.(\\d+)(?![\\d.eE])");

    /** The policy for a claim's right-hand side as typed: a lone numeral keeps its digits. */
    public static NumberPolicy of(String rhs) {
        String s = rhs.strip();
        if (!NUMERAL.matcher(s).matches()) {
            return new NumberPolicy(Optional.empty(), arithmeticTolerance(s));
        }
        String plain = s.replace("−", "-").replace(" ", "").replace("+", "").replaceFirst("[eE]-", "e-");
        try {
            return new NumberPolicy(Optional.of(new BigDecimal(plain)), 0);
        } catch (NumberFormatException e) {
            return new NumberPolicy(Optional.empty(), 0);
        }
    }

    /**
     * Σ over the rounded decimal numerals v (written with d decimals) of 0.5·10^−d / |v|, at most
     * {@link #ARITHMETIC_CAP}. A numeral of one or two significant digits (0.1, 0.5, 0.25: a learning rate, a
     * target, α) is taken as exact; one of three or more (0.5622) as a rounded intermediate result.
     */
    private static double arithmeticTolerance(String s) {
        double rel = 0;
        Matcher m = DECIMAL.matcher(s);
        while (m.find()) {
            BigDecimal v = new BigDecimal((m.group(1).isEmpty() ? "0" : m.group(1)) + "." + m.group(2));
            if (v.signum() != 0 && v.precision() >= 3) {
                rel += 0.5 * Math.pow(10, -m.group(2).length()) / v.doubleValue();
            }
        }
        return Math.min(rel, ARITHMETIC_CAP);
    }

    /** The significant digits written, empty for an expression or a zero. */
    public Optional<Integer> significantDigits() {
        return numeral.filter(n -> n.signum() != 0).map(BigDecimal::precision);
    }

    /**
     * Whether {@code claim} (the claim's value) stands for {@code value}: equal at full precision, within the
     * arithmetic's rounding, or — when {@code claim} is the typed numeral — {@code value} rounded to its digits.
     */
    public Match match(double claim, double value) {
        if (!Double.isFinite(claim) || !Double.isFinite(value)) {
            return Match.NONE;
        }
        if (claim == 0) {
            return Math.abs(value) <= ZERO ? Match.ZERO : Match.NONE;
        }
        if (Math.abs(claim - value) <= FULL_PRECISION * Math.abs(value)) {
            return Match.FULL_PRECISION;
        }
        if (arithmetic > 0 && Math.abs(claim - value) <= arithmetic * (1 + 1e-9) * Math.abs(value)) {
            return Match.ROUNDED_ARITHMETIC;
        }
        Optional<Integer> digits = significantDigits();
        if (digits.isEmpty() || value == 0) {
            return Match.NONE;
        }
        BigDecimal written = numeral.get();
        // the typed digits stand for claim only when claim is that numeral: asked whether another number (the truth,
        // a slip's value) stands for value, the digits of the claim say nothing
        if (Math.abs(claim - written.doubleValue()) > 1e-12 * Math.abs(written.doubleValue())) {
            return Match.NONE;
        }
        // the value's own rounding noise (1e-12 relative) must not decide a tie such as 0.125 → 0.13 or 0.12
        for (double wiggle : new double[] {0, 1e-12, -1e-12}) {
            BigDecimal v = new BigDecimal(value * (1 + wiggle));
            BigDecimal rounded = v.round(new MathContext(digits.get(), RoundingMode.HALF_UP));
            if (rounded.compareTo(written) == 0) {
                return Match.ROUNDED;
            }
        }
        return Match.NONE;
    }

    /** The value rounded as the claim is written (the claim's significant digits), for messages. */
    public String rounded(double value) {
        Optional<Integer> digits = significantDigits();
        if (digits.isEmpty() || !Double.isFinite(value) || value == 0) {
            return Fmt.num(value);
        }
        return new BigDecimal(value).round(new MathContext(digits.get(), RoundingMode.HALF_UP)).toString()
                .replace("-", "−").replace("E", "e");
    }

    /** How a match is explained in the note. */
    public String describe(Match m) {
        return switch (m) {
            case ZERO -> "the gradient is 0 (|∂L/∂w| ≤ 1e-9)";
            case ROUNDED -> "the gradient rounded to your " + significantDigits().get() + " significant digit"
                    + (significantDigits().get() == 1 ? "" : "s");
            case FULL_PRECISION -> "equal at full precision (relative error ≤ 1e-6)";
            case ROUNDED_ARITHMETIC -> "equal within what the rounding of your numbers allows (relative error ≤ "
                    + Fmt.num(arithmetic, 2) + ")";
            case NONE -> "not equal";
        };
    }
}
