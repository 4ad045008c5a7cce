package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.network.ConvAnalysis.Explanation;
import dev.chainrule.network.ConvAnalysis.LayerPass;
import dev.chainrule.network.ConvAnalysis.Pass;
import dev.chainrule.network.spec.AnySpec;
import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.numeric.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * notes/conv/relu-maxpool-sigmoid-bce.yaml, worked by hand in its comment: every number of its forward and backward
 * pass and its gradients, each computed here from the contract's formulas (loops written in this test, nothing of
 * the engine), against what explain prints.
 */
class NotesConvTest {
    static final Path SPEC = Path.of("notes/conv/relu-maxpool-sigmoid-bce.yaml");
    static final double[][] X = {{-1, 0, 1, -1}, {2, -1, 0, 0}, {1, 2, 2, -1}, {1, 2, 0, 1}};
    static final double[][] K = {{1, -1}, {0.5, 0.5}};
    static final double[] W = {0.2, -0.4, 0.2, -0.2};
    static final double TOL = 1e-12;

    private static Explanation explain() {
        AnySpec any = SpecLoader.loadAny(SPEC);
        ConvNetSpec spec = ((AnySpec.Image) any).spec();
        return new ConvAnalysis(spec).explain(List.of());
    }

    @Test
    void forwardPassIsTheHandWorkedOne() {
        Pass p = explain().passes().get(0);
        double[][] z = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        z[r][c] += K[i][j] * X[r + i][c + j];
                    }
                }
            }
        }
        assertArrayEquals(new double[] {-0.5, -1.5, 2}, z[0], TOL);
        assertArrayEquals(new double[] {4.5, 1, 0.5}, z[1], TOL);
        assertArrayEquals(new double[] {0.5, 1, 3.5}, z[2], TOL);
        LayerPass conv = p.layers().get(0);
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(z[r], conv.z()[0][r], TOL);
            assertArrayEquals(java.util.Arrays.stream(z[r]).map(v -> Math.max(0, v)).toArray(), conv.a()[0][r], TOL);
        }
        LayerPass pool = p.layers().get(1);
        assertArrayEquals(new double[] {4.5, 2}, pool.a()[0][0], TOL);
        assertArrayEquals(new double[] {4.5, 3.5}, pool.a()[0][1], TOL);
        // winners as p·2 + q inside each window: (1,1) → cell (2,1) is p=1,q=0 → 2; (1,2) → (1,3) → 1; (2,1) → (2,1) → 0;
        // (2,2) → (3,3) → 3
        assertArrayEquals(new int[] {2, 1}, pool.winners()[0][0]);
        assertArrayEquals(new int[] {0, 3}, pool.winners()[0][1]);
        double yhat = 1 / (1 + Math.exp(-0.3));
        assertEquals(0.3, p.layers().get(3).z()[0][0][0], TOL);
        assertEquals(yhat, p.layers().get(3).a()[0][0][0], TOL);
        assertEquals(-Math.log(yhat), p.loss(), TOL);
        assertEquals(0.554355, p.loss(), 1e-6);
    }

    @Test
    void backwardPassIsTheHandWorkedOne() {
        Pass p = explain().passes().get(0);
        double d4 = 1 / (1 + Math.exp(-0.3)) - 1;
        assertEquals(d4, p.layers().get(3).delta()[0][0][0], TOL);
        double[] byA3 = {W[0] * d4, W[1] * d4, W[2] * d4, W[3] * d4};
        assertArrayEquals(byA3, p.layers().get(2).lossByA()[0][0], TOL);
        assertArrayEquals(new double[] {byA3[0], byA3[1]}, p.layers().get(1).lossByA()[0][0], TOL);
        assertArrayEquals(new double[] {byA3[2], byA3[3]}, p.layers().get(1).lossByA()[0][1], TOL);
        // routed to the winners: (2,1) wins windows (1,1) and (2,1), (1,3) wins (1,2), (3,3) wins (2,2)
        double[][] byA1 = new double[3][3];
        byA1[1][0] = byA3[0] + byA3[2];
        byA1[0][2] = byA3[1];
        byA1[2][2] = byA3[3];
        LayerPass conv = p.layers().get(0);
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(byA1[r], conv.lossByA()[0][r], TOL);
            // every winner has z > 0, so ReLU′ = 1 passes the winners' values and δ = ∂L/∂a
            assertArrayEquals(byA1[r], conv.delta()[0][r], TOL);
        }
        // ∂L/∂x[i,j] = Σ over (r,c,p,q) with r + p = i, c + q = j of δ[r,c]·k[p,q]: the full correlation with rot180(k)
        double[][] dx = new double[4][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        dx[r + i][c + j] += byA1[r][c] * K[i][j];
                    }
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(dx[i], p.lossByInput()[0][i], TOL, "row " + (i + 1));
        }
        assertEquals(0.0425557, dx[3][3], 1e-7);
    }

    @Test
    void gradientsAreTheCorrelationOfTheInputWithDeltaAndEveryCheckPasses() {
        Explanation x = explain();
        Pass p = x.passes().get(0);
        double[][] delta = p.layers().get(0).delta()[0];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double g = 0;
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        g += delta[r][c] * X[r + i][c + j];
                    }
                }
                ParamId id = ParamId.kernel(1, 1, 1, i + 1, j + 1);
                double engine = x.parameters().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow().gradient();
                assertEquals(g, engine, 1e-12, id.toString());
            }
        }
        // the notes' point: k[1,1,1,1,1]'s three terms cancel, 0.170223·1 − 0.170223·2 + 0.085111·2 = 0
        assertEquals(0.0, x.parameters().get(0).gradient(), 1e-12);
        for (ConvAnalysis.Parameter q : x.parameters()) {
            assertEquals(Verdict.PASS, q.check().verdict(), q.id() + " " + q.check());
        }
    }

    @Test
    void documentsCarryTheNumbers() {
        Explanation x = explain();
        String md = dev.chainrule.render.Formats.EXPLAIN_CONV.render(dev.chainrule.render.doc.Format.MARKDOWN, x,
                dev.chainrule.render.doc.FormatTable.Options.of(false));
        assertTrue(md.contains("\\operatorname{full}\\bigl(\\delta^{(1)}\\bigr) \\star \\operatorname{rot180}"), md);
        // the worked sum is the first kernel weight whose sum is not 0: k[1,1,1,1,2] (k[1,1,1,1,1]'s cancels)
        assertTrue(md.contains("= 0.17022 \\cdot (-1) + (-0.17022) \\cdot (-1) + 0.085111 \\cdot (-1)"), md);
        assertTrue(md.contains("window (1, 1) from (2, 1), (1, 2) from (1, 3), (2, 1) from (2, 1), (2, 2) from (3, 3)"),
                md);
        String html = dev.chainrule.render.Formats.EXPLAIN_CONV.render(dev.chainrule.render.doc.Format.HTML, x,
                dev.chainrule.render.doc.FormatTable.Options.of(false));
        dev.chainrule.render.doc.DocumentTestSupport.assertMathMlPage("conv", html);
        String text = dev.chainrule.render.explain.ConvExplainRenderer.text(x);
        assertTrue(text.contains("winners (window ← the input cell it passes on): (1,1) ← (2,1), (1,2) ← (1,3), "
                + "(2,1) ← (2,1), (2,2) ← (3,3)"), text);
        assertTrue(text.contains("    ∂L/∂x  [         0         0  0.17022  −0.17022 ]"), text);
    }
}
