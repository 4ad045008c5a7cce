package dev.chainrule.cli;

import static dev.chainrule.cli.CliTestSupport.assertExit;
import static dev.chainrule.cli.CliTestSupport.assertOneLineError;
import static dev.chainrule.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport.Result;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Parser;
import dev.chainrule.numeric.Evaluator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chainrule derive} in-process: the contract's output, exit codes and one-line errors. */
class DeriveCommandTest {
    private static final String ISSUE = "(t - (w1*x1 + w2*x2 + b))^2";
    private static final String ISSUE_AT = "t=2,w1=1,w2=0,b=2,x1=1,x2=0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theIssueExampleAsText() {
        Result r = run("derive", ISSUE, "--wrt", "w1", "--at", ISSUE_AT);
        assertExit(0, r);
        assertEquals("", r.err());
        assertTrue(r.out().contains("= 2(t − (w₁x₁ + w₂x₂ + b))·∂/∂w₁ (t − (w₁x₁ + w₂x₂ + b))"), r.out());
        assertTrue(r.out().contains("result    ∂f/∂w₁ = −2(t − (w₁x₁ + w₂x₂ + b))·x₁\n"), r.out());
        assertTrue(r.out().contains("at        t = 2, w₁ = 1, w₂ = 0, b = 2, x₁ = 1, x₂ = 0\n"), r.out());
        assertTrue(r.out().contains("value     ∂f/∂w₁ = −2(2 − (1·1 + 0·0 + 2))·1 = 2\n"), r.out());
        assertTrue(r.out().contains("✓ pass"), r.out());
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        Result r = run("derive", ISSUE, "--wrt", "w1", "--wrt", "b", "--at", "t=2,w1=1", "--at", "w2=0,b=2,x1=1,x2=0",
                "--format", "json");
        assertExit(0, r);
        JsonNode root = JSON.readTree(r.out());
        JsonNode d = root.get("derivatives").get(0);
        assertEquals("w1", d.get("wrt").asText());
        assertEquals("-2*(t - (w1*x1 + w2*x2 + b))*x1", d.get("result").asText());
        assertEquals(2.0, d.get("value").asDouble(), 0);
        assertEquals(2.0, d.get("finite_difference").asDouble(), 1e-8);
        assertEquals("pass", d.get("check").asText());
        assertTrue(d.get("relative_error").asDouble() < 1e-8);
        assertEquals("power rule, chain rule", d.get("steps").get(0).get("rule").asText());
        assertEquals("power rule", d.get("steps").get(0).get("rules").get(0).asText());
        assertEquals("chain rule", d.get("steps").get(0).get("rules").get(1).asText());
        for (JsonNode s : d.get("steps")) {
            for (String key : new String[] {"rule", "rules", "expr", "text", "latex"}) {
                assertTrue(s.hasNonNull(key), key + " missing in " + s);
            }
            Parser.parseExpression(s.get("expr").asText()); // every step's input syntax parses back
        }
        // the result parses back to the same function
        Map<String, Double> p = Map.of("t", 2.0, "w1", 1.0, "w2", 0.0, "b", 2.0, "x1", 1.0, "x2", 0.0);
        double back = new Evaluator(Definitions.none()).eval(Parser.parseExpression(d.get("result").asText()), p);
        assertEquals(d.get("value").asDouble(), back, 0);
        assertEquals("b", root.get("derivatives").get(1).get("wrt").asText());
        assertEquals(2.0, root.get("derivatives").get(1).get("value").asDouble(), 0);
    }

    @Test
    void jsonWithoutAPointHasNoNumbers() throws Exception {
        Result r = run("derive", "L = (t - z)^2; z = w1*x1 + b", "--wrt", "w1", "--format", "json");
        assertExit(0, r);
        JsonNode d = JSON.readTree(r.out()).get("derivatives").get(0);
        assertEquals("-2*(t - z)*x1", d.get("result").asText());
        for (String key : new String[] {"value", "finite_difference", "check", "relative_error"}) {
            assertFalse(d.has(key), key);
        }
        assertEquals("[[\"L\",\"z\",\"w1\"]]", d.get("paths").toString());
        assertEquals("chain rule", d.get("steps").get(0).get("rule").asText());
        assertEquals(2, d.get("locals").size());
        assertEquals("power rule, chain rule", d.get("locals").get(0).get("steps").get(0).get("rule").asText());
    }

    @Test
    void aKinkIsAVerdictNotAFailure() throws Exception {
        Result r = run("derive", "relu(w*x + b)", "--wrt", "w", "--at", "w=1,x=1,b=-1", "--format", "json");
        assertExit(0, r);
        JsonNode d = JSON.readTree(r.out()).get("derivatives").get(0);
        assertEquals("kink", d.get("check").asText());
        assertEquals("relu", d.get("kink").get("function").asText());
        assertEquals("w*x + b", d.get("kink").get("argument").asText());
        Result text = run("derive", "relu(w*x + b)", "--wrt", "w", "--at", "w=1,x=1,b=-1");
        assertTrue(text.out().contains("kink: the argument of ReLU(w·x + b) is 0"), text.out());
    }

    @Test
    void outputToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.txt");
        Result r = run("derive", "x^2", "--wrt", "x", "-o", file.toString());
        assertExit(0, r);
        assertEquals("", r.out());
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("result    ∂f/∂x = 2x"));
    }

    /** --symja: Symja differentiates on its own (definitions written out) and agrees with the engine. */
    @Test
    void symjaDifferentiatesIndependentlyAndAgrees() throws Exception {
        Result r = run("derive", "L = -y*log(yhat) - (1-y)*log(1-yhat); yhat = sigmoid(z); z = w*x + b", "--wrt", "w",
                "--symja");
        assertExit(0, r);
        assertTrue(r.out().contains("result    ∂L/∂w = (ŷ − y)·x"), r.out());
        assertTrue(r.out().contains("Symja     D[L, w] = "), r.out());
        assertTrue(r.out().contains("✓ equals the result"), r.out());
        Result json = run("derive", "(t - (w1*x1 + b))^2", "--wrt", "w1,b", "--symja", "--format", "json");
        assertExit(0, json);
        com.fasterxml.jackson.databind.JsonNode ds = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out())
                .get("derivatives");
        assertEquals(2, ds.size());
        for (com.fasterxml.jackson.databind.JsonNode d : ds) {
            assertEquals("agrees", d.get("symja").get("result").asText(), d.toPrettyString());
            assertFalse(d.get("symja").get("derivative").asText().isBlank());
        }
        assertFalse(run("derive", "x^2", "--wrt", "x").out().contains("Symja"), "only when asked");
    }

    @Test
    void helpAndSymbolicUse() {
        Result help = run("derive", "--help");
        assertExit(0, help);
        assertTrue(help.out().contains("--wrt"), help.out());
        Result r = run("derive", "sigmoid(w*x + b)", "--wrt", "w");
        assertExit(0, r);
        assertFalse(r.out().contains("check"), r.out());
    }

    // -------------------------------------------------------------------------------- bad input: exit 2, one line

    private static String badInput(String... args) {
        Result r = run(args);
        assertOneLineError(r);
        assertEquals("", r.out(), r::describe);
        return r.err();
    }

    @Test
    void unbalancedParentheses() {
        assertTrue(badInput("derive", "(t - (w1*x1 + b)^2", "--wrt", "w1").contains("column 19"));
        assertTrue(badInput("derive", "t - w1*x1)", "--wrt", "w1").contains("column 10"));
    }

    @Test
    void unknownFunction() {
        assertTrue(badInput("derive", "sigmod(z)", "--wrt", "z").contains("unknown function 'sigmod' (did you mean sigmoid?)"));
    }

    @Test
    void wrtAVariableThatIsNotThere() {
        assertEquals("chainrule: error: --wrt w3: w3 does not occur in the expression; its variables are t, w1, x1, w2, x2, b\n",
                badInput("derive", ISSUE, "--wrt", "w3"));
    }

    @Test
    void atMissingAValue() {
        assertTrue(badInput("derive", ISSUE, "--wrt", "w1", "--at", "t=2,w1=1").contains("--at gives no value for x1, w2, x2, b"));
        assertTrue(badInput("derive", ISSUE, "--wrt", "w1", "--at", ISSUE_AT + ",x9=1").contains("x9 does not occur"));
        assertTrue(badInput("derive", ISSUE, "--wrt", "w1", "--at", "t=two").contains("'two' is not a number"));
        assertTrue(badInput("derive", ISSUE, "--wrt", "w1", "--at", "t=NaN").contains("'NaN' is not a number"));
        assertTrue(badInput("derive", ISSUE, "--wrt", "w1", "--at", "t=inf").contains("'inf' is not a number"));
    }

    @Test
    void divisionByZeroAndLogOfANegativeAtThePoint() {
        assertTrue(badInput("derive", "1/(x - 1)", "--wrt", "x", "--at", "x=1").contains("division by zero"));
        assertTrue(badInput("derive", "log(x - 3)", "--wrt", "x", "--at", "x=1").contains("log of a negative number"));
    }

    @Test
    void tenThousandDeepNesting() {
        String deep = "(".repeat(10_000) + "x" + ")".repeat(10_000);
        assertTrue(badInput("derive", deep, "--wrt", "x").contains("nested too deeply"));
        assertTrue(badInput("derive", "x" + "*(x".repeat(10_000) + ")".repeat(10_000), "--wrt", "x")
                .contains("nested too deeply"));
    }

    @Test
    void usageErrors() {
        badInput("derive", "x^2");
        badInput("derive", "x^2", "--wrt", "x", "--format", "dot");
        badInput("derive", "", "--wrt", "x");
        badInput("derive", "D(x^2, x)", "--wrt", "x");
        badInput("derive", "x^2", "--wrt", "x", "-o", "/nonexistent-dir/out.txt");
    }

    /** Symja's time is what is left of 9 s since the process started, never less than 1 s. */
    @Test
    void symjaHasWhatIsLeftOfTheRunsTimeAndAtLeastASecond() {
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        java.time.Duration limit = DeriveCommand.symjaLimit();
        assertTrue(limit.compareTo(DeriveCommand.SYMJA_AT_LEAST) >= 0, limit.toString());
        assertTrue(limit.toMillis() <= Math.max(DeriveCommand.SYMJA_AT_LEAST.toMillis(),
                DeriveCommand.SYMJA_DEADLINE.toMillis() - uptime), limit + " after " + uptime + " ms");
    }

    /** Where the difference cannot resolve the function, the check says so: not a failure, exit 0. */
    @Test
    void aDifferenceThatCannotResolveTheFunctionIsUnresolvedNotFailed() throws Exception {
        Result r = run("derive", "cos(exp(x))", "--wrt", "x", "--at", "x=178");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.out().contains("? unresolved: the finite difference does not settle"), r.out());
        JsonNode j = new ObjectMapper().readTree(run("derive", "cos(exp(x))", "--wrt", "x", "--at", "x=178",
                "--format", "json").out());
        assertEquals("unresolved", j.at("/derivatives/0/check").asText(), j.toString());
        // a wrong derivative the difference does resolve still fails
        Result wrong = run("check", "--expr", "f = x^3", "--wrt", "x", "--claim", "6*x^2");
        assertEquals(1, wrong.exitCode(), wrong::describe);
    }
}
