package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lecture notes' own slips (listed in notes/README.md, "The notes' slips, checked"), written as claims
 * about the notes' networks: each is found, with the diagnosis the README gives, and both judges agree.
 */
class NotesSlipsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> slips() {
        return Stream.of(
                Arguments.of("notes/xor-relu-sigmoid-bce.yaml", "w[1,1,1] = -delta[1,1]*x1", "sign"),
                Arguments.of("notes/xor-relu-sigmoid-bce.yaml", "b[1,1] = (yhat - y)*w[2,1,1]", "missing_factor"),
                Arguments.of("notes/linear-regression.yaml", "w[1,1,1] = (y - yhat)*x1", "sign"),
                Arguments.of("notes/sigmoid-mse.yaml", "w[2,1,1] = (y - yhat)*yhat*(1 - yhat)*a[1,1]", "sign"),
                Arguments.of("notes/relu-exercise.yaml", "w[2,1,1] = (y - yhat)*a[1,1]", "sign"),
                Arguments.of("notes/iq-cgpa-package.yaml", "w[1,1,1] = -2*(lpa - y)*w[2,1,1]*iq", "sign"),
                Arguments.of("notes/cgpa-profile-placement.yaml", "w[2,1,1] = -(placed - y)*a[1,1]", "sign"),
                // the path to the notes' w′₁₂ (w[1,2,1]) with ω²₁₁ where ω²₂₁ (w[2,1,2]) belongs
                Arguments.of("notes/cgpa-profile-placement.yaml",
                        "w[1,2,1] = (placed - y)*w[2,1,1]*a[1,2]*(1 - a[1,2])*cgpa", "wrong_index: you used w₁₁⁽²⁾ where w₁₂⁽²⁾ belongs"));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @MethodSource("slips")
    void theNotesSlipIsFound(String spec, String claim, String kind) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", spec, "--claim", claim, "--format", "json"));
        CliTestSupport.Result r = CliTestSupport.run(args.toArray(String[]::new));
        assertEquals(1, r.exitCode(), r::describe);
        JsonNode c = JSON.readTree(r.out()).get("claims").get(0);
        assertEquals("incorrect", c.get("verdict").asText(), c::toPrettyString);
        String[] expected = kind.split(": ", 2); // a kind, and optionally a piece of the message
        assertEquals(expected[0], c.get("diagnosis").get("kind").asText(), c::toPrettyString);
        if (expected.length > 1) {
            assertTrue(c.get("diagnosis").get("message").asText().contains(expected[1]), c::toPrettyString);
        }
        assertTrue(c.get("judges_agree").asBoolean()
                || c.get("symbolic").get("method").asText().contains("timeout"), c::toPrettyString);
    }
}
