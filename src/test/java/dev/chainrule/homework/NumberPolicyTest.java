package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of the number policy on both sides of its border. */
class NumberPolicyTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // rounded to the claim's own significant digits: 0.5621765 (XOR, sample 1, ∂L/∂w₁₁⁽²⁾)
                Arguments.of("0.6", 0.5621765, "ROUNDED"),
                Arguments.of("0.5", 0.5621765, "NONE"),
                Arguments.of("1", 0.5621765, "NONE"),       // one significant digit is 0.6, never 1
                Arguments.of("0.56", 0.5621765, "ROUNDED"),
                Arguments.of("0.57", 0.5621765, "NONE"),
                Arguments.of("0.5622", 0.5621765, "ROUNDED"),
                Arguments.of("0.5621", 0.5621765, "NONE"),
                Arguments.of("0.5621765", 0.5621765, "FULL_PRECISION"),
                Arguments.of("0.5622", 0.5622499, "ROUNDED"),  // just inside the rounding of four digits
                Arguments.of("0.5622", 0.5622501, "NONE"),     // just outside
                Arguments.of("0.5621768", 0.56217646, "FULL_PRECISION"), // 6e-7: seven digits meet the full-precision band
                Arguments.of("0.60", 0.5621765, "NONE"),    // trailing zero: two significant digits
                Arguments.of("100", 99.96, "ROUNDED"),      // three significant digits
                Arguments.of("100", 99.94, "NONE"),
                Arguments.of("-0.0031", -0.0031365, "ROUNDED"),
                Arguments.of("-0.0032", -0.0031365, "NONE"),
                Arguments.of("3.1365e-3", 0.00313648, "ROUNDED"),
                Arguments.of("−0.0031", -0.0031365, "ROUNDED"), // the minus sign chainrule prints
                // full precision: relative error ≤ 1e-6
                Arguments.of("-0.00313650047", -0.0031365, "FULL_PRECISION"), // 1.5e-7
                Arguments.of("-0.003136516", -0.0031365, "NONE"),             // 5.1e-6 with 7 digits
                Arguments.of("0.1321", 0.1321 * (1 + 9e-7), "FULL_PRECISION"),
                // zero only for zero
                Arguments.of("0", 0.0, "ZERO"),
                Arguments.of("0.0", 0.0, "ZERO"),
                Arguments.of("-0", 1e-10, "ZERO"),
                Arguments.of("0", 1e-9, "ZERO"),
                Arguments.of("0", 2e-9, "NONE"),
                Arguments.of("0.0", 0.1321, "NONE"),
                Arguments.of("0", 0.1321, "NONE"),
                Arguments.of("0.000", 0.00004, "NONE"),
                // arithmetic on rounded numbers: good to what its numerals of ≥ 3 significant digits allow
                Arguments.of("2*0.281", 0.5621765, "ROUNDED_ARITHMETIC"), // 0.0005/0.281 = 0.18 %
                Arguments.of("2*0.281", 0.5630, "ROUNDED_ARITHMETIC"),    // 0.18 % off
                Arguments.of("2*0.281", 0.5633, "NONE"),                  // 0.23 % off
                Arguments.of("2*0.28", 0.5621765, "NONE"),   // two significant digits: exact, so full precision
                Arguments.of("0.1*5", 0.7, "NONE"),          // 0.1 is a learning rate, not a rounded 0.05..0.15
                Arguments.of("0.100*0.100*0.100*0.100*0.100*0.100*0.100*0.100*0.100*0.100*5.63", 5.63e-10 * 1.03, "NONE"), // 2 % cap
                Arguments.of("(0.5622 - 0)*(-1)*1", -0.5621765, "ROUNDED_ARITHMETIC"),
                Arguments.of("2*3", 6.0000001, "FULL_PRECISION"),
                Arguments.of("2*3", 6.01, "NONE"),                     // integers are exact
                Arguments.of("1/3", 1.0 / 3, "FULL_PRECISION"),
                // a tie is not decided by the value's own rounding noise
                Arguments.of("0.13", 0.125, "ROUNDED"),
                Arguments.of("0.13", 0.12499999999999, "ROUNDED"));
    }

    @ParameterizedTest(name = "{0} for {1} → {2}")
    @MethodSource("cases")
    void judged(String written, double value, String match) {
        double claim = evaluate(written);
        assertEquals(NumberPolicy.Match.valueOf(match), NumberPolicy.of(written).match(claim, value), written + " vs " + value);
    }

    @ParameterizedTest(name = "{0} has {1} significant digits")
    @MethodSource("digits")
    void significantDigits(String written, Integer digits) {
        assertEquals(Optional.ofNullable(digits), NumberPolicy.of(written).significantDigits());
    }

    static Stream<Arguments> digits() {
        return Stream.of(Arguments.of("0.562", 3), Arguments.of("0.50", 2), Arguments.of("100", 3), Arguments.of("3.1365e-3", 5),
                Arguments.of("-4", 1), Arguments.of("0", null), Arguments.of("0.0", null), Arguments.of("yhat - y", null),
                Arguments.of("2*0.5", null), Arguments.of(".5", 1));
    }

    private static double evaluate(String s) {
        return new dev.chainrule.numeric.Evaluator(dev.chainrule.expr.Definitions.none())
                .eval(dev.chainrule.expr.Parser.parseExpression(s), java.util.Map.of());
    }

    /**
     * The digits of a typed numeral judge that numeral only: asked whether another number (a slip's value) stands for
     * a value, the answer is by value, not by the claim's digits.
     */
    @org.junit.jupiter.api.Test
    void theDigitsJudgeTheNumeralOnly() {
        NumberPolicy p = NumberPolicy.of("0.2631");
        assertEquals(NumberPolicy.Match.ROUNDED, p.match(0.2631, 0.26306687));
        // 0.35 is not 0.26306687, whatever digits 0.2631 has
        assertEquals(NumberPolicy.Match.NONE, p.match(0.35, 0.26306687));
        // nor is 0.26306 (a slip's value) 0.26307 at the claim's four digits: it is judged by value
        assertEquals(NumberPolicy.Match.NONE, p.match(0.26306, 0.26307));
        assertEquals(NumberPolicy.Match.FULL_PRECISION, p.match(0.26306687, 0.26306687));
    }
}
