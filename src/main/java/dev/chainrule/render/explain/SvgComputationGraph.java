package dev.chainrule.render.explain;

import dev.chainrule.render.doc.HtmlDoc;
import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.Notation;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.render.explain.ComputationGraph.Edge;
import dev.chainrule.render.explain.ComputationGraph.Kind;
import dev.chainrule.render.explain.ComputationGraph.Node;
import dev.chainrule.render.explain.ComputationGraph.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The computational graph of {@link ComputationGraph} as inline SVG for the HTML page (no script, no fonts, no
 * links): a box per quantity with its value and gradient, the operation that defines it as a small circle just
 * left of its box, curves from the operands to the operation, the highlighted dependency path violet and thicker.
 * Layout: left to right, a defined quantity one column right of its furthest operand, a leaf (input, weight,
 * target) in the column just before its first use; within a column, boxes ordered by the mean height of their
 * neighbours (a few barycenter sweeps) to keep curves from crossing. Text widths are estimated from the
 * character count, so the boxes fit the text in any serif font near Georgia.
 */
public final class SvgComputationGraph {
    /** Larger graphs are left out of the page: they would not be legible at page width. */
    static final int MAX_NODES = 60;

    private static final double NAME_FONT = 14;
    private static final double FONT = 12;
    private static final double CHAR = 0.56;
    private static final double LINE = 16;
    private static final double PAD = 8;
    private static final double V_GAP = 12;
    private static final double H_GAP = 36;
    private static final double ARROW = 12;
    private static final double MARGIN = 12;
    private static final int LEGEND_SWATCH = 22;
    private static final double LEGEND_HEIGHT = 26;

    private SvgComputationGraph() {
    }

    /**
     * The figure for the HTML page: the drawing with {@code p}'s paths in violet, a key to the colours and a caption, or, for a
     * graph above {@link #MAX_NODES}, a note that it is not drawn.
     */
    public static String figure(NetworkExplanation x, ParameterResult p) {
        ComputationGraph g = ComputationGraph.of(x, List.of(p));
        if (g.size() > MAX_NODES) {
            return "<p class=\"note\">" + HtmlDoc.escape("The computational graph has " + g.size()
                    + " nodes and is drawn for networks up to " + MAX_NODES + " nodes; use --format dot for larger ones.")
                    + "</p>";
        }
        String name = Notation.text(p.id().toString());
        String path = p.chain().isPresent() ? "violet: the path" + (p.chain().get().paths().size() == 1 ? "" : "s")
                + " from " + name + " to L"
                : "no path drawn: the explicit chain is not written out for " + name;
        String caption = "The computational graph for sample " + g.sample() + "; " + path + ". Each box holds a quantity, "
                + "its value (data) and, where known, its gradient: δ = ∂L/\u2060∂z of sample " + g.sample()
                + " for a pre-activation, ∂L/\u2060∂p (" + g.batch() + " samples) for a parameter, "
                + "whose box is blue for a negative gradient, red for a positive one, amber and dashed at a kink.";
        return svg(g) + "\n<figcaption>" + HtmlDoc.escape(caption) + "</figcaption>";
    }

    /** A box placed in the drawing. */
    private record Box(Node node, List<String> lines, double w, double h) {
    }

    /** The drawing; empty above {@link #MAX_NODES}. */
    static String svg(ComputationGraph g) {
        if (g.size() > MAX_NODES) {
            return "";
        }
        Map<String, Op> opOf = new HashMap<>();
        Map<String, List<String>> operands = new HashMap<>();
        Map<String, List<String>> users = new HashMap<>();
        for (Op op : g.ops()) {
            opOf.put(op.out().to(), op);
            for (Edge e : op.in()) {
                operands.computeIfAbsent(op.out().to(), k -> new ArrayList<>()).add(e.from());
                users.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(op.out().to());
            }
        }
        Map<String, Box> boxes = new HashMap<>();
        for (Node n : g.nodes()) {
            boxes.put(n.id(), box(n));
        }
        // columns: a defined quantity right of its furthest operand; a leaf just before its first user
        Map<String, Integer> col = new HashMap<>();
        for (Node n : g.nodes()) {
            depth(n.id(), operands, col);
        }
        for (Node n : g.nodes()) {
            if (!operands.containsKey(n.id())) {
                int c = Integer.MAX_VALUE;
                for (String u : users.getOrDefault(n.id(), List.of())) {
                    c = Math.min(c, col.get(u) - 1);
                }
                col.put(n.id(), c == Integer.MAX_VALUE ? 0 : c);
            }
        }
        int columns = 0;
        for (int c : col.values()) {
            columns = Math.max(columns, c + 1);
        }
        List<List<String>> order = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            order.add(new ArrayList<>());
        }
        for (Node n : g.nodes()) {
            order.get(col.get(n.id())).add(n.id());
        }
        // x: each column as wide as its widest box, with room on its left for the operations' circles
        double[] left = new double[columns];
        double[] width = new double[columns];
        double x = MARGIN;
        for (int c = 0; c < columns; c++) {
            double opRoom = 0;
            for (String id : order.get(c)) {
                width[c] = Math.max(width[c], boxes.get(id).w());
                Op op = opOf.get(id);
                if (op != null) {
                    opRoom = Math.max(opRoom, opWidth(op) + ARROW);
                }
            }
            x += c == 0 ? 0 : H_GAP + opRoom;
            left[c] = x;
            x += width[c];
        }
        double svgWidth = x + MARGIN;
        // y: barycenter sweeps, forward on the operands, backward on the users
        Map<String, Double> y = new HashMap<>();
        double height = place(order, boxes, y);
        for (int sweep = 0; sweep < 4; sweep++) {
            for (int c = 1; c < columns; c++) {
                sortBy(order.get(c), operands, y);
                height = place(order, boxes, y);
            }
            for (int c = columns - 2; c >= 0; c--) {
                sortBy(order.get(c), users, y);
                height = place(order, boxes, y);
            }
        }
        java.util.EnumSet<GraphColours> used = ExplainDotRenderer.used(g);
        double legendWidth = 0;
        for (GraphColours c : used) {
            legendWidth += LEGEND_SWATCH + 6 + textWidth(c.meaning, 12) + 18;
        }
        svgWidth = Math.max(svgWidth, legendWidth + 2 * MARGIN);
        double svgHeight = height + 2 * MARGIN + (used.isEmpty() ? 0 : LEGEND_HEIGHT);

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"computation-graph\" "
                + "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" font-family=\"Georgia, serif\" "
                + "font-size=\"%.0f\" role=\"img\">\n", svgWidth, svgHeight, svgWidth, svgHeight, FONT));
        sb.append("<title>").append(HtmlDoc.escape("The computational graph of " + g.title() + ", values of sample "
                + g.sample())).append("</title>\n");
        // grey edges first, the path's over them, boxes on top
        for (boolean red : new boolean[] {false, true}) {
            for (Op op : g.ops()) {
                double ox = left[col.get(op.out().to())];
                double oy = MARGIN + y.get(op.out().to());
                double ow = opWidth(op);
                for (Edge e : op.in()) {
                    if (e.onPath() != red) {
                        continue;
                    }
                    Box from = boxes.get(e.from());
                    double x1 = left[col.get(e.from())] + from.w();
                    double y1 = MARGIN + y.get(e.from());
                    double x2 = ox - ARROW - ow;
                    curve(sb, x1, y1, x2, oy, red);
                }
                if (op.out().onPath() == red) {
                    curve(sb, ox - ARROW, oy, ox, oy, red);
                }
            }
        }
        for (Op op : g.ops()) {
            double ox = left[col.get(op.out().to())] - ARROW;
            double oy = MARGIN + y.get(op.out().to());
            double ow = opWidth(op);
            sb.append("<g class=\"op\">").append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"22\" rx=\"11\" fill=\"#fff\" stroke=\"%s\" "
                            + "stroke-width=\"%s\"/>", ox - ow, oy - 11, ow, op.out().onPath() ? GraphColours.PATH.stroke : "#6b7280",
                    op.out().onPath() ? "1.8" : "1"))
                    .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\">",
                            ox - ow / 2, oy + 4)).append(HtmlDoc.escape(op.label())).append("</text></g>\n");
        }
        for (Node n : g.nodes()) {
            Box b = boxes.get(n.id());
            double bx = left[col.get(n.id())];
            double by = MARGIN + y.get(n.id()) - b.h() / 2;
            drawBox(sb, b, bx, by);
        }
        // the key: one entry per colour the drawing uses
        double lx = MARGIN;
        double ly = svgHeight - MARGIN - 8;
        if (!used.isEmpty()) {
            sb.append("<g class=\"legend\" font-size=\"12\">");
        }
        for (GraphColours c : used) {
            boolean line = c == GraphColours.PATH;
            sb.append(line
                    ? String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                            + "stroke-width=\"2.2\"/>", lx, ly - 4, lx + LEGEND_SWATCH, ly - 4, c.stroke)
                    : String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"12\" rx=\"3\" "
                            + "fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"%s/>", lx, ly - 10, LEGEND_SWATCH, c.fill,
                            c.stroke, c == GraphColours.KINK ? " stroke-dasharray=\"5 3\"" : ""));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#374151\">", lx + LEGEND_SWATCH + 6,
                    ly)).append(HtmlDoc.escape(c.meaning)).append("</text>");
            lx += LEGEND_SWATCH + 6 + textWidth(c.meaning, 12) + 18;
        }
        if (!used.isEmpty()) {
            sb.append("</g>\n");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static int depth(String id, Map<String, List<String>> operands, Map<String, Integer> col) {
        Integer known = col.get(id);
        if (known != null) {
            return known;
        }
        List<String> in = operands.get(id);
        int d = 0;
        if (in != null) {
            for (String o : in) {
                d = Math.max(d, depth(o, operands, col) + 1);
            }
            col.put(id, d);
        }
        return d;
    }

    /** Sorts a column by the mean height of each node's neighbours; one without neighbours keeps its height. */
    private static void sortBy(List<String> column, Map<String, List<String>> neighbours, Map<String, Double> y) {
        Map<String, Double> key = new HashMap<>();
        for (String id : column) {
            List<String> ns = neighbours.getOrDefault(id, List.of());
            double sum = 0;
            for (String n : ns) {
                sum += y.get(n);
            }
            key.put(id, ns.isEmpty() ? y.get(id) : sum / ns.size());
        }
        column.sort(Comparator.comparingDouble(key::get));
    }

    /** Stacks each column's boxes, centred on the tallest column; returns the drawing's height. */
    private static double place(List<List<String>> order, Map<String, Box> boxes, Map<String, Double> y) {
        double[] heights = new double[order.size()];
        double max = 0;
        for (int c = 0; c < order.size(); c++) {
            for (String id : order.get(c)) {
                heights[c] += boxes.get(id).h() + V_GAP;
            }
            heights[c] -= V_GAP;
            max = Math.max(max, heights[c]);
        }
        for (int c = 0; c < order.size(); c++) {
            double top = (max - heights[c]) / 2;
            for (String id : order.get(c)) {
                Box b = boxes.get(id);
                y.put(id, top + b.h() / 2);
                top += b.h() + V_GAP;
            }
        }
        return max;
    }

    private static Box box(Node n) {
        List<String> lines = new ArrayList<>();
        lines.add(n.label());
        if (n.value() != null) {
            lines.add("data " + Fmt.num(n.value()));
        }
        if (n.gradient() != null) {
            lines.add(n.asked() ? "grad " + Fmt.num(n.gradient()) + (n.kink() ? " ~ kink" : "")
                    : "δ = " + Fmt.num(n.gradient()));
        }
        double w = nameWidth(n.id());
        for (String l : lines.subList(1, lines.size())) {
            w = Math.max(w, textWidth(l, FONT));
        }
        // 4 px more on top for the superscript (1) of a layered name
        return new Box(n, lines, Math.max(44, w + 2 * PAD), PAD + 4 + LINE * lines.size());
    }

    /**
     * A name as SVG text with real sub- and superscripts (w, 11 below, (1) above) rather than Unicode's small
     * digits, which most serif fonts lack; the symbol is Notation's, the same as {@link Node#label()}'s.
     */
    static String name(String id) {
        Notation.Symbol s = Notation.symbol(id);
        StringBuilder sb = new StringBuilder("<tspan font-style=\"italic\">")
                .append(HtmlDoc.escape(Notation.text(s.base()))).append("</tspan>");
        double down = 0;
        if (!s.subscript().isEmpty()) {
            down = 4;
            sb.append("<tspan font-size=\"10\" dy=\"4\">").append(HtmlDoc.escape(s.subscript())).append("</tspan>");
        }
        if (!s.superscript().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<tspan font-size=\"10\" dy=\"%.0f\">", -down - 7))
                    .append(HtmlDoc.escape("(" + s.superscript() + ")")).append("</tspan>");
        }
        return sb.toString();
    }

    private static double nameWidth(String id) {
        Notation.Symbol s = Notation.symbol(id);
        return textWidth(Notation.text(s.base()), NAME_FONT) + textWidth(s.subscript(), 10)
                + textWidth(s.superscript().isEmpty() ? "" : "(" + s.superscript() + ")", 10);
    }

    static double textWidth(String s, double font) {
        return s.codePointCount(0, s.length()) * font * CHAR;
    }

    private static double opWidth(Op op) {
        return Math.max(22, textWidth(op.label(), 12) + 12);
    }

    private static void curve(StringBuilder sb, double x1, double y1, double x2, double y2, boolean red) {
        double dx = Math.max(10, (x2 - x1) / 2);
        String colour = red ? GraphColours.PATH.stroke : "#9ca3af";
        sb.append(String.format(Locale.ROOT, "<g class=\"%s\"><path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
                        + "fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"/>",
                red ? "edge path" : "edge", x1, y1, x1 + dx, y1, x2 - dx, y2, x2 - 6, y2, colour, red ? "2.2" : "1.1"));
        sb.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f Z\" fill=\"%s\"/></g>\n",
                x2, y2, x2 - 8, y2 - 4, x2 - 8, y2 + 4, colour));
    }

    private static void drawBox(StringBuilder sb, Box b, double bx, double by) {
        Node n = b.node();
        String stroke = "#4b5563";
        String fill = n.kind() == Kind.QUANTITY ? "#fff" : "#f9fafb";
        if (n.asked()) {
            double gr = n.gradient();
            GraphColours c = GraphColours.ofGradient(gr, n.kink());
            stroke = c.stroke;
            fill = c.fill;
        }
        sb.append("<g class=\"node\">").append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"5\" fill=\"%s\" stroke=\"%s\" "
                        + "stroke-width=\"%s\"%s/>", bx, by, b.w(), b.h(), fill, stroke, n.asked() ? "2" : "1",
                n.kink() ? " stroke-dasharray=\"5 3\"" : ""));
        double cx = bx + b.w() / 2;
        for (int i = 0; i < b.lines().size(); i++) {
            double ty = by + PAD / 2 + 4 + LINE * i + 12.5;
            boolean name = i == 0;
            boolean grad = n.asked() && i == b.lines().size() - 1;
            String colour = name ? "#111827" : grad ? stroke : "#4b5563";
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s fill=\"%s\">",
                    cx, ty, name ? " font-size=\"14\"" : "", colour))
                    .append(name ? name(n.id()) : HtmlDoc.escape(b.lines().get(i))).append("</text>");
        }
        sb.append("</g>\n");
    }
}
