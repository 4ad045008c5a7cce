package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chainrule import}: a PyTorch state_dict (JSON) becomes a spec whose gradients are PyTorch's. The fixture
 * was made by src/test/resources/torch/make_fixture.py with PyTorch (float64, fixed seed): a 2-3-1 nn.Sequential
 * (ReLU, sigmoid), BCE with mean reduction over 3 samples, one forward and backward pass; it stores the state_dict,
 * the data, torch's loss and each parameter's .grad. These tests read the JSON only.
 */
class TorchImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURE = Path.of("src/test/resources/torch/fixture.json");
    private static final Path STATE = Path.of("src/test/resources/torch/state_dict.json");
    private static final String[] XOR_DATA = {"--sample", "0,0:0", "--sample", "0,1:1", "--sample", "1,0:1",
            "--sample", "1,1:0"};

    @TempDir
    Path dir;

    private static JsonNode fixture() throws Exception {
        return JSON.readTree(Files.readString(FIXTURE));
    }

    /** One --sample X:Y per sample of the fixture. */
    private static List<String> sampleArgs(JsonNode f) {
        List<String> args = new ArrayList<>();
        for (int n = 0; n < f.get("x").size(); n++) {
            List<String> x = new ArrayList<>();
            f.get("x").get(n).forEach(v -> x.add(Double.toString(v.asDouble())));
            List<String> y = new ArrayList<>();
            f.get("y").get(n).forEach(v -> y.add(Double.toString(v.asDouble())));
            args.add("--sample");
            args.add(String.join(",", x) + ":" + String.join(",", y));
        }
        return args;
    }

    private NetworkSpec importFixture(JsonNode f) throws Exception {
        CliTestSupport.Result r = runImport(f, "imported");
        assertTrue(r.err().contains("2-3-1 network, 13 parameters, 3 samples"), r::describe);
        return SpecLoader.load(dir.resolve("imported.yaml"));
    }

    /** chainrule import of the fixture's state dict, layers, loss and data into NAME.yaml; exit 0 asserted. */
    private CliTestSupport.Result runImport(JsonNode f, String name) throws Exception {
        Path state = dir.resolve(name + "-w.json");
        Files.writeString(state, JSON.writeValueAsString(f.get("state_dict")));
        Path out = dir.resolve(name + ".yaml");
        List<String> args = new ArrayList<>(List.of("import", state.toString(), "--layers", f.get("layers").asText(),
                "--loss", f.get("loss_name").asText(), "--reduction", f.get("reduction").asText(), "-o", out.toString()));
        args.addAll(sampleArgs(f));
        CliTestSupport.Result r = CliTestSupport.run(args.toArray(String[]::new));
        CliTestSupport.assertExit(0, r);
        return r;
    }

    private static void assertRelative(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
        assertTrue(Math.abs(expected - actual) <= 1e-10 * scale,
                () -> what + ": torch " + expected + ", chainrule " + actual);
    }

    @Test
    void theImportedFixtureHasTorchsLossAndGradientsTo1e10() throws Exception {
        JsonNode f = fixture();
        NetworkSpec spec = importFixture(f);
        assertEquals(List.of(Activation.RELU, Activation.SIGMOID),
                spec.layers().stream().map(dev.chainrule.network.spec.LayerSpec::activation).toList());
        assertEquals(Loss.BCE, spec.loss());
        assertEquals(Reduction.MEAN, spec.reduction());
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        assertRelative(f.get("loss").asDouble(), analysis.loss(), "loss");
        double[] gradient = analysis.gradient();
        // canonical order: per layer the weights row by row, then the biases; torch's keys 0.* and 2.*
        List<Double> torch = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String layer : new String[] {"0", "2"}) {
            JsonNode w = f.get("grads").get(layer + ".weight");
            for (int i = 0; i < w.size(); i++) {
                for (int j = 0; j < w.get(i).size(); j++) {
                    torch.add(w.get(i).get(j).asDouble());
                    names.add(layer + ".weight[" + i + "][" + j + "]");
                }
            }
            JsonNode b = f.get("grads").get(layer + ".bias");
            for (int i = 0; i < b.size(); i++) {
                torch.add(b.get(i).asDouble());
                names.add(layer + ".bias[" + i + "]");
            }
        }
        assertEquals(torch.size(), gradient.length);
        for (int p = 0; p < gradient.length; p++) {
            assertRelative(torch.get(p), gradient[p], names.get(p) + " (" + spec.parameters().get(p) + ")");
        }
    }

    /**
     * The activations beyond the first fixture's, against torch itself: make_fixture_activations.py builds a
     * 2-4-3-3-2 nn.Sequential (nn.ELU, nn.GELU, nn.SiLU, nn.Softplus, torch's defaults) with MSELoss(reduction="sum")
     * over 3 samples in float64; --layers names them as torch's classes.
     */
    @Test
    void eluGeluSiluSoftplusImportWithTorchsGradients() throws Exception {
        JsonNode f = JSON.readTree(Files.readString(Path.of("src/test/resources/torch/fixture_activations.json")));
        runImport(f, "imported2");
        NetworkSpec spec = SpecLoader.load(dir.resolve("imported2.yaml"));
        assertEquals(List.of(Activation.ELU, Activation.GELU, Activation.SILU, Activation.SOFTPLUS),
                spec.layers().stream().map(dev.chainrule.network.spec.LayerSpec::activation).toList());
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        assertRelative(f.get("loss").asDouble(), analysis.loss(), "loss");
        double[] gradient = analysis.gradient();
        List<Double> torch = new ArrayList<>();
        for (String layer : new String[] {"0", "2", "4", "6"}) {
            f.get("grads").get(layer + ".weight").forEach(row -> row.forEach(v -> torch.add(v.asDouble())));
            f.get("grads").get(layer + ".bias").forEach(v -> torch.add(v.asDouble()));
        }
        assertEquals(torch.size(), gradient.length);
        for (int p = 0; p < gradient.length; p++) {
            assertRelative(torch.get(p), gradient[p], spec.parameters().get(p).toString());
        }
    }

    @Test
    void torchClassNamesNameActivations() {
        for (String[] c : new String[][] {{"nn.ReLU", "RELU"}, {"torch.nn.LeakyReLU", "LEAKY_RELU"}, {"LeakyReLU()", "LEAKY_RELU"},
                {"gelu", "GELU"}, {"nn.Softplus", "SOFTPLUS"}, {"Sigmoid", "SIGMOID"}, {"leaky_relu", "LEAKY_RELU"}}) {
            assertEquals(Activation.valueOf(c[1]), dev.chainrule.network.spec.TorchImport.activation(c[0]).orElseThrow(), c[0]);
        }
        assertTrue(dev.chainrule.network.spec.TorchImport.activation("nn.Swish").isEmpty());
        assertTrue(dev.chainrule.network.spec.TorchImport.activation("nn.").isEmpty());
    }

    @Test
    void explainJsonReportsTheSameGradientAsTorch() throws Exception {
        JsonNode f = fixture();
        importFixture(f);
        CliTestSupport.Result r = CliTestSupport.run("explain", dir.resolve("imported.yaml").toString(),
                "--param", "w[1,3,2]", "--format", "json");
        CliTestSupport.assertExit(0, r);
        JsonNode doc = JSON.readTree(r.out());
        assertRelative(f.get("loss").asDouble(), doc.get("loss").asDouble(), "explain's loss");
        assertTrue(r.out().contains(Double.toString(f.get("grads").get("0.weight").get(2).get(1).asDouble()).substring(0, 12)),
                () -> "explain names torch's gradient of 0.weight[2][1]\n" + r.out());
    }

    @Test
    void theCommittedStateDictIsTheFixtures() throws Exception {
        assertEquals(fixture().get("state_dict"), JSON.readTree(Files.readString(STATE)));
    }

    @Test
    void namedLayersAreReadInFileOrderAndWrittenToStdout() throws Exception {
        Path state = dir.resolve("named.json");
        Files.writeString(state, "{\"fc1.weight\": [[1, 0.5], [-0.5, 1]], \"fc1.bias\": [1, 0.5],"
                + " \"fc2.weight\": [[-1, 0.5]], \"fc2.bias\": [1]}");
        List<String> args = new ArrayList<>(List.of("import", state.toString(), "--layers", "relu,sigmoid", "--loss",
                "bce", "--inputs", "a1,a2", "--name", "XOR network"));
        args.addAll(List.of(XOR_DATA));
        CliTestSupport.Result r = CliTestSupport.run(args.toArray(String[]::new));
        CliTestSupport.assertExit(0, r);
        NetworkSpec spec = SpecLoader.parse(r.out(), "stdout");
        NetworkSpec xor = SpecLoader.load(Path.of("notes/xor-relu-sigmoid-bce.yaml"));
        assertEquals(List.of("a1", "a2"), spec.inputs());
        assertEquals(xor.layers(), spec.layers(), "the XOR network of the notes, imported");
        assertEquals(xor.data(), spec.data());
    }

    @Test
    void dataComesFromAListOfSamplesOrFromASpec() throws Exception {
        Path list = dir.resolve("data.yaml");
        Files.writeString(list, "- {x: [0.5, -1], y: 1}\n- {x: [1.5, 0.25], y: [0]}\n");
        CliTestSupport.Result r = CliTestSupport.run("import", STATE.toString(), "--layers", "relu,sigmoid",
                "--loss", "bce", "--data", list.toString());
        CliTestSupport.assertExit(0, r);
        assertEquals(2, SpecLoader.parse(r.out(), "stdout").data().size());

        Path xorState = dir.resolve("xor.json");
        Files.writeString(xorState, "{\"0.weight\": [[1, 0.5], [-0.5, 1]], \"0.bias\": [1, 0.5],"
                + " \"2.weight\": [[-1, 0.5]], \"2.bias\": [1]}");
        r = CliTestSupport.run("import", xorState.toString(), "--layers", "relu,sigmoid", "--loss", "bce",
                "--data", "notes/xor-relu-sigmoid-bce.yaml");
        CliTestSupport.assertExit(0, r);
        assertEquals(4, SpecLoader.parse(r.out(), "stdout").data().size());
    }

    private CliTestSupport.Result importing(String json, String... more) throws Exception {
        Path state = dir.resolve("bad.json");
        Files.writeString(state, json);
        List<String> args = new ArrayList<>(List.of("import", state.toString()));
        args.addAll(List.of(more));
        return CliTestSupport.run(args.toArray(String[]::new));
    }

    private void assertError(String expected, CliTestSupport.Result r) {
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "'\n" + r.describe());
    }

    @Test
    void badStateDictsAreOneLineExit2() throws Exception {
        String ok = "{\"0.weight\": [[1, 0.5], [-0.5, 1]], \"0.bias\": [1, 0.5], \"2.weight\": [[-1, 0.5]], \"2.bias\": [1]}";
        String[] xor = {"--layers", "relu,sigmoid", "--loss", "bce", "--sample", "0,1:1"};
        assertError("do not chain", importing(ok.replace("[[-1, 0.5]]", "[[-1, 0.5, 2]]"), xor));
        assertError("0.weight has no 0.bias", importing(ok.replace("\"0.bias\": [1, 0.5],", ""), xor));
        assertError("2.bias has no 2.weight", importing(ok.replace("\"2.weight\": [[-1, 0.5]],", ""), xor));
        assertError("0.weight[1][0]: expected a number, got the string", importing(ok.replace("-0.5", "\"-0.5\""), xor));
        assertError("expected a finite number, got NaN", importing(ok.replace("-0.5", "NaN"), xor));
        assertError("2.bias has 2 entries but 2.weight has 1 row", importing(ok.replace("\"2.bias\": [1]",
                "\"2.bias\": [1, 2]"), xor));
        assertError("0.weight: expected a 2-D tensor", importing(ok.replace("[[1, 0.5], [-0.5, 1]]", "[1, 0.5]"), xor));
        assertError("only the weight and bias of nn.Linear", importing(ok.replace("\"2.bias\"", "\"1.running_mean\""), xor));
        assertError("not valid JSON", importing(ok.substring(0, 30), xor));
        assertError("has 2 nn.Linear layers (0, 2) but --layers names 1 activation",
                importing(ok, "--layers", "sigmoid", "--loss", "bce", "--sample", "0,1:1"));
        assertError("--layers sigmoidd: not an activation",
                importing(ok, "--layers", "relu,sigmoidd", "--loss", "bce", "--sample", "0,1:1"));
        assertError("bce takes log(yhat)", importing(ok, "--layers", "relu,relu", "--loss", "bce", "--sample", "0,1:1"));
        assertError("import needs data", importing(ok, "--layers", "relu,sigmoid", "--loss", "bce"));
        assertError("--sample 0,1,2:1: 3 inputs, expected 2", importing(ok, "--layers", "relu,sigmoid", "--loss",
                "bce", "--sample", "0,1,2:1"));
        assertError("bce needs targets in [0, 1]", importing(ok, "--layers", "relu,sigmoid", "--loss", "bce",
                "--sample", "0,1:2"));
        assertError("--inputs: 'w' is reserved", importing(ok, "--layers", "relu,sigmoid", "--loss", "bce",
                "--sample", "0,1:1", "--inputs", "w,x"));
        assertError("--inputs: 3 names for the 2 in_features", importing(ok, "--layers", "relu,sigmoid", "--loss",
                "bce", "--sample", "0,1:1", "--inputs", "p,q,r"));
        Path data = dir.resolve("d.yaml");
        Files.writeString(data, "- {x: [0, 1, 2], y: 1}\n");
        assertError("d.yaml:1: [0].x", importing(ok, "--layers", "relu,sigmoid", "--loss", "bce", "--data",
                data.toString()));
        assertError("no-such.json", CliTestSupport.run("import", dir.resolve("no-such.json").toString(), "--layers",
                "relu", "--loss", "se", "--sample", "0:1"));
    }
}
