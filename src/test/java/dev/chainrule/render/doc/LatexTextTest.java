package dev.chainrule.render.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Text-mode LaTeX escaping: specials escaped, the traces' Unicode as math, nothing executable gets through. */
class LatexTextTest {

    @Test
    void escapesTheTenSpecialCharacters() {
        assertEquals("\\textbackslash{}\\&\\%\\$\\#\\_\\{\\}\\textasciitilde{}\\textasciicircum{}",
                LatexText.escape("\\&%$#_{}~^"));
    }

    @Test
    void aNetworkNamedLikeACommandPrintsAsText() {
        String s = LatexText.escape("\\input{/etc/passwd}");
        assertEquals("\\textbackslash{}input\\{/etc/passwd\\}", s);
        assertFalse(s.contains("\\input"));
    }

    @Test
    void texCaretNotationCannotSpellABackslash() {
        // ^^5c is a backslash to TeX's input reader
        String s = LatexText.escape("^^5cinput");
        assertFalse(s.contains("^^"), s);
    }

    @Test
    void controlCharactersAndNewlinesBecomeSpaces() {
        assertEquals("a b c", LatexText.escape("a\nb\u0007c"));
    }

    @Test
    void traceUnicodeBecomesInlineMath() {
        String s = LatexText.escape("recognise: ŷ = σ(z₁⁽²⁾)");
        assertEquals("recognise: $\\hat{y}$ = $\\sigma$(z$_{1}^{(2)}$)", s);
        assertTrue(s.chars().allMatch(c -> c < 128), s);
    }

    @Test
    void adjacentMathPiecesShareOneMathShift() {
        // two pieces in a row must not become $…$$…$ (display math)
        String s = LatexText.escape("σ′");
        assertEquals("$\\sigma '$", s);
        assertFalse(LatexText.escape("a⁽⁰⁾ᵀ").contains("$$"));
        assertFalse(LatexText.escape("δ₁⁽²⁾ ∂L/∂z").contains("$$"));
    }

    @Test
    void latinLettersPassThroughAndOtherScriptsAreNamedNeverAQuestionMark() {
        assertEquals("café Übung Łódź", LatexText.escape("café Übung Łódź"));
        assertEquals("– — “a” … 5 € 20 °C", LatexText.escape("– — “a” … 5 € 20 °C"));
        assertEquals("$\\pm$1", LatexText.escape("±1"));
        // ħ is Latin but not in T1; a CJK character and one beyond the BMP need packages pdflatex lacks
        assertEquals("\\texttt{[U+0127]} \\texttt{[U+6F22]} \\texttt{[U+1F600]}", LatexText.escape("ħ 漢 😀"));
        assertFalse(LatexText.escape("café 漢 ħ ŉ").contains("?"));
    }

    @Test
    void twoHyphensStayTwoHyphens() {
        assertEquals("-{}-format", LatexText.escape("--format"));
        assertEquals("a-b", LatexText.escape("a-b"));
        assertEquals("-{}-{}-", LatexText.escape("-----").substring(0, 7));
    }

    @Test
    void markdownAndHtmlEscapes() {
        assertEquals("\\$x\\$ \\*a\\* \\_b\\_ \\<i\\> \\| \\\\", MarkdownDoc.escape("$x$ *a* _b_ <i> | \\"));
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;",
                HtmlDoc.escape("<script>alert('x')</script> & \""));
    }

    @Test
    void aMathSpanIsMathWithItalicLettersAndUnbrokenBrackets() {
        assertEquals("\\operatorname{ReLU} '{(z_{1}^{(1)})} = {[z_{1}^{(1)} > 0]}", math("ReLU′(z₁⁽¹⁾) = [z₁⁽¹⁾ > 0]"));
        assertEquals("\\mathit{placed} \\cdot {(1 - \\mathit{placed})}", math("placed · (1 − placed)"));
        assertEquals("\\partial L/\\partial \\hat{y}", math("∂L/∂ŷ"));
        assertEquals("x_{1}, \\log {(x)}", math("x₁, log(x)"));
        // LaTeX's specials are escaped; an unclosed bracket still closes its group
        assertEquals("\\mathit{a\\_b} \\& {(c}", math("a_b & (c"));
    }

    /** LatexText.math with runs of spaces as one (TeX ignores them in math). */
    private static String math(String s) {
        return LatexText.math(s).replaceAll(" +", " ").strip();
    }
}
