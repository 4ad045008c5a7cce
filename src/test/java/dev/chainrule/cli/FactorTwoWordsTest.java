package dev.chainrule.cli;

import static dev.chainrule.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A number twice the gradient: "a power rule's factor 2" is said only where the loss squares something. */
class FactorTwoWordsTest {
    private static JsonNode claim(String spec, String claim) throws Exception {
        CliTestSupport.Result r = run("check", spec, "--claim", claim, "--sample", "1", "--no-symbolic", "--format", "json");
        return new ObjectMapper().readTree(r.out()).get("claims").get(0);
    }

    private static String twice(String spec, String id) throws Exception {
        double truth = claim(spec, id + " = 99").get("expected_value").asDouble();
        return claim(spec, id + " = " + (2 * truth)).get("diagnosis").get("message").asText();
    }

    @Test
    void crossEntropyHasNoPowerRule() throws Exception {
        String bce = twice("notes/xor-relu-sigmoid-bce.yaml", "w[2,1,1]");
        assertTrue(bce.contains("bce has no square"), bce);
        assertFalse(bce.contains("power rule's factor 2 gained or lost?"), bce);
    }

    @Test
    void aSquaredLossKeepsTheGuess() throws Exception {
        String se = twice("notes/sigmoid-mse.yaml", "w[1,1,1]");
        assertTrue(se.contains("power rule"), se);
    }
}
