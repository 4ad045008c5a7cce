package dev.chainrule.render.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Parser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step that changes nothing a reader sees is left out of a display; any visible change, or a new equation, stays. */
class DisplayBlockTest {
    private static Expr e(String s) {
        return Parser.parseExpression(s);
    }

    private static List<String> bodies(DisplayBlock b) {
        return b.rows().stream().map(r -> r.lhs() + " " + r.body() + " | " + r.label()).toList();
    }

    @Test
    void aContinuationThatPrintsAsTheLineAboveIsLeftOut() {
        // a*(b*c) and (a*b)*c print alike: the regrouping shows nothing
        DisplayBlock b = new DisplayBlock().line("L", e("a*(b*c)"), "product rule").line("", e("(a*b)*c"), "regroup");
        assertEquals(List.of("L = a b c | product rule"), bodies(b));
    }

    @Test
    void aVisibleChangeOrANewLeftHandSideStays() {
        DisplayBlock changed = new DisplayBlock().line("L", e("a*(b + c)"), "").line("", e("a*b + a*c"), "distribute");
        assertEquals(2, changed.rows().size(), bodies(changed).toString());
        DisplayBlock newEquation = new DisplayBlock().line("L", e("a*b"), "").line("M", e("a*b"), "definition");
        assertEquals(2, newEquation.rows().size(), "a new equation with the same right-hand side");
        DisplayBlock expression = new DisplayBlock().expression(e("a*b"), "the line before").expression(e("a*b"), "line 3");
        assertEquals(2, expression.rows().size(), "a student's lines, shown as written");
    }

    @Test
    void aLabelsMarkedMathIsMathAndEverythingElseText() {
        List<MathDoc.Inline> parts = MathDoc.marked("recognise: $ŷ = σ(z₁⁽²⁾)$, then $a$");
        assertEquals(4, parts.size(), parts.toString());
        assertEquals(new MathDoc.Text("recognise: "), parts.get(0));
        assertEquals(new MathDoc.Math(LatexText.math("ŷ = σ(z₁⁽²⁾)")), parts.get(1));
        assertEquals(new MathDoc.Text(", then "), parts.get(2));
        assertEquals(List.of(new MathDoc.Text("sum rule")), MathDoc.marked("sum rule"), "no markup: words only");
        assertEquals(List.of(new MathDoc.Text("costs "), new MathDoc.Text("5")), MathDoc.marked("costs $5"),
                "an unpaired $ leaves its tail as words");
    }

    @Test
    void aStepsNoteIsMathInDocumentsAndPlainInTextAndJson() {
        dev.chainrule.derive.Step s = new dev.chainrule.derive.Step(e("yhat*(1 - yhat)"),
                List.of(dev.chainrule.derive.Rule.RECOGNISE), "$ŷ = σ(z)$");
        assertEquals("recognise: ŷ = σ(z)", s.label());
        assertEquals("ŷ = σ(z)", s.noteText());
        LatexDoc tex = new LatexDoc(false);
        tex.display(new DisplayBlock().step("L", s));
        assertTrue(tex.finish().contains("\\text{\\small recognise: $\\hat{y} = \\sigma"), "typeset as math");
        String json = dev.chainrule.cli.CliTestSupport.run("explain", "notes/sigmoid-mse.yaml", "--format", "json").out();
        assertTrue(json.contains("\"note\" : \"ŷ = σ(z₁⁽²⁾)\""), "JSON keeps the plain note");
        assertFalse(json.contains("$"), "no markup in JSON");
        String text = dev.chainrule.cli.CliTestSupport.run("explain", "notes/sigmoid-mse.yaml").out();
        assertFalse(text.contains("$"), "no markup in the text output");
    }

    /** Math found in a sentence written as Unicode text: names with scripts, ∂, Greek; plain words never. */
    @Test
    void aSentencesMathIsFoundAndItsWordsStayWords() {
        List<MathDoc.Inline> at = MathDoc.sentence("at random parameters and x₁ = 0.065302, x₂ = 1.7858: line 3");
        assertEquals(List.of(new MathDoc.Text("at random parameters and "), new MathDoc.Math(LatexText.math("x₁ = 0.065302")),
                new MathDoc.Text(", "), new MathDoc.Math(LatexText.math("x₂ = 1.7858")), new MathDoc.Text(": line 3")), at);
        List<MathDoc.Inline> each = MathDoc.sentence("each line compared with ∂L/∂w₁₁⁽¹⁾, the true gradient, at 44 points");
        assertEquals(new MathDoc.Math(LatexText.math("∂L/∂w₁₁⁽¹⁾")), each.get(1), each.toString());
        assertEquals(3, each.size(), "a number alone (44 points) stays a word: " + each);
        assertEquals(List.of(new MathDoc.Text("the spec's values, and y")), MathDoc.sentence("the spec's values, and y"),
                "words and a bare ASCII name stay text");
        assertEquals(List.of(new MathDoc.Math(LatexText.math("δ")), new MathDoc.Text(" is "),
                new MathDoc.Math(LatexText.math("ŷ − y"))), MathDoc.sentence("δ is ŷ − y"), "Greek and hats are math");
        assertEquals(List.of(new MathDoc.Text("it has a factor x − y too")), MathDoc.sentence("it has a factor x − y too"),
                "one-letter words and names without a math token stay text");
    }

    /** A listing keeps its indentation and sets its characters as text (%, #, UTF-8), in each writer. */
    @Test
    void aListingKeepsItsIndentationAndEscapesItsText() {
        String yaml = "name: \"Übung #3, 50%\"\nlayers:\n  - units: 2\n";
        LatexDoc tex = new LatexDoc(false);
        tex.code(yaml);
        String t = tex.finish();
        assertTrue(t.contains("~~-~units:~2 \\\\"), "indentation kept: " + t);
        assertTrue(t.contains("\\#3") && t.contains("50\\%") && t.contains("Übung"), t);
        MarkdownDoc md = new MarkdownDoc();
        md.code("a ``` b");
        assertTrue(md.finish().contains("````\na ``` b\n````"), "a fence longer than the backticks inside");
        HtmlDoc html = new HtmlDoc(true, "explain", HtmlMath.MATHML);
        html.code("<x> & y");
        assertTrue(html.finish().contains("<pre>&lt;x&gt; &amp; y</pre>"));
    }
}
