package dev.chainrule.render.explain;

import dev.chainrule.render.doc.HtmlDoc;
import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.Notation;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.numeric.Verdict;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The network as an SVG diagram: neurons in layers, each edge labelled with its weight w and ∂L/∂w, coloured by
 * the gradient's sign (blue negative, red positive, grey zero or not asked for), its width and opacity growing
 * with the gradient's magnitude; a dashed edge with ~ is a kink where the finite difference cannot judge.
 * Weights come from the spec, gradients from the parameter results; nothing is recomputed.
 */
public final class SvgNetworkDiagram {
    static final int MAX_UNITS = 16;
    static final int LABELLED_EDGES = 40;

    private SvgNetworkDiagram() {
    }

    public static String svg(NetworkExplanation x) {
        NetworkSpec spec = x.spec();
        int layers = spec.layerCount();
        int widest = spec.inputCount();
        for (LayerSpec l : spec.layers()) {
            widest = Math.max(widest, l.units());
        }
        if (widest > MAX_UNITS) {
            return "";
        }
        Map<ParamId, ParameterResult> results = new HashMap<>();
        double max = 0;
        for (ParameterResult p : x.parameters()) {
            results.put(p.id(), p);
            if (Double.isFinite(p.gradient())) {
                max = Math.max(max, Math.abs(p.gradient()));
            }
        }
        int colW = 300;
        int rowH = 120;
        int width = 160 + colW * layers;
        int height = 90 + rowH * widest;
        boolean labels = spec.parameterCount() <= LABELLED_EDGES;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network-diagram\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"Georgia, serif\" font-size=\"15\" role=\"img\">\n");
        sb.append("<title>").append(HtmlDoc.escape("The network: weights w and gradients ∂L/∂w (blue negative, red positive)"))
                .append("</title>\n");
        // edges first, neurons on top
        for (int l = 1; l <= layers; l++) {
            LayerSpec layer = spec.layer(l);
            int below = l == 1 ? spec.inputCount() : spec.layer(l - 1).units();
            for (int i = 1; i <= layer.units(); i++) {
                for (int j = 1; j <= below; j++) {
                    double x1 = 80 + colW * (l - 1);
                    double y1 = y(j, below, height, rowH);
                    double x2 = 80 + colW * l;
                    double y2 = y(i, layer.units(), height, rowH);
                    ParamId id = ParamId.weight(l, i, j);
                    ParameterResult p = results.get(id);
                    double w = layer.weightAt(i - 1, j - 1);
                    String colour = "#9ca3af";
                    double strength = 0;
                    boolean kink = false;
                    if (p != null) {
                        double g = p.gradient();
                        colour = g < 0 ? GraphColours.NEGATIVE.stroke : g > 0 ? GraphColours.POSITIVE.stroke : "#9ca3af";
                        strength = max > 0 && Double.isFinite(g) ? Math.abs(g) / max : 0;
                        kink = p.check().map(c -> c.verdict() == Verdict.KINK).orElse(false);
                    }
                    String name = Notation.text(id.toString());
                    String tip = name + " = " + Fmt.num(w) + (p == null ? "" : ", ∂L/∂" + name + " = " + Fmt.num(p.gradient())
                            + (kink ? " (kink: the finite difference cannot judge)" : ""));
                    sb.append("<g class=\"edge\"><title>").append(HtmlDoc.escape(tip)).append("</title>")
                            .append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                                    + "stroke-width=\"%.2f\" stroke-opacity=\"%.2f\"%s/>", x1 + 22, y1, x2 - 22, y2, colour,
                                    1 + 5 * strength, 0.35 + 0.65 * strength, kink ? " stroke-dasharray=\"6 4\"" : ""));
                    if (labels) {
                        // edges into the same neuron are labelled at the same fraction of their length, different
                        // neurons at different fractions, so that labels of crossing edges do not meet
                        double t = layer.units() == 1 ? 0.5 : 0.25 + 0.5 * (i - 1) / (double) (layer.units() - 1);
                        double lx = x1 + 22 + (x2 - x1 - 44) * t;
                        double ly = y1 + (y2 - y1) * t;
                        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" "
                                + "fill=\"%s\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">", lx, ly - 3, colour))
                                .append(HtmlDoc.escape(name + " = " + Fmt.num(w, 3)));
                        if (p != null) {
                            sb.append(String.format(Locale.ROOT, "<tspan x=\"%.1f\" dy=\"13\">", lx))
                                    .append(HtmlDoc.escape("∂L/∂w = " + Fmt.num(p.gradient(), 3) + (kink ? " ~" : "")))
                                    .append("</tspan>");
                        }
                        sb.append("</text>");
                    }
                    sb.append("</g>\n");
                }
            }
        }
        for (int l = 0; l <= layers; l++) {
            int units = l == 0 ? spec.inputCount() : spec.layer(l).units();
            for (int i = 1; i <= units; i++) {
                double cx = 80 + colW * l;
                double cy = y(i, units, height, rowH);
                String label = l == 0 ? Notation.text(spec.inputs().get(i - 1))
                        : l == layers ? Notation.text(spec.outputs().get(i - 1)) : Notation.text("a[" + l + "," + i + "]");
                sb.append(String.format(Locale.ROOT, "<g class=\"neuron\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"22\" fill=\"%s\" "
                        + "stroke=\"#374151\" stroke-width=\"1.5\"/>", cx, cy, l == 0 ? "#f3f4f6" : "#fff"));
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-style=\"italic\">", cx, cy + 4))
                        .append(HtmlDoc.escape(label)).append("</text>");
                if (l > 0) {
                    ParamId bid = ParamId.bias(l, i);
                    ParameterResult p = results.get(bid);
                    String b = "b = " + Fmt.num(spec.layer(l).biasAt(i - 1), 3)
                            + (p == null ? "" : ", ∂L/∂b = " + Fmt.num(p.gradient(), 3));
                    String colour = p == null || p.gradient() == 0 ? "#4b5563" : p.gradient() < 0 ? GraphColours.NEGATIVE.stroke : GraphColours.POSITIVE.stroke;
                    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">",
                            cx, cy + 38, colour)).append(HtmlDoc.escape(b)).append("</text>");
                }
                sb.append("</g>\n");
            }
            String head = l == 0 ? "input" : l == layers ? "output (layer " + l + ")" : "layer " + l;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"22\" text-anchor=\"middle\" fill=\"#4b5563\">", 80.0 + colW * l))
                    .append(HtmlDoc.escape(head)).append("</text>\n");
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"11\" fill=\"#4b5563\">", height - 10))
                .append(HtmlDoc.escape("edge colour: sign of ∂L/∂w (blue −, red +); width: its size; dashed ~: kink"))
                .append("</text>\n");
        sb.append("</svg>");
        return sb.toString();
    }

    private static double y(int i, int units, int height, int rowH) {
        double top = (height - 20 - rowH * units) / 2.0 + 20;
        return top + rowH * (i - 0.5);
    }
}
