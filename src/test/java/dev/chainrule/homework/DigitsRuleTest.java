package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The digits an exercise asks for (issue 16): each rule's border from both sides. */
class DigitsRuleTest {
    private static Optional<DigitsRule.Kind> kind(String answer, double truth) {
        return DigitsRule.check(answer, truth, 4).map(DigitsRule.Finding::kind);
    }

    @Test
    void fewerDigitsThanAskedAreNamedFourAreNot() {
        assertEquals(Optional.of(DigitsRule.Kind.FEWER), kind("0.3", 0.26349));
        assertEquals(Optional.of(DigitsRule.Kind.FEWER), kind("0.263", 0.26349));
        assertEquals(Optional.empty(), kind("0.2635", 0.26349));
        assertEquals(Optional.empty(), kind("0.26349", 0.26349));
        assertEquals("give 4 significant digits; 0.3 has 1", DigitsRule.check("0.3", 0.26349, 4).get().message());
        // a number that is the gradient exactly needs no more digits
        assertEquals(Optional.empty(), kind("0.25", 0.25));
        assertEquals(Optional.of(DigitsRule.Kind.FEWER), kind("0.25", 0.2501));
        // 0 is judged by the contract's rule (correct only for a zero gradient), not by its digits
        assertEquals(Optional.empty(), kind("0", 0.26349));
    }

    @Test
    void truncatedIsNamedRoundedIsNot() {
        DigitsRule.Finding f = DigitsRule.check("0.2634", 0.26349, 4).orElseThrow();
        assertEquals(DigitsRule.Kind.TRUNCATED, f.kind());
        assertTrue(f.message().contains("rounds to 0.2635, not 0.2634"), f.message());
        assertTrue(f.message().startsWith("truncated, not rounded: the gradient 0.26349 to 4"), f.message());
        assertTrue(DigitsRule.check("0.2634", 0.263491234, 4).get().message().contains("the gradient 0.263491… to 4"));
        assertTrue(!f.brief().contains("2635"), "the brief gives no digit of the truth: " + f.brief());
        assertEquals(Optional.empty(), kind("0.2635", 0.26349));
        // where cutting off and rounding agree there is nothing to name
        assertEquals(Optional.empty(), kind("0.2634", 0.26341));
        assertEquals(Optional.of(DigitsRule.Kind.TRUNCATED), kind("-0.2634", -0.26349));
        assertEquals(Optional.empty(), kind("0.2633", 0.26349), "neither rounded nor cut off: the judge's 'other'");
    }

    @Test
    void aShorterAnswerPaddedWithZerosIsNamed() {
        DigitsRule.Finding f = DigitsRule.check("0.2630", 0.2626, 4).orElseThrow();
        assertEquals(DigitsRule.Kind.PADDED, f.kind());
        assertTrue(f.message().contains("0.2630 is 0.263 (3 significant digits) with zeros added"), f.message());
        assertEquals(Optional.empty(), kind("0.2630", 0.26300), "0.2630 is right when the gradient is 0.2630");
        assertEquals(Optional.of(DigitsRule.Kind.PADDED), kind("0.2620", 0.2626), "0.262 is 0.2626 cut off, padded");
        assertEquals(Optional.empty(), kind("0.2610", 0.2626), "0.261 is neither 0.2626 rounded nor cut off");
    }

    @Test
    void aFractionOfIntegersIsTheNumberItIs() {
        assertEquals(Optional.of("0.263"), DigitsRule.fraction("263/1000"));
        assertEquals(Optional.of("-0.263"), DigitsRule.fraction("-263 / 1000"));
        assertEquals(Optional.of("-0.263"), DigitsRule.fraction("263/−1000"));
        assertEquals(Optional.of("0.263"), DigitsRule.fraction("-263/-1000"));
        assertEquals(Optional.of("0.33333333333333333"), DigitsRule.fraction("1/3"));
        assertEquals(Optional.of("2"), DigitsRule.fraction("4/2"));
        assertEquals(Optional.empty(), DigitsRule.fraction("1/0"));
        assertEquals(Optional.empty(), DigitsRule.fraction("0.263/1"));
        assertEquals(Optional.empty(), DigitsRule.fraction("263/1000*x1"));
        assertEquals(Optional.of(DigitsRule.Kind.FEWER), kind(DigitsRule.fraction("263/1000").get(), 0.26349));
        assertEquals(Optional.empty(), kind(DigitsRule.fraction("1/3").get(), 1.0 / 3));
    }
}
