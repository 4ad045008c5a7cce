package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    private static final String ONE_NEURON = """
            inputs: [x]
            layers:
              - {units: 1, activation: identity, weights: [[0.1]], biases: [0]}
            loss: se
            data:
              - {x: [3], y: [1]}
            """;

    @Test
    void loadsTheContractExample() {
        NetworkSpec spec = good("contract_example.yaml");
        assertEquals(List.of("x1", "x2"), spec.inputs());
        assertEquals(List.of("yhat"), spec.outputs());
        assertEquals(2, spec.layerCount());
        LayerSpec hidden = spec.layer(1);
        assertEquals(Activation.RELU, hidden.activation());
        assertEquals(0.01, hidden.alpha());
        assertArrayEquals(new double[][] {{1, 0.5}, {-0.5, 1}}, hidden.weights());
        assertArrayEquals(new double[] {1, 0.5}, hidden.biases());
        assertEquals(Activation.SIGMOID, spec.outputLayer().activation());
        assertArrayEquals(new double[][] {{-1, 0.5}}, spec.outputLayer().weights());
        assertEquals(Loss.BCE, spec.loss());
        assertEquals(Reduction.MEAN, spec.reduction());
        assertEquals(0.1, spec.learningRate());
        assertEquals(List.of(new Sample(new double[] {0, 0}, new double[] {0}),
                new Sample(new double[] {0, 1}, new double[] {1})), spec.data());
        assertNull(spec.name());
        assertEquals("2-2-1", spec.shape());
    }

    @Test
    void scalarShortcutsAndDefaults() {
        NetworkSpec spec = good("scalar_forms.yaml");
        assertEquals("one neuron", spec.name());
        assertEquals(List.of("x"), spec.inputs());
        assertEquals(List.of("yhat"), spec.outputs());
        assertEquals(Activation.IDENTITY, spec.layer(1).activation(), "linear means identity");
        assertArrayEquals(new double[] {0}, spec.layer(1).biases());
        assertEquals(new Sample(new double[] {3}, new double[] {1}), spec.data().get(0));
        assertEquals(new Sample(new double[] {2}, new double[] {0.5}), spec.data().get(1));
        assertEquals(Reduction.MEAN, spec.reduction());
        assertEquals(NetworkSpec.DEFAULT_LEARNING_RATE, spec.learningRate());
    }

    @Test
    void softmaxClassifierWithYamlNumberFormsAndAliases() {
        NetworkSpec spec = good("softmax_classifier.yaml");
        assertEquals("three classes: softmax + ce", spec.name());
        assertEquals(List.of("p1", "p2", "p3"), spec.outputs());
        assertEquals(Activation.LEAKY_RELU, spec.layer(1).activation());
        assertEquals(0.2, spec.layer(1).alpha());
        assertArrayEquals(new double[][] {{0.5, -0.25}, {0.1, 0.25}, {-0.5, 10}}, spec.layer(1).weights());
        assertEquals(Loss.CE, spec.loss());
        assertEquals(Reduction.SUM, spec.reduction());
        assertArrayEquals(new double[] {1, 2}, spec.data().get(2).x(), "alias *p reuses the anchored list");
    }

    @Test
    void defaultOutputNamesFollowTheOutputWidth() {
        NetworkSpec spec = SpecLoader.parse("""
                inputs: [x1]
                layers:
                  - {units: 3, activation: sigmoid, weights: [[1], [2], [3]], biases: [0, 0, 0]}
                loss: se
                data:
                  - {x: 1, y: [1, 0, 1]}
                """, "three.yaml");
        assertEquals(List.of("yhat1", "yhat2", "yhat3"), spec.outputs());
    }

    @Test
    void initDrawsMissingParametersDeterministicallyWithinTheScale() {
        NetworkSpec a = good("init_seeded.yaml");
        NetworkSpec b = good("init_seeded.yaml");
        assertEquals(a, b, "same seed, same parameters");
        double bound = 1 / Math.sqrt(3);
        for (double[] row : a.layer(1).weights()) {
            for (double w : row) {
                assertTrue(Math.abs(w) <= bound, "weight " + w + " within 1/sqrt(fan-in)");
            }
        }
        assertArrayEquals(new double[] {0.25}, a.layer(2).biases(), "given values win");
        assertTrue(Math.abs(a.layer(2).weightAt(0, 0)) <= 0.5);

        String yaml = BadSpecCorpusTest.read(goodPath("init_seeded.yaml"));
        NetworkSpec otherSeed = SpecLoader.parse(yaml.replace("seed: 42", "seed: 43"), "s.yaml");
        assertNotEquals(a.layer(1), otherSeed.layer(1));
        NetworkSpec scaled = SpecLoader.parse(yaml.replace("{seed: 42}", "{seed: 42, scale: 0.001}"), "s.yaml");
        assertTrue(Math.abs(scaled.layer(1).weightAt(0, 0)) <= 0.001);
        NetworkSpec zero = SpecLoader.parse(yaml.replace("{seed: 42}", "{seed: 42, scale: 0}"), "s.yaml");
        assertEquals(0.0, zero.layer(1).weightAt(2, 1));
    }

    @Test
    void unknownWordsAreCaseInsensitive() {
        NetworkSpec spec = SpecLoader.parse(ONE_NEURON.replace("identity", "LINEAR").replace("loss: se",
                "loss: Half_SE\nreduction: SUM"), "case.yaml");
        assertEquals(Activation.IDENTITY, spec.layer(1).activation());
        assertEquals(Loss.HALF_SE, spec.loss());
        assertEquals(Reduction.SUM, spec.reduction());
    }

    @Test
    void ceAcceptsASigmoidOutput() {
        String yaml = ONE_NEURON.replace("identity", "sigmoid").replace("loss: se", "loss: ce");
        assertEquals(Loss.CE, SpecLoader.parse(yaml, "ce.yaml").loss());
    }

    @Test
    void loadReadsAFileAndNamesItInMessages(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.yaml");
        Files.writeString(file, ONE_NEURON);
        assertEquals(2, SpecLoader.load(file).parameterCount());

        Files.writeString(file, ONE_NEURON.replace("loss: se", "loss: sse"));
        UserError e = assertThrows(UserError.class, () -> SpecLoader.load(file));
        assertEquals(file + ":4: loss: unknown loss 'sse' (expected one of se, half_se, bce, ce, mae, huber); did you mean se?",
                e.getMessage());
    }

    @Test
    void refusesMissingDirectoriesAndOversizedFiles(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(missing + ": no such file", assertThrows(UserError.class, () -> SpecLoader.load(missing))
                .getMessage());
        assertEquals(dir + ": is a directory, not a text file",
                assertThrows(UserError.class, () -> SpecLoader.load(dir)).getMessage());

        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(SpecLoader.MAX_FILE_BYTES) + "\n");
        String message = assertThrows(UserError.class, () -> SpecLoader.load(big)).getMessage();
        assertTrue(message.startsWith(big + ": the file has 5,242,883 bytes, more than the limit"), message);

        Path binary = dir.resolve("latin1.yaml");
        Files.write(binary, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertEquals(binary + ": is not UTF-8 text (an invalid byte sequence near offset 3)",
                assertThrows(UserError.class, () -> SpecLoader.load(binary)).getMessage());
    }

    @Test
    void refusesOversizedTextQuickly() {
        String huge = "inputs: [x]\n#" + "x".repeat(SpecLoader.MAX_FILE_BYTES);
        String message = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(UserError.class, () -> SpecLoader.parse(huge, "huge.yaml")).getMessage());
        assertTrue(message.startsWith("huge.yaml: the spec has"), message);
    }

    @Test
    void overlongNumbersAndNamesAreClippedInOneLineMessages() {
        String digits = "9".repeat(500);
        UserError e = assertThrows(UserError.class,
                () -> SpecLoader.parse(ONE_NEURON.replace("[[0.1]]", "[[" + digits + "]]"), "long.yaml"));
        assertEquals("long.yaml:3: layers[0].weights[0][0]: expected a number of at most 100 characters, got 500"
                + " characters", e.getMessage());
        UserError n = assertThrows(UserError.class,
                () -> SpecLoader.parse(ONE_NEURON.replace("[x]", "[\"a\\nb" + "c".repeat(80) + "\"]"), "n.yaml"));
        assertTrue(n.getMessage().startsWith("n.yaml:1: inputs[0]: 'a bccccccccc"), n.getMessage());
        assertTrue(n.getMessage().contains("...' is not a valid name"), n.getMessage());
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertEquals(List.of("x"), SpecLoader.parse("\uFEFF" + ONE_NEURON, "bom.yaml").inputs());
    }

    @Test
    void theLimitsAreThoseDocumented() {
        assertEquals(2_000_000, SpecLoader.MAX_PARAMETERS);
        assertEquals(10_000, SpecLoader.MAX_SAMPLES);
        assertEquals(64, SpecLoader.MAX_LAYERS);
        assertEquals(100_000, SpecLoader.MAX_UNITS);
        assertEquals(5 * 1024 * 1024, SpecLoader.MAX_FILE_BYTES);
    }

    @Test
    void tooManySamplesAreRefused() {
        StringBuilder yaml = new StringBuilder(ONE_NEURON);
        yaml.append("  - {x: 1, y: 1}\n".repeat(SpecLoader.MAX_SAMPLES));
        UserError e = assertThrows(UserError.class, () -> SpecLoader.parse(yaml.toString(), "many.yaml"));
        assertEquals("many.yaml:6: data: expected at most 10000 samples, got 10001", e.getMessage());
    }

    static NetworkSpec good(String file) {
        Path path = goodPath(file);
        return SpecLoader.parse(BadSpecCorpusTest.read(path), file);
    }

    static Path goodPath(String file) {
        try {
            return Path.of(SpecLoaderTest.class.getResource("/specs/good/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
