package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static final String ONE_D = """
            inputs: [x]
            layers:
              - units: 1
                activation: identity
                weights: [[0.1]]
                biases: [0]
            loss: se
            data:
              - {x: [3], y: [1]}
            """;

    @Test
    void builtInXorExampleExplainsEveryParameterAndPasses() {
        Run r = run("explain");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("XOR network · 2-2-1 · ReLU → σ · BCE · mean over 4 samples"), r.out());
        assertTrue(r.out().contains("∂L/∂w₁₁⁽¹⁾"));
        assertTrue(r.out().contains("= ŷ − y"), "the BCE∘σ cancellation is shown");
        assertTrue(r.out().contains("mean over 4 samples = 0.115529"), "the number of EXAMPLE-TRACE");
        assertTrue(r.out().contains("Summary   9 parameters: "));
        assertFalse(r.out().contains("FAIL"));
    }

    /** --brief: the slide version of the same derivation, as EXAMPLE-TRACE writes it; same numbers, same checks. */
    @Test
    void briefMergesTheRoundsOfRules() {
        Run full = run("explain", "--param", "w[1,1,1]");
        Run brief = run("explain", "--param", "w[1,1,1]", "--brief");
        assertEquals(0, brief.code(), brief.err());
        long fullLines = full.out().lines().count();
        long briefLines = brief.out().lines().count();
        assertTrue(briefLines < fullLines - 15, full.out().lines().count() + " lines in full, " + briefLines + " brief");
        assertTrue(brief.out().contains("= −y/ŷ + (1 − y)/(1 − ŷ)"), brief.out());
        assertTrue(brief.out().contains("log rule, chain rule"), "the rules of the merged rounds are all named");
        assertTrue(brief.out().matches("(?s).*= ŷ − y +distribute, regroup, cancel, expand, collect like terms.*"),
                "the BCE∘σ cancellation stays a line of its own");
        assertTrue(brief.out().contains("mean over 4 samples = 0.115529"));
        assertTrue(run("explain", "--brief", "--format", "latex").out().contains("distribute, regroup, cancel"));
    }

    @Test
    void contractJsonForTheOneDimensionalExample(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("one-d.yaml");
        Files.writeString(spec, ONE_D);
        Run r = run("explain", spec.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(0.49, root.get("loss").asDouble(), 1e-12);
        JsonNode w = root.get("parameters").get(0);
        assertEquals("weight", w.get("kind").asText());
        assertEquals(1, w.get("layer").asInt());
        assertEquals(1, w.get("neuron").asInt());
        assertEquals(1, w.get("input").asInt());
        assertEquals(0.1, w.get("value").asDouble(), 0);
        assertEquals(-4.2, w.get("gradient").asDouble(), 1e-12);
        assertEquals(-4.2, w.get("finite_difference").asDouble(), 1e-6);
        assertEquals("pass", w.get("check").asText());
        JsonNode b = root.get("parameters").get(1);
        assertEquals("bias", b.get("kind").asText());
        assertTrue(b.get("input").isNull());
        assertEquals(-1.4, b.get("gradient").asDouble(), 1e-12);
        assertEquals("pass", b.get("check").asText());
    }

    @Test
    void kinkIsReportedNotFailed() {
        // XOR sample 3 has z₂⁽¹⁾ = −0.5·1 + 1·0 + 0.5 = 0 exactly: ReLU's kink
        Run r = run("explain", "--param", "w[1,2,1]", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"check\" : \"kink\""), r.out());
        assertTrue(r.out().contains("\"sample\" : 3"));
    }

    @Test
    void unknownParameterIsOneLineExitTwo() {
        Run r = run("explain", "--param", "w[3,1,1]");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void missingSpecFileIsOneLineExitTwo() {
        Run r = run("explain", "no-such-file.yaml");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void softmaxCrossEntropyDeltaIsYhatMinusY(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("softmax.yaml");
        Files.writeString(spec, """
                inputs: [x1, x2]
                layers:
                  - units: 3
                    activation: softmax
                    weights: [[0.1, 0.2], [0.3, -0.1], [0.0, 0.5]]
                    biases: [0, 0.1, -0.1]
                loss: ce
                data:
                  - {x: [1, 2], y: [0, 1, 0]}
                """);
        Run r = run("explain", spec.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("= ŷ₁ − y₁"), r.out());
        assertTrue(r.out().contains("targets sum to 1"), r.out());
    }
}
