package dev.chainrule.render.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.network.spec.BuiltinExamples;
import org.junit.jupiter.api.Test;

/** {@code explain --format markdown}: $…$ and $$ aligned $$ math (GitHub, Jupyter), Markdown tables. */
class MarkdownRenderTest {

    @Test
    void mathIsGithubAndJupyterCompatible() {
        String md = Formats.EXPLAIN.render(Format.MARKDOWN, DocumentTestSupport.explain(BuiltinExamples.xor()), FormatTable.Options.of(false));
        assertFalse(md.contains("align*"), "align* is not supported in $$ blocks");
        assertTrue(md.contains("$$\n\\begin{aligned}\n"));
        assertTrue(md.contains("\\end{aligned}\n$$\n"));
        assertTrue(md.contains("&& \\text{chain rule}"));
        assertTrue(md.contains("| $\\partial L/\\partial w_{11}^{(1)}$ | $\\delta_{1}^{(1)} x_{1}$ |"), "the gradient table");
        // no blank line inside a display block (it would end the block in Markdown)
        for (String block : md.split("\\$\\$")) {
            if (block.startsWith("\n\\begin{aligned}")) {
                assertFalse(block.strip().contains("\n\n"), block);
            }
        }
    }

    @Test
    void tablesAreMarkdownTables() {
        String md = Formats.EXPLAIN.render(Format.MARKDOWN, DocumentTestSupport.explain(BuiltinExamples.xor()), FormatTable.Options.of(false));
        assertTrue(md.contains("| $n$ | $x_{1}$ | $x_{2}$ | $y$ |"), md);
        assertTrue(md.contains("| ---: |"));
    }

    @Test
    void aHostileNameCannotStartMarkupOrMath() {
        String md = Formats.EXPLAIN.render(Format.MARKDOWN, DocumentTestSupport.explain(DocumentTestSupport.hostile()), FormatTable.Options.of(false));
        String first = md.lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("# "), first);
        assertFalse(first.contains("<script>"), first);
        assertFalse(first.matches(".*[^\\\\]\\$.*"), "unescaped $ in " + first);
    }
}
