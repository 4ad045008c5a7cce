package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.numeric.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Matt Mazur's "A Step by Step Backpropagation Example": 2-2-2, sigmoid everywhere, E = Σ ½(target − out)².
 * His weights are numbered by the edge: w1 = i1→h1, w2 = i2→h1, w3 = i1→h2, w4 = i2→h2, w5 = h1→o1,
 * w6 = h2→o1, w7 = h1→o2, w8 = h2→o2; so w1 = w[1,1,1], w2 = w[1,1,2], w3 = w[1,2,1], w4 = w[1,2,2],
 * w5 = w[2,1,1], w6 = w[2,1,2], w7 = w[2,2,1], w8 = w[2,2,2]. b1 = 0.35 is shared by both hidden units and
 * b2 = 0.60 by both outputs (here they are two biases each, with equal values).
 */
class MazurExampleTest {
    static final String YAML = """
            inputs: [i1, i2]
            outputs: [o1, o2]
            layers:
              - units: 2
                activation: sigmoid
                weights: [[0.15, 0.20], [0.25, 0.30]]   # w1 w2 / w3 w4
                biases: [0.35, 0.35]
              - units: 2
                activation: sigmoid
                weights: [[0.40, 0.45], [0.50, 0.55]]   # w5 w6 / w7 w8
                biases: [0.60, 0.60]
            loss: half_se
            reduction: sum
            learning_rate: 0.5
            data:
              - {x: [0.05, 0.10], y: [0.01, 0.99]}
            """;

    @Test
    void totalErrorAndGradients() {
        NetworkSpec spec = SpecLoader.parse(YAML, "mazur.yaml");
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        NetworkExplanation e = analysis.explain(List.of(), Optional.empty(), CheckMode.ALL, 1);
        Map<String, Double> f = e.forward().get(0);
        // his forward pass: out_h1 = 0.593269992, out_h2 = 0.596884378, out_o1 = 0.75136507, out_o2 = 0.772928465
        assertEquals(0.593269992, f.get("a[1,1]"), 5e-10);
        assertEquals(0.596884378, f.get("a[1,2]"), 5e-10);
        assertEquals(0.75136507, f.get("o1"), 5e-9);
        assertEquals(0.772928465, f.get("o2"), 5e-10);
        assertEquals(0.298371109, e.loss(), 5e-10);
        double[] g = analysis.gradient();
        // ∂E/∂w5 = 0.082167041, ∂E/∂w1 = 0.000438568
        assertEquals(0.082167041, g[spec.indexOf(ParamId.weight(2, 1, 1))], 5e-10);
        assertEquals(0.000438568, g[spec.indexOf(ParamId.weight(1, 1, 1))], 5e-10);
        // δ_o1 = ∂E/∂net_o1 = 0.138498562
        assertEquals(0.138498562, f.get("delta[2,1]"), 5e-10);
        // his updates with η = 0.5: w5⁺ = 0.35891648, w6⁺ = 0.408666186, w7⁺ = 0.511301270, w8⁺ = 0.561370121,
        // w1⁺ = 0.149780716, w2⁺ = 0.19956143, w3⁺ = 0.24975114, w4⁺ = 0.29950229
        double[] expected = {0.149780716, 0.19956143, 0.24975114, 0.29950229,
                0.35891648, 0.408666186, 0.511301270, 0.561370121};
        String[] ids = {"w[1,1,1]", "w[1,1,2]", "w[1,2,1]", "w[1,2,2]", "w[2,1,1]", "w[2,1,2]", "w[2,2,1]", "w[2,2,2]"};
        for (int k = 0; k < ids.length; k++) {
            ParamId id = ParamId.parse(ids[k]);
            double updated = spec.parameter(id) - spec.learningRate() * g[spec.indexOf(id)];
            assertEquals(expected[k], updated, 5e-9, ids[k]);
        }
        for (ParameterResult r : e.parameters()) {
            assertEquals(Verdict.PASS, r.check().orElseThrow().verdict(), r.id().toString());
        }
    }
}
