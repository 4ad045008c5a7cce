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
 * named as such; --of batch number claims include the term (left out or doubled, named), formula claims are refused
 * rather than judged without it.
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

    /** A number claim with --of batch is the batch gradient with the term: k = 1 correct, 0 and 2 named; μ too. */
    @Test
    void batchNumberClaimsIncludeTheTerm() {
        NetworkJudge judge = new NetworkJudge(SPEC, Optional.empty(), NetworkJudge.Of.BATCH, 1);
        java.util.List<dev.chainrule.network.spec.ParamId> ids = SPEC.parameters();
        for (int p : new int[] {0, 1, 7}) { // w[1,1,1], w[1,1,2] (both terms), w[2,1,2]
            String id = ids.get(p).toString();
            assertEquals(ClaimVerdict.CORRECT, judge.judge(ClaimParser.parse(id + " = " + shifted(1)[p], SPEC)).verdict(), id);
            ClaimResult without = judge.judge(ClaimParser.parse(id + " = " + shifted(0)[p], SPEC));
            assertEquals(ClaimVerdict.INCORRECT, without.verdict(), id);
            assertEquals(Diagnosis.Kind.MISSING_PATH, without.diagnosis().kind(), id);
            ClaimResult twice = judge.judge(ClaimParser.parse(id + " = " + shifted(2)[p], SPEC));
            assertEquals(Diagnosis.Kind.EXTRA_FACTOR, twice.diagnosis().kind(), id);
        }
        // a bias has no term: its batch gradient is the data's
        int bias = ids.indexOf(dev.chainrule.network.spec.ParamId.bias(1, 1));
        assertEquals(ClaimVerdict.CORRECT, judge.judge(ClaimParser.parse("b[1,1] = " + shifted(0)[bias], SPEC)).verdict());
    }

    @Test
    void batchFormulaClaimsAreRefusedWithRegularization() {
        NetworkJudge judge = new NetworkJudge(SPEC, Optional.empty(), NetworkJudge.Of.BATCH, 1);
        UserError e = assertThrows(UserError.class, () -> judge.judge(ClaimParser.parse("w[1,1,1] = delta[1,1]*x1", SPEC)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("claim the number"), e.getMessage());
        new NetworkJudge(SPEC, Optional.empty(), NetworkJudge.Of.SAMPLE, 1); // per sample: the data loss, judged
    }

    /** A regularized template makes a key whose slips include the term's, each distinct and named from its number. */
    @Test
    void aRegularizedExerciseIsDiagnosableByDesign() throws Exception {
        String template = java.nio.file.Files.readString(java.nio.file.Path.of("notes/xor-relu-sigmoid-bce.yaml"))
                .replace("loss: bce", "regularization: {l2: 0.1}\nloss: bce");
        for (long seed = 1; seed <= 5; seed++) {
            ExerciseDesign.Variant v = ExerciseDesign.draw(template, 1, seed);
            double[] truth = new NetworkAnalysis(v.spec()).gradient();
            assertEquals(truth[0], v.answers().get("w[1,1,1]"));
            for (dev.chainrule.network.spec.ParamId id : v.spec().parameters()) {
                // a weight of 0 has no term (λ·0 = 0): no slip of it either
                boolean term = id.isWeight() && v.spec().parameter(id) != 0;
                for (String slip : java.util.List.of("regularization_missing", "regularization_factor")) {
                    Optional<SlipCatalogue.Slip> s = v.slips().get(id.toString()).stream().filter(x -> x.name().equals(slip)).findFirst();
                    assertEquals(term, s.isPresent(), id + " " + slip);
                    s.ifPresent(x -> assertEquals(Optional.of(slip),
                            ExerciseDesign.slip(v, id.toString(), x.value()).map(SlipCatalogue.Slip::name)));
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(v.slips().get("b[1,1]").stream()
                    .noneMatch(x -> x.name().startsWith("regularization")), "a bias has no term");
        }
    }
}
