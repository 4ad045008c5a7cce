package dev.chainrule.cli;

import static dev.chainrule.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check of number claims on conv2d and rnn networks: each diagnosis on both sides of its border. The conv numbers
 * are notes/conv/relu-maxpool-sigmoid-bce.yaml's (worked by hand in its comment, asserted by NotesConvTest):
 * ∂L/∂k[1,1,1,1,2] = −0.0851115 = 0·… + δ(1,3)·x(1,4) + δ(2,1)·x(2,2) + δ(3,3)·x(3,4) = −0.170223 + 0.170223 − 0.0851115;
 * ∂L/∂k[1,1,1,2,1] = −0.170223. The rnn numbers are src/test/resources/rnn's (RnnModelTest): ∂L/∂u[1,1,2] =
 * −0.093802 = 0 + (−0.020507) + (−0.073295) over t = 1, 2, 3; ∂L/∂u[1,2,1] = −0.0144935.
 */
class SharedWeightCheckTest {
    static final String CONV = "notes/conv/relu-maxpool-sigmoid-bce.yaml";
    static final String RNN = "src/test/resources/rnn/rnn-tanh-sigmoid-bce.yaml";

    @TempDir
    Path dir;

    private static JsonNode claim(String spec, String claim, String... more) throws Exception {
        String[] args = new String[5 + more.length];
        args[0] = "check";
        args[1] = spec;
        args[2] = "--claim";
        args[3] = claim;
        args[4] = "--format=json";
        System.arraycopy(more, 0, args, 5, more.length);
        Result r = run(args);
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.err());
        return new ObjectMapper().readTree(r.out()).get("claims").get(0);
    }

    private static String kind(JsonNode c) {
        return c.get("diagnosis").isNull() ? c.get("verdict").asText() : c.get("diagnosis").get("kind").asText();
    }

    @Test
    void aKernelWeightsNumber() throws Exception {
        assertEquals("correct", kind(claim(CONV, "k[1,1,1,1,2] = -0.08511")));
        assertEquals("correct", kind(claim(CONV, "k[1,1,1,1,2] = -0.0851115")));
        // one digit off in the last place is wrong, rounded or not
        assertEquals("other", kind(claim(CONV, "k[1,1,1,1,2] = -0.08512")));
        assertEquals("sign", kind(claim(CONV, "k[1,1,1,1,2] = 0.08511")));
        // the term of position (1, 3) alone, δ·x = 0.170223·(−1): the sum over positions forgotten
        JsonNode one = claim(CONV, "k[1,1,1,1,2] = -0.1702");
        assertEquals("missing_path", kind(one));
        assertTrue(one.get("diagnosis").get("message").asText().contains("position (1, 3) alone"), one.toString());
        // the weight at the flipped place (2,1) ↔ (1,2): the kernel turned by 180°
        JsonNode flipped = claim(CONV, "k[1,1,1,2,1] = -0.08511");
        assertEquals("wrong_index", kind(flipped));
        assertTrue(flipped.get("diagnosis").get("message").asText().contains("the kernel flipped"), flipped.toString());
        assertEquals("constant_factor", kind(claim(CONV, "k[1,1,1,2,1] = -0.3404")));
        assertEquals("wrong_parameter", kind(claim(CONV, "k[1,1,1,2,1] = -1.915")));
        assertEquals("-0.085111497", claim(CONV, "k[1,1,1,1,2] = 1").get("expected").asText());
    }

    /** The note writes the sum's terms that are not 0 and counts the rest; the heading is ∂L/∂ of the weight. */
    @Test
    void theNoteWritesTheSum() {
        Result r = run("check", CONV, "--claim", "k[1,1,1,1,2] = -0.08511");
        assertTrue(r.out().contains("claim   ∂L/∂k[1,1,1,1,2] = -0.08511"), r.out());
        assertTrue(r.out().contains("it is the sum over its 9 output positions (r, c) of its filter, 6 of them 0: −0.17022 "
                + "(position (1, 3)) + 0.17022 (position (2, 1)) + (−0.085111) (position (3, 3))"), r.out());
        Result md = run("check", CONV, "--claim", "k[1,1,1,1,2] = -0.08511", "--format", "markdown");
        assertTrue(md.out().contains("∂L/∂k"), md.out());
        assertFalse(md.out().contains("∂/∂k"), md.out());
    }

    /** A weight with one use only, or whose other uses add 0: that use is the gradient, and claiming it is right. */
    @Test
    void aUseThatIsTheWholeSumIsCorrect() throws Exception {
        // the test example's max pool keeps one window: only position (1, 2) has δ ≠ 0, so its term is the gradient
        String spec = "src/test/resources/conv/conv-4x4-maxpool-sigmoid-bce.yaml";
        assertEquals("correct", kind(claim(spec, "k[1,1,1,1,2] = 0.01224")));
        // the dense weight is not shared: nothing to sum, a wrong number is not a forgotten sum
        assertEquals("sign", kind(claim(CONV, "w[4,1,1] = 1.915")));
    }

    @Test
    void aRecurrentWeightsNumber() throws Exception {
        assertEquals("correct", kind(claim(RNN, "u[1,1,2] = -0.09380")));
        JsonNode last = claim(RNN, "u[1,1,2] = -0.07330");
        assertEquals("missing_path", kind(last));
        assertTrue(last.get("diagnosis").get("message").asText().contains("time step t = 3 alone"), last.toString());
        assertTrue(last.get("diagnosis").get("message").asText().contains("cut to one step"), last.toString());
        assertEquals("missing_path", kind(claim(RNN, "u[1,1,2] = -0.02051")));
        JsonNode transposed = claim(RNN, "u[1,1,2] = -0.01449");
        assertEquals("wrong_index", kind(transposed));
        assertTrue(transposed.get("diagnosis").get("message").asText().contains("U transposed"), transposed.toString());
        // u[1,1,1] has no transpose to take: the same number is just another parameter's
        assertEquals("sign", kind(claim(RNN, "u[1,1,2] = 0.09380")));
        assertEquals("missing_path", kind(claim(RNN, "b[1,1] = -0.1530")));
    }

    @Test
    void regularizationOnABatchClaim() throws Exception {
        String yaml = Files.readString(Path.of(RNN), StandardCharsets.UTF_8) + "\nregularization: {l2: 0.5}\n";
        Path spec = dir.resolve("reg.yaml");
        Files.writeString(spec, yaml, StandardCharsets.UTF_8);
        // the batch gradient with the term: −0.093802 + 0.5·(−0.3) = −0.243802; without it, or with 2λw (−0.393802)
        assertEquals("correct", kind(claim(spec.toString(), "u[1,1,2] = -0.2438", "--of", "batch")));
        assertEquals("missing_path", kind(claim(spec.toString(), "u[1,1,2] = -0.09380", "--of", "batch")));
        assertEquals("extra_factor", kind(claim(spec.toString(), "u[1,1,2] = -0.3938", "--of", "batch")));
        // per sample, the data loss alone (contract §4): the term is not in a per-sample claim
        assertEquals("correct", kind(claim(spec.toString(), "u[1,1,2] = -0.09380", "--sample", "1")));
    }

    /** A regularized conv spec: explain writes the term on its own line and in JSON; a batch claim without it is named. */
    @Test
    void regularizationOnAConvSpec() throws Exception {
        Path spec = dir.resolve("conv-reg.yaml");
        Files.writeString(spec, Files.readString(Path.of(CONV), StandardCharsets.UTF_8) + "regularization: {l2: 0.1}\n",
                StandardCharsets.UTF_8);
        Result text = run("explain", spec.toString(), "--param", "k[1,1,1,1,2]");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("regularization  ∂/∂k[1,1,1,1,2] ((λ/2)w² + μ|w|) = λw + μ·sign(w) = −0.1"),
                text.out());
        assertTrue(text.out().contains("gradient = −0.085111497 + (−0.1) = −0.1851115"), text.out());
        Result json = run("explain", spec.toString(), "--format", "json");
        JsonNode k = new ObjectMapper().readTree(json.out()).get("parameters").get(1);
        assertEquals(-0.0851114966, k.get("data_gradient").asDouble(), 1e-9);
        assertEquals(-0.1, k.get("regularization_gradient").asDouble(), 1e-15);
        assertEquals("pass", k.get("check").asText());
        // −0.0851115 + 0.1·(−1): the batch claim with the term, without it (missing_path), with 2λw (extra_factor)
        assertEquals("correct", kind(claim(spec.toString(), "k[1,1,1,1,2] = -0.1851", "--of", "batch")));
        assertEquals("missing_path", kind(claim(spec.toString(), "k[1,1,1,1,2] = -0.08511", "--of", "batch")));
        assertEquals("extra_factor", kind(claim(spec.toString(), "k[1,1,1,1,2] = -0.2851", "--of", "batch")));
    }

    @Test
    void badClaimsAreOneLine() {
        for (String[] args : new String[][] {
            {"check", CONV, "--claim", "k[1,1,1,1,2] = delta[1,1,1,3]*x[1,1,4]"},
            {"check", CONV, "--claim", "k[1,1,1,3,1] = 1"},
            {"check", CONV, "--claim", "k[1,1,1,1,2] = 1", "--sample", "2"},
            {"check", RNN, "--claim", "u[1,3,1] = 1"},
            {"check", RNN, "--claim", "u[1,1,2] = 1", "--sample", "1", "--of", "batch"}}) {
            Result r = run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }
}
