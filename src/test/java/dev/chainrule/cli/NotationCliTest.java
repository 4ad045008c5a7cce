package dev.chainrule.cli;

import static dev.chainrule.cli.CliTestSupport.assertExit;
import static dev.chainrule.cli.CliTestSupport.assertOneLineError;
import static dev.chainrule.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport.Result;
import org.junit.jupiter.api.Test;

/**
 * The command line takes what students type: an expression that begins with a minus sign, and names and
 * operators pasted from chainrule's own text; real unknown options are still one clear error.
 */
class NotationCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String result(Result r) throws Exception {
        return JSON.readTree(r.out()).get("derivatives").get(0).get("result").asText();
    }

    @Test
    void anExpressionMayBeginWithAMinusSign() throws Exception {
        Result r = run("derive", "-y*log(p)", "--wrt", "p", "--format", "json");
        assertExit(0, r);
        assertEquals("-y*1/p", result(r));
        // after the options, with a space after the minus, a bare -x, and with --at values that are negative
        assertEquals("-y*1/p", result(run("derive", "--wrt", "p", "--format", "json", "-y*log(p)")));
        assertEquals("-1", result(run("derive", "- x", "--wrt", "x", "--format", "json")));
        assertEquals("-1", result(run("derive", "-x", "--wrt", "x", "--format", "json")));
        Result at = run("derive", "-w*x", "--wrt", "w", "--at", "w=-1,x=-2", "--format", "json");
        assertExit(0, at);
        JsonNode d = JSON.readTree(at.out()).get("derivatives").get(0);
        assertEquals(2.0, d.get("value").asDouble());
        Result text = run("derive", "-y*log(p)", "--wrt", "p");
        assertExit(0, text);
        assertTrue(text.out().startsWith("f = −y·log(p)\n"), text.out());
    }

    @Test
    void unknownOptionsAreStillOneClearError() {
        for (String[] args : new String[][] {
            {"derive", "x", "--wrt", "x", "--bogus"},
            {"derive", "--bogus", "--wrt", "x"},
            {"derive", "--bogus=3", "--wrt", "x"},
            {"derive", "x", "--wrt", "x", "-q"},
        }) {
            Result r = run(args);
            assertOneLineError(r);
            assertTrue(r.err().startsWith("chainrule: Unknown option: '"), r.err());
            assertTrue(r.err().contains("(see 'chainrule derive --help')"), r.err());
        }
        Result extra = run("derive", "x", "--wrt", "x", "y");
        assertOneLineError(extra);
        Result missing = run("derive", "--wrt", "x");
        assertOneLineError(missing);
        assertTrue(missing.err().contains("Missing required parameter: 'EXPR'"), missing.err());
        // a known option keeps its meaning
        assertExit(0, run("derive", "-h"));
    }

    @Test
    void claimsWithMinusSignsKeepWorking() {
        Result negative = run("check", "--claim", "b[1,1] = -0.5", "--sample", "1");
        assertExit(1, negative);
        assertTrue(negative.out().contains("∂L/∂b[1,1] = -0.5"), negative.out());
        Result noId = run("check", "--claim", "-0.5");
        assertOneLineError(noId);
        assertTrue(noId.err().contains("expected ID = EXPR"), noId.err());
        Result minusFirst = run("check", "--claim", "-b[1,1] = 1");
        assertOneLineError(minusFirst);
        assertTrue(minusFirst.err().contains("bad parameter name '-b[1,1]'"), minusFirst.err());
        assertOneLineError(run("check", "--bogus"));
    }

    @Test
    void claimsPastedFromTheTextTrace() {
        // the notes' XOR network: ∂L/∂w₁₁⁽²⁾ = δ₁⁽²⁾a₁⁽¹⁾, written as chainrule writes it
        Result r = run("check", "--claim", "∂L/∂w₁₁⁽²⁾ = δ₁⁽²⁾a₁⁽¹⁾");
        assertExit(0, r);
        assertTrue(r.out().contains("✓ correct"), r.out());
        Result unicodeId = run("check", "--claim", "w₁₁⁽²⁾ = (ŷ − y)·a₁⁽¹⁾");
        assertExit(0, unicodeId);
        Result sigma = run("check", "--claim", "b[1,1] = (ŷ − y)·w₁₁⁽²⁾·[z₁⁽¹⁾ > 0]");
        assertExit(0, sigma);
    }

    @Test
    void derivePastedUnicode() throws Exception {
        Result r = run("derive", "½(y − σ(w₁x₁ + b))²", "--wrt", "w1", "--format", "json");
        assertExit(0, r);
        Result tanh = run("derive", "tanh²(z) + sech²(z)", "--wrt", "z", "--at", "z=0.3", "--format", "json");
        assertExit(0, tanh);
        JsonNode d = JSON.readTree(tanh.out()).get("derivatives").get(0);
        assertEquals(0.0, d.get("value").asDouble(), 1e-12); // tanh² + sech² = 1
        assertEquals("pass", d.get("check").asText());
    }
}
