package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import dev.chainrule.expr.Expr;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.RnnNetSpec;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-worked example src/test/resources/rnn/rnn-tanh-sigmoid-bce.yaml (the contract's §5 network): 2 inputs,
 * rnn of 2 tanh units, W = [[0.1, 0.2], [0.3, −0.1]], U = [[0.5, −0.3], [0.2, 0.4]], b = [0, 0.1]; dense 1 sigmoid,
 * v = [0.3, −0.2], c = 0; bce; x = (1, 0), (0.5, −1), (0, 1); y = 1.
 *
 * <pre>
 * Forward (h_0 = 0):
 *   t = 1: z_1 = W x_1 + b = (0.1·1 + 0.2·0, 0.3·1 − 0.1·0 + 0.1) = (0.1, 0.4)
 *          h_1 = (tanh 0.1, tanh 0.4) = (0.0996680, 0.3799490)
 *   t = 2: W x_2 = (0.05 − 0.2, 0.15 + 0.1) = (−0.15, 0.25)
 *          U h_1 = (0.5·0.0996680 − 0.3·0.3799490, 0.2·0.0996680 + 0.4·0.3799490) = (−0.0641507, 0.1719132)
 *          z_2 = (−0.2141507, 0.5219132),  h_2 = (−0.2109360, 0.4791753)
 *   t = 3: W x_3 = (0.2, −0.1)
 *          U h_2 = (0.5·(−0.2109360) − 0.3·0.4791753, 0.2·(−0.2109360) + 0.4·0.4791753) = (−0.2492206, 0.1494829)
 *          z_3 = (−0.0492206, 0.1494829),  h_3 = (−0.0491809, 0.1483794)
 *   output: z = 0.3·(−0.0491809) − 0.2·0.1483794 = −0.0444301,  ŷ = σ(z) = 0.4888943,  L = −log ŷ = 0.7156090
 * Backward (δ_t = ∂L/∂z_t of the rnn layer; tanh′ = 1 − h²):
 *   ∂L/∂z = ŷ − 1 = −0.5111057,  ∂L/∂h_3 = v·(ŷ − 1) = (−0.1533317, 0.1022211)
 *   δ_3 = ∂L/∂h_3 · (1 − h_3²) = (−0.1533317·0.9975812, 0.1022211·0.9779836) = (−0.1529608, 0.0999706)
 *   δ_2 = (Uᵀδ_3)·(1 − h_2²) = (0.5·(−0.1529608) + 0.2·0.0999706, −0.3·(−0.1529608) + 0.4·0.0999706)·(0.9555060, 0.7703911)
 *       = (−0.0564863·0.9555060, 0.0858765·0.7703911) = (−0.0539730, 0.0661585)
 *   δ_1 = (Uᵀδ_2)·(1 − h_1²) = (−0.0137548·0.9900663, 0.0426553·0.8556388) = (−0.0136182, 0.0364975)
 * Gradients (sums over t):
 *   ∂L/∂u[1,1,2] = Σ_t δ_t,1·h_{t−1,2} = −0.0136182·0 − 0.0539730·0.3799490 − 0.1529608·0.4791753 = −0.0938020
 *   ∂L/∂w[1,2,1] = Σ_t δ_t,2·x_t,1 = 0.0364975·1 + 0.0661585·0.5 + 0.0999706·0 = 0.0695768
 *   ∂L/∂b[1,1] = Σ_t δ_t,1 = −0.0136182 − 0.0539730 − 0.1529608 = −0.2205520
 *   ∂L/∂w[2,1,2] = (ŷ − 1)·h_3,2 = −0.5111057·0.1483794 = −0.0758375,  ∂L/∂b[2,1] = ŷ − 1 = −0.5111057
 * </pre>
 * {@link #handWorked} redoes this computation in plain doubles, step by step as written above.
 */
class RnnModelTest {
    static final Path SPEC = Path.of("src/test/resources/rnn/rnn-tanh-sigmoid-bce.yaml");

    private final RnnNetSpec spec = (RnnNetSpec) ((dev.chainrule.network.spec.AnySpec.Sequence) SpecLoader.loadAny(SPEC)).spec();
    private final RnnAnalysis analysis = new RnnAnalysis(spec);

    /** The hand computation above, written out unit by unit (no loops): L and the gradients it names. */
    private static final class HandWorked {
        final double h11 = Math.tanh(0.1);
        final double h12 = Math.tanh(0.4);
        final double z21 = 0.1 * 0.5 + 0.2 * -1 + 0.5 * h11 - 0.3 * h12 + 0;
        final double z22 = 0.3 * 0.5 - 0.1 * -1 + 0.2 * h11 + 0.4 * h12 + 0.1;
        final double h21 = Math.tanh(z21);
        final double h22 = Math.tanh(z22);
        final double z31 = 0.1 * 0 + 0.2 * 1 + 0.5 * h21 - 0.3 * h22 + 0;
        final double z32 = 0.3 * 0 - 0.1 * 1 + 0.2 * h21 + 0.4 * h22 + 0.1;
        final double h31 = Math.tanh(z31);
        final double h32 = Math.tanh(z32);
        final double yhat = 1 / (1 + Math.exp(-(0.3 * h31 - 0.2 * h32 + 0)));
        final double loss = -Math.log(yhat);
        final double d31 = 0.3 * (yhat - 1) * (1 - h31 * h31);
        final double d32 = -0.2 * (yhat - 1) * (1 - h32 * h32);
        final double d21 = (0.5 * d31 + 0.2 * d32) * (1 - h21 * h21);
        final double d22 = (-0.3 * d31 + 0.4 * d32) * (1 - h22 * h22);
        final double d11 = (0.5 * d21 + 0.2 * d22) * (1 - h11 * h11);
        final double d12 = (-0.3 * d21 + 0.4 * d22) * (1 - h12 * h12);
        final double u112 = d11 * 0 + d21 * h12 + d31 * h22;
        final double u211 = d12 * 0 + d22 * h11 + d32 * h21;
        final double w121 = d12 * 1 + d22 * 0.5 + d32 * 0;
        final double w112 = d11 * 0 + d21 * -1 + d31 * 1;
        final double b11 = d11 + d21 + d31;
        final double w212 = (yhat - 1) * h32;
        final double b21 = yhat - 1;
    }

    private static final HandWorked HAND = new HandWorked();

    @Test
    void lossIsTheHandWorkedOne() {
        assertEquals(0.7156089793055400, HAND.loss, 1e-12);
        assertEquals(HAND.loss, analysis.loss(), 1e-9);
        assertEquals(0.71560898, analysis.loss(), 1e-8);
    }

    @Test
    void gradientsAreTheHandWorkedOnes() {
        assertEquals(HAND.u112, analysis.gradient(ParamId.recurrent(1, 1, 2)), 1e-9);
        assertEquals(-0.0938020359, analysis.gradient(ParamId.recurrent(1, 1, 2)), 1e-9);
        assertEquals(HAND.u211, analysis.gradient(ParamId.recurrent(1, 2, 1)), 1e-9);
        assertEquals(-0.0144935107, analysis.gradient(ParamId.recurrent(1, 2, 1)), 1e-9);
        assertEquals(HAND.w121, analysis.gradient(ParamId.weight(1, 2, 1)), 1e-9);
        assertEquals(0.0695767632, analysis.gradient(ParamId.weight(1, 2, 1)), 1e-9);
        assertEquals(HAND.w112, analysis.gradient(ParamId.weight(1, 1, 2)), 1e-9);
        assertEquals(HAND.b11, analysis.gradient(ParamId.bias(1, 1)), 1e-9);
        assertEquals(-0.2205520076, analysis.gradient(ParamId.bias(1, 1)), 1e-9);
        assertEquals(HAND.w212, analysis.gradient(ParamId.weight(2, 1, 2)), 1e-9);
        assertEquals(HAND.b21, analysis.gradient(ParamId.bias(2, 1)), 1e-9);
    }

    @Test
    void deltasFollowTheRecursionStepByStep() {
        List<RnnAnalysis.Delta> ds = analysis.deltas();
        assertEquals(6, ds.size());
        assertEquals(3, ds.get(0).step()); // from t = T down
        assertEquals(HAND.d31, ds.get(0).delta(), 1e-12);
        assertEquals(HAND.d32, ds.get(1).delta(), 1e-12);
        assertEquals(HAND.d21, ds.get(2).delta(), 1e-12);
        assertEquals(HAND.d22, ds.get(3).delta(), 1e-12);
        assertEquals(HAND.d11, ds.get(4).delta(), 1e-12);
        assertEquals(HAND.d12, ds.get(5).delta(), 1e-12);
        assertEquals(0.5 * HAND.d21 + 0.2 * HAND.d22, ds.get(4).upstream(), 1e-12); // (Uᵀ δ_2)_1
        assertEquals(1 - HAND.h11 * HAND.h11, ds.get(4).gPrime(), 1e-12);
        for (RnnAnalysis.Delta d : ds) {
            assertEquals(d.upstream() * d.gPrime(), d.delta(), 1e-15);
        }
    }

    @Test
    void aRecurrentWeightsTermsAreOnePerStepWithHZeroAtTheFirst() {
        List<RnnAnalysis.Term> terms = analysis.terms(ParamId.recurrent(1, 1, 2));
        assertEquals(3, terms.size());
        assertEquals(0, terms.get(0).factor());
        assertEquals(HAND.h12, terms.get(1).factor(), 1e-12);
        assertEquals(HAND.d21, terms.get(1).delta(), 1e-12);
        assertEquals(HAND.h22, terms.get(2).factor(), 1e-12);
        assertEquals(HAND.u112, terms.stream().mapToDouble(RnnAnalysis.Term::product).sum(), 1e-12);
    }

    @Test
    void everyGradientPassesTheFiniteDifferenceCheck() {
        RnnAnalysis.Explanation x = analysis.explain(List.of());
        assertEquals(13, x.parameters().size());
        for (RnnAnalysis.Parameter p : x.parameters()) {
            assertEquals(Verdict.PASS, p.check().verdict(), p.id().toString());
        }
    }

    @Test
    void theChainRuleOverEveryPathGivesTheComposedGradient() {
        RnnModel m = analysis.model(1);
        Evaluator ev = new Evaluator(m.definitions());
        for (ParamId id : spec.parameters()) {
            Expr allPaths = m.derivation(id).result();
            assertEquals(ev.eval(m.gradient(id), m.sampleValues(spec.data().get(0))),
                    ev.eval(allPaths, m.sampleValues(spec.data().get(0))), 1e-12, id.toString());
        }
    }

    @Test
    void parametersAreWThenUThenBThenTheDenseLayers() {
        List<ParamId> ids = spec.parameters();
        assertEquals(List.of(ParamId.weight(1, 1, 1), ParamId.weight(1, 1, 2), ParamId.weight(1, 2, 1),
                ParamId.weight(1, 2, 2), ParamId.recurrent(1, 1, 1), ParamId.recurrent(1, 1, 2),
                ParamId.recurrent(1, 2, 1), ParamId.recurrent(1, 2, 2), ParamId.bias(1, 1), ParamId.bias(1, 2),
                ParamId.weight(2, 1, 1), ParamId.weight(2, 1, 2), ParamId.bias(2, 1)), ids);
        assertEquals(-0.3, spec.parameter(ParamId.recurrent(1, 1, 2)));
        assertEquals("no parameter u[2,1,1] in this network: layer 2 is dense with 1 neuron of 2 inputs"
                + " (w[2,i,j], b[2,i])", assertThrows(UserError.class,
                        () -> spec.parameter(ParamId.recurrent(2, 1, 1))).getMessage());
        assertEquals("no parameter u[1,3,1] in this network: layer 1 is rnn with 2 units of 2 inputs"
                + " (w[1,i,j], u[1,i,j], b[1,i])", assertThrows(UserError.class,
                        () -> spec.parameter(ParamId.recurrent(1, 3, 1))).getMessage());
    }

    @Test
    void sequencesMayDifferInLengthAndAOneStepSequenceGivesNoRecurrentGradient() {
        String yaml = """
                inputs: [x]
                layers:
                  - type: rnn
                    units: 1
                    activation: tanh
                    weights: [[0.5]]
                    recurrent: [[0.8]]
                    biases: [0]
                  - units: 1
                    activation: identity
                    weights: [[2]]
                    biases: [0]
                loss: se
                reduction: sum
                data:
                  - {x: [1], y: 0}
                  - {x: [1, -1], y: 1}
                """;
        RnnNetSpec s = SpecLoader.parseRnn(yaml, "two.yaml");
        assertEquals(1, s.data().get(0).steps());
        assertEquals(2, s.data().get(1).steps());
        RnnAnalysis a = new RnnAnalysis(s);
        // sample 1: h = tanh 0.5, ŷ = 2h, L₁ = (0 − 2h)²; u does not occur (h_0 = 0)
        double h = Math.tanh(0.5);
        // sample 2: h_1 = tanh 0.5, z_2 = −0.5 + 0.8·h_1, h_2 = tanh z_2, ŷ = 2 h_2, L₂ = (1 − ŷ)²
        double z2 = -0.5 + 0.8 * h;
        double h2 = Math.tanh(z2);
        assertEquals(4 * h * h + Math.pow(1 - 2 * h2, 2), a.loss(), 1e-12);
        double du = -2 * (1 - 2 * h2) * 2 * (1 - h2 * h2) * h; // only sample 2, step 2
        assertEquals(du, a.gradient(ParamId.recurrent(1, 1, 1)), 1e-12);
        assertEquals(Expr.Num.ZERO, a.model(1).gradient(ParamId.recurrent(1, 1, 1)));
    }

    @Test
    void regularizationCoversWAndUNeverB() {
        String yaml = """
                inputs: [x1, x2]
                layers:
                  - type: rnn
                    units: 2
                    activation: tanh
                    weights: [[0.1, 0.2], [0.3, -0.1]]
                    recurrent: [[0.5, -0.3], [0.2, 0.4]]
                    biases: [0, 0.1]
                  - units: 1
                    activation: sigmoid
                    weights: [[0.3, -0.2]]
                    biases: [0]
                loss: bce
                regularization: {l2: 0.1, l1: 0.01}
                data:
                  - {x: [[1, 0], [0.5, -1], [0, 1]], y: [1]}
                """;
        RnnAnalysis a = new RnnAnalysis(SpecLoader.parseRnn(yaml, "reg.yaml"));
        double sq = 0.01 + 0.04 + 0.09 + 0.01 + 0.25 + 0.09 + 0.04 + 0.16 + 0.09 + 0.04;
        double abs = 0.1 + 0.2 + 0.3 + 0.1 + 0.5 + 0.3 + 0.2 + 0.4 + 0.3 + 0.2;
        assertEquals(HAND.loss + 0.05 * sq + 0.01 * abs, a.loss(), 1e-9);
        assertEquals(HAND.u112 + 0.1 * -0.3 - 0.01, a.gradient(ParamId.recurrent(1, 1, 2)), 1e-9);
        assertEquals(HAND.b11, a.gradient(ParamId.bias(1, 1)), 1e-9);
        for (RnnAnalysis.Parameter p : a.explain(List.of()).parameters()) {
            assertEquals(Verdict.PASS, p.check().verdict(), p.id().toString());
        }
        assertTrue(a.loss() > HAND.loss);
    }
}
