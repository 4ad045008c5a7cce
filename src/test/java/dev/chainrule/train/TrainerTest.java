package dev.chainrule.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.network.spec.SpecGenerator;
import dev.chainrule.network.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
    static final Path NOTES = Path.of("notes");

    static TrainConfig sgd(int epochs, int b, double eta) {
        return TrainConfig.sgd(epochs, b, eta);
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tol * scale, what + " [" + i + "]");
        }
    }

    // ------------------------------------------------------------------ the notes

    /** Seed 000: per-sample SGD, η = 0.1, after sample 1: ∂L/∂b₁⁽¹⁾ = δ₁⁽¹⁾ = −0.562 → b₁⁽¹⁾ = 1.056; no weight update. */
    @Test
    void seed000FirstUpdate() {
        NetworkSpec xor = SpecLoader.load(NOTES.resolve("xor-relu-sigmoid-bce.yaml"));
        TrainResult r = new Trainer(xor).train(sgd(1, 1, 0.1));
        TrainResult.StepRecord s = r.steps().get(0);
        assertEquals(List.of(1), s.samples());
        int b11 = xor.indexOf(ParamId.bias(1, 1));
        int w111 = xor.indexOf(ParamId.weight(1, 1, 1));
        assertEquals(-0.562, s.updates()[b11].gradient(), 0.0005);
        assertEquals(1.056, s.updates()[b11].after(), 0.0005);
        assertEquals(1 - 0.1 * s.updates()[b11].gradient(), s.updates()[b11].after(), 1e-15);
        assertEquals(0.0, s.updates()[w111].gradient());
        assertEquals(1.0, s.updates()[w111].after());
        // δ₁⁽¹⁾ = (ŷ − y)·w₁₁⁽²⁾ with ŷ = σ(0.25)
        double yhat = 1 / (1 + Math.exp(-0.25));
        assertEquals(-yhat, s.updates()[b11].gradient(), 1e-15);
        // the built-in example is the same network
        assertArrayEquals(r.parameters(), new Trainer(BuiltinExamples.xor()).train(sgd(1, 1, 0.1)).parameters());
    }

    /** Seed 002: x = 3, w = 0.1, identity, se, y = 1, η = 1: w ← 0.1 − 1·(−4.2) = 4.3 (and b ← 1.4, L = 176.89). */
    @Test
    void seed002OneStep() {
        NetworkSpec one = SpecLoader.load(NOTES.resolve("one-d-identity.yaml"));
        assertEquals(1.0, one.learningRate());
        TrainResult r = new Trainer(one).train(sgd(1, 0, one.learningRate()));
        assertEquals(-4.2, r.steps().get(0).updates()[0].gradient(), 1e-12);
        assertEquals(4.3, r.parameters()[0], 1e-12);
        assertEquals(1.4, r.parameters()[1], 1e-12);
        assertEquals(0.49, r.initialLoss(), 1e-12);
        assertEquals(176.89, r.epochs().get(0).loss(), 1e-9);
    }

    // ------------------------------------------------------------------ against the independent reference

    static NetworkSpec xorWithData() {
        return SpecLoader.load(NOTES.resolve("xor-relu-sigmoid-bce.yaml"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 0})
    void xorBatchSizesMatchTheReference(int b) {
        NetworkSpec xor = xorWithData();
        ReferenceMlp ref = new ReferenceMlp(xor);
        for (int epochs : new int[] {1, 50}) {
            TrainResult r = new Trainer(xor).train(sgd(epochs, b, 0.1));
            int eff = b == 0 ? 4 : b;
            double[] expected = ref.sgd(0.1, eff, epochs);
            assertClose(expected, r.parameters(), 1e-12, "B=" + b + " after " + epochs + " epochs");
            assertEquals(ref.loss(expected), r.finalLoss(), 1e-12);
            assertEquals(epochs, r.epochs().size());
            assertEquals((4 + eff - 1) / eff, r.stepsPerEpoch());
        }
    }

    @Test
    void perSampleMiniBatchAndFullBatchDiffer() {
        NetworkSpec xor = xorWithData();
        double[] p1 = new Trainer(xor).train(sgd(3, 1, 0.1)).parameters();
        double[] p2 = new Trainer(xor).train(sgd(3, 2, 0.1)).parameters();
        double[] p4 = new Trainer(xor).train(sgd(3, 0, 0.1)).parameters();
        assertFalse(java.util.Arrays.equals(p1, p2));
        assertFalse(java.util.Arrays.equals(p2, p4));
    }

    /** Random small MLPs of every supported activation and loss: B = 1, 2 and all, 1 and 20 epochs. */
    @Test
    void randomNetworksMatchTheReference() {
        Activation[] hidden = {Activation.TANH, Activation.SIGMOID, Activation.RELU, Activation.LEAKY_RELU,
                Activation.IDENTITY};
        Object[][] heads = {{Activation.SIGMOID, Loss.BCE}, {Activation.IDENTITY, Loss.SE},
                {Activation.IDENTITY, Loss.HALF_SE}, {Activation.TANH, Loss.SE}};
        int cases = 0;
        for (int h = 0; h < hidden.length; h++) {
            for (Object[] head : heads) {
                long seed = 31L * h + head.hashCode() % 7;
                int[] widths = h % 2 == 0 ? new int[] {3, 4, 2} : new int[] {2, 3, 3, 1};
                if (head[1] == Loss.BCE || head[0] == Activation.TANH) {
                    widths[widths.length - 1] = h % 2 == 0 ? 2 : 1;
                }
                NetworkSpec spec = SpecGenerator.mlp(widths, hidden[h], (Activation) head[0], (Loss) head[1], 5, seed);
                ReferenceMlp ref = new ReferenceMlp(spec);
                for (int b : new int[] {1, 2, 0}) {
                    for (int epochs : new int[] {1, 20}) {
                        double[] actual = new Trainer(spec).train(sgd(epochs, b, 0.05)).parameters();
                        double[] expected = ref.sgd(0.05, b == 0 ? 5 : b, epochs);
                        assertClose(expected, actual, 1e-10, spec.shape() + " " + hidden[h] + "/" + head[0] + "/"
                                + head[1] + " B=" + b + " E=" + epochs);
                        cases++;
                    }
                }
            }
        }
        assertEquals(120, cases);
    }

    /** The compiled gradient of a batch is exactly NetworkAnalysis#gradient of a spec holding that batch. */
    @Test
    void compiledGradientIsTheDerivationEnginesGradient() {
        NetworkSpec spec = SpecGenerator.mlp(new int[] {3, 5, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CE, 6, 7);
        CompiledNetwork net = new CompiledNetwork(spec);
        SplittableRandom r = new SplittableRandom(3);
        double[] p = spec.parameterVector();
        for (int i = 0; i < p.length; i++) {
            p[i] += r.nextDouble(-0.5, 0.5);
        }
        int[] order = {4, 1, 5, 0, 2, 3};
        CompiledNetwork.Evaluation e = net.evaluate(p, order, 1, 4, true);
        List<Sample> batch = new ArrayList<>();
        for (int k = 1; k < 4; k++) {
            batch.add(spec.data().get(order[k]));
        }
        NetworkAnalysis a = new NetworkAnalysis(spec.withParameters(p).withData(batch));
        assertArrayEquals(a.gradient(), e.gradient());
        assertEquals(a.loss(), e.loss());
        assertEquals(new NetworkAnalysis(spec.withParameters(p)).loss(), net.evaluateAll(p, false).loss());
    }

    // ------------------------------------------------------------------ momentum and Adam, by hand

    /**
     * 1-D (x = 3, w = 0.1, b = 0, y = 1, se), η = 0.01, μ = 0.9, v ← μv + g, p ← p − ηv.
     * Step 1: ŷ = 0.3, g_w = 2(−0.7)(3) = −4.2, g_b = −1.4; v = (−4.2, −1.4); w = 0.142, b = 0.014.
     * Step 2: ŷ = 0.44, g_w = 2(−0.56)(3) = −3.36, g_b = −1.12; v_w = −3.78 − 3.36 = −7.14, v_b = −1.26 − 1.12 = −2.38;
     * w = 0.142 + 0.0714 = 0.2134, b = 0.014 + 0.0238 = 0.0378.
     */
    @Test
    void momentumTwoStepsByHand() {
        NetworkSpec one = SpecLoader.load(NOTES.resolve("one-d-identity.yaml"));
        TrainConfig c = new TrainConfig(2, 0, "momentum", 0.01, 0.9, 0.9, 0.999, 1e-8, OptionalLong.empty(), 2);
        TrainResult r = new Trainer(one).train(c);
        assertEquals(0.142, r.steps().get(0).updates()[0].after(), 1e-12);
        assertEquals(0.014, r.steps().get(0).updates()[1].after(), 1e-12);
        assertEquals(-7.14, r.steps().get(1).updates()[0].state().get("v"), 1e-12);
        assertEquals(-2.38, r.steps().get(1).updates()[1].state().get("v"), 1e-12);
        assertEquals(0.2134, r.parameters()[0], 1e-12);
        assertEquals(0.0378, r.parameters()[1], 1e-12);
    }

    /**
     * The same 1-D problem, Adam with η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     * Step 1: g = (−4.2, −1.4); m = 0.1g = (−0.42, −0.14); v = 0.001g² = (0.01764, 0.00196); m̂ = m/0.1 = g;
     * v̂ = v/0.001 = g²; so each parameter moves by η·|g|/(|g| + ε) ≈ 0.1: w ≈ 0.2, b ≈ 0.1.
     * Step 2: ŷ ≈ 0.7, g = (2(−0.3)(3), 2(−0.3)) = (−1.8, −0.6); m_w = −0.378 − 0.18 = −0.558,
     * v_w = 0.01762236 + 0.00324 = 0.02086236; m_b = −0.126 − 0.06 = −0.186, v_b = 0.00195804 + 0.00036 = 0.00231804;
     * m̂ = m/0.19, v̂ = v/0.001999; p ← p − 0.1·m̂/(√v̂ + ε).
     */
    @Test
    void adamTwoStepsByHand() {
        NetworkSpec one = SpecLoader.load(NOTES.resolve("one-d-identity.yaml"));
        TrainConfig c = new TrainConfig(2, 0, "adam", 0.1, 0.9, 0.9, 0.999, 1e-8, OptionalLong.empty(), 2);
        TrainResult r = new Trainer(one).train(c);
        assertEquals(0.2, r.steps().get(0).updates()[0].after(), 1e-8);
        assertEquals(0.1, r.steps().get(0).updates()[1].after(), 1e-8);
        assertEquals(-4.2, r.steps().get(0).updates()[0].state().get("m_hat"), 1e-12);
        assertEquals(17.64, r.steps().get(0).updates()[0].state().get("v_hat"), 1e-9);
        var w2 = r.steps().get(1).updates()[0];
        var b2 = r.steps().get(1).updates()[1];
        assertEquals(-1.8, w2.gradient(), 1e-7);
        assertEquals(-0.558, w2.state().get("m"), 1e-7);
        assertEquals(0.02086236, w2.state().get("v"), 1e-8);
        assertEquals(-0.186, b2.state().get("m"), 1e-7);
        assertEquals(0.00231804, b2.state().get("v"), 1e-8);
        double w = 0.2 - 0.1 * (-0.558 / 0.19) / (Math.sqrt(0.02086236 / 0.001999) + 1e-8);
        double b = 0.1 - 0.1 * (-0.186 / 0.19) / (Math.sqrt(0.00231804 / 0.001999) + 1e-8);
        assertEquals(w, r.parameters()[0], 1e-7);
        assertEquals(b, r.parameters()[1], 1e-7);
        assertEquals(0.290909, r.parameters()[0], 1e-6);
        assertEquals(0.190909, r.parameters()[1], 1e-6);
    }

    // ------------------------------------------------------------------ learning, shuffling, divergence

    static final String XOR_241 = """
            name: XOR 2-4-1 (tanh, sigmoid)
            inputs: [x1, x2]
            layers:
              - units: 4
                activation: tanh
              - units: 1
                activation: sigmoid
            init: {seed: 1}
            loss: bce
            learning_rate: 0.5
            data:
              - {x: [0, 0], y: [0]}
              - {x: [0, 1], y: [1]}
              - {x: [1, 0], y: [1]}
              - {x: [1, 1], y: [0]}
            """;

    /** 2-4-1, tanh + σ, BCE, init seed 1, full batch, η = 0.5, 1000 epochs: loss < 0.05 and XOR is right. */
    @Test
    void xorWithAWiderHiddenLayerLearns() {
        NetworkSpec spec = SpecLoader.parse(XOR_241, "xor-241.yaml");
        TrainResult r = new Trainer(spec).train(sgd(1000, 0, spec.learningRate()));
        assertFalse(r.diverged());
        assertTrue(r.initialLoss() > 0.6, "starts near log 2: " + r.initialLoss());
        assertTrue(r.finalLoss() < 0.05, "final loss " + r.finalLoss());
        NetworkSpec trained = spec.withParameters(r.parameters());
        ReferenceMlp ref = new ReferenceMlp(trained);
        assertEquals(ref.loss(r.parameters()), r.finalLoss(), 1e-12);
    }

    @Test
    void xorLearnsWithAdamAndPerSampleSgdToo() {
        NetworkSpec spec = SpecLoader.parse(XOR_241, "xor-241.yaml");
        TrainResult adam = new Trainer(spec).train(new TrainConfig(300, 0, "adam", 0.05, 0.9, 0.9, 0.999, 1e-8,
                OptionalLong.empty(), 1));
        assertTrue(adam.finalLoss() < 0.05, "adam " + adam.finalLoss());
        TrainResult perSample = new Trainer(spec).train(sgd(1000, 1, 0.2).withShuffle(7));
        assertTrue(perSample.finalLoss() < 0.05, "per-sample " + perSample.finalLoss());
    }

    @Test
    void shuffleIsSeededAndWalksAPermutation() {
        NetworkSpec xor = xorWithData();
        TrainConfig c = sgd(5, 1, 0.1).withShowSteps(8);
        TrainResult a = new Trainer(xor).train(c.withShuffle(42));
        TrainResult b = new Trainer(xor).train(c.withShuffle(42));
        TrainResult other = new Trainer(xor).train(c.withShuffle(43));
        assertArrayEquals(a.parameters(), b.parameters());
        assertNotEquals(List.of(a.parameters()[0]), List.of(other.parameters()[0]));
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Integer> seen = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                seen.addAll(a.steps().get(epoch * 4 + s).samples());
            }
            assertEquals(List.of(1, 2, 3, 4), seen.stream().sorted().toList());
        }
        // the documented algorithm: Fisher–Yates from one SplittableRandom(seed)
        SplittableRandom random = new SplittableRandom(42);
        int[] order = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int s = 0; s < 4; s++) {
            assertEquals(List.of(order[s] + 1), a.steps().get(s).samples());
        }
        // without --shuffle: file order
        TrainResult plain = new Trainer(xor).train(c);
        for (int s = 0; s < 8; s++) {
            assertEquals(List.of(s % 4 + 1), plain.steps().get(s).samples());
        }
    }

    @Test
    void divergenceStopsWithEpochAndAdvice() {
        NetworkSpec one = SpecLoader.load(NOTES.resolve("one-d-identity.yaml"));
        TrainResult r = new Trainer(one).train(sgd(1000, 0, 1));
        assertTrue(r.diverged());
        TrainResult.Divergence d = r.divergence().orElseThrow();
        assertTrue(d.epoch() > 1 && d.epoch() < 1000, "epoch " + d.epoch());
        assertEquals(d.epoch() - 1, r.epochs().size());
        String msg = Trainer.divergenceMessage(r);
        assertTrue(msg.contains("epoch " + d.epoch()), msg);
        assertTrue(msg.contains("smaller learning rate"), msg);
        assertTrue(msg.contains("--learning-rate 0.1"), msg);
        // the same run at η = 0.01 converges
        TrainResult ok = new Trainer(one).train(sgd(200, 0, 0.01));
        assertFalse(ok.diverged());
        assertTrue(ok.finalLoss() < 1e-6, "loss " + ok.finalLoss());
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThrows(UserError.class, () -> sgd(0, 0, 0.1));
        assertThrows(UserError.class, () -> sgd(1, -1, 0.1));
        assertThrows(UserError.class, () -> sgd(1, 0, 0));
        assertThrows(UserError.class, () -> sgd(1, 0, Double.NaN));
        assertThrows(UserError.class, () -> new TrainConfig(1, 0, "rmsprop", 0.1, 0.9, 0.9, 0.999, 1e-8,
                OptionalLong.empty(), 1));
        assertThrows(UserError.class, () -> new TrainConfig(1, 0, "momentum", 0.1, 1.0, 0.9, 0.999, 1e-8,
                OptionalLong.empty(), 1));
    }

    @Test
    void shuffledFullBatchIsTheFullBatchUpToRounding() {
        NetworkSpec xor = xorWithData();
        double[] plain = new Trainer(xor).train(sgd(20, 0, 0.1)).parameters();
        double[] shuffled = new Trainer(xor).train(sgd(20, 0, 0.1).withShuffle(9)).parameters();
        assertClose(plain, shuffled, 1e-13, "shuffled full batch");
    }

    @Test
    void sumReductionStepsWithTheSummedGradient() {
        NetworkSpec xor = xorWithData();
        NetworkSpec summed = new NetworkSpec(xor.inputs(), xor.outputs(), xor.layers(), xor.loss(),
                dev.chainrule.network.spec.Reduction.SUM, xor.learningRate(), xor.data(), xor.name());
        ReferenceMlp ref = new ReferenceMlp(summed);
        for (int b : new int[] {1, 2, 0}) {
            double[] actual = new Trainer(summed).train(sgd(10, b, 0.05)).parameters();
            assertClose(ref.sgd(0.05, b == 0 ? 4 : b, 10), actual, 1e-12, "sum, B=" + b);
        }
    }

    @Test
    void batchLargerThanTheDataIsTheWholeData() {
        NetworkSpec xor = xorWithData();
        assertArrayEquals(new Trainer(xor).train(sgd(3, 0, 0.1)).parameters(),
                new Trainer(xor).train(sgd(3, 100, 0.1)).parameters());
    }
}
