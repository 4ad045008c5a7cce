package dev.chainrule.cli;

import static dev.chainrule.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport.Result;
import org.junit.jupiter.api.Test;

/** explain of the hand-worked conv example (ConvModelTest) through the command line; what is not done yet is refused. */
class ConvExplainCliTest {
    static final String SPEC = "src/test/resources/conv/conv-4x4-maxpool-sigmoid-bce.yaml";

    @Test
    void textWritesTheWeightSharingSumAndItsCheck() {
        Result r = run("explain", SPEC, "--param", "k[1,1,1,1,2]");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("L = 0.0081960673"), r.out());
        assertTrue(r.out().contains("(1, 2)  δ[1,1,1,2] · x[1,1,3] = −0.0040812856 · (−3) = 0.012243857"), r.out());
        assertTrue(r.out().contains("(1, 1)  δ[1,1,1,1] · x[1,1,2] = 0 · 2 = 0"), r.out());
        assertTrue(r.out().contains("gradient = 0.012243857"), r.out());
        assertTrue(r.out().contains("✓ pass"), r.out());
    }

    @Test
    void jsonCarriesIdKindAndEveryGradientChecked() throws Exception {
        Result r = run("explain", SPEC, "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode params = new ObjectMapper().readTree(r.out()).get("parameters");
        assertEquals(7, params.size());
        assertEquals("k[1,1,1,1,1]", params.get(0).get("id").asText());
        assertEquals(1, params.get(0).get("row").asInt());
        assertEquals(1, params.get(0).get("input").asInt());
        assertTrue(params.get(4).get("input").isNull());
        assertEquals("kernel", params.get(0).get("kind").asText());
        assertEquals("bias", params.get(4).get("kind").asText());
        assertEquals("weight", params.get(5).get("kind").asText());
        assertEquals(0.012243856729739822, params.get(1).get("gradient").asDouble(), 1e-12);
        assertEquals(9, params.get(1).get("weight_sharing").size());
        for (JsonNode p : params) {
            // the contract's keys (docs/reference.md §3): check is a string, finite_difference beside it
            assertEquals("pass", p.get("check").asText(), p.toString());
            assertEquals(p.get("gradient").asDouble(), p.get("finite_difference").asDouble(), 1e-6);
            assertTrue(p.has("layer") && p.has("neuron") && p.has("input") && p.has("value"), p.toString());
        }
    }

    @Test
    void everyDocumentFormatIsWritten() {
        for (String format : new String[] {"latex", "markdown", "html"}) {
            Result r = run("explain", SPEC, "--format", format);
            assertEquals(0, r.exitCode(), format + ": " + r.err());
            assertTrue(r.out().contains("rot180"), format);
        }
        Result dot = run("explain", SPEC, "--format", "dot");
        assertTrue(dot.err().contains("a conv2d network is explained in text, json, latex, markdown or html"), dot.err());
    }

    @Test
    void textWritesBothPasses() {
        Result r = run("explain", SPEC);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Forward pass, sample 1"), r.out());
        assertTrue(r.out().contains("winners (window ← the input cell it passes on): (1,1) ← (1,2)"), r.out());
        assertTrue(r.out().contains("Backward pass, sample 1"), r.out());
        assertTrue(r.out().contains("  input: ∂L/∂x[ch,i,j] = "), r.out());
    }

    /** --sample N writes that sample's passes and sums; the gradients stay the reduced loss's over every sample. */
    @Test
    void sampleWritesOneSamplesPasses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of(SPEC)).replace("data:\n",
                "data:\n  - x: [[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0]]\n    y: [0]\n");
        java.nio.file.Path two = dir.resolve("two.yaml");
        java.nio.file.Files.writeString(two, yaml);
        Result all = run("explain", two.toString(), "--param", "k[1,1,1,1,2]");
        Result second = run("explain", two.toString(), "--param", "k[1,1,1,1,2]", "--sample", "2");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(all.out().contains("Forward pass, sample 1") && all.out().contains("Forward pass, sample 2"), all.out());
        assertFalse(second.out().contains("Forward pass, sample 1"), second.out());
        assertTrue(second.out().contains("Forward pass, sample 2"), second.out());
        assertTrue(second.out().contains("(the other sample goes the same way; the gradients below are over all 2)"),
                second.out());
        assertFalse(second.out().contains("        sample 2:\n") && second.out().contains("        sample 1:\n"), second.out());
        String gradient = all.out().lines().filter(l -> l.contains("gradient (mean over 2 samples) =")).findFirst()
                .orElseThrow();
        assertTrue(second.out().contains(gradient), gradient + "\n" + second.out());
    }

    @Test
    void whatIsNotDoneIsOneLineExitTwo() {
        for (String[] args : new String[][] {
            {"explain", SPEC, "--format", "dot"},
            {"explain", SPEC, "--param", "k[4,1,1,1,1]"},
            {"explain", SPEC, "--param", "k[1,1,1,3,1]"},
            {"explain", SPEC, "--sample", "2"},
            {"explain", SPEC, "--check", "none"},
            {"check", SPEC, "--claim", "k[1,1,1,1,1] = delta[1,1,1,1]"},
            {"check", SPEC, "--steps", "src/test/resources/conv/conv-4x4-maxpool-sigmoid-bce.yaml"},
            {"train", SPEC, "--epochs", "1"}}) {
            Result r = run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }
}
