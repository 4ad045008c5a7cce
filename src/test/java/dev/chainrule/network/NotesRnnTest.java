package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.network.RnnAnalysis.Explanation;
import dev.chainrule.network.spec.AnySpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.RnnNetSpec;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * notes/rnn/tanh-sigmoid-bce.yaml, worked by hand in its comment: the forward pass, every step's δ of
 * backpropagation through time and the recurrent weights' sums over time, each computed here from the contract's
 * formulas (plain loops written in this test, nothing of the engine), against what explain prints; then the
 * documents.
 */
class NotesRnnTest {
    static final Path SPEC = Path.of("notes/rnn/tanh-sigmoid-bce.yaml");
    static final double[][] W = {{0.1, 0.2}, {0.3, -0.1}};
    static final double[][] U = {{0.5, -0.3}, {0.2, 0.4}};
    static final double[] B = {0, 0.1};
    static final double[] V = {0.3, -0.2};
    static final double[][] X = {{1, 0}, {0.5, -1}, {0, 1}};
    static final double TOL = 1e-12;

    /** h[t][i] for t = 0..3 (h[0] = 0), z[t][i] for t = 1..3. */
    static final double[][] H = new double[4][2];
    static final double[][] Z = new double[4][2];
    /** δ[t][i] = ∂L/∂z_t[i], and ∂L/∂h_t[i] before the activation's derivative. */
    static final double[][] D = new double[4][2];
    static final double[][] UP = new double[4][2];
    static final double YHAT;

    static {
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 2; i++) {
                double z = B[i];
                for (int j = 0; j < 2; j++) {
                    z += W[i][j] * X[t - 1][j] + U[i][j] * H[t - 1][j];
                }
                Z[t][i] = z;
                H[t][i] = Math.tanh(z);
            }
        }
        YHAT = 1 / (1 + Math.exp(-(V[0] * H[3][0] + V[1] * H[3][1])));
        double out = YHAT - 1; // BCE after σ with y = 1
        for (int i = 0; i < 2; i++) {
            UP[3][i] = V[i] * out;
        }
        for (int t = 3; t >= 1; t--) {
            for (int i = 0; i < 2; i++) {
                if (t < 3) {
                    UP[t][i] = U[0][i] * D[t + 1][0] + U[1][i] * D[t + 1][1];
                }
                D[t][i] = UP[t][i] * (1 - H[t][i] * H[t][i]);
            }
        }
    }

    private static Explanation explain() {
        RnnNetSpec spec = ((AnySpec.Sequence) SpecLoader.loadAny(SPEC)).spec();
        return new RnnAnalysis(spec).explain(List.of());
    }

    private static double gradient(Explanation x, ParamId id) {
        return x.parameters().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow().gradient();
    }

    @Test
    void forwardPassIsTheHandWorkedOne() {
        Explanation x = explain();
        // the comment's numbers, to six places
        assertEquals(0.099668, H[1][0], 1e-6);
        assertEquals(0.379949, H[1][1], 1e-6);
        assertEquals(-0.210936, H[2][0], 1e-6);
        assertEquals(0.479175, H[2][1], 1e-6);
        assertEquals(-0.049181, H[3][0], 1e-6);
        assertEquals(0.148379, H[3][1], 1e-6);
        assertEquals(0.488894, YHAT, 1e-6);
        assertEquals(0.715609, -Math.log(YHAT), 1e-6);
        for (RnnAnalysis.State s : x.states()) {
            assertEquals(Z[s.step()][s.unit() - 1], s.z(), TOL, "z " + s);
            assertEquals(H[s.step()][s.unit() - 1], s.h(), TOL, "h " + s);
        }
        assertEquals(6, x.states().size());
        RnnAnalysis.Head out = x.head().get(0);
        assertEquals(V[0] * H[3][0] + V[1] * H[3][1], out.z(), TOL);
        assertEquals(YHAT, out.a(), TOL);
        assertEquals(YHAT - 1, out.delta(), TOL);
        assertEquals(-Math.log(YHAT), x.loss(), TOL);
        assertEquals(-Math.log(YHAT), x.sampleLosses().get(0), TOL);
    }

    @Test
    void backpropagationThroughTimeIsTheHandWorkedOne() {
        assertEquals(-0.152961, D[3][0], 1e-6);
        assertEquals(0.099971, D[3][1], 1e-6);
        assertEquals(-0.053973, D[2][0], 1e-6);
        assertEquals(0.066158, D[2][1], 1e-6);
        assertEquals(-0.013618, D[1][0], 1e-6);
        assertEquals(0.036498, D[1][1], 1e-6);
        Explanation x = explain();
        assertEquals(6, x.deltas().size());
        for (RnnAnalysis.Delta d : x.deltas()) {
            int i = d.unit() - 1;
            assertEquals(UP[d.step()][i], d.upstream(), TOL, "∂L/∂h " + d);
            assertEquals(1 - H[d.step()][i] * H[d.step()][i], d.gPrime(), TOL, "g′ " + d);
            assertEquals(D[d.step()][i], d.delta(), TOL, "δ " + d);
        }
    }

    @Test
    void gradientsAreSumsOverTimeAndEveryCheckPasses() {
        Explanation x = explain();
        for (int i = 0; i < 2; i++) {
            double gb = 0;
            for (int j = 0; j < 2; j++) {
                double gu = 0;
                double gw = 0;
                for (int t = 1; t <= 3; t++) {
                    gu += D[t][i] * H[t - 1][j];
                    gw += D[t][i] * X[t - 1][j];
                }
                assertEquals(gu, gradient(x, ParamId.recurrent(1, i + 1, j + 1)), TOL);
                assertEquals(gw, gradient(x, ParamId.weight(1, i + 1, j + 1)), TOL);
            }
            for (int t = 1; t <= 3; t++) {
                gb += D[t][i];
            }
            assertEquals(gb, gradient(x, ParamId.bias(1, i + 1)), TOL);
            assertEquals((YHAT - 1) * H[3][i], gradient(x, ParamId.weight(2, 1, i + 1)), TOL);
        }
        // the comment's sum: 0 − 0.005379 + 0.032265 = 0.026886 (t = 1 adds 0: h_0 = 0)
        assertEquals(0.026886, D[2][0] * H[1][0] + D[3][0] * H[2][0], 1e-6);
        assertEquals(0.026886, gradient(x, ParamId.recurrent(1, 1, 1)), 1e-6);
        for (RnnAnalysis.Parameter p : x.parameters()) {
            assertEquals(Verdict.PASS, p.check().verdict(), p.id() + " " + p.check());
        }
    }

    @Test
    void documentsCarryTheNumbers() {
        Explanation x = explain();
        String md = Formats.EXPLAIN_RNN.render(Format.MARKDOWN, x, FormatTable.Options.of(false));
        assertTrue(md.contains("z_{2} & = W x_{2} + U h_{1} + b = \\begin{bmatrix}-0.21415 \\\\ 0.52191\\end{bmatrix}"),
                md);
        assertTrue(md.contains("\\delta_{3} & = \\frac{\\partial L}{\\partial h_{3}} \\odot \\tanh'(z_{3})"), md);
        assertTrue(md.contains("\\delta_{2} & = \\bigl(U^{\\top} \\delta_{3}\\bigr) \\odot \\tanh'(z_{2}) = "
                + "\\begin{bmatrix}-0.056486 \\\\ 0.085876\\end{bmatrix} \\odot \\begin{bmatrix}0.95551 \\\\ 0.77039"
                + "\\end{bmatrix} = \\begin{bmatrix}-0.053973 \\\\ 0.066158\\end{bmatrix}"), md);
        assertTrue(md.contains("\\frac{\\partial L}{\\partial U} & = \\sum_{t=1}^{T} \\delta_t\\, h_{t-1}^{\\top} = "
                + "\\begin{bmatrix}0.026886 & -0.093802 \\\\ -0.014494 & 0.07304\\end{bmatrix}"), md);
        assertTrue(md.contains("= (-0.013618) \\cdot 0 + (-0.053973) \\cdot 0.099668 + (-0.15296) \\cdot (-0.21094)"), md);
        assertTrue(md.contains("= 0 + (-0.0053794) + 0.032265"), md);
        assertTrue(md.contains("| u\\[1,1,2\\] | $-0.3$ | $-0.093802$ |"), md);
        String html = Formats.EXPLAIN_RNN.render(Format.HTML, x, FormatTable.Options.of(false));
        dev.chainrule.render.doc.DocumentTestSupport.assertMathMlPage("rnn", html);
    }
}
