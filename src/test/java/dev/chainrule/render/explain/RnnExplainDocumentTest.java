package dev.chainrule.render.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.network.RnnAnalysis;
import dev.chainrule.network.spec.AnySpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.RnnNetSpec;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain's documents of a bigger rnn (relu units, two dense layers, softmax and ce, an l2 and l1 penalty, two
 * samples of 7 steps): the regularization's own derivative on its lines, the reduction named, a parameter asked for
 * alone written with its own formula, the MathML page valid, and the LaTeX compiled without an overfull box.
 */
class RnnExplainDocumentTest {
    static final Path SPEC = Path.of("src/test/resources/rnn/rnn-relu-softmax-regularized.yaml");

    @TempDir
    Path dir;

    private static RnnAnalysis.Explanation explain(List<ParamId> ids) {
        RnnNetSpec spec = ((AnySpec.Sequence) SpecLoader.loadAny(SPEC)).spec();
        return new RnnAnalysis(spec).explain(ids);
    }

    private static String render(Format f, RnnAnalysis.Explanation x) {
        return Formats.EXPLAIN_RNN.render(f, x, FormatTable.Options.of(false));
    }

    @Test
    void theRegularizationAndTheReductionHaveTheirOwnLines() {
        RnnAnalysis.Explanation x = explain(List.of());
        String md = render(Format.MARKDOWN, x);
        assertTrue(md.contains("R & = \\frac{0.01}{2} \\sum w^2 + 0.001 \\sum |w|"), md);
        assertTrue(md.contains("\\frac{\\partial L}{\\partial U} & = \\sum_{t=1}^{T} \\delta_t\\, h_{t-1}^{\\top}"
                + " + \\frac{\\partial R}{\\partial U} = \\begin{bmatrix}"), md);
        assertTrue(md.contains("entry by entry $\\partial R/\\partial w = 0.01\\, w + 0.001 \\operatorname{sign}(w)$"), md);
        assertTrue(md.contains("\\frac{\\partial R}{\\partial W^{(3)}} & = \\begin{bmatrix}"), md);
        assertTrue(md.contains("per sample, then the mean over the 2 samples"), md);
        assertTrue(md.contains("\\delta^{(2)} & = \\bigl(W^{(3)\\top} \\delta^{(3)}\\bigr) \\odot \\tanh'(z^{(2)})"), md);
        assertTrue(md.contains("\\frac{\\partial L_{1}}{\\partial u_{1,2}}"), md);
        // seven terms, three a line
        assertTrue(md.contains(" & \\quad{}+ \\delta_{7,1}\\, h_{6,2}"), md);
        assertTrue(md.contains("## Forward pass, sample 2"), md);
        assertEquals(35, x.parameters().size());
        DocumentTestSupport.assertMathMlPage("rnn-regularized", render(Format.HTML, x));
    }

    @Test
    void aParameterAskedForAloneIsWrittenWithItsOwnFormula() {
        RnnAnalysis.Explanation x = explain(List.of(ParamId.parse("u[1,2,3]"), ParamId.parse("w[3,1,2]")));
        String md = render(Format.MARKDOWN, x);
        assertTrue(md.contains("\\frac{\\partial L}{\\partial u_{2,3}} & = \\sum_{t=1}^{T} \\delta_{t,2}\\, h_{t-1,3}"
                + " + \\frac{\\partial R}{\\partial u_{2,3}} = "), md);
        assertTrue(md.contains("\\frac{\\partial L}{\\partial w^{(3)}_{1,2}} & = \\delta^{(3)}_{1}\\, a^{(2)}_{2}"), md);
        assertFalse(md.contains("Dense layer 2"), md);
        assertTrue(md.contains("\\frac{\\partial R}{\\partial u_{2,3}} & = -0.002"), md);
        DocumentTestSupport.assertMathMlPage("rnn-two", render(Format.HTML, x));
    }

    @Test
    void theLatexCompilesWithoutAnOverfullBox() throws Exception {
        assumeTrue(DocumentTestSupport.onPath("pdflatex"), "pdflatex is not installed");
        List<String> problems = new ArrayList<>();
        problems.addAll(compile("rnn-all", render(Format.LATEX, explain(List.of()))));
        problems.addAll(compile("rnn-two", render(Format.LATEX, explain(List.of(ParamId.parse("u[1,2,3]"),
                ParamId.parse("b[1,1]"))))));
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private List<String> compile(String name, String tex) throws Exception {
        List<String> problems = new ArrayList<>(DocumentTestSupport.pdflatex(dir, name, tex));
        for (String line : Files.readString(dir.resolve(name + ".log"), StandardCharsets.ISO_8859_1).split("\n")) {
            if (line.startsWith("Overfull")) {
                problems.add(name + ": " + line);
            }
        }
        return problems;
    }
}
