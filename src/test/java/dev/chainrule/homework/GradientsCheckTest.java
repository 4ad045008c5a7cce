package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.SpecLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check SPEC --gradients FILE.json} through the CLI: buggy gradient files generated from an independent
 * backward pass ({@link GradientOracle}) — one layer transposed, every value N×, one layer's g′ swapped for g or 1,
 * per-sample or wrongly reduced biases, another loss's gradient, a sign — each diagnosed with its kind (and layer);
 * a correct file passes; both sides of the tolerance; bad files are one line and exit 2.
 */
class GradientsCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String XOR = "builtin";
    static final String TANH = "tanh_sigmoid_bce.yaml";
    static final String RELU_SUM = "relu_square_se_sum.yaml";
    static final String DEAD = "dead_relu.yaml";

    @TempDir
    static Path dir;

    static Path resource(String name) {
        try {
            return Path.of(GradientsCheckTest.class.getResource("/homework/gradients/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static NetworkSpec spec(String net) {
        return net.equals(XOR) ? BuiltinExamples.xor() : SpecLoader.load(resource(net));
    }

    static Path write(Map<String, Object> values) throws IOException {
        Path f = Files.createTempFile(dir, "gradients", ".json");
        Files.writeString(f, JSON.writeValueAsString(values));
        return f;
    }

    static Path write(NetworkSpec spec, double[] g) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<ParamId> ids = spec.parameters();
        for (int p = 0; p < ids.size(); p++) {
            m.put(ids.get(p).toString(), g[p]);
        }
        return write(m);
    }

    static CliTestSupport.Result run(String net, Path file, String... more) {
        List<String> a = new ArrayList<>(List.of("check"));
        if (!net.equals(XOR)) {
            a.add(resource(net).toString());
        }
        a.add("--gradients");
        a.add(file.toString());
        a.addAll(List.of(more));
        return CliTestSupport.run(a.toArray(String[]::new));
    }

    static JsonNode json(String net, Path file, int exit) throws IOException {
        CliTestSupport.Result r = run(net, file, "--format", "json");
        CliTestSupport.assertExit(exit, r);
        return JSON.readTree(r.out());
    }

    // ---------------------------------------------------------------- the bugs

    /** Layer l's weight gradient transposed: the fan × units transpose read row by row into the canonical slots. */
    static double[] transposed(NetworkSpec spec, double[] g, int l) {
        double[] c = g.clone();
        LayerSpec layer = spec.layer(l);
        int off = spec.indexOf(ParamId.weight(l, 1, 1));
        int k = off;
        for (int r = 0; r < layer.fanIn(); r++) {
            for (int col = 0; col < layer.units(); col++) {
                c[k++] = g[off + col * layer.fanIn() + r];
            }
        }
        return c;
    }

    /** The per-sample gradients added up: the sum where the mean belongs. */
    static double[] sum(double[][] rows) {
        double[] g = new double[rows[0].length];
        for (double[] r : rows) {
            for (int p = 0; p < g.length; p++) {
                g[p] += r[p];
            }
        }
        return g;
    }

    static double[] scaled(double[] g, double k) {
        double[] c = g.clone();
        for (int p = 0; p < c.length; p++) {
            c[p] *= k;
        }
        return c;
    }

    /** The true gradient with every bias replaced by {@code bias.apply(p)}. */
    static double[] biases(NetworkSpec spec, double[] g, Function<Integer, Double> bias) {
        double[] c = g.clone();
        List<ParamId> ids = spec.parameters();
        for (int p = 0; p < c.length; p++) {
            if (ids.get(p).isBias()) {
                c[p] = bias.apply(p);
            }
        }
        return c;
    }

    static double[] swapped(NetworkSpec spec, int layer, GradientOracle.Prime prime) {
        return GradientOracle.reduce(spec, GradientOracle.perSample(spec, spec.loss(), layer, prime));
    }

    static double[] otherLoss(NetworkSpec spec, Loss loss) {
        return GradientOracle.reduce(spec, GradientOracle.perSample(spec, loss, 0, GradientOracle.Prime.TRUE));
    }

    /** A bug name, the network, the buggy file's values, the diagnosis kind and its layer (0: none). */
    static Stream<Arguments> bugs() {
        List<Arguments> out = new ArrayList<>();
        NetworkSpec xor = spec(XOR);
        NetworkSpec tanh = spec(TANH);
        NetworkSpec relu = spec(RELU_SUM);
        double[] tx = GradientOracle.truth(xor);
        double[] tt = GradientOracle.truth(tanh);
        double[] tr = GradientOracle.truth(relu);
        out.add(Arguments.of("XOR, layer 1 transposed", XOR, transposed(xor, tx, 1), "transposed_weights", 1));
        out.add(Arguments.of("3×2 layer 1 transposed", TANH, transposed(tanh, tt, 1), "transposed_weights", 1));
        out.add(Arguments.of("2×3 layer 2 transposed", TANH, transposed(tanh, tt, 2), "transposed_weights", 2));
        out.add(Arguments.of("square ReLU layer transposed", RELU_SUM, transposed(relu, tr, 1), "transposed_weights", 1));
        out.add(Arguments.of("XOR, summed not averaged", XOR, sum(GradientOracle.perSample(xor)),
                "missing_1_over_n", 0));
        out.add(Arguments.of("tanh net, ×N", TANH, scaled(tt, tanh.data().size()), "missing_1_over_n", 0));
        out.add(Arguments.of("sum net averaged", RELU_SUM, scaled(tr, 1.0 / relu.data().size()), "extra_1_over_n", 0));
        out.add(Arguments.of("XOR negated", XOR, scaled(tx, -1), "sign", 0));
        out.add(Arguments.of("tanh for tanh′ in layer 1", TANH, swapped(tanh, 1, GradientOracle.Prime.G), "activation_derivative", 1));
        out.add(Arguments.of("tanh′ left out in layer 1", TANH, swapped(tanh, 1, GradientOracle.Prime.ONE), "activation_derivative", 1));
        out.add(Arguments.of("σ for σ′ in layer 2", TANH, swapped(tanh, 2, GradientOracle.Prime.G), "activation_derivative", 2));
        out.add(Arguments.of("σ′ left out in layer 2", TANH, swapped(tanh, 2, GradientOracle.Prime.ONE), "activation_derivative", 2));
        out.add(Arguments.of("σ′ left out at the output", TANH, swapped(tanh, 3, GradientOracle.Prime.ONE), "activation_derivative", 3));
        out.add(Arguments.of("ReLU′ left out", RELU_SUM, swapped(relu, 1, GradientOracle.Prime.ONE), "activation_derivative", 1));
        // XOR's sample 3 puts z[1,2] at 0 exactly: a backward pass with ReLU′(0) = 1 differs there only
        out.add(Arguments.of("XOR, ReLU′(0) = 1", XOR, swapped(xor, 1, GradientOracle.Prime.RELU_ONE_AT_ZERO), "relu_at_zero", 1));
        out.add(Arguments.of("ReLU for ReLU′", RELU_SUM, swapped(relu, 1, GradientOracle.Prime.G), "activation_derivative", 1));
        double[][] rx = GradientOracle.perSample(xor);
        double[][] rt = GradientOracle.perSample(tanh);
        out.add(Arguments.of("XOR biases of sample 1", XOR, biases(xor, tx, p -> rx[0][p]), "bias_not_summed", 0));
        out.add(Arguments.of("biases of sample 2, δ/N", TANH, biases(tanh, tt, p -> rt[1][p] / 4), "bias_not_summed", 0));
        out.add(Arguments.of("biases averaged on a sum net", RELU_SUM, biases(relu, tr, p -> tr[p] / 5), "bias_not_summed", 0));
        out.add(Arguments.of("se's gradient for bce", TANH, otherLoss(tanh, Loss.SE), "wrong_loss", 0));
        out.add(Arguments.of("half_se's gradient for se", RELU_SUM, otherLoss(relu, Loss.HALF_SE), "wrong_loss", 0));
        out.add(Arguments.of("XOR, se's gradient for bce", XOR, otherLoss(xor, Loss.SE), "wrong_loss", 0));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("bugs")
    void eachBugIsDiagnosedWithItsKind(String name, String net, double[] values, String kind, int layer) throws IOException {
        JsonNode r = json(net, write(spec(net), values), 1);
        JsonNode d = r.get("diagnosis");
        assertTrue(d.isObject(), () -> name + ": no diagnosis\n" + r.toPrettyString());
        assertEquals(kind, d.get("kind").asText(), () -> name + ": " + d.toPrettyString());
        if (layer > 0) {
            assertEquals(layer, d.get("layer").asInt(), () -> name + ": " + d.toPrettyString());
            assertTrue(d.get("message").asText().contains("layer " + layer), d::toPrettyString);
        } else {
            assertTrue(d.get("layer").isNull(), d::toPrettyString);
        }
        assertTrue(r.get("summary").get("incorrect").asInt() > 0);
        assertEquals(r.get("summary").get("parameters").asInt(),
                r.get("summary").get("correct").asInt() + r.get("summary").get("incorrect").asInt());
    }

    @Test
    void oneTransposedLayerIsDiagnosedAsSuchInOneLine() throws IOException {
        NetworkSpec xor = spec(XOR);
        CliTestSupport.Result r = run(XOR, write(xor, transposed(xor, GradientOracle.truth(xor), 1)));
        CliTestSupport.assertExit(1, r);
        List<String> verdict = r.out().lines().filter(l -> l.startsWith("verdict")).toList();
        assertEquals(1, verdict.size(), r::describe);
        String line = verdict.get(0);
        assertTrue(line.contains("✗ 2 of 9 wrong — transposed_weights: layer 1's weight gradient is transposed"), line);
        // the ranked table follows, the two swapped weights first
        assertTrue(r.out().contains("  1     w[1,1,2]") && r.out().contains("  2     w[1,2,1]"), r::describe);
    }

    // ---------------------------------------------------------------- correct files

    @ParameterizedTest
    @MethodSource("nets")
    void theTrueGradientPassesAndIsWhatExplainReports(String net) throws IOException {
        NetworkSpec s = spec(net);
        double[] truth = GradientOracle.truth(s);
        List<String> ex = new ArrayList<>(List.of("explain"));
        if (!net.equals(XOR)) {
            ex.add(resource(net).toString());
        }
        ex.addAll(List.of("--format", "json", "--check", "none"));
        CliTestSupport.Result e = CliTestSupport.run(ex.toArray(String[]::new));
        JsonNode explained = JSON.readTree(e.out()).get("parameters");
        for (int p = 0; p < truth.length; p++) {
            double g = explained.get(p).get("gradient").asDouble();
            assertTrue(GradientsJudge.relativeError(truth[p], g) < 1e-12, () -> net + ": oracle and explain disagree");
        }
        JsonNode r = json(net, write(s, truth), 0);
        assertTrue(r.get("diagnosis").isNull());
        assertEquals(0, r.get("summary").get("incorrect").asInt());
        for (int p = 0; p < truth.length; p++) {
            JsonNode o = r.get("parameters").get(p);
            assertEquals(s.parameters().get(p).toString(), o.get("id").asText());
            assertEquals("correct", o.get("verdict").asText());
            assertEquals(truth[p], o.get("claimed").asDouble());
            assertTrue(o.get("relative_error").asDouble() < 1e-12);
        }
    }

    static Stream<String> nets() {
        return Stream.of(XOR, TANH, RELU_SUM, DEAD);
    }

    @Test
    void aFloat32BackwardPassIsCorrect() throws IOException {
        NetworkSpec s = spec(TANH);
        double[] g = GradientOracle.truth(s);
        for (int p = 0; p < g.length; p++) {
            g[p] = (float) g[p];
        }
        CliTestSupport.Result r = run(TANH, write(s, g));
        CliTestSupport.assertExit(0, r);
        assertTrue(r.out().contains("verdict ✓ all 20 correct"), r::describe);
    }

    // ---------------------------------------------------------------- tolerance borders

    @Test
    void relativeToleranceBothSides() throws IOException {
        NetworkSpec s = spec(TANH);
        double[] truth = GradientOracle.truth(s);
        int p = s.indexOf(ParamId.weight(2, 1, 3));
        double[] inside = truth.clone();
        inside[p] *= 1 + 0.9e-5;
        JsonNode in = json(TANH, write(s, inside), 0);
        assertEquals("correct", in.get("parameters").get(p).get("verdict").asText());
        double[] outside = truth.clone();
        outside[p] *= 1 + 1.1e-5;
        JsonNode out = json(TANH, write(s, outside), 1);
        JsonNode o = out.get("parameters").get(p);
        assertEquals("incorrect", o.get("verdict").asText());
        assertEquals(1.1e-5, o.get("relative_error").asDouble(), 1e-7);
        assertEquals(1, o.get("rank").asInt());
        assertEquals(1, out.get("summary").get("incorrect").asInt());
    }

    @Test
    void absoluteFloorBothSidesAndZeroAgainstZero() throws IOException {
        NetworkSpec s = spec(DEAD);
        double[] truth = new GradientsJudgeProbe(s).truth();
        int p = s.indexOf(ParamId.weight(1, 2, 1));
        assertEquals(0.0, truth[p], 0.0, "the dead unit's weight has gradient exactly 0");
        JsonNode zero = json(DEAD, write(s, truth), 0);
        assertEquals(0.0, zero.get("parameters").get(p).get("relative_error").asDouble(), 0.0);
        double[] inside = truth.clone();
        inside[p] = 0.9e-8;
        assertEquals("correct", json(DEAD, write(s, inside), 0).get("parameters").get(p).get("verdict").asText());
        double[] outside = truth.clone();
        outside[p] = -1.1e-8;
        assertEquals("incorrect", json(DEAD, write(s, outside), 1).get("parameters").get(p).get("verdict").asText());
        assertTrue(GradientsJudge.agrees(0, 0) && GradientsJudge.agrees(1e-9, 0) && !GradientsJudge.agrees(2e-8, 0));
        assertTrue(GradientsJudge.agrees(100, 100 * (1 + 0.99e-5)) && !GradientsJudge.agrees(100, 100 * (1 + 1.01e-5)));
    }

    /** The engine's truth for a spec (through the judge's own entry point). */
    record GradientsJudgeProbe(NetworkSpec spec) {
        double[] truth() {
            return GradientsJudge.judge(spec, new double[spec.parameterCount()]).entries().stream()
                    .mapToDouble(GradientsJudge.Entry::gradient).toArray();
        }
    }

    @Test
    void twoUnrelatedSlipsGetNoDiagnosis() throws IOException {
        NetworkSpec s = spec(TANH);
        double[] g = GradientOracle.truth(s);
        g[s.indexOf(ParamId.weight(1, 2, 1))] *= 1.5;
        g[s.indexOf(ParamId.bias(3, 1))] += 0.01;
        JsonNode r = json(TANH, write(s, g), 1);
        assertTrue(r.get("diagnosis").isNull(), r::toPrettyString);
        assertEquals(2, r.get("summary").get("incorrect").asInt());
        assertEquals("[1,3]", r.get("summary").get("wrong_layers").toString());
    }

    @Test
    void layerDiagnosticsNormsDeadReluAndSaturation() throws IOException {
        NetworkSpec dead = spec(DEAD);
        double[] truth = GradientOracle.truth(dead);
        JsonNode r = json(DEAD, write(dead, scaled(truth, 2)), 1);
        JsonNode l1 = r.get("layers").get(0);
        assertEquals("relu", l1.get("activation").asText());
        assertEquals(1, l1.get("dead_units").asInt(), l1::toPrettyString);
        assertEquals(0.5, l1.get("dead_fraction").asDouble());
        assertTrue(l1.get("saturated_fraction").isNull());
        double norm = 0;
        for (int p = 0; p < 6; p++) {
            norm += truth[p] * truth[p];
        }
        assertEquals(Math.sqrt(norm), l1.get("gradient_norm").asDouble(), 1e-12);
        assertEquals(2 * Math.sqrt(norm), l1.get("claimed_norm").asDouble(), 1e-12);
        // one step's update against the weights: η·‖∇‖/‖θ‖ over the layer's weights and biases
        double theta = 0;
        for (int i = 1; i <= dead.layer(1).units(); i++) {
            for (int j = 1; j <= dead.layer(1).fanIn(); j++) {
                theta += Math.pow(dead.layer(1).weightAt(i - 1, j - 1), 2);
            }
            theta += Math.pow(dead.layer(1).biasAt(i - 1), 2);
        }
        assertEquals(dead.learningRate() * Math.sqrt(norm) / Math.sqrt(theta), l1.get("update_ratio").asDouble(), 1e-12);
        JsonNode l2 = r.get("layers").get(1);
        assertTrue(l2.get("dead_units").isNull());
        assertEquals(0.0, l2.get("saturated_fraction").asDouble());

        String sat = "saturated_tanh.yaml";
        NetworkSpec s = spec(sat);
        JsonNode t = json(sat, write(s, GradientOracle.truth(s)), 0);
        assertEquals(2.0 / 6, t.get("layers").get(0).get("saturated_fraction").asDouble(), 1e-12);
        CliTestSupport.Result text = run(sat, write(s, GradientOracle.truth(s)));
        assertTrue(text.out().contains("layers\n  layer  activation  units  ‖gradient‖  ‖claimed‖  dead ReLU units  saturated  update/weight"),
                text::describe);
        assertTrue(text.out().contains("33.3 %"), text::describe);
    }

    @Test
    void markdownIsATable() throws IOException {
        NetworkSpec xor = spec(XOR);
        CliTestSupport.Result r = run(XOR, write(xor, scaled(GradientOracle.truth(xor), 4)), "--format", "markdown");
        CliTestSupport.assertExit(1, r);
        assertTrue(r.out().contains("| rank | parameter | claimed | gradient | relative error | verdict |"), r::describe);
        assertTrue(r.out().contains("missing_1_over_n"), r::describe);
    }

    // ---------------------------------------------------------------- bad input: one line, exit 2

    static Stream<Arguments> badFiles() {
        Map<String, Object> ok = new LinkedHashMap<>();
        NetworkSpec xor = spec(XOR);
        for (ParamId id : xor.parameters()) {
            ok.put(id.toString(), 0.5);
        }
        Map<String, Object> missing = new LinkedHashMap<>(ok);
        missing.remove("b[2,1]");
        Map<String, Object> unknown = new LinkedHashMap<>(ok);
        unknown.put("w[3,1,1]", 0.1);
        Map<String, Object> badName = new LinkedHashMap<>(ok);
        badName.put("v[1,1]", 0.1);
        Map<String, Object> string = new LinkedHashMap<>(ok);
        string.put("w[1,1,1]", "0.1");
        Map<String, Object> nul = new LinkedHashMap<>(ok);
        nul.put("b[1,1]", null);
        Map<String, Object> array = new LinkedHashMap<>(ok);
        array.put("b[1,1]", List.of(0.1));
        Map<String, Object> twice = new LinkedHashMap<>(ok);
        twice.put("w[1, 1, 1]", 0.1);
        return Stream.of(
                Arguments.of("missing", json(missing), "b[2,1]"),
                Arguments.of("unknown", json(unknown), "w[3,1,1]"),
                Arguments.of("bad name", json(badName), "v[1,1]"),
                Arguments.of("string", json(string), "w[1,1,1]: expected a number"),
                Arguments.of("null", json(nul), "b[1,1]: expected a number, found null"),
                Arguments.of("array", json(array), "b[1,1]: expected a number, found an array"),
                Arguments.of("the same id twice", json(twice), "given twice"),
                Arguments.of("exact duplicate key", "{\"w[1,1,1]\": 1, \"w[1,1,1]\": 2}", "Duplicate"),
                Arguments.of("not JSON", "{\"w[1,1,1]\": ", "not valid JSON"),
                Arguments.of("NaN", "{\"w[1,1,1]\": NaN}", "not valid JSON"),
                Arguments.of("overflow", "{\"w[1,1,1]\": 1e999}", "not a finite number"),
                Arguments.of("top-level array", "[0.1, 0.2]", "expected a JSON object"),
                Arguments.of("empty", "", "empty"));
    }

    static String json(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesAreOneLineExit2(String name, String content, String says) throws IOException {
        Path f = Files.createTempFile(dir, "bad", ".json");
        Files.writeString(f, content);
        CliTestSupport.Result r = run(XOR, f);
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains(says), r::describe);
        assertTrue(r.out().isEmpty(), r::describe);
    }

    @Test
    void badUsageIsOneLineExit2() throws IOException {
        Path good = write(spec(XOR), GradientOracle.truth(spec(XOR)));
        CliTestSupport.assertOneLineError(run(XOR, dir.resolve("no-such-file.json")));
        CliTestSupport.assertOneLineError(run(XOR, good, "--claim", "b[2,1] = yhat - y"));
        CliTestSupport.assertOneLineError(run(XOR, good, "--sample", "1"));
        CliTestSupport.Result latex = run(XOR, good, "--format", "latex");
        CliTestSupport.assertOneLineError(latex);
        assertTrue(latex.err().contains("use --format json"), latex::describe);
        CliTestSupport.assertExit(0, run(XOR, good, "--of", "batch"));
    }
}
