package dev.chainrule.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport;
import dev.chainrule.cli.CliTestSupport.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    static final String XOR = "notes/xor-relu-sigmoid-bce.yaml";
    static final String ONE_D = "notes/one-d-identity.yaml";
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(Result r) throws Exception {
        return JSON.readTree(r.out());
    }

    /** The contract's example: seed 002 after one epoch, w = 4.3, b = 1.4, loss 176.89. */
    @Test
    void contractJsonExample() throws Exception {
        Result r = CliTestSupport.run("train", ONE_D, "--epochs", "1", "--format", "json");
        CliTestSupport.assertExit(0, r);
        JsonNode j = json(r);
        assertEquals(1, j.get("epochs").size());
        assertEquals(1, j.get("epochs").get(0).get("epoch").asInt());
        assertEquals(176.89, j.get("epochs").get(0).get("loss").asDouble(), 1e-9);
        JsonNode w = j.get("parameters").get(0);
        assertEquals("weight", w.get("kind").asText());
        assertEquals(1, w.get("layer").asInt());
        assertEquals(1, w.get("neuron").asInt());
        assertEquals(1, w.get("input").asInt());
        assertEquals(4.3, w.get("value").asDouble(), 1e-12);
        JsonNode b = j.get("parameters").get(1);
        assertEquals("bias", b.get("kind").asText());
        assertTrue(b.get("input").isNull());
        assertEquals(1.4, b.get("value").asDouble(), 1e-12);
        assertTrue(j.get("epochs").get(0).has("gradient_norm"));
        assertEquals(1, j.get("steps").size());
        assertEquals(-4.2, j.get("steps").get(0).get("updates").get(0).get("gradient").asDouble(), 1e-12);
        assertTrue(j.get("diverged").isNull());
    }

    @Test
    void textWritesTheFirstUpdateOut() {
        Result r = CliTestSupport.run("train", XOR, "--epochs", "2", "--batch-size", "1", "--show-steps", "1");
        CliTestSupport.assertExit(0, r);
        String out = r.out();
        assertTrue(out.contains("Step 1 · epoch 1, batch 1 of 4 · sample 1"), out);
        assertTrue(out.contains("∂L/∂b₁⁽¹⁾ = −0.562177"), out);
        assertTrue(out.contains("b₁⁽¹⁾ ← b₁⁽¹⁾ − η·∂L/∂b₁⁽¹⁾ = 1 − 0.1·(−0.562177) = 1.05622"), out);
        assertTrue(out.contains("w₁₁⁽¹⁾ ← w₁₁⁽¹⁾ − η·∂L/∂w₁₁⁽¹⁾ = 1 − 0.1·(0) = 1"), out);
        assertFalse(out.contains("Step 2"), out);
        assertTrue(out.contains("Parameters after training"), out);
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void textWritesMomentumAndAdamState() {
        Result m = CliTestSupport.run("train", ONE_D, "--epochs", "2", "--optimizer", "momentum",
                "--learning-rate", "0.01", "--show-steps", "2");
        CliTestSupport.assertExit(0, m);
        assertTrue(m.out().contains("v(w₁₁⁽¹⁾) ← μ·v + ∂L/∂w₁₁⁽¹⁾ = 0.9·(−4.2) + (−3.36) = −7.14"), m.out());
        assertTrue(m.out().contains("w₁₁⁽¹⁾ ← w₁₁⁽¹⁾ − η·v(w₁₁⁽¹⁾) = 0.142 − 0.01·(−7.14) = 0.2134"), m.out());
        Result a = CliTestSupport.run("train", ONE_D, "--epochs", "2", "--optimizer", "adam", "--learning-rate", "0.1",
                "--show-steps", "2");
        CliTestSupport.assertExit(0, a);
        assertTrue(a.out().contains("m̂ = m/(1 − β₁²)"), a.out());
        assertTrue(a.out().contains("m̂ = −0.558/0.19 = −2.93684,  v̂ = 0.0208624/0.001999 = 10.4364"), a.out());
        assertTrue(a.out().contains("w₁₁⁽¹⁾ ← w₁₁⁽¹⁾ − η·m̂/(√v̂ + ε) = 0.2 − 0.1·(−2.93684)/(√10.4364 + 1e−8) = 0.290909"),
                a.out());
        assertTrue(a.out().contains("m = 0.9·(−0.42) + 0.1·(−1.8) = −0.558"), a.out());
    }

    @Test
    void defaultIsTheBuiltInXorFullBatch() throws Exception {
        Result r = CliTestSupport.run("train", "--epochs", "3", "--format", "json");
        CliTestSupport.assertExit(0, r);
        Result f = CliTestSupport.run("train", XOR, "--epochs", "3", "--format", "json");
        assertEquals(json(f).get("parameters"), json(r).get("parameters"));
        assertEquals(4, json(r).get("batch_size").asInt());
        assertEquals(0.1, json(r).get("optimizer").get("learning_rate").asDouble());
    }

    @Test
    void shuffleIsReproducible() {
        Result a = CliTestSupport.run("train", XOR, "--epochs", "4", "--batch-size", "1", "--shuffle", "--seed", "5",
                "--format", "json");
        Result b = CliTestSupport.run("train", XOR, "--epochs", "4", "--batch-size", "1", "--shuffle", "--seed", "5",
                "--format", "json");
        CliTestSupport.assertExit(0, a);
        assertEquals(a.out(), b.out());
    }

    @Test
    void divergenceIsExit1WithOneLine() throws Exception {
        Result r = CliTestSupport.run("train", ONE_D, "--epochs", "500", "--format", "json");
        CliTestSupport.assertExit(1, r);
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.startsWith("chainrule: training diverged in epoch "), err);
        assertTrue(err.contains("smaller learning rate"), err);
        JsonNode j = json(r);
        assertTrue(j.get("diverged").get("epoch").asInt() > 1);
        assertEquals(j.get("diverged").get("epoch").asInt() - 1, j.get("epochs").size());
        Result t = CliTestSupport.run("train", ONE_D, "--epochs", "500");
        CliTestSupport.assertExit(1, t);
        assertTrue(t.out().contains("stopped: training diverged"), t.out());
    }

    @Test
    void plotsPngAndSvg(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("loss.png");
        Result r = CliTestSupport.run("train", XOR, "--epochs", "30", "--plot", png.toString(), "--show-steps", "0");
        CliTestSupport.assertExit(0, r);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        Path svg = dir.resolve("loss.SVG");
        r = CliTestSupport.run("train", XOR, "--epochs", "30", "--plot", svg.toString(), "--log-scale");
        CliTestSupport.assertExit(0, r);
        assertTrue(Files.exists(svg), "written under the name asked for: " + svg);
        assertTrue(Files.readString(svg, StandardCharsets.UTF_8).contains("<svg"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void badUsageIsExit2OneLine(@TempDir Path dir) {
        String[][] bad = {
                {"train", XOR},
                {"train", XOR, "--epochs", "0"},
                {"train", XOR, "--epochs", "2", "--batch-size", "0"},
                {"train", XOR, "--epochs", "2", "--optimizer", "rmsprop"},
                {"train", XOR, "--epochs", "2", "--learning-rate", "-1"},
                {"train", XOR, "--epochs", "2", "--shuffle"},
                {"train", XOR, "--epochs", "2", "--seed", "3"},
                {"train", XOR, "--epochs", "2", "--momentum", "0.5"},
                {"train", XOR, "--epochs", "2", "--optimizer", "momentum", "--beta1", "0.5"},
                {"train", XOR, "--epochs", "2", "--log-scale"},
                {"train", XOR, "--epochs", "2", "--plot", dir.resolve("x.jpg").toString()},
                {"train", XOR, "--epochs", "2", "--plot", dir.resolve("no/such/x.png").toString()},
                {"train", XOR, "--epochs", "2", "--format", "dot"},
                {"train", "no-such-file.yaml", "--epochs", "2"},
                {"train", XOR, "--epochs", "two"},
        };
        for (String[] args : bad) {
            Result r = CliTestSupport.run(args);
            CliTestSupport.assertOneLineError(r);
        }
    }

    @Test
    void miniBatchStepNamesItsSamplesAndTheMean() throws Exception {
        Result r = CliTestSupport.run("train", XOR, "--epochs", "1", "--batch-size", "2", "--show-steps", "2");
        CliTestSupport.assertExit(0, r);
        assertTrue(r.out().contains("Step 1 · epoch 1, batch 1 of 2 · 2 samples"), r.out());
        assertTrue(r.out().contains("Step 2 · epoch 1, batch 2 of 2 · 2 samples"), r.out());
        assertTrue(r.out().contains("(the mean over the batch's 2 samples)"), r.out());
        Result j = CliTestSupport.run("train", XOR, "--epochs", "1", "--batch-size", "2", "--show-steps", "2",
                "--optimizer", "adam", "--format", "json");
        CliTestSupport.assertExit(0, j);
        JsonNode steps = json(j).get("steps");
        assertEquals(2, steps.size());
        assertEquals("[3,4]", steps.get(1).get("samples").toString());
        JsonNode state = steps.get(1).get("updates").get(0).get("state");
        for (String k : new String[] {"t", "m", "v", "m_hat", "v_hat", "m_prev", "v_prev"}) {
            assertTrue(state.has(k), k);
        }
        assertEquals(2, state.get("t").asInt());
        assertEquals("adam", json(j).get("optimizer").get("name").asText());
        assertEquals(0.999, json(j).get("optimizer").get("beta2").asDouble());
    }

    @Test
    void documentFormats(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("train.html");
        Result h = CliTestSupport.run("train", XOR, "--epochs", "5", "--format", "html", "-o", html.toString());
        CliTestSupport.assertExit(0, h);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("<svg") && page.contains("<math") && !page.contains("<script"), "loss curve and MathML");
        Result f = CliTestSupport.run("train", XOR, "--epochs", "5", "--format", "latex", "--fragment");
        CliTestSupport.assertExit(0, f);
        assertTrue(f.out().contains("\\begingroup") && !f.out().contains("\\documentclass"), f.out());
        Result m = CliTestSupport.run("train", XOR, "--epochs", "5", "--format", "markdown", "--optimizer", "adam");
        CliTestSupport.assertExit(0, m);
        assertTrue(m.out().startsWith("# Training: XOR network") && m.out().contains("$$"), m.out());
    }

    @Test
    void helpListsTheOptions() {
        Result r = CliTestSupport.run("train", "--help");
        CliTestSupport.assertExit(0, r);
        for (String o : new String[] {"--epochs", "--batch-size", "--optimizer", "--momentum", "--beta1", "--beta2",
                "--epsilon", "--learning-rate", "--shuffle", "--seed", "--show-steps", "--format", "--plot",
                "--log-scale"}) {
            assertTrue(r.out().contains(o), o);
        }
        Result top = CliTestSupport.run("--help");
        assertTrue(top.out().contains("train"), top.out());
    }
}
