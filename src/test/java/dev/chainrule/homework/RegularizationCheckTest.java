package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.UserError;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * check on a regularized spec (issue 14): a whole gradient with 2λw where λw is right, or without the term, is
 * named as such; --of batch claims (per-sample formulas reduced) are refused rather than judged without the term.
 */
class RegularizationCheckTest {
    private static final NetworkSpec SPEC = SpecLoader.parse("""
            inputs: [x1, x2]
            layers:
              - {units: 2, activation: tanh, weights: [[0.3, -0.2], [0.5, 0.1]], biases: [0.1, -0.1]}
              - {units: 1, activation: sigmoid, weights: [[0.7, -0.4]], biases: [0.05]}
            loss: bce
            regularization: {l2: 0.05, l1: 0.01}
            data:
              - {x: [1, 2], y: 1}
              - {x: [-1, 0.5], y: 0}
            """, "reg.yaml");

    /** The truth plus (k − 1)·(λw + μ·sign(w)) on the weights. */
    private static double[] shifted(int k) {
        double[] g = new NetworkAnalysis(SPEC).gradient();
        double[] pen = new double[g.length];
        SPEC.addPenaltyGradient(SPEC.parameterVector(), pen);
        for (int p = 0; p < g.length; p++) {
            g[p] += (k - 1) * pen[p];
        }
        return g;
    }

    @Test
    void theRightGradientIsCorrect() {
        GradientsJudge.Report r = GradientsJudge.judge(SPEC, shifted(1));
        assertNull(r.diagnosis());
    }

    @Test
    void twiceLambdaIsAConstantFactorSlipInTheTerm() {
        assertEquals("regularization_factor", GradientsJudge.judge(SPEC, shifted(2)).diagnosis().kind());
    }

    @Test
    void aForgottenTermIsNamed() {
        assertEquals("regularization_missing", GradientsJudge.judge(SPEC, shifted(0)).diagnosis().kind());
    }

    @Test
    void batchClaimsAreRefusedWithRegularization() {
        assertThrows(UserError.class, () -> new NetworkJudge(SPEC, Optional.empty(), NetworkJudge.Of.BATCH, 1));
        new NetworkJudge(SPEC, Optional.empty(), NetworkJudge.Of.SAMPLE, 1); // per sample: the data loss, judged
    }
}
