package dev.chainrule.render.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import dev.chainrule.render.doc.DocumentTestSupport;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.SpecLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The computational graph as SVG for the HTML page: well-formed, a box per node, the asked-for path in violet. */
class SvgComputationGraphTest {

    private static NetworkExplanation xorW111() {
        return new NetworkAnalysis(BuiltinExamples.xor())
                .explain(List.of(ParamId.parse("w[1,1,1]")), Optional.empty(), CheckMode.ALL, 1);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The g elements of a class, e.g. "node". */
    private static List<Element> groups(Document d, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList gs = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element e = (Element) gs.item(i);
            if (e.getAttribute("class").equals(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void oneBoxPerNodeAndTheRedPathOfTheParameter() throws Exception {
        NetworkExplanation x = xorW111();
        ComputationGraph g = ComputationGraph.of(x);
        Document d = parse(SvgComputationGraph.svg(g));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertEquals(19, g.nodes().size(), "x, w, b, z, a, ŷ, y, L of the 2-2-1 network");
        assertEquals(g.nodes().size(), groups(d, "node").size());
        assertEquals(g.ops().size(), groups(d, "op").size());
        for (Element box : groups(d, "node")) {
            assertEquals(1, box.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength());
        }
        // w[1,1,1] → + → z → ReLU → a → + → z → σ → ŷ → BCE → L: five operations, an edge into and out of each
        assertEquals(10, groups(d, "edge path").size());
        long edges = g.ops().stream().mapToLong(op -> op.in().size() + 1).sum();
        assertEquals(edges, groups(d, "edge").size() + groups(d, "edge path").size());
        String svg = SvgComputationGraph.svg(g);
        assertTrue(svg.contains("grad 0.11553"), "the gradient of w[1,1,1]");
        assertTrue(svg.contains("δ = −0.56218"), "δ of z[1,1]");
    }

    @Test
    void onlyTheFirstParametersPathIsRedInThePage() throws Exception {
        NetworkExplanation x = DocumentTestSupport.explain(BuiltinExamples.xor());
        String figure = SvgComputationGraph.figure(x, x.parameters().get(0));
        assertTrue(figure.contains("<figcaption>") && figure.contains("the path from w₁₁⁽¹⁾ to L"), figure);
        Document d = parse(figure.substring(0, figure.indexOf("\n<figcaption>")));
        assertEquals(10, groups(d, "edge path").size(), "the page highlights w[1,1,1] alone");
        assertTrue(figure.contains("stroke-dasharray"), "the kink of w[1,2,1] is marked");
        assertTrue(figure.contains(GraphColours.NEGATIVE.stroke) && figure.contains(GraphColours.POSITIVE.stroke),
                "blue and red parameter boxes");
        // one meaning per colour: the path is violet, never the red of a positive gradient
        for (Element edge : groups(d, "edge path")) {
            assertTrue(serialize(edge).contains(GraphColours.PATH.stroke), serialize(edge));
            assertFalse(serialize(edge).contains(GraphColours.POSITIVE.stroke), serialize(edge));
        }
        List<Element> legend = groups(d, "legend");
        assertEquals(1, legend.size(), "a key to the colours");
        String key = legend.get(0).getTextContent();
        for (String meaning : List.of("path to L", "∂L/∂p < 0", "∂L/∂p > 0", "at a kink")) {
            assertTrue(key.contains(meaning), meaning + " in " + key);
        }
        assertTrue(figure.contains("violet: the path"), "the caption names the path's colour");
    }

    @Test
    void everyNotesExampleIsWellFormedWithBoxesInsideTheDrawing() throws Exception {
        for (Map.Entry<String, NetworkSpec> e : DocumentTestSupport.examples().entrySet()) {
            ComputationGraph g = ComputationGraph.of(DocumentTestSupport.explain(e.getValue()));
            String svg = SvgComputationGraph.svg(g);
            assertFalse(svg.isEmpty(), e.getKey() + " has " + g.size() + " nodes");
            Document d = parse(svg);
            assertEquals(g.nodes().size(), groups(d, "node").size(), e.getKey());
            String[] box = d.getDocumentElement().getAttribute("viewBox").split(" ");
            double w = Double.parseDouble(box[2]);
            double h = Double.parseDouble(box[3]);
            NodeList rects = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
            for (int i = 0; i < rects.getLength(); i++) {
                Element r = (Element) rects.item(i);
                double rx = Double.parseDouble(r.getAttribute("x"));
                double ry = Double.parseDouble(r.getAttribute("y"));
                assertTrue(rx >= 0 && ry >= 0 && rx + Double.parseDouble(r.getAttribute("width")) <= w
                        && ry + Double.parseDouble(r.getAttribute("height")) <= h, e.getKey() + ": a box outside");
            }
            assertTrue(w < 1400, e.getKey() + " is " + w + " wide");
        }
    }

    @Test
    void boxesInAColumnDoNotOverlap() throws Exception {
        Document d = parse(SvgComputationGraph.svg(ComputationGraph.of(DocumentTestSupport.explain(BuiltinExamples.xor()))));
        List<double[]> boxes = new ArrayList<>();
        for (Element g : groups(d, "node")) {
            Element r = (Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0);
            boxes.add(new double[] {Double.parseDouble(r.getAttribute("x")), Double.parseDouble(r.getAttribute("y")),
                    Double.parseDouble(r.getAttribute("width")), Double.parseDouble(r.getAttribute("height"))});
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                assertTrue(apart, "boxes " + i + " and " + j + " overlap");
            }
        }
    }

    @Test
    void theNetworksNameIsEscaped() throws Exception {
        NetworkExplanation x = DocumentTestSupport.explain(DocumentTestSupport.hostile());
        String figure = SvgComputationGraph.figure(x, x.parameters().get(0));
        assertFalse(figure.contains("<script>"), "script injection");
        assertTrue(figure.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the name in the title, escaped");
        Document d = parse(figure.substring(0, figure.indexOf("\n<figcaption>")));
        String title = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent();
        assertTrue(title.contains(DocumentTestSupport.HOSTILE_NAME), title);
    }

    @Test
    void aLargeNetworkIsLeftOutWithANote() {
        StringBuilder yaml = new StringBuilder("inputs: [x1, x2, x3, x4]\nlayers:\n  - units: 6\n    activation: sigmoid\n"
                + "    weights: [");
        for (int i = 0; i < 6; i++) {
            yaml.append(i == 0 ? "" : ", ").append("[0.1, -0.2, 0.3, 0.").append(i + 1).append(']');
        }
        yaml.append("]\n    biases: [0, 0, 0, 0, 0, 0]\n  - units: 2\n    activation: sigmoid\n    weights: "
                + "[[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [-0.1, -0.2, -0.3, -0.4, -0.5, -0.6]]\n    biases: [0, 0]\n"
                + "loss: se\ndata:\n  - {x: [1, 2, 3, 4], y: [0, 1]}\n");
        NetworkExplanation x = DocumentTestSupport.explain(SpecLoader.parse(yaml.toString(), "big.yaml"));
        ComputationGraph g = ComputationGraph.of(x);
        assertTrue(g.size() > SvgComputationGraph.MAX_NODES, "size " + g.size());
        assertEquals("", SvgComputationGraph.svg(g));
        String figure = SvgComputationGraph.figure(x, x.parameters().get(0));
        assertTrue(figure.contains("drawn for networks up to " + SvgComputationGraph.MAX_NODES + " nodes; use --format dot"),
                figure);
        assertTrue(Formats.EXPLAIN.render(Format.HTML, x, FormatTable.Options.of(false)).contains("use --format dot for larger ones"));
    }

    private static String serialize(Element e) throws Exception {
        java.io.StringWriter w = new java.io.StringWriter();
        javax.xml.transform.TransformerFactory.newInstance().newTransformer()
                .transform(new javax.xml.transform.dom.DOMSource(e), new javax.xml.transform.stream.StreamResult(w));
        return w.toString();
    }
}
