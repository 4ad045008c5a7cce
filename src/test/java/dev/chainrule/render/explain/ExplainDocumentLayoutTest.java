package dev.chainrule.render.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Notation;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.doc.MathDoc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The structure of explain's documents, read off a recording {@link MathDoc}: δ derived once per layer, a table
 * with every parameter, explicit paths only when asked for or for a worked exercise, a closing table of every
 * check, and no display line that repeats the line above it.
 */
class ExplainDocumentLayoutTest {

    /** What the document wrote, in order: each part a heading, paragraph, display or table. */
    private sealed interface Part permits Heading, Display, Table, Other {
    }

    private record Heading(String text, boolean parameter) implements Part {
    }

    private record Display(List<MathDoc.Row> rows) implements Part {
    }

    private record Table(List<List<MathDoc.Inline>> rows) implements Part {
    }

    private record Other() implements Part {
    }

    private static final class Recording implements MathDoc {
        final List<Part> parts = new ArrayList<>();

        @Override
        public void title(String text, List<Inline> subtitle) {
            parts.add(new Other());
        }

        @Override
        public void section(String text) {
            parts.add(new Heading(text, false));
        }

        @Override
        public void subsection(String math, String text) {
            parts.add(new Heading(math, true));
        }

        @Override
        public void paragraph(List<Inline> inlines) {
            parts.add(new Other());
        }

        @Override
        public void display(List<Row> rows) {
            parts.add(new Display(rows));
        }

        @Override
        public void table(List<List<Inline>> rows, boolean[] numeric) {
            parts.add(new Table(rows));
        }

        @Override
        public void code(String text) {
            // the explain document lists no code
        }

        @Override
        public String finish() {
            return "";
        }
    }

    private static final Path DEEP = Path.of("notes/deep-xor-relu-tanh-sigmoid-bce.yaml");
    private static final Path XOR = Path.of("notes/xor-relu-sigmoid-bce.yaml");
    private static final Path SIGMOID_MSE = Path.of("notes/sigmoid-mse.yaml");

    private static List<Part> parts(Path spec, List<ParamId> asked) throws Exception {
        NetworkSpec s = SpecLoader.load(spec);
        NetworkExplanation x = new NetworkAnalysis(s).explain(asked, Optional.empty(), CheckMode.ALL, 1);
        Recording doc = new Recording();
        ExplainDocument.write(doc, x);
        return doc.parts;
    }

    /** The parts under the section whose heading starts with {@code prefix}, up to the next section. */
    private static List<Part> section(List<Part> parts, String prefix) {
        List<Part> out = new ArrayList<>();
        boolean in = false;
        for (Part p : parts) {
            if (p instanceof Heading h && !h.parameter()) {
                in = h.text().startsWith(prefix);
                continue;
            }
            if (in) {
                out.add(p);
            }
        }
        assertTrue(!out.isEmpty(), "no section " + prefix);
        return out;
    }

    private static List<String> lhs(List<Part> parts) {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Display d) {
                d.rows().forEach(r -> out.add(r.lhs()));
            }
        }
        return out;
    }

    private static String cell(MathDoc.Inline i) {
        return i instanceof MathDoc.Math m ? m.latex() : ((MathDoc.Text) i).text();
    }

    /** The first column of every table row below the head, in order. */
    private static List<String> firstColumn(List<Part> parts) {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Table t) {
                t.rows().subList(1, t.rows().size()).forEach(r -> out.add(cell(r.get(0))));
            }
        }
        return out;
    }

    private static long parameterHeadings(List<Part> parts) {
        return parts.stream().filter(p -> p instanceof Heading h && h.parameter()).count();
    }

    private static String gradientCell(NetworkSpec spec, ParamId id) {
        return "\\partial L/\\partial " + Notation.latex(
                new dev.chainrule.network.NetworkModel(spec).symbols().param(id).name());
    }

    @Test
    void theDeltaRecursionIsDerivedOncePerLayer() throws Exception {
        List<String> lhs = lhs(section(parts(DEEP, List.of()), "Error signals"));
        for (int l = 1; l <= 2; l++) {
            String general = "\\delta_i^{(" + l + ")}";
            String matrix = "\\delta^{(" + l + ")}";
            assertEquals(1, lhs.stream().filter(general::equals).count(), "δ_i^(" + l + ") derived once: " + lhs);
            assertEquals(1, lhs.stream().filter(matrix::equals).count(), "its matrix form once");
        }
        assertEquals(1, lhs.stream().filter(s -> s.startsWith("\\delta_{1}^{(3)} = \\frac{\\partial L}")).count(),
                "the output δ from the loss once: " + lhs);
    }

    @Test
    void theGradientTableHasEveryParameterInOrder() throws Exception {
        NetworkSpec spec = SpecLoader.load(DEEP);
        List<String> expected = spec.parameters().stream().map(id -> gradientCell(spec, id)).toList();
        List<String> expectedInTableOrder = new ArrayList<>();
        for (int l = 1; l <= spec.layerCount(); l++) {
            int layer = l;
            expected.stream().filter(c -> c.endsWith("^{(" + layer + ")}") && c.contains("w_")).forEach(expectedInTableOrder::add);
            expected.stream().filter(c -> c.endsWith("^{(" + layer + ")}") && c.contains("b_")).forEach(expectedInTableOrder::add);
        }
        assertEquals(expectedInTableOrder, firstColumn(section(parts(DEEP, List.of()), "Every gradient")));
        // with --param too: the table still has every parameter
        List<String> asked = firstColumn(section(parts(DEEP, List.of(ParamId.weight(1, 1, 1))), "Every gradient"));
        assertEquals(spec.parameterCount(), asked.size());
    }

    @Test
    void pathsAreWrittenOutOnlyWhenAskedForOrForAWorkedExercise() throws Exception {
        assertEquals(0, parameterHeadings(parts(DEEP, List.of())), "a 3-layer net: tables, no paths");
        assertEquals(0, parameterHeadings(parts(XOR, List.of())), "XOR over 4 samples: tables, no paths");
        assertEquals(1, parameterHeadings(parts(DEEP, List.of(ParamId.weight(1, 2, 1)))), "the parameter asked for");
        assertEquals(2, parameterHeadings(parts(XOR, List.of(ParamId.bias(1, 1), ParamId.weight(2, 1, 1)))));
        assertEquals(9, parameterHeadings(parts(SIGMOID_MSE, List.of())), "a one-sample 2-2-1 exercise: every path");
    }

    @Test
    void theSummaryTableHasEveryCheck() throws Exception {
        NetworkSpec spec = SpecLoader.load(DEEP);
        List<Part> parts = parts(DEEP, List.of());
        assertTrue(parts.get(parts.size() - 1) instanceof Other, "the kink notes close the document");
        List<Part> summary = section(parts, "Summary");
        List<String> params = firstColumn(summary);
        assertEquals(spec.parameters().stream().map(id -> gradientCell(spec, id)).toList(), params);
        Table t = (Table) summary.stream().filter(p -> p instanceof Table).findFirst().orElseThrow();
        List<String> head = t.rows().get(0).stream().map(ExplainDocumentLayoutTest::cell).toList();
        assertEquals(List.of("parameter", "gradient", "finite difference", "h", "relative error", "verdict"), head);
        long kinks = t.rows().stream().filter(r -> cell(r.get(5)).contains("kink")).count();
        assertEquals(2, kinks, "ReLU's kink at z₂⁽¹⁾ = 0 in sample 3");
        long notes = summary.stream().filter(p -> p instanceof Other).count();
        assertTrue(notes >= 1 + kinks, "a caveat per kink");
    }

    /** An 8-16-8-3 network (ReLU, tanh, softmax, CE; 307 parameters, two samples), weights by a fixed rule. */
    static Path wideSpec(Path dir) throws java.io.IOException {
        int[] sizes = {8, 16, 8, 3};
        String[] acts = {"relu", "tanh", "softmax"};
        StringBuilder y = new StringBuilder("name: wide 8-16-8-3\ninputs: [x1, x2, x3, x4, x5, x6, x7, x8]\n"
                + "outputs: [o1, o2, o3]\nlayers:\n");
        for (int l = 1; l <= 3; l++) {
            List<String> rows = new ArrayList<>();
            List<String> biases = new ArrayList<>();
            for (int i = 0; i < sizes[l]; i++) {
                List<String> row = new ArrayList<>();
                for (int j = 0; j < sizes[l - 1]; j++) {
                    row.add(String.valueOf(((i * 7 + j * 3 + l) % 11 - 5) / 10.0));
                }
                rows.add("[" + String.join(", ", row) + "]");
                biases.add(String.valueOf(((i * 5 + l) % 7 - 3) / 10.0));
            }
            y.append("  - units: ").append(sizes[l]).append("\n    activation: ").append(acts[l - 1])
                    .append("\n    weights: [").append(String.join(", ", rows)).append("]\n    biases: [")
                    .append(String.join(", ", biases)).append("]\n");
        }
        y.append("loss: ce\nreduction: mean\ndata:\n")
                .append("  - {x: [0.5, -0.2, 0.1, 0.9, -0.7, 0.3, 0.0, -0.4], y: [1, 0, 0]}\n")
                .append("  - {x: [-0.3, 0.8, -0.6, 0.2, 0.4, -0.9, 0.7, 0.1], y: [0, 0, 1]}\n");
        Path f = dir.resolve("wide.yaml");
        java.nio.file.Files.writeString(f, y.toString());
        return f;
    }

    @Test
    void aWideNetworksTablesAreCutToFitAPage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path spec = wideSpec(dir);
        List<Part> parts = parts(spec, List.of());
        assertEquals(307, firstColumn(section(parts, "Every gradient")).size(), "every parameter");
        assertEquals(307, firstColumn(section(parts, "Summary")).size(), "every check");
        for (Part p : parts) {
            if (p instanceof Table t) {
                assertTrue(t.rows().size() <= ExplainDocument.TABLE_ROWS + 1, "a table of " + t.rows().size() + " rows");
            }
        }
        assertEquals(0, parameterHeadings(parts), "no paths unless asked for");
    }

    @Test
    void noDisplayLineRepeatsTheLineAboveIt() throws Exception {
        for (Path spec : List.of(DEEP, XOR, SIGMOID_MSE)) {
            for (Part p : parts(spec, List.of())) {
                if (!(p instanceof Display d)) {
                    continue;
                }
                String previous = null;
                for (String line : equations(d.rows())) {
                    if (line.startsWith("@")) {
                        previous = line.substring(1);
                        continue;
                    }
                    assertNotEquals(previous, line, spec + ": a step that changes nothing");
                    previous = line;
                }
            }
        }
    }

    /**
     * The equations of a display with their continuation lines joined, normalised as typeset (no ·, no spaces);
     * the first of each new left-hand side marked with @.
     */
    private static List<String> equations(List<MathDoc.Row> rows) {
        List<String> out = new ArrayList<>();
        for (MathDoc.Row r : rows) {
            String body = r.body().replace("\\cdot", "").replaceAll("\\s+", "");
            if (body.startsWith("\\quad{}") && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + body.substring("\\quad{}".length()));
            } else if (!body.isEmpty()) {
                out.add((r.lhs().isEmpty() ? "" : "@") + body);
            }
        }
        return out;
    }
}
