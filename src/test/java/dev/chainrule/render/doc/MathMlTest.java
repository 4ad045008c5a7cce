package dev.chainrule.render.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Parser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LaTeX of our printers as MathML Core: each construct, the printers' own output (expressions, Unicode math
 * spans, display rows) converted whole and well-formed, and anything unknown refused with its name.
 */
class MathMlTest {

    /** The converted math, checked to be well-formed XML. */
    private static String ml(String latex) {
        String xml = MathMl.inline(latex);
        DocumentTestSupport.wellFormed(latex, xml);
        return xml;
    }

    @Test
    void lettersNumbersAndOperators() {
        assertEquals("<math><mrow><mi>x</mi><mo>+</mo><mn>0.5</mn><mo>⋅</mo><mi>y</mi></mrow></math>", ml("x + 0.5 \\cdot y"));
        assertTrue(ml("a - b").contains("<mi>a</mi><mo>−</mo><mi>b</mi>"), "a binary minus");
        assertTrue(ml("z < 0").contains("<mo>&lt;</mo>"), "< escaped");
        assertTrue(ml("a \\ge b \\to c \\leftarrow d").contains("<mo>≥</mo>"));
    }

    @Test
    void aSignIsNotABinaryOperator() {
        String prefix = "<mo form=\"prefix\" lspace=\"0\" rspace=\"0\">−</mo>";
        assertTrue(ml("-y").startsWith("<math><mrow>" + prefix), ml("-y"));
        assertTrue(ml("= -y").contains("<mo>=</mo>" + prefix));
        assertTrue(ml("(-y)").contains(prefix));
        assertTrue(ml("\\hat{y} - y").contains("</mover><mo>−</mo>"), "after an accent it is binary");
        assertTrue(ml("{}- y").contains("<mrow></mrow><mo>−</mo>"), "after an empty group (\\quad{}-) it is binary");
    }

    @Test
    void scripts() {
        assertEquals("<math><mrow><msubsup><mi>w</mi><mrow><mn>11</mn></mrow><mrow><mo stretchy=\"false\">(</mo>"
                + "<mn>1</mn><mo stretchy=\"false\">)</mo></mrow></msubsup></mrow></math>", ml("w_{11}^{(1)}"));
        assertTrue(ml("x_1").contains("<msub><mi>x</mi><mn>1</mn></msub>"));
        assertTrue(ml("x^23").contains("<msup><mi>x</mi><mn>2</mn></msup><mn>3</mn>"), "a script takes one digit, as TeX's");
        assertTrue(ml("{(a_{1}^{(1)})}^{2}").startsWith("<math><mrow><msup><mrow><mo"), "a grouped bracket is the base");
        assertTrue(ml("W^{(2)\\top}").contains("<mi mathvariant=\"normal\">⊤</mi>"));
        assertTrue(ml("\\sum_{n=1}^{4} x").contains("<munderover><mo>∑</mo>"), "a sum's limits");
    }

    @Test
    void aPrimeStandsAfterItsBase() {
        assertTrue(ml("\\sigma '(z)").contains("<mi>σ</mi><mo lspace=\"0\" rspace=\"0\">′</mo>"), ml("\\sigma '(z)"));
        assertTrue(ml("\\operatorname{LReLU}'").contains("<mi>LReLU</mi><mo lspace=\"0\" rspace=\"0\">′</mo>"));
    }

    @Test
    void theRnnDocumentsBackpropagationThroughTime() {
        // what RnnExplainDocument writes: δ_t as the ⊙ of two columns, tanh′ of z_t, h_T transposed, a sum over time
        String d = ml("\\delta_{2} = \\bigl(U^{\\top} \\delta_{3}\\bigr) \\odot \\tanh'(z_{2}) = "
                + "\\begin{bmatrix}-0.056486 \\\\ 0.085876\\end{bmatrix} \\odot \\begin{bmatrix}0.95551 \\\\ 0.77039\\end{bmatrix}");
        assertTrue(d.contains("<mo>⊙</mo>"), d);
        assertTrue(d.contains("<mi>tanh</mi><mo lspace=\"0\" rspace=\"0\">′</mo>"), d);
        assertTrue(d.contains("<mtable"), d);
        assertTrue(ml("\\delta^{(2)} {h_{T}}^{\\top}").contains("<mi mathvariant=\"normal\">⊤</mi>"));
        String sum = ml("\\sum_{t=1}^{T} \\delta_{t,1}\\, h_{t-1,2} + \\frac{\\partial R}{\\partial u_{1,2}}");
        assertTrue(sum.contains("<munderover><mo>∑</mo>") && sum.contains("<mfrac>"), sum);
        assertTrue(ml("\\frac{0.01}{2} \\sum w^2 + 0.001 \\operatorname{sign}(w)").contains("<mi>sign</mi>"));
    }

    @Test
    void theIssue14FunctionNames() {
        // what LatexPrinter writes for softplus, ELU′, GELU′ (Φ and φ)
        assertTrue(ml("\\operatorname{softplus}(z)").contains("<mi>softplus</mi>"), ml("\\operatorname{softplus}(z)"));
        assertTrue(ml("\\operatorname{ELU}'_{\\frac{1}{2}}(z)").contains("<mi>ELU</mi>"));
        String gelu = ml("\\Phi(z) + z \\varphi(z)");
        assertTrue(gelu.contains("Φ") && gelu.contains("<mi>φ</mi>"), gelu);
    }

    @Test
    void fractionsRootsAndAccents() {
        assertEquals("<math><mrow><mfrac><mrow><mi mathvariant=\"normal\">∂</mi><mi>L</mi></mrow><mrow>"
                + "<mi mathvariant=\"normal\">∂</mi><mi>w</mi></mrow></mfrac></mrow></math>", ml("\\frac{\\partial L}{\\partial w}"));
        assertTrue(ml("\\tfrac{1}{2}").contains("<mrow displaystyle=\"false\"><mfrac><mrow><mn>1</mn></mrow>"));
        assertTrue(ml("\\sqrt{\\hat v}").contains("<msqrt><mrow><mover accent=\"true\"><mi>v</mi><mo>ˆ</mo></mover></mrow></msqrt>"));
        assertTrue(ml("\\hat{y}").contains("<mover accent=\"true\"><mrow><mi>y</mi></mrow><mo>ˆ</mo></mover>"));
    }

    @Test
    void namesAndWords() {
        assertTrue(ml("\\operatorname{ReLU}(z)").contains("<mi>ReLU</mi>"));
        assertTrue(ml("y \\log(x)").contains("<mi>y</mi><mspace width=\"0.1667em\"></mspace><mi>log</mi>"), "a thin space before log");
        assertTrue(ml("= \\log(x)").contains("<mo>=</mo><mi>log</mi>"), "none after a relation");
        assertTrue(ml("\\mathrm{net}").contains("<mi>net</mi>"));
        assertTrue(ml("\\operatorname{D}").contains("<mi mathvariant=\"normal\">D</mi>"));
        assertTrue(ml("\\mathit{cgpa}").contains("<mi>𝑐𝑔𝑝𝑎</mi>"), "italic letters");
        assertTrue(ml("\\mathit{hi\\_2}").contains("<mi>ℎ𝑖_2</mi>"));
        assertTrue(ml("\\alpha \\beta \\Sigma \\nabla \\infty").contains("<mi mathvariant=\"normal\">Σ</mi>"));
    }

    @Test
    void textAndItsEscapes() {
        assertTrue(ml("\\text{sample 3:}\\quad x").contains("<mtext>sample 3:</mtext><mspace width=\"1em\"></mspace>"));
        assertTrue(ml("\\text{\\ifdefined\\ding\\ding{55}\\else$\\times$\\fi{}}").contains("<mtext>✗</mtext>"), "pdflatex's guard");
        assertTrue(ml("\\text{\\texttt{[U+0416]}}").contains("<mtext>Ж</mtext>"), "a code point is its character");
        assertTrue(ml("\\text{\\& \\% \\textbackslash{} \\textasciitilde{} a~b ''}").contains("<mtext>&amp; % \\ ~ a\u00A0b ”</mtext>"));
        assertTrue(ml("\\text{é}").contains("<mtext>é</mtext>"));
    }

    @Test
    void bracketsAndSpaces() {
        String left = ml("\\left(\\frac{1}{2}\\right)");
        assertTrue(left.contains("<mo stretchy=\"true\">(</mo><mfrac>") && left.contains("</mfrac><mo stretchy=\"true\">)</mo>"), left);
        assertTrue(ml("\\bigl( a \\bigr)").contains("style=\"font-size: 1.25em\">(</mo>"));
        assertTrue(ml("a \\big/ b").contains(">/</mo>"));
        assertTrue(ml("a / b").contains("<mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">/</mo>"), "/ without space, as TeX's");
        assertTrue(ml("\\lvert x \\rvert \\lVert g \\rVert").contains(">‖</mo>"));
        assertTrue(ml("\\{ a \\}").contains(">{</mo>"));
        assertTrue(ml("a\\, b \\qquad c").contains("<mspace width=\"2em\"></mspace>"));
        assertTrue(ml("\\phantom{x}y").contains("<mphantom><mrow><mi>x</mi></mrow></mphantom>"));
    }

    @Test
    void environments() {
        String cases = ml("\\begin{cases} 1 & z \\ge 0 \\\\ 0.1 & z < 0 \\end{cases}");
        assertTrue(cases.contains("<mo stretchy=\"true\">{</mo><mtable"), cases);
        assertEquals(2, cases.split("<mtr>", -1).length - 1, cases);
        assertEquals(4, cases.split("<mtd", -1).length - 1, cases);
        String aligned = ml("\\begin{aligned}\na &= b \\\\[1ex]\nc &= d\n\\end{aligned}");
        assertEquals(2, aligned.split("<mtr>", -1).length - 1, aligned);
        String matrix = ml("\\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix}");
        assertTrue(matrix.contains("<mo stretchy=\"true\">[</mo><mtable>") && matrix.contains("</mtable><mo stretchy=\"true\">]</mo>"));
        assertTrue(ml("\\begin{bmatrix}1 & 2\\end{bmatrix}").contains("<mo stretchy=\"false\">[</mo><mtable>"), "one row");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\foo", "\\mathbf{x}", "\\begin{pmatrix}1\\end{pmatrix}", "a & b", "a \\\\ b", "{a", "a}",
            "\\text{$x$}", "\\text{\\emph{x}}", "\\left( a", "\\left< a \\right>", "x_1_2", "\\frac{a}", "\\", "#", "\\!",
            "\\begin{cases} 1 \\end{aligned}", "\\mathit{a b}"})
    void anythingElseIsRefusedByName(String latex) {
        MathMl.Unsupported e = assertThrows(MathMl.Unsupported.class, () -> MathMl.inline(latex));
        assertTrue(e.getMessage().endsWith("in: " + latex), e.getMessage());
    }

    @Test
    void anUnknownCommandIsNamed() {
        MathMl.Unsupported e = assertThrows(MathMl.Unsupported.class, () -> MathMl.inline("x + \\mathbb{R}"));
        assertTrue(e.getMessage().startsWith("unknown command \\mathbb at 4"), e.getMessage());
    }

    /** Every function and shape the expression printer has, printed and converted. */
    @ParameterizedTest
    @ValueSource(strings = {"(t - (w1*x1 + w2*x2 + b))^2", "sigmoid(w*x + b)", "relu(z) * step(z)", "leaky_relu(z, 0.1)",
            "leaky_step(z, 0.1)", "softmax(1, z1, z2, z3)", "log(yhat) + (1 - y)*log(1 - yhat)", "exp(-x) / (1 + exp(-x))^2",
            "exp(w1*x1 + w2*x2 + w3*x3 + w4*x4 + b)", "sqrt(abs(x)) + sign(x) + sin(x)*cos(x) + tanh(x)",
            "x^-1 * y^(1/2) * 2/3", "(a[1,1])^2 + w[2,1,1]*delta[2,1]", "cgpa * iq_score + placed_x",
            "alpha*beta/(gamma - epsilon) + eta*theta*lambda*mu*tau*phi*omega + net"})
    void theExpressionPrintersLatexConverts(String src) {
        Expr e = Parser.parseExpression(src);
        for (String latex : List.of(LatexMath.str(e), LatexMath.decimals(e))) {
            String xml = ml(latex);
            assertFalse(xml.contains("\\"), xml);
        }
        for (String line : LatexMath.SYMBOLIC.split(e, 12)) {
            ml(line);
        }
    }

    /** Math spans written in Unicode (check's diagnoses) go through LatexText.math and convert. */
    @ParameterizedTest
    @ValueSource(strings = {"σ′(z₁⁽¹⁾) = [z₁⁽¹⁾ > 0]", "∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾", "ŷ − y", "x̂ ≈ 2 × 10⁻³", "½ (y − ŷ)²",
            "W⁽²⁾ᵀ δ ⊙ g′", "✗ Ж placed_x \\ {a} & % $ # ~ ^ \"q\"", "∑ₖ δₖ ≤ ∞ ± 1 ∈ ℝ → ⇒"})
    void unicodeSpansConvert(String span) {
        String xml = ml(LatexText.math(span));
        assertFalse(xml.matches("(?s).*\\\\[A-Za-z].*"), xml);
    }

    @Test
    void displayRowsAreOneTable() {
        String html = MathMl.display(List.of(new MathDoc.Row("\\frac{\\partial L}{\\partial w}", "= a \\cdot b", "chain rule"),
                new MathDoc.Row("", "\\quad{}+ c", "", true), new MathDoc.Row("", "", "a rule <on> its own row")));
        DocumentTestSupport.wellFormed("display", html);
        assertTrue(html.startsWith("<table class=\"display\"><tr><td class=\"lhs\" style=\"text-align: right\">"
                + "<math displaystyle=\"true\"><mrow><mfrac>"), html);
        assertEquals(3, html.split("<tr", -1).length - 1);
        assertTrue(html.contains("<tr class=\"gap\"><td class=\"lhs\" style=\"text-align: right\"></td>"), "the gap row");
        assertTrue(html.contains("<td class=\"rule\" style=\"padding-left: 2.5em\">chain rule</td>"));
        assertTrue(html.contains("<td class=\"rule\" style=\"padding-left: 2.5em\">a rule &lt;on&gt; its own row</td>"), "a label is text, escaped");
    }
}
