package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Worked steps judged on a network ({@code check SPEC --steps FILE}), through the CLI: the files under
 * {@code homework/steps-net/}, correct ones in several styles (the chain rule written out with dA/dB, ∂A/∂B and
 * d(A, B) factors, a rewritten as tanh(z) or σ(z), δ, the numbers of one sample) and wrong ones (consistent but
 * wrong from the first line on, a slip carried on, a slip undone later), each with its verdict, first wrong line and
 * diagnosis, on the builtin XOR network, two networks of the homework corpus and a tanh/½SE network of its own.
 */
class NetworkStepsCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String XOR = "builtin";
    static final String SIG_SE = "homework/sigmoid_221_se.yaml";
    static final String TWO = "homework/two_outputs.yaml";
    static final String SOFTMAX = "homework/softmax_ce.yaml";
    static final String TANH = "homework/steps-net/tanh_221_half_se.yaml";

    static Path resource(String name) {
        try {
            return Path.of(NetworkStepsCorpusTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> args(String net, Path steps, String... more) {
        List<String> a = new ArrayList<>(List.of("check"));
        if (!net.equals(XOR)) {
            a.add(resource(net).toString());
        }
        a.add("--steps");
        a.add(steps.toString());
        a.addAll(List.of(more));
        return a;
    }

    /**
     * network, file, options ("" or e.g. "--sample 1"), verdict, first wrong line (0: none), diagnosis kind (null when
     * correct), whether the final line is right.
     */
    static Stream<Arguments> corpus() {
        return Stream.of(
                // ---- XOR (ReLU hidden, sigmoid output, BCE)
                Arguments.of(XOR, "xor_w211_chain_correct.txt", "", "correct", 0, null, true),
                Arguments.of(XOR, "xor_w111_partial_correct.txt", "", "correct", 0, null, true),
                Arguments.of(XOR, "xor_b11_numbers_sample1.txt", "--sample 1", "correct", 0, null, true),
                Arguments.of(XOR, "xor_w211_unicode_correct.txt", "", "correct", 0, null, true),
                Arguments.of(XOR, "xor_w211_sign_throughout.txt", "", "incorrect", 3, "sign", false),
                Arguments.of(XOR, "xor_w111_missing_relu_prime.txt", "", "incorrect", 3, "missing_factor", false),
                Arguments.of(XOR, "xor_w111_wrong_then_right.txt", "", "incorrect", 5, "sign", true),
                Arguments.of(XOR, "xor_w211_no_dependency.txt", "", "incorrect", 3, "other", false),
                // ---- 2-2-1 sigmoid, squared error
                Arguments.of(SIG_SE, "sig_se_w111_sigma_correct.txt", "", "correct", 0, null, true),
                Arguments.of(SIG_SE, "sig_se_w212_half_throughout.txt", "", "incorrect", 3, "constant_factor", false),
                // ---- 2-2-2 tanh hidden, two sigmoid outputs, ½SE: two paths
                Arguments.of(TWO, "two_outputs_b11_paths_correct.txt", "", "correct", 0, null, true),
                Arguments.of(TWO, "two_outputs_b11_one_path.txt", "", "incorrect", 3, "missing_path", false),
                // ---- softmax + CE
                Arguments.of(SOFTMAX, "softmax_ce_b22_sum_correct.txt", "", "correct", 0, null, true),
                // ---- tanh hidden, identity output, ½SE (this corpus's own network)
                Arguments.of(TANH, "tanh_w121_tanh_correct.txt", "", "correct", 0, null, true),
                Arguments.of(TANH, "tanh_w121_activation.txt", "", "incorrect", 4, "activation_not_derivative", false),
                Arguments.of(TANH, "tanh_w111_chain_twice.txt", "", "incorrect", 4, "extra_factor", false),
                Arguments.of(TANH, "tanh_b21_sign_from_line1.txt", "", "incorrect", 2, "sign", false));
    }

    @ParameterizedTest(name = "{0}: {1} {2} → {3}, first wrong line {4}")
    @MethodSource("corpus")
    void judged(String net, String file, String options, String verdict, int firstWrong, String kind, boolean finalCorrect)
            throws Exception {
        List<String> a = args(net, resource("homework/steps-net/" + file), "--format", "json");
        if (!options.isEmpty()) {
            a.addAll(List.of(options.split(" ")));
        }
        CliTestSupport.Result r = CliTestSupport.run(a.toArray(String[]::new));
        JsonNode c = JSON.readTree(r.out()).get("claims").get(0);
        assertEquals(verdict.equals("correct") ? 0 : 1, r.exitCode(), r::describe);
        assertEquals(verdict, c.get("verdict").asText(), c::toPrettyString);
        JsonNode steps = c.get("steps");
        assertEquals(firstWrong, steps.get("first_wrong_line").isNull() ? 0 : steps.get("first_wrong_line").asInt(), c::toPrettyString);
        assertEquals(finalCorrect, steps.get("final_line_correct").asBoolean(), c::toPrettyString);
        assertFalse(steps.get("gradient").asText().isBlank());
        if (kind == null) {
            assertTrue(c.get("diagnosis").isNull(), c::toPrettyString);
            assertEquals("steps", c.get("param").asText());
            for (JsonNode l : steps.get("lines")) {
                assertEquals("correct", l.get("verdict").asText(), c::toPrettyString);
                assertTrue(l.get("follows_previous").asBoolean(), c::toPrettyString);
            }
        } else {
            assertEquals(kind, c.get("diagnosis").get("kind").asText(), c::toPrettyString);
            assertEquals("line " + firstWrong, c.get("param").asText());
            String message = c.get("diagnosis").get("message").asText();
            assertTrue(message.startsWith("line " + firstWrong + " "), message);
            // every line before the first wrong one is right, that one is not
            for (JsonNode l : steps.get("lines")) {
                int n = l.get("line").asInt();
                if (n < firstWrong) {
                    assertEquals("correct", l.get("verdict").asText(), c::toPrettyString);
                } else if (n == firstWrong) {
                    assertEquals("incorrect", l.get("verdict").asText(), c::toPrettyString);
                    assertFalse(l.get("follows_previous").asBoolean(), c::toPrettyString);
                }
            }
            if (finalCorrect) {
                assertTrue(message.contains("a second slip undoes the first"), message);
            }
        }
        // the second judge: Symja agrees wherever it compared (a time limit on a loaded machine is no disagreement)
        String symbolic = c.get("symbolic").get("result").asText();
        if (!symbolic.equals("not_run") && !(symbolic.equals("undecided") && c.get("symbolic").get("method").asText().matches(".*(timeout|ran out).*"))) {
            assertTrue(c.get("judges_agree").asBoolean(), c::toPrettyString);
        }
    }

    @Test
    void bothFractionFormsAndDOfAreTheSameFactors() throws Exception {
        // the same chain written with dA/dB, ∂A/∂B and d(A, B): each factor is read the same way
        for (String chain : List.of("dL/dyhat * dyhat/dz[2,1] * dz[2,1]/dw[2,1,1]", "∂L/∂ŷ · ∂ŷ/∂z[2,1] · ∂z[2,1]/∂w[2,1,1]",
                "d(L, yhat) * d(yhat, z[2,1]) * d(z[2,1], w[2,1,1])")) {
            Path f = write("dL/dw[2,1,1]\n= " + chain + "\n= (yhat - y)*a[1,1]\n");
            CliTestSupport.Result r = CliTestSupport.run(args(XOR, f, "--format", "json", "--no-symbolic").toArray(String[]::new));
            JsonNode c = JSON.readTree(r.out()).get("claims").get(0);
            assertEquals(0, r.exitCode(), r::describe);
            JsonNode factors = c.get("steps").get("lines").get(0).get("factors");
            assertEquals(3, factors.size(), c::toPrettyString);
            assertEquals("∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾", factors.get(2).asText());
        }
    }

    /** Today's false alarm: a[1,1] rewritten as relu(z[1,1]) (XOR) or tanh(z[1,1]) (tanh network) is the same quantity. */
    @Test
    void anActivationAndItsDefinitionAreTheSameQuantity() throws Exception {
        assertExit(0, XOR, "dL/dw[2,1,1]\n= (yhat - y)*a[1,1]\n= (yhat - y)*relu(z[1,1])\n= (sigmoid(z[2,1]) - y)*h[1,1]\n");
        assertExit(0, TANH, "dL/dw[2,1,1]\n= (yhat - y)*a[1,1]\n= (z[2,1] - y)*tanh(z[1,1])\n");
        // and a consistent derivation with the wrong sign for this network is caught at its first line
        assertExit(1, XOR, "dL/dw[2,1,1]\n= (y - yhat)*a[1,1]\n= (y - yhat)*relu(z[1,1])\n");
    }

    /** --sample N judges the steps for that sample: its data point and random parameters. */
    @Test
    void sampleAppliesToSteps() throws Exception {
        // ∂L/∂b₁⁽²⁾ = ŷ − y is 0.562 for sample 1 (ŷ = σ(0.25), y = 0) and −0.438 for sample 2 (the same ŷ, y = 1)
        Path f = write("dL/db[2,1]\n= yhat - y\n= 0.562\n");
        CliTestSupport.Result one = CliTestSupport.run(args(XOR, f, "--sample", "1", "--no-symbolic").toArray(String[]::new));
        assertEquals(0, one.exitCode(), one::describe);
        assertTrue(one.out().contains("at 41 points (the data and random points"), one::describe);
        CliTestSupport.Result two = CliTestSupport.run(args(XOR, f, "--sample", "2", "--no-symbolic").toArray(String[]::new));
        assertEquals(1, two.exitCode(), two::describe);
        assertTrue(two.out().contains("first wrong line: 3"), two::describe);
        // 0.562 is sample 1's gradient: named as such (wrong_index), with sample 2's
        assertTrue(two.out().contains("the gradient at sample 1 (0.562177), not at sample 2 (∂L/∂b₁⁽²⁾ = −0.437823)"), two::describe);
        // with x = (0, 0) every ∂L/∂w₁ⱼ⁽¹⁾ of sample 1 is 0 at every point: the numbers cannot tell, and say so
        Path zero = write("dL/dw[1,1,1]\n= (yhat - y)*w[2,1,1]*[z[1,1] > 0]*x1\n");
        CliTestSupport.Result undecided = CliTestSupport.run(args(XOR, zero, "--sample", "1", "--no-symbolic", "--format", "json")
                .toArray(String[]::new));
        assertEquals(1, undecided.exitCode(), undecided::describe);
        assertEquals("undecided", JSON.readTree(undecided.out()).get("claims").get(0).get("verdict").asText());
        // without --sample a number cannot be compared with four samples' gradients
        CliTestSupport.assertOneLineError(CliTestSupport.run(args(XOR, f).toArray(String[]::new)));
    }

    @Test
    void textNamesEveryLineTheFirstWrongOneAndTheGradient() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run(args(XOR, resource("homework/steps-net/xor_w111_wrong_then_right.txt"),
                "--no-symbolic").toArray(String[]::new));
        assertEquals(1, r.exitCode(), r::describe);
        String out = r.out();
        assertTrue(out.contains("goal    ∂L/∂w₁₁⁽¹⁾   (line 2)"), out);
        assertTrue(out.contains("line 3  ✓ = d(L, z[2,1])"), out);
        assertTrue(out.contains("line 5  ✗ = (y - yhat)"), out);
        assertTrue(out.contains("← first wrong line (does not follow from line 4)"), out);
        assertTrue(out.contains("follows from line 5, still wrong"), out);
        assertTrue(out.contains("right again: does not follow from line 6"), out);
        assertTrue(out.contains("verdict ✗ incorrect (sign), first wrong line: 5"), out);
        assertTrue(out.contains("the final line (line 7) equals the gradient again"), out);
        assertTrue(out.contains("∂L/∂w₁₁⁽¹⁾ = (ŷ − y)·w₁₁⁽²⁾·[z₁⁽¹⁾ > 0]·x₁"), out);
    }

    @Test
    void documentsNameTheLinesTheFirstWrongOneAndTheGradient() {
        Path f = resource("homework/steps-net/xor_w111_wrong_then_right.txt");
        for (String format : List.of("latex", "markdown", "html")) {
            CliTestSupport.Result r = CliTestSupport.run(args(XOR, f, "--no-symbolic", "--format", format).toArray(String[]::new));
            assertEquals(1, r.exitCode(), r::describe);
            String out = r.out();
            assertTrue(out.contains("Worked steps, first wrong line: 5"), format + "\n" + out);
            assertTrue(out.contains("line 5") && out.contains("first wrong line") && out.contains("right again"), format + "\n" + out);
            assertTrue(out.contains("line 3") && out.contains("line 7"), format + "\n" + out);
            assertTrue(out.contains("Correct result"), format + "\n" + out);
            // the HTML page has the name as MathML: w_{11}^{(2)} converted
            String w = format.equals("html") ? dev.chainrule.render.doc.MathMl.convert("w_{11}^{(2)}")
                    .replaceAll("^<mrow>|</mrow>$", "") : "w_{11}^{(2)}";
            assertTrue(out.contains(w), format + "\n" + out);
        }
    }

    @Test
    void aFactorOfNoDependencyIsNamed() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run(args(XOR, resource("homework/steps-net/xor_w211_no_dependency.txt"),
                "--no-symbolic").toArray(String[]::new));
        assertTrue(r.out().contains("its factor ∂z₁⁽¹⁾/∂w₁₁⁽²⁾ is 0: z₁⁽¹⁾ does not depend on w₁₁⁽²⁾, which enters only z₁⁽²⁾"), r::describe);
        CliTestSupport.Result twice = CliTestSupport.run(args(TANH, resource("homework/steps-net/tanh_w111_chain_twice.txt"),
                "--no-symbolic").toArray(String[]::new));
        assertTrue(twice.out().contains("is already the whole chain through a₁⁽¹⁾, so ∂a₁⁽¹⁾/∂z₁⁽¹⁾ counts a link of it twice"),
                twice::describe);
    }

    /** Steps that start with definitions, or --expr, stay free-form (the names are the student's own). */
    @Test
    void freeFormStepsStayFreeForm() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("check", "--steps", resource("homework/steps_correct.txt").toString(), "--no-symbolic");
        assertEquals(0, r.exitCode(), r::describe);
        assertFalse(r.out().contains("goal    "), r::describe);
        // with a SPEC, definitions of one's own are refused with a hint
        CliTestSupport.Result spec = CliTestSupport.run("check", resource(SIG_SE).toString(), "--steps",
                resource("homework/steps_correct.txt").toString());
        CliTestSupport.assertOneLineError(spec);
        assertTrue(spec.err().contains("leave out the SPEC"), spec::describe);
    }

    // ---------------------------------------------------------------- bad input: one line, exit 2

    @Test
    void aGoalForAParameterThatDoesNotExistNamesWhatExists() throws Exception {
        CliTestSupport.Result r = run(XOR, "dL/dw[3,1,1]\n= yhat - y\n");
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains("line 1"), r::describe);
        assertTrue(r.err().contains("no parameter w[3,1,1]"), r::describe);
        assertTrue(r.err().contains("w[1,1,1], w[1,1,2], w[1,2,1], w[1,2,2], b[1,1], b[1,2], w[2,1,1], w[2,1,2], b[2,1]"), r::describe);
        CliTestSupport.Result bias = run(SIG_SE, "∂L/∂b[2,2]\n= yhat - y\n");
        CliTestSupport.assertOneLineError(bias);
        assertTrue(bias.err().contains("b[2,1]"), bias::describe);
        CliTestSupport.Result notParam = run(XOR, "dL/dz[2,1]\n= yhat - y\n");
        CliTestSupport.assertOneLineError(notParam);
        assertTrue(notParam.err().contains("not a parameter's gradient"), notParam::describe);
    }

    @Test
    void badInputIsOneLine() throws Exception {
        String[][] cases = {
                {"dL/dw[2,1,1]\n= q*a[1,1]\n", "unknown symbol 'q'"},
                {"", "nothing to check"},
                {"# only a comment\n\n", "nothing to check"},
                {"dL/dw[2,1,1]\n= (yhat - y*a[1,1]\n", "line 2: column"},
                {"dL/dw[2,1,1]\n= yhat - y +\n", "line 2"},
                {"dL/dw[2,1,1]\n", "no expression lines"},
                {"(yhat - y)*a[1,1]\n", "the first line names the goal"},
                {"dL/dw[2,1,1]\n= dL/dz[2,1] = yhat - y\n", "more than one '='"},
                {"dL/dw[2,1,1]\n= dL/ddelta[2,1] * a[1,1]\n", "δ is itself a derivative"},
                {"dL/dw[2,1,1]\n= 0.26\n", "--sample N"},
        };
        for (String[] c : cases) {
            CliTestSupport.Result r = run(SIG_SE, c[0]);
            CliTestSupport.assertOneLineError(r);
            assertTrue(r.err().contains(c[1]), () -> c[0] + "\n" + r.describe());
        }
        // a line that does not parse, and an empty file, on the builtin network too
        CliTestSupport.assertOneLineError(run(XOR, "dL/dw[2,1,1]\n= (yhat - y*a[1,1]\n"));
        CliTestSupport.assertOneLineError(run(XOR, "dL/dw[2,1,1]\n= yhat + * 2\n"));
        CliTestSupport.assertOneLineError(CliTestSupport.run("check", "--steps", write("").toString()));
        // --of batch is for claims
        CliTestSupport.assertOneLineError(CliTestSupport.run(args(XOR, write("dL/db[2,1]\n= yhat - y\n"), "--of", "batch")
                .toArray(String[]::new)));
    }

    // ---------------------------------------------------------------- helpers

    @TempDir
    Path dir;
    private int files;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("steps" + (files++) + ".txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private CliTestSupport.Result run(String net, String text) throws IOException {
        return CliTestSupport.run(args(net, write(text), "--no-symbolic").toArray(String[]::new));
    }

    private void assertExit(int code, String net, String text) throws IOException {
        CliTestSupport.Result r = run(net, text);
        assertEquals(code, r.exitCode(), r::describe);
    }
}
