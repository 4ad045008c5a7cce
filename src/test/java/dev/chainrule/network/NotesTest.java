package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.NetworkExplanation.LayerGradient;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.numeric.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worked numbers of the lecture notes (/work/shared/seeds, see notes/README.md), recomputed from the specs in
 * notes/. Where the notes print a wrong number or formula, the test asserts the right one and says so.
 * Tolerances are the notes' own precision (they print 2–3 digits, sometimes truncated rather than rounded).
 */
class NotesTest {
    private static final Path NOTES = Path.of("notes");
    private static final double EXACT = 1e-12;

    static NetworkSpec load(String file) {
        return SpecLoader.load(NOTES.resolve(file));
    }

    static ParamId p(String id) {
        return ParamId.parse(id);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The full explanation with every parameter checked by finite differences. */
    static NetworkExplanation explainAll(NetworkSpec spec, Optional<Integer> sample) {
        return new NetworkAnalysis(spec).explain(List.of(), sample, CheckMode.ALL, 1);
    }

    static ParameterResult result(NetworkExplanation e, String id) {
        ParamId want = p(id);
        return e.parameters().stream().filter(r -> r.id().equals(want)).findFirst().orElseThrow();
    }

    /** The per-sample gradient ∂L_s/∂param of sample {@code s} (1-based), as explain shows it. */
    static double perSample(NetworkExplanation e, String id, int s) {
        return result(e, id).perSample().stream().filter(t -> t.sample() == s).findFirst().orElseThrow().value();
    }

    /** One unit of the last digit printed: 0.01 for 0.27, 0.001 for 0.562. */
    static double lastDigit(double printed) {
        return Math.pow(10, -java.math.BigDecimal.valueOf(printed).stripTrailingZeros().scale());
    }

    static double gradient(NetworkSpec spec, String id) {
        return new NetworkAnalysis(spec).gradient()[spec.indexOf(p(id))];
    }

    static void assertNoCheckFails(NetworkExplanation e, boolean kinksAllowed) {
        for (ParameterResult r : e.parameters()) {
            Verdict v = r.check().orElseThrow().verdict();
            assertNotEquals(Verdict.FAIL, v, r.id() + " " + r.check());
            if (!kinksAllowed) {
                assertEquals(Verdict.PASS, v, r.id() + " " + r.check());
            }
        }
    }

    // ------------------------------------------------------------------ all specs

    @Test
    void everyNotesSpecLoadsAndChecks() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(NOTES)) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(9, files.size(), files.toString());
        for (Path f : files) {
            NetworkSpec spec = SpecLoader.load(f);
            boolean kinks = spec.layers().stream().anyMatch(l -> l.activation().yamlName().contains("relu"));
            assertNoCheckFails(explainAll(spec, Optional.empty()), kinks);
        }
    }

    // ------------------------------------------------------------------ seed 000: XOR, ReLU → σ, BCE

    @Test
    void xorSpecIsTheBuiltinExample() throws IOException {
        assertEquals(Files.readString(Path.of("src/main/resources/examples/xor.yaml")),
                Files.readString(NOTES.resolve("xor-relu-sigmoid-bce.yaml")));
        assertEquals(BuiltinExamples.xor(), load("xor-relu-sigmoid-bce.yaml"));
    }

    @Test
    void xorForwardTable() {
        NetworkExplanation e = explainAll(load("xor-relu-sigmoid-bce.yaml"), Optional.empty());
        // columns of the notes' table: z_1^(1), h_1^(1), h_2 (headed "h_2^(2)", a typo for h_2^(1)), z_1^(2), ŷ, BCE
        double[][] table = {
                {1, 1, 0.5, 0.25, 0.562, 0.82},
                {1.5, 1.5, 1.5, 0.25, 0.562, 0.57},
                {2, 2, 0, -1, 0.27, 1.3},
                {2.5, 2.5, 1, -1, 0.27, 0.31},
        };
        assertEquals(List.of(1, 2, 3, 4), e.samplesShown());
        for (int s = 0; s < 4; s++) {
            Map<String, Double> f = e.forward().get(s);
            double[] row = table[s];
            assertEquals(row[0], f.get("z[1,1]"), EXACT);
            assertEquals(row[1], f.get("a[1,1]"), EXACT);
            assertEquals(row[2], f.get("a[1,2]"), EXACT);
            assertEquals(row[3], f.get("z[2,1]"), EXACT);
            assertEquals(row[4], f.get("yhat"), lastDigit(row[4]) / 2, "rounded to the notes' digits");
            // The notes truncate the first two BCE values: 0.8259 and 0.5759 print as 0.82 and 0.57 (rounded: 0.83,
            // 0.58); 1.3133 and 0.3133 are 1.3 and 0.31 either way. Within the notes' last digit:
            assertTrue(f.get("L") >= row[5] && f.get("L") < row[5] + (s == 2 ? 0.1 : 0.01), s + ": " + f.get("L"));
            assertTrue(f.get("z[1,1]") > 0, "z_1^(1) is always +ve");
        }
        assertEquals(0.8259394198788435, e.forward().get(0).get("L"), 1e-12);
        assertEquals(0.5759394198788437, e.forward().get(1).get("L"), 1e-12);
        assertEquals(1.3132616875182228, e.forward().get(2).get("L"), 1e-12);
        assertEquals(0.3132616875182228, e.forward().get(3).get("L"), 1e-12);
        // the loss is their mean
        assertEquals(0.7571005536985331, e.loss(), 1e-12);
        assertEquals(e.loss(), new NetworkAnalysis(load("xor-relu-sigmoid-bce.yaml")).loss(), 1e-15);
    }

    @Test
    void xorAfterSampleOne() {
        NetworkSpec spec = load("xor-relu-sigmoid-bce.yaml");
        NetworkExplanation e = new NetworkAnalysis(spec).explain(List.of(p("b[1,1]"), p("w[1,1,1]")), Optional.of(1),
                CheckMode.ALL, 1);
        assertEquals(List.of(1), e.samplesShown());
        // δ_1^(1) = (ŷ − y)·w_11^(2) = (0.562 − 0)(−1) = −0.562 (relu′(z_1^(1) = 1) = 1)
        double delta = perSample(e, "b[1,1]", 1);
        assertEquals(-0.562, delta, 0.0005);
        assertEquals(-0.5621765008857981, delta, 1e-12);
        assertEquals(delta, e.forward().get(0).get("delta[1,1]"), 1e-15);
        // ∂L/∂w_11^(1) = δ_1^(1)·x_1 = 0. The notes write "−δ_1^(1) x_1": the minus is wrong (δ·x_1 is the
        // gradient), though with x_1 = 0 the value is 0 either way.
        assertEquals(0.0, perSample(e, "w[1,1,1]", 1), 0.0);
        // b_1 ← b_1 − η ∂L/∂b_1 = 1 − 0.1(−0.562) = 1.056
        double updated = spec.parameter(p("b[1,1]")) - spec.learningRate() * delta;
        assertEquals(1.056, updated, 0.0005);
        // the gradient of the whole (mean) loss is not sample 1's: the notes' batch formula (1/n)Σ(ŷ_i − y_i)w_11^(2)
        List<Map<String, Double>> all = explainAll(spec, Optional.empty()).forward();
        double batch = 0;
        for (int s = 0; s < 4; s++) {
            batch += (all.get(s).get("yhat") - spec.data().get(s).yAt(0)) * spec.parameter(p("w[2,1,1]"));
        }
        assertEquals(batch / 4, result(e, "b[1,1]").gradient(), 1e-12);
        assertEquals(0.0844, result(e, "b[1,1]").gradient(), 0.0001);
    }

    @Test
    void xorBatchFormulaForW111() {
        // ∂L/∂w_11^(1) = (1/n) Σ (ŷ_i − y_i) w_11^(2) x_1i (valid here because z_1^(1) > 0 on every row)
        NetworkSpec spec = load("xor-relu-sigmoid-bce.yaml");
        NetworkExplanation e = explainAll(spec, Optional.empty());
        double sum = 0;
        for (int s = 0; s < 4; s++) {
            Map<String, Double> f = e.forward().get(s);
            sum += (f.get("yhat") - spec.data().get(s).yAt(0)) * -1 * spec.data().get(s).xAt(0);
        }
        assertEquals(sum / 4, gradient(spec, "w[1,1,1]"), 1e-12);
    }

    // ------------------------------------------------------------------ seed 001: linear regression

    @Test
    void linearRegressionExample() {
        NetworkSpec spec = load("linear-regression.yaml");
        NetworkExplanation e = explainAll(spec, Optional.empty());
        // FORWARD: z = 1·1 + 0·0 + 2·1 = 3
        assertEquals(3.0, e.forward().get(0).get("yhat"), EXACT);
        // J = 1/(2N) Σ (t − z)² = ½ (2 − 3)² (the notes do not print J)
        assertEquals(0.5, e.loss(), EXACT);
        // ∂J/∂w_1 = −(t − z) x_1 = −(2 − 3)·1 = +1. The notes print "(2 − 3)·1 = −1": they drop the minus they
        // derived (their boxed "−"); likewise ∂J/∂w_3 (the bias) = +1, not −1, and ∇_w J = [1, 0]ᵀ, not [−1, 0]ᵀ.
        assertEquals(1.0, result(e, "w[1,1,1]").gradient(), EXACT);
        assertEquals(0.0, result(e, "w[1,1,2]").gradient(), EXACT);
        assertEquals(1.0, result(e, "b[1,1]").gradient(), EXACT);
        // the update the notes print, w ← [1, 0] − ε∇ = [0.5, 0], is right — with the correct +1 gradient and ε = 0.5
        double[] w = {spec.parameter(p("w[1,1,1]")), spec.parameter(p("w[1,1,2]"))};
        double[] updated = {w[0] - spec.learningRate() * result(e, "w[1,1,1]").gradient(),
                w[1] - spec.learningRate() * result(e, "w[1,1,2]").gradient()};
        assertArrayEquals(new double[] {0.5, 0}, updated, EXACT);
    }

    @Test
    void linearRegressionLossIsHalfSquaredErrorMean() {
        // The notes first write J = Σ (t − z)² and then differentiate (1/2N) Σ (t − z)²; the gradient they print
        // (magnitude 1) is the latter's. Under se it would be 2.
        NetworkSpec spec = load("linear-regression.yaml");
        assertEquals(Loss.HALF_SE, spec.loss());
        NetworkSpec se = withLoss(spec, Loss.SE);
        assertEquals(2.0, gradient(se, "w[1,1,1]"), EXACT);
    }

    static NetworkSpec withLoss(NetworkSpec s, Loss loss) {
        return new NetworkSpec(s.inputs(), s.outputs(), s.layers(), loss, s.reduction(), s.learningRate(), s.data(),
                s.name());
    }

    // ------------------------------------------------------------------ seed 001: σ network with MSE

    @Test
    void sigmoidMseFollowsTheNotesFormulasUpToTheirSign() {
        NetworkSpec spec = load("sigmoid-mse.yaml");
        NetworkExplanation e = explainAll(spec, Optional.empty());
        Map<String, Double> f = e.forward().get(0);
        double c = spec.data().get(0).yAt(0);
        double x1 = 1;
        double x2 = 0;
        // forward: a^1 = W^1 x, h = σ(a^1), z = σ(w^2 · h)
        double h1 = sigmoid(1 * x1 + 0 * x2);
        double h2 = sigmoid(0 * x1 + 1 * x2);
        double a2 = 1 * h1 + 2 * h2;
        double z = sigmoid(a2);
        assertEquals(h1, f.get("a[1,1]"), 1e-15);
        assertEquals(h2, f.get("a[1,2]"), 1e-15);
        assertEquals(z, f.get("yhat"), 1e-15);
        assertEquals(0.5 * (c - z) * (c - z), e.loss(), 1e-15);
        // output weights: ∂J/∂w_i^2 = −(c − z) σ′(w^2·h) h_i. The notes print (c − z) σ′(w^2·h) h_i: the minus
        // from ∂(c − z)/∂w = −∂z/∂w is lost (and "∇_z J = (c − z)" should be −(c − z)).
        double sp = z * (1 - z);
        assertEquals(-(c - z) * sp * h1, result(e, "w[2,1,1]").gradient(), 1e-15);
        assertEquals(-(c - z) * sp * h2, result(e, "w[2,1,2]").gradient(), 1e-15);
        assertTrue(result(e, "w[2,1,1]").gradient() < 0, "(c − z)σ′h_1 > 0 has the wrong sign");
        // hidden weights: ∂J/∂w_jk^1 = −(c − z) σ′(a^2) w_j^2 σ′(a_j^1) x_k (the notes' chain, with the minus)
        double[] w2 = {1, 2};
        double[] h = {h1, h2};
        double[] x = {x1, x2};
        for (int j = 1; j <= 2; j++) {
            for (int k = 1; k <= 2; k++) {
                double expected = -(c - z) * sp * w2[j - 1] * h[j - 1] * (1 - h[j - 1]) * x[k - 1];
                assertEquals(expected, result(e, "w[1," + j + "," + k + "]").gradient(), 1e-15);
            }
        }
    }

    // ------------------------------------------------------------------ seed 001: the ReLU exercise

    @Test
    void reluExerciseForward() {
        NetworkSpec spec = load("relu-exercise.yaml");
        NetworkExplanation e = explainAll(spec, Optional.empty());
        Map<String, Double> f = e.forward().get(0);
        assertEquals(1.0, f.get("a[1,1]"), EXACT);  // h1 = max(0, 1·1 + 0·0) = 1
        assertEquals(0.0, f.get("a[1,2]"), EXACT);  // h2 = max(0, 0) = 0
        assertEquals(0.0, f.get("z[1,2]"), EXACT);  // exactly at the ReLU's kink
        assertEquals(1.0, f.get("yhat"), EXACT);    // z = 1·1 + 2·0 = 1
        // J = ½ (c − z)² = ½ (the notes' second page); their first page's "J = (c − z)² = 1" is se's value
        assertEquals(0.5, e.loss(), EXACT);
        assertEquals(1.0, new NetworkAnalysis(withLoss(spec, Loss.SE)).loss(), EXACT);
    }

    @Test
    void reluExerciseGradients() {
        NetworkSpec spec = load("relu-exercise.yaml");
        NetworkExplanation e = explainAll(spec, Optional.empty());
        // ∂J/∂w^2 = −(c − z)·1·hᵀ = [−1, 0]. The first page prints ∂J/∂w_11^2 = "−(c − z)·1·h_1 = (2 − 1)·1·1 = 1":
        // the sign is lost there (−(2 − 1) = −1); the second page's [−1, 0] is right.
        assertEquals(-1.0, result(e, "w[2,1,1]").gradient(), EXACT);
        assertEquals(0.0, result(e, "w[2,1,2]").gradient(), EXACT);
        assertEquals(-1.0, result(e, "b[2,1]").gradient(), EXACT);
        // ∂J/∂W^1 = [[−1, 0], [0, 0]]: δ^(1) = (z − c)·w^2 ⊙ relu′(a^1) = [−1·1·1, −1·2·0] = [−1, 0], times xᵀ = [1, 0]
        assertEquals(-1.0, result(e, "w[1,1,1]").gradient(), EXACT);
        assertEquals(0.0, result(e, "w[1,1,2]").gradient(), EXACT);
        assertEquals(0.0, result(e, "w[1,2,1]").gradient(), EXACT);
        assertEquals(0.0, result(e, "w[1,2,2]").gradient(), EXACT);
        LayerGradient hidden = e.layers().get(0);
        assertArrayEquals(new double[] {-1, 0}, hidden.deltaPerSample().get(0), EXACT);
        assertArrayEquals(new double[] {1, 0}, hidden.inputPerSample().get(0), EXACT);
        assertArrayEquals(new double[] {-1, 0}, hidden.reducedWeights()[0], EXACT);
        assertArrayEquals(new double[] {0, 0}, hidden.reducedWeights()[1], EXACT);
        // w^2 ← w^2 − η[−1, 0] = [1, 2] + [1, 0] = [2, 2] with η = 1
        double[] updated = {
                spec.parameter(p("w[2,1,1]")) - spec.learningRate() * result(e, "w[2,1,1]").gradient(),
                spec.parameter(p("w[2,1,2]")) - spec.learningRate() * result(e, "w[2,1,2]").gradient()};
        assertArrayEquals(new double[] {2, 2}, updated, EXACT);
        // z_2^(1) = 0 exactly: the finite difference cannot judge the second hidden unit's parameters (a kink),
        // and nothing fails
        assertEquals(Verdict.KINK, result(e, "b[1,2]").check().orElseThrow().verdict());
        assertEquals(Verdict.PASS, result(e, "w[1,1,1]").check().orElseThrow().verdict());
    }

    // ------------------------------------------------------------------ seed 002: the 1-D example

    @Test
    void oneDimensionalExample() {
        NetworkSpec spec = load("one-d-identity.yaml");
        assertEquals(BuiltinExamples.linear1d().layers(), spec.layers());
        assertEquals(BuiltinExamples.linear1d().data(), spec.data());
        NetworkExplanation e = explainAll(spec, Optional.empty());
        // L = (y − Wᵀx)² = (1 − 0.3)² = 0.49
        assertEquals(0.3, e.forward().get(0).get("yhat"), 1e-15);
        assertEquals(0.49, e.loss(), 1e-15);
        // ∂L/∂w_1 = 2(ŷ − y)x = 2(−0.7)3 = −4.2; ∂L/∂b = 2(ŷ − y) = −1.4 (the JSON example of docs/reference.md §3)
        assertEquals(-4.2, result(e, "w[1,1,1]").gradient(), 1e-12);
        assertEquals(-1.4, result(e, "b[1,1]").gradient(), 1e-12);
        assertEquals(-4.2, result(e, "w[1,1,1]").check().orElseThrow().numeric(), 1e-6);
        // w_1^new = w_1 − η ∂L/∂w_1 = 0.1 − 1·(−4.2) = 0.1 + 1×4.2 = 4.3 with η = 1: the notes' line is right,
        // only the two minus signs are folded into one plus.
        assertEquals(1.0, spec.learningRate());
        assertEquals(4.3, spec.parameter(p("w[1,1,1]")) - spec.learningRate() * result(e, "w[1,1,1]").gradient(), 1e-12);
        // and b ← 0 − 1·(−1.4) = 1.4; the loss then is (1 − (4.3·3 + 1.4))² = 176.89 (the train JSON example of docs/reference.md §3)
        NetworkSpec stepped = spec.withParameters(new double[] {4.3, 1.4});
        assertEquals(176.89, new NetworkAnalysis(stepped).loss(), 1e-9);
    }

    // ------------------------------------------------------------------ seed 003: generic σ network, C_0 = Σ_j (a_j − y_j)²

    @Test
    void genericTwoLayerFollowsSeed003Formulas() {
        NetworkSpec spec = load("generic-two-layer-sigma-mse.yaml");
        NetworkExplanation e = explainAll(spec, Optional.empty());
        assertEquals(List.of(1, 2), e.samplesShown());
        double mean122 = 0;
        double mean212 = 0;
        double loss = 0;
        for (int s = 1; s <= 2; s++) {
            Map<String, Double> f = e.forward().get(s - 1);
            Sample sample = spec.data().get(s - 1);
            double[] a = {f.get("yhat1"), f.get("yhat2")};
            double[] zL = {f.get("z[2,1]"), f.get("z[2,2]")};
            double c0 = Math.pow(a[0] - sample.yAt(0), 2) + Math.pow(a[1] - sample.yAt(1), 2);
            assertEquals(c0, f.get("L"), 1e-15);
            loss += c0;
            // ∂C_0/∂w_12^(L) = 2(a_1^(L) − y_1) g′(z_1^(L)) a_2^(L−1)
            double g1 = sigmoid(zL[0]) * (1 - sigmoid(zL[0]));
            double w212 = 2 * (a[0] - sample.yAt(0)) * g1 * f.get("a[1,2]");
            assertEquals(w212, perSample(e, "w[2,1,2]", s), 1e-15);
            mean212 += w212;
            // ∂C_0/∂w_22^(L−1) = ∂C_0/∂a_2^(L−1) · g′(z_2^(L−1)) · a_2^(L−2), with
            // ∂C_0/∂a_2^(L−1) = Σ_j 2(a_j^(L) − y_j) g′(z_j^(L)) w_j2^(L)
            double dA = 0;
            for (int j = 1; j <= 2; j++) {
                double gj = sigmoid(zL[j - 1]) * (1 - sigmoid(zL[j - 1]));
                dA += 2 * (a[j - 1] - sample.yAt(j - 1)) * gj * spec.parameter(p("w[2," + j + ",2]"));
            }
            double z12 = f.get("z[1,2]");
            double w122 = dA * sigmoid(z12) * (1 - sigmoid(z12)) * sample.xAt(1);
            assertEquals(w122, perSample(e, "w[1,2,2]", s), 1e-15);
            mean122 += w122;
        }
        // "to consider all the training samples, we have to average": ∂C/∂w = (1/n) Σ_i ∂C_i/∂w
        assertEquals(loss / 2, e.loss(), 1e-15);
        assertEquals(mean212 / 2, result(e, "w[2,1,2]").gradient(), 1e-15);
        assertEquals(mean122 / 2, result(e, "w[1,2,2]").gradient(), 1e-15);
    }

    // ------------------------------------------------------------------ seed 004: iq, cgpa → package (linear, se)

    @Test
    void iqCgpaForwardPassOfRowOne() {
        NetworkSpec spec = load("iq-cgpa-package.yaml");
        assertEquals(9, spec.parameterCount()); // "Total trainable parameters = 9"
        NetworkExplanation e = explainAll(spec, Optional.empty());
        Map<String, Double> row1 = e.forward().get(0);
        // with every w = 1, b = 0: O11 = O12 = 80 + 8 = 88, ŷ = 88 + 88 = 176, L = (3 − 176)² = 29929.
        // The notes print "L = (3 − 18)² = 225": the arithmetic is right, but 18 is not what w = 1, b = 0 predict.
        assertEquals(88.0, row1.get("a[1,1]"), EXACT);
        assertEquals(88.0, row1.get("a[1,2]"), EXACT);
        assertEquals(176.0, row1.get("lpa"), EXACT);
        assertEquals(29929.0, row1.get("L"), EXACT);
        assertEquals(225.0, Math.pow(3 - 18, 2), EXACT);
        // the other rows: 2·(60 + 9) = 138, 2·(70 + 5) = 150, 2·(120 + 7) = 254; L is the mean of the four
        double[] yhat = {176, 138, 150, 254};
        double sum = 0;
        for (int s = 0; s < 4; s++) {
            assertEquals(yhat[s], e.forward().get(s).get("lpa"), EXACT);
            sum += Math.pow(spec.data().get(s).yAt(0) - yhat[s], 2);
        }
        assertEquals(sum / 4, e.loss(), EXACT);
        assertEquals(31707.75, e.loss(), EXACT);
    }

    @Test
    void iqInHundredsWouldGiveTheNotesEighteen() {
        // A reading of the notes' 18: with iq measured in hundreds (80 → 0.8), O11 = O12 = 0.8 + 8 = 8.8 and
        // ŷ = 17.6 ≈ 18, so L ≈ (3 − 18)² = 225 (exactly (3 − 17.6)² = 213.16). The data table itself has iq = 80.
        NetworkSpec spec = load("iq-cgpa-package.yaml");
        List<Sample> scaled = new ArrayList<>();
        for (Sample s : spec.data()) {
            scaled.add(new Sample(new double[] {s.xAt(0) / 100, s.xAt(1)}, s.y()));
        }
        NetworkExplanation e = explainAll(spec.withData(scaled), Optional.of(1));
        assertEquals(17.6, e.forward().get(0).get("lpa"), 1e-12);
        assertEquals(18.0, Math.rint(e.forward().get(0).get("lpa")), 0.0);
        assertEquals(213.16, e.forward().get(0).get("L"), 1e-9);
    }

    @Test
    void iqCgpaNineDerivativesOfRowOne() {
        NetworkSpec spec = load("iq-cgpa-package.yaml");
        NetworkExplanation e = explainAll(spec, Optional.of(1));
        double yhat = 176;
        double y = 3;
        double o11 = 88;
        double o12 = 88;
        double iq = 80;
        double cgpa = 8;
        // The notes' final nine derivatives read "−2(Ŷ − Y)…": the sign is wrong; ∂L/∂Ŷ = −2(Y − Ŷ) = 2(Ŷ − Y)
        // (their own equations (i) have it right). The notes index w_jk from input j to neuron k, so their
        // W'_21 (cgpa → O11) is w[1,1,2] and their W''_21 (O12 → Ŷ) is w[2,1,2].
        double g = 2 * (yhat - y); // = 346
        assertEquals(346.0, g, 0.0);
        assertEquals(g * o11, perSample(e, "w[2,1,1]", 1), EXACT);         // notes ∂L/∂W''_11 = −2(Y − Ŷ) O11
        assertEquals(g * o12, perSample(e, "w[2,1,2]", 1), EXACT);         // notes ∂L/∂W''_21; in (i) they write O21
        assertEquals(g, perSample(e, "b[2,1]", 1), EXACT);
        double w211 = spec.parameter(p("w[2,1,1]"));
        double w212 = spec.parameter(p("w[2,1,2]"));
        assertEquals(g * w211 * iq, perSample(e, "w[1,1,1]", 1), EXACT);   // W'_11
        assertEquals(g * w211 * cgpa, perSample(e, "w[1,1,2]", 1), EXACT); // W'_21
        assertEquals(g * w211, perSample(e, "b[1,1]", 1), EXACT);          // b_11
        assertEquals(g * w212 * iq, perSample(e, "w[1,2,1]", 1), EXACT);   // W'_12: ∂O12/∂W'_12 = iq = x_i1 (not x_i2)
        assertEquals(g * w212 * cgpa, perSample(e, "w[1,2,2]", 1), EXACT); // W'_22
        assertEquals(g * w212, perSample(e, "b[1,2]", 1), EXACT);          // b_12
        assertEquals(30448.0, perSample(e, "w[2,1,1]", 1), EXACT);
        assertEquals(27680.0, perSample(e, "w[1,1,1]", 1), EXACT);
        assertEquals(2768.0, perSample(e, "w[1,1,2]", 1), EXACT);
        // the notes' "−2(Ŷ − Y) W_11^2 X_i1" would be −27680
        assertNotEquals(-2 * (yhat - y) * w211 * iq, perSample(e, "w[1,1,1]", 1));
    }

    // ------------------------------------------------------------------ seed 004: cgpa, profile → placement (σ, bce)

    @Test
    void placementForwardPass() {
        NetworkSpec spec = load("cgpa-profile-placement.yaml");
        NetworkExplanation e = explainAll(spec, Optional.empty());
        Map<String, Double> row1 = e.forward().get(0);
        // z = 0.1 × 8 + 0.1 × 8 + 0 = 1.6. The notes then write "σ(z) = 0.1": wrong, σ(1.6) = 0.832.
        assertEquals(1.6, row1.get("z[1,1]"), 1e-15);
        assertEquals(0.832, row1.get("a[1,1]"), 0.0005);
        assertEquals(0.8320183851339245, row1.get("a[1,2]"), 1e-15);
        assertEquals(0.1664036770267849, row1.get("z[2,1]"), 1e-15);
        assertEquals(0.5415051895671072, row1.get("placed"), 1e-15);
        assertEquals(-Math.log(0.5415051895671072), row1.get("L"), 1e-15);
        assertEquals((0.613402628898913 * 2 + 0.7798063059256977 + 0.768922894759937) / 4, e.loss(), 1e-12);
    }

    @Test
    void placementOutputLayerDerivatives() {
        NetworkSpec spec = load("cgpa-profile-placement.yaml");
        NetworkExplanation e = explainAll(spec, Optional.empty());
        for (int s = 1; s <= 4; s++) {
            Map<String, Double> f = e.forward().get(s - 1);
            double y = spec.data().get(s - 1).yAt(0);
            double yhat = f.get("placed");
            // ∂L/∂Ŷ = −y/Ŷ + (1 − y)/(1 − Ŷ) = (Ŷ − y)/(Ŷ(1 − Ŷ)); the notes simplify it to −(Ŷ − y)/(Ŷ(1 − Ŷ)),
            // flipping the sign of their own previous line; so ∂L/∂Ŷ · ∂Ŷ/∂z = Ŷ − y, not −(Ŷ − y).
            double dLdz = (-y / yhat + (1 - y) / (1 - yhat)) * yhat * (1 - yhat);
            assertEquals(yhat - y, dLdz, 1e-12);
            assertEquals(yhat - y, f.get("delta[2,1]"), 1e-15);
            // ∂L/∂ω_11^2 = (Ŷ − y) o11 (notes: −(Ŷ − y) o11)
            assertEquals((yhat - y) * f.get("a[1,1]"), perSample(e, "w[2,1,1]", s), 1e-15);
            // ∂L/∂ω_21^2 = (Ŷ − y) o12 (notes: "−(1 − Ŷ) o12", wrong in sign and factor)
            assertEquals((yhat - y) * f.get("a[1,2]"), perSample(e, "w[2,1,2]", s), 1e-15);
            // ∂L/∂b_21 = Ŷ − y (notes: −(Ŷ − y))
            assertEquals(yhat - y, perSample(e, "b[2,1]", s), 1e-15);
        }
        assertEquals(-0.38147611176866025, perSample(e, "w[2,1,1]", 1), 1e-12);
    }

    @Test
    void placementHiddenLayerDerivatives() {
        // The path L → Ŷ → z_f → o12 → z_p → w'_12 goes through ω_21^2 (o12's weight into the output, w[2,1,2]); the
        // notes write ω_11^2 on their first line for it. At the notes' weights both are 0.1, so the slip is
        // invisible; move w[2,1,2] to 0.3 to tell the two apart.
        NetworkSpec spec = load("cgpa-profile-placement.yaml").withParameter(p("w[2,1,2]"), 0.3);
        NetworkExplanation e = explainAll(spec, Optional.empty());
        for (int s = 1; s <= 4; s++) {
            Map<String, Double> f = e.forward().get(s - 1);
            Sample sample = spec.data().get(s - 1);
            double y = sample.yAt(0);
            double yhat = f.get("placed");
            double o11 = f.get("a[1,1]");
            double o12 = f.get("a[1,2]");
            double w211 = spec.parameter(p("w[2,1,1]"));
            double w212 = spec.parameter(p("w[2,1,2]"));
            // ∂L/∂w'_11 = (Ŷ − y) ω_11^2 o11(1 − o11) x_i1 (notes: the same with −(Ŷ − y))
            assertEquals((yhat - y) * w211 * o11 * (1 - o11) * sample.xAt(0), perSample(e, "w[1,1,1]", s), 1e-15);
            // their second line, labelled w'_12 but with x_i2, is w'_21 in their indexing: w[1,1,2]
            assertEquals((yhat - y) * w211 * o11 * (1 - o11) * sample.xAt(1), perSample(e, "w[1,1,2]", s), 1e-15);
            assertEquals((yhat - y) * w211 * o11 * (1 - o11), perSample(e, "b[1,1]", s), 1e-15);
            // ∂L/∂w'_12 = (Ŷ − y) ω_21^2 o12(1 − o12) x_i1 — ω_21^2, not the notes' ω_11^2
            double right = (yhat - y) * w212 * o12 * (1 - o12) * sample.xAt(0);
            double notes = (yhat - y) * w211 * o12 * (1 - o12) * sample.xAt(0);
            assertEquals(right, perSample(e, "w[1,2,1]", s), 1e-15);
            assertNotEquals(notes, perSample(e, "w[1,2,1]", s), 1e-6);
            assertEquals((yhat - y) * w212 * o12 * (1 - o12) * sample.xAt(1), perSample(e, "w[1,2,2]", s), 1e-15);
            assertEquals((yhat - y) * w212 * o12 * (1 - o12), perSample(e, "b[1,2]", s), 1e-15);
        }
    }
}
