package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecGenerator;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.numeric.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked numbers for the activations and losses of issue 14 on a 1-1 network: x = 1, w = 0.5, b = 0, so
 * z = 0.5 and ŷ = softplus(0.5) = log(1 + e^0.5) = log 2.6487212707 = 0.9740769841801067, and
 * ∂ŷ/∂z = σ(0.5) = 0.6224593312018546.
 *
 * <ul>
 *   <li>huber, δ = 1, y = 2: r = y − ŷ = 1.0259230158 &gt; δ, the linear region: L = δ(|r| − δ/2) = 0.5259230158;
 *       ∂L/∂ŷ = −δ·sign(r) = −1, so ∂L/∂w = ∂L/∂b = −1·σ(0.5)·1 = −0.6224593312.</li>
 *   <li>huber, δ = 1, y = 1.5: r = 0.5259230158 ≤ δ, the quadratic region: L = ½r² = 0.1382975093;
 *       ∂L/∂w = −r·σ(0.5) = −0.3273656887.</li>
 *   <li>mae, y = 0.2: L = |y − ŷ| = 0.7740769842; ∂L/∂ŷ = −sign(y − ŷ) = +1, ∂L/∂w = σ(0.5) = 0.6224593312.</li>
 * </ul>
 */
class Issue14ExamplesTest {
    private static NetworkSpec net(String loss, double y, String extra) {
        return SpecLoader.parse("""
                inputs: [x]
                layers:
                  - {units: 1, activation: softplus, weights: [[0.5]], biases: [0]}
                loss: %s
                %s
                data:
                  - {x: 1, y: %s}
                """.formatted(loss, extra, y), "example.yaml");
    }

    private static void assertGradient(NetworkSpec spec, double loss, double dw) {
        NetworkAnalysis a = new NetworkAnalysis(spec);
        assertEquals(loss, a.loss(), 1e-12, "loss");
        double[] g = a.gradient();
        assertEquals(dw, g[0], 1e-12, "∂L/∂w");
        assertEquals(dw, g[1], 1e-12, "∂L/∂b (x = 1)");
        NetworkExplanation e = a.explain(List.of(), Optional.empty(), CheckMode.ALL, 1);
        for (ParameterResult r : e.parameters()) {
            assertEquals(Verdict.PASS, r.check().orElseThrow().verdict(), r.id() + " " + r.check());
        }
    }

    @Test
    void softplusWithHuberInTheLinearRegion() {
        assertGradient(net("huber", 2, "huber_delta: 1"), 0.5259230158198933, -0.6224593312018546);
    }

    @Test
    void softplusWithHuberInTheQuadraticRegion() {
        assertGradient(net("huber", 1.5, ""), 0.13829750928454587, -0.3273656886909132);
    }

    @Test
    void hubersDeltaMovesTheBoundary() {
        // δ = 2: r = 1.0259 is now inside, L = ½r² and ∂L/∂w = −r·σ(0.5)
        double r = 2 - 0.9740769841801067;
        assertGradient(net("huber", 2, "huber_delta: 2"), 0.5 * r * r, -r * 0.6224593312018546);
    }

    @Test
    void softplusWithMae() {
        assertGradient(net("mae", 0.2, ""), 0.7740769841801067, 0.6224593312018546);
    }

    /**
     * With regularization {l2: 0.01, l1: 0.1} on the linear-region Huber example: the penalty is
     * (0.01/2)·0.5² + 0.1·|0.5| = 0.00125 + 0.05, so L = 0.5259230158 + 0.05125 = 0.5771730158; ∂L/∂w gains
     * λw + μ·sign(w) = 0.005 + 0.1 = 0.105: −0.6224593312 + 0.105 = −0.5174593312; the bias is not penalised.
     */
    @Test
    void regularizationJoinsTheReducedLossForWeightsOnly() {
        NetworkSpec spec = net("huber", 2, "regularization: {l2: 0.01, l1: 0.1}");
        NetworkAnalysis a = new NetworkAnalysis(spec);
        assertEquals(0.5771730158198933, a.loss(), 1e-12);
        double[] g = a.gradient();
        assertEquals(-0.5174593312018546, g[0], 1e-12, "∂L/∂w");
        assertEquals(-0.6224593312018546, g[1], 1e-12, "∂L/∂b: biases are never penalised");
        NetworkExplanation e = a.explain(List.of(), Optional.empty(), CheckMode.ALL, 1);
        ParameterResult w = e.parameters().get(0);
        assertEquals(Verdict.PASS, w.check().orElseThrow().verdict());
        NetworkExplanation.Penalty p = w.penalty().orElseThrow();
        assertEquals(0.105, p.value(), 1e-15);
        assertEquals(-0.6224593312018546, p.dataGradient(), 1e-12);
        assertEquals("w[1,1,1]/100 + sign(w[1,1,1])/10", dev.chainrule.expr.InputPrinter.str(p.derivative()));
        assertEquals(Optional.empty(), e.parameters().get(1).penalty());
        assertEquals(0.5771730158198933, e.loss(), 1e-12);
    }

    /** torch's weight_decay = λ (SGD adds λw to the gradient) is l2: λ: the same gradient, not 2λw. */
    @Test
    void l2IsTorchsWeightDecay() {
        NetworkSpec plain = net("mae", 0.2, "");
        NetworkSpec decayed = net("mae", 0.2, "regularization: {l2: 0.3}");
        double[] g0 = new NetworkAnalysis(plain).gradient();
        double[] g = new NetworkAnalysis(decayed).gradient();
        assertEquals(g0[0] + 0.3 * 0.5, g[0], 1e-15);
        assertEquals(g0[1], g[1], 0.0);
        assertEquals(decayed, SpecLoader.parse(SpecGenerator.toYaml(decayed), "back.yaml"), "the YAML writer keeps it");
    }

    /** train's compiled program carries the same penalty: its loss and gradient are explain's. */
    @Test
    void trainingSeesTheRegularizedLoss() {
        NetworkSpec spec = net("huber", 2, "regularization: {l2: 0.01, l1: 0.1}");
        dev.chainrule.train.CompiledNetwork c = new dev.chainrule.train.CompiledNetwork(spec);
        dev.chainrule.train.CompiledNetwork.Evaluation ev = c.evaluateAll(spec.parameterVector(), true);
        assertEquals(0.5771730158198933, ev.loss(), 1e-12);
        assertEquals(-0.5174593312018546, ev.gradient()[0], 1e-12);
        assertEquals(-0.6224593312018546, ev.gradient()[1], 1e-12);
    }

    /**
     * An ELU unit exactly at z = 0 (x = 0, b = 0): with α = 1 its slopes agree on both sides (1 and e⁰), so the
     * finite difference is judged (∂L/∂b = (ŷ − y)·ELU′(0) = (0 − 1)·1 = −1 under half_se); with α = ½ the slope
     * jumps from ½ to 1 and the check reports a kink.
     */
    @Test
    void eluIsAKinkAtZeroOnlyWhenAlphaIsNotOne() {
        for (String alpha : List.of("1", "0.5")) {
            NetworkSpec spec = SpecLoader.parse("""
                    inputs: [x]
                    layers:
                      - {units: 1, activation: elu, alpha: %s, weights: [[0.5]], biases: [0]}
                    loss: half_se
                    data:
                      - {x: 0, y: 1}
                    """.formatted(alpha), "elu.yaml");
            NetworkAnalysis a = new NetworkAnalysis(spec);
            ParameterResult b = a.explain(List.of(), Optional.empty(), CheckMode.ALL, 1).parameters().get(1);
            assertEquals(-Double.parseDouble(alpha), b.gradient(), 1e-15, "ELU′(0) = α, torch's convention");
            assertEquals(alpha.equals("1") ? Verdict.PASS : Verdict.KINK, b.check().orElseThrow().verdict(), alpha);
        }
    }

    @Test
    void hubersDeltaSurvivesTheYamlWriter() {
        NetworkSpec spec = net("huber", 2, "huber_delta: 0.25");
        assertEquals(0.25, spec.huberDelta());
        NetworkSpec back = SpecLoader.parse(SpecGenerator.toYaml(spec), "back.yaml");
        assertEquals(spec, back);
        assertNotEquals(spec, spec.withLoss(dev.chainrule.network.spec.Loss.MAE).withLoss(
                dev.chainrule.network.spec.Loss.HUBER).withLearningRate(0.5));
    }
}
