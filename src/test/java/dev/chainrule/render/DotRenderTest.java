package dev.chainrule.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.ParamId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code explain --format dot}: the computational graph with values, gradients and the asked-for path in red. */
class DotRenderTest {

    @Test
    void theGraphHasEveryQuantityAndThePathOfTheParameter() {
        NetworkExplanation x = new NetworkAnalysis(BuiltinExamples.xor())
                .explain(List.of(ParamId.parse("w[1,1,1]")), Optional.empty(), CheckMode.ALL, 1);
        String dot = ExplainDotRenderer.render(x);
        assertTrue(dot.startsWith("// ") && dot.contains("digraph chainrule {") && dot.endsWith("}\n"));
        for (String n : List.of("\"x1\"", "\"z[1,1]\"", "\"a[1,1]\"", "\"yhat\"", "\"L\"", "\"w[2,1,1]\"")) {
            assertTrue(dot.contains(n + " [shape=box"), n);
        }
        assertTrue(dot.contains("grad 0.11553"), "the gradient of w[1,1,1]");
        assertTrue(dot.contains("\"w[1,1,1]\" -> \"op z[1,1]\" [color=\"#dc2626\""), "the path starts in red");
        assertEquals(count(dot, "{"), count(dot, "}"));
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("a\\\"b\\\\c d", ExplainDotRenderer.esc("a\"b\\c\nd"));
    }

    private static long count(String s, String c) {
        return s.chars().filter(ch -> ch == c.charAt(0)).count();
    }
}
