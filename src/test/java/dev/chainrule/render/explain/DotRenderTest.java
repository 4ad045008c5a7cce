package dev.chainrule.render.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.NetworkSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --format dot}: the computational graph with values, gradients and the asked-for path in violet. */
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
        assertTrue(dot.contains("\"w[1,1,1]\" -> \"op z[1,1]\" [color=\"" + GraphColours.PATH.stroke + "\""),
                "the path starts in violet");
        assertFalse(dot.contains("[color=\"" + GraphColours.POSITIVE.stroke + "\", penwidth=2]"),
                "no edge in the colour of a positive gradient");
        // the key names each colour the graph shows: the path, and w[1,1,1]'s positive gradient
        String legend = dot.substring(dot.indexOf("\"legend\""));
        assertTrue(legend.contains("path to L") && legend.contains("∂L/∂p &gt; 0"), legend);
        assertFalse(legend.contains("∂L/∂p &lt; 0"), "no entry for a colour the graph does not use");
        String none = ExplainDotRenderer.render(new NetworkAnalysis(BuiltinExamples.xor())
                .explain(List.of(), Optional.empty(), CheckMode.ALL, 1));
        assertEquals(none.contains("\"legend\""), none.contains("penwidth=2"), "a key exactly when a colour is used");
        assertEquals(count(dot, "{"), count(dot, "}"));
    }

    /** Graphviz itself accepts the file, for every example of the notes and a hostile name (CI installs it). */
    @Test
    void graphvizRendersIt(@TempDir Path dir) throws Exception {
        assumeTrue(DocumentTestSupport.onPath("dot"), "graphviz is not installed");
        Map<String, NetworkSpec> examples = new java.util.LinkedHashMap<>(DocumentTestSupport.examples());
        examples.put("hostile", DocumentTestSupport.hostile());
        for (Map.Entry<String, NetworkSpec> e : examples.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".dot");
            Files.writeString(file, ExplainDotRenderer.render(DocumentTestSupport.explain(e.getValue())), StandardCharsets.UTF_8);
            DocumentTestSupport.Ran r = DocumentTestSupport.run(dir, 60, "dot", "-Tsvg", file.getFileName().toString(),
                    "-o", e.getKey() + ".svg");
            assertEquals(0, r.exit(), e.getKey() + ": " + r.output());
            assertTrue(Files.readString(dir.resolve(e.getKey() + ".svg")).contains("<svg"), e.getKey());
        }
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("a\\\"b\\\\c d", ExplainDotRenderer.esc("a\"b\\c\nd"));
    }

    private static long count(String s, String c) {
        return s.chars().filter(ch -> ch == c.charAt(0)).count();
    }
}
