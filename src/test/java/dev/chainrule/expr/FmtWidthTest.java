package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Column widths count what a terminal shows: a combining mark or a surrogate pair's second half adds nothing. */
class FmtWidthTest {
    @Test
    void countsCharactersAsShown() {
        assertEquals(0, Fmt.width(""));
        assertEquals(10, Fmt.width("∂L/∂w₁₁⁽¹⁾"));
        assertEquals(2, Fmt.width("x\u0302y"), "x̂y: the hat sits on the x");
        assertEquals(1, Fmt.width("\uD835\uDC31"), "𝐱: one character in two chars");
        assertEquals(3, Fmt.width("δ·a"));
        // the same twice (the second time from what the first remembered)
        assertEquals(2, Fmt.width("y\u0302z"));
        assertEquals("ŷ\u0302 ", Fmt.pad("ŷ\u0302", 2));
    }
}
