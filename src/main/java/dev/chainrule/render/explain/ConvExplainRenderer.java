package dev.chainrule.render.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.expr.Fmt;
import dev.chainrule.network.ConvAnalysis.Explanation;
import dev.chainrule.network.ConvAnalysis.Parameter;
import dev.chainrule.network.ConvAnalysis.Share;
import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.numeric.Check;
import java.util.List;
import java.util.StringJoiner;

/**
 * explain of an image network (conv2d, pooling, flatten, dense; issue 14) in text and JSON: the loss, and per
 * parameter its gradient, checked against finite differences; a kernel weight's gradient is written as the
 * weight-sharing sum over the output positions of its filter, Σ_{r,c} δ[l,f,r,c] · (the input under the weight
 * there), with every position's numbers. The dense sections (δ per layer, matrix form) are not written for these
 * networks: their conv layers have no such form.
 */
public final class ConvExplainRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConvExplainRenderer() {
    }

    /** The shapes through the network, e.g. 1×4×4 → conv2d 1×3×3 → maxpool2d 1×1×1 → flatten 1 → dense 1. */
    static String shapes(ConvNetSpec spec) {
        List<ConvNetSpec.Shape> shapes = spec.shapes();
        StringJoiner j = new StringJoiner(" → ");
        j.add(show(shapes.get(0)));
        for (int l = 1; l <= spec.layers().size(); l++) {
            j.add(type(spec.layer(l)) + " " + show(shapes.get(l)));
        }
        return j.toString();
    }

    private static String show(ConvNetSpec.Shape s) {
        return s.image() ? s.c() + "×" + s.h() + "×" + s.w() : String.valueOf(s.flat());
    }

    static String type(ConvNetSpec.Layer layer) {
        if (layer instanceof ConvNetSpec.Conv2d) {
            return "conv2d";
        }
        if (layer instanceof ConvNetSpec.Pool p) {
            return p.max() ? "maxpool2d" : "avgpool2d";
        }
        return layer instanceof ConvNetSpec.Flatten ? "flatten" : "dense";
    }

    /** What a parameter is, in words. */
    static String what(ConvNetSpec spec, ParamId id) {
        return switch (id.kind()) {
            case KERNEL -> "kernel weight of conv2d layer " + id.layer() + ": filter " + id.neuron() + ", channel "
                    + id.input() + ", row " + id.window().get(0) + ", column " + id.window().get(1);
            case WEIGHT -> "weight of dense layer " + id.layer() + ": neuron " + id.neuron() + ", input " + id.input();
            case RECURRENT -> "recurrent weight of layer " + id.layer();
            case BIAS -> "bias of " + type(spec.layer(id.layer())) + " layer " + id.layer() + ": "
                    + (spec.layer(id.layer()) instanceof ConvNetSpec.Conv2d ? "filter " : "neuron ") + id.neuron();
        };
    }

    public static String text(Explanation x) {
        ConvNetSpec spec = x.spec();
        int n = spec.data().size();
        StringBuilder sb = new StringBuilder();
        sb.append("Image network ").append(shapes(spec)).append("; loss ").append(spec.loss().yamlName())
                .append(", ").append(spec.reduction().yamlName()).append(" over ").append(n)
                .append(n == 1 ? " sample" : " samples").append('\n');
        sb.append("L = ").append(Fmt.num(x.loss(), 8)).append(spec.regularization().isNone() ? ""
                : "   (with the regularization penalty (λ/2)Σw² + μΣ|w| over kernel and dense weights, λ = "
                + Fmt.num(spec.regularization().l2()) + ", μ = " + Fmt.num(spec.regularization().l1()) + ")").append(n == 1 ? "" : "   (" + spec.reduction().yamlName()
                + " of the samples' losses)").append('\n');
        ConvPassText.write(sb, x);
        sb.append("\nGradients, each checked against a finite difference of L\n");
        for (Parameter p : x.parameters()) {
            sb.append('\n').append("∂L/∂").append(p.id()).append("   ").append(what(spec, p.id())).append("; value ")
                    .append(Fmt.num(p.value())).append('\n');
            if (p.id().isKernel()) {
                shares(sb, p);
            }
            if (p.penalty() != 0) {
                dev.chainrule.network.spec.Regularization r = spec.regularization();
                sb.append("        regularization  ∂/∂").append(p.id()).append(" ((λ/2)w² + μ|w|) = λw + μ·sign(w) = ")
                        .append(Fmt.num(p.penalty(), 8)).append("   (λ = ").append(Fmt.num(r.l2())).append(", μ = ")
                        .append(Fmt.num(r.l1())).append(")\n");
            }
            sb.append("        gradient").append(n == 1 ? "" : " (" + spec.reduction().yamlName() + " over " + n
                    + " samples" + (p.penalty() != 0 ? ", plus the regularization term" : "") + ")").append(" = ")
                    .append(p.penalty() != 0 ? Fmt.num(p.dataGradient(), 8) + " + " + paren(Fmt.num(p.penalty(), 8))
                            + " = " : "").append(Fmt.num(p.gradient(), 8)).append('\n');
            sb.append(CheckJson.textLine(p.check())).append('\n');
        }
        return sb.toString();
    }

    private static void shares(StringBuilder sb, Parameter p) {
        ParamId k = p.id();
        String f = k.layer() + "," + k.neuron();
        long positions = p.shares().stream().filter(s -> s.sample() == 1).count();
        sb.append("        weight sharing: ").append(k).append(" multiplies an input at each of the ").append(positions)
                .append(" output positions (r, c) of filter ").append(k.neuron()).append(", so\n")
                .append("        ∂L/∂").append(k).append(" = Σ_{r,c} δ[").append(f).append(",r,c] · (its input at (r, c)),")
                .append("   δ[").append(f).append(",r,c] = ∂L/∂z[").append(f).append(",r,c]\n");
        int sample = 0;
        for (Share s : p.shares()) {
            if (s.sample() != sample) {
                if (sample != 0) {
                    sb.append("          sum ").append(Fmt.num(p.sampleSum(sample), 8)).append('\n');
                }
                sample = s.sample();
                sb.append("        sample ").append(sample).append(":\n");
            }
            sb.append("          (").append(s.term().row()).append(", ").append(s.term().col()).append(")  δ[")
                    .append(f).append(',').append(s.term().row()).append(',').append(s.term().col()).append("] · ")
                    .append(s.term().input().name()).append(" = ").append(Fmt.num(s.delta(), 8)).append(" · ")
                    .append(paren(Fmt.num(s.input()))).append(" = ").append(Fmt.num(s.product(), 8)).append('\n');
        }
        if (sample != 0) {
            sb.append("          sum ").append(Fmt.num(p.sampleSum(sample), 8)).append('\n');
        }
    }

    private static String paren(String number) {
        return number.startsWith("−") || number.startsWith("-") ? "(" + number + ")" : number;
    }

    /** A layer's maps as [channel][row][column], a flat layer's as one vector; nothing for a layer without them. */
    private static void putMaps(ObjectNode o, String key, double[][][] maps, boolean flat) {
        if (maps != null) {
            o.set(key, JSON.valueToTree(flat ? maps[0][0] : maps));
        }
    }

    public static String json(Explanation x) {
        ObjectNode root = JSON.createObjectNode();
        root.put("network", shapes(x.spec()));
        root.put("loss", x.loss());
        ArrayNode params = root.putArray("parameters");
        for (Parameter p : x.parameters()) {
            ObjectNode o = params.addObject();
            ParamId id = p.id();
            o.put("id", id.toString());
            o.put("kind", id.kind().spelling());
            o.put("layer", id.layer());
            // a kernel weight: neuron is its filter, input its channel, row and col its place in the kernel
            o.put("neuron", id.neuron());
            if (id.isBias()) {
                o.putNull("input");
            } else {
                o.put("input", id.input());
            }
            if (id.isKernel()) {
                o.put("row", id.window().get(0));
                o.put("col", id.window().get(1));
            }
            o.put("value", p.value());
            o.put("gradient", p.gradient());
            if (p.penalty() != 0) {
                o.put("data_gradient", p.dataGradient());
                o.put("regularization_gradient", p.penalty());
            }
            CheckJson.put(o, p.check());
            if (p.id().isKernel()) {
                ArrayNode shares = o.putArray("weight_sharing");
                for (Share s : p.shares()) {
                    ObjectNode t = shares.addObject();
                    t.put("sample", s.sample());
                    t.put("row", s.term().row());
                    t.put("col", s.term().col());
                    t.put("delta", s.delta());
                    t.put("input", s.term().input().name());
                    t.put("input_value", s.input());
                }
            }
        }
        ArrayNode passes = root.putArray("passes");
        for (dev.chainrule.network.ConvAnalysis.Pass pass : x.passes()) {
            ObjectNode o = passes.addObject();
            o.put("sample", pass.sample());
            o.put("loss", pass.loss());
            o.set("input", JSON.valueToTree(pass.input()));
            o.set("input_gradient", JSON.valueToTree(pass.lossByInput()));
            ArrayNode layers = o.putArray("layers");
            for (dev.chainrule.network.ConvAnalysis.LayerPass lp : pass.layers()) {
                ObjectNode l = layers.addObject();
                l.put("layer", lp.layer());
                l.put("type", type(x.spec().layer(lp.layer())));
                boolean flat = !(x.spec().shapes().get(lp.layer()).image());
                putMaps(l, "z", lp.z(), flat);
                putMaps(l, "a", lp.a(), flat);
                putMaps(l, "delta", lp.delta(), flat);
                putMaps(l, "loss_gradient_a", lp.lossByA(), flat);
                if (lp.winners() != null) {
                    l.set("winners", JSON.valueToTree(lp.winners()));
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
