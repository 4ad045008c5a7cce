package dev.chainrule.render.explain;

import dev.chainrule.expr.Fmt;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.render.explain.ComputationGraph.Edge;
import dev.chainrule.render.explain.ComputationGraph.Node;
import dev.chainrule.render.explain.ComputationGraph.Op;

/**
 * {@code explain --format dot}: Graphviz source of the computational graph, as micrograd's draw_dot draws it:
 * a box per named quantity with its forward value (the first sample shown) and, where the explanation has it,
 * its gradient (δ = ∂L/∂z for pre-activations, ∂L/∂p for the parameters asked for, reduced over the samples),
 * an operation node per definition, and the dependency paths of the parameters asked for drawn in violet, and a key to the colours.
 * The graph itself is {@link ComputationGraph}, shared with the HTML page's SVG drawing.
 */
public final class ExplainDotRenderer {
    private ExplainDotRenderer() {
    }

    public static String render(NetworkExplanation x) {
        ComputationGraph g = ComputationGraph.of(x);
        StringBuilder sb = new StringBuilder();
        sb.append("// chainrule explain --format dot: render with  dot -Tsvg graph.dot -o graph.svg\n");
        sb.append("digraph chainrule {\n  graph [rankdir=LR, label=\"").append(esc(g.title()
                + " · values of sample " + g.sample())).append("\", labelloc=t, fontname=\"Helvetica\"];\n");
        sb.append("  node [fontname=\"Helvetica\", fontsize=11];\n  edge [color=\"#6b7280\"];\n");
        // a parameter's gradient is that of the reduced loss; the values and δ's are those of one sample
        for (Node n : g.nodes()) {
            StringBuilder label = new StringBuilder(esc(n.label()));
            if (n.value() != null) {
                label.append("\\ndata ").append(Fmt.num(n.value()));
            }
            String color = "#374151";
            if (n.asked()) {
                double gr = n.gradient();
                label.append("\\ngrad ").append(Fmt.num(gr)).append(" (").append(g.batch()).append(')');
                GraphColours c = GraphColours.ofGradient(gr, n.kink());
                color = c == GraphColours.NEUTRAL ? color : c.stroke;
                if (n.kink()) {
                    label.append(" (kink)");
                }
            } else if (n.gradient() != null) {
                label.append("\\ngrad δ = ").append(Fmt.num(n.gradient()));
            }
            sb.append("  \"").append(esc(n.id())).append("\" [shape=box, style=rounded, color=\"").append(color)
                    .append("\", penwidth=").append(n.asked() ? "2" : "1").append(", label=\"").append(label).append("\"];\n");
        }
        for (Op op : g.ops()) {
            sb.append("  \"").append(esc(op.id())).append("\" [shape=circle, width=0.3, fixedsize=false, label=\"")
                    .append(esc(op.label())).append("\"];\n");
            edge(sb, op.out());
            for (Edge e : op.in()) {
                edge(sb, e);
            }
        }
        legend(sb, g);
        sb.append("}\n");
        return sb.toString();
    }

    /** A key to the colours that the graph uses (nothing when it uses none). */
    private static void legend(StringBuilder sb, ComputationGraph g) {
        java.util.EnumSet<GraphColours> used = used(g);
        if (used.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder();
        for (GraphColours c : used) {
            rows.append("<TR><TD BGCOLOR=\"").append(c.fill).append("\" COLOR=\"").append(c.stroke)
                    .append("\" BORDER=\"2\" WIDTH=\"22\"></TD><TD ALIGN=\"LEFT\">").append(html(c.meaning))
                    .append("</TD></TR>");
        }
        sb.append("  \"legend\" [shape=plaintext, fontsize=10, label=<<TABLE BORDER=\"0\" CELLSPACING=\"3\">")
                .append(rows).append("</TABLE>>];\n");
    }

    /** The colours the graph shows, in the legend's order. */
    static java.util.EnumSet<GraphColours> used(ComputationGraph g) {
        java.util.EnumSet<GraphColours> used = java.util.EnumSet.noneOf(GraphColours.class);
        for (Node n : g.nodes()) {
            if (n.asked()) {
                used.add(GraphColours.ofGradient(n.gradient(), n.kink()));
            }
        }
        for (Op op : g.ops()) {
            if (op.out().onPath() || op.in().stream().anyMatch(Edge::onPath)) {
                used.add(GraphColours.PATH);
            }
        }
        used.remove(GraphColours.NEUTRAL);
        return used;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void edge(StringBuilder sb, Edge e) {
        sb.append("  \"").append(esc(e.from())).append("\" -> \"").append(esc(e.to())).append("\"")
                .append(e.onPath() ? " [color=\"" + GraphColours.PATH.stroke + "\", penwidth=2]" : "").append(";\n");
    }

    /** A DOT double-quoted string: backslash and quote escaped, control characters dropped. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c < 32 ? ' ' : c);
        }
        return sb.toString();
    }
}
