package dev.chainrule.render.explain;

import static dev.chainrule.render.doc.NetworkNames.putId;

import dev.chainrule.render.doc.NetworkNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.LatexPrinter;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.NetworkExplanation.SampleTerm;
import dev.chainrule.network.spec.ParamId;
import java.util.List;
import java.util.Map;

/** {@code explain --format json}: the contract's keys, plus steps, δ values and check details. */
public final class ExplainJsonRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplainJsonRenderer() {
    }

    /**
     * The document is streamed: each parameter's object is built and written on its own (a network of 100,000
     * parameters never holds its whole tree), with the same pretty printer as {@code writeValueAsString}.
     */
    public static String render(NetworkExplanation x) {
        dev.chainrule.render.doc.BuilderWriter out = new dev.chainrule.render.doc.BuilderWriter(
                x.parameters().size() * 600 + 4096);
        try {
            write(x, out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /**
     * {@link #render} written to {@code out} as it goes (the generator's buffer passes it on every few thousand
     * characters); {@code out} is left open, its errors passed on.
     */
    public static void write(NetworkExplanation x, java.io.Writer out) throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.writer()
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("loss", x.loss());
            g.writeArrayFieldStart("parameters");
            for (ParameterResult p : x.parameters()) {
                if (p.chain().isPresent()) {
                    JSON.writeTree(g, parameter(x, p));
                } else {
                    writeParameter(g, p);
                }
            }
            g.writeEndArray();
            ObjectNode root = JSON.createObjectNode();
            root.put("network", NetworkNames.title(x.spec()));
            x.expandedLoss().ifPresent(e -> {
                root.put("expanded_loss", InputPrinter.str(e));
                root.put("expanded_loss_latex", LatexPrinter.str(e));
            });
            root.put("check_mode", x.checkMode().name().toLowerCase(java.util.Locale.ROOT));
            ObjectNode deltas = root.putObject("deltas");
            for (Map.Entry<String, dev.chainrule.expr.Expr> d : x.backprop().deltas().entrySet()) {
                ObjectNode o = deltas.putObject(d.getKey());
                o.put("expr", InputPrinter.str(d.getValue()));
                o.put("text", TextPrinter.str(d.getValue()));
                o.put("latex", LatexPrinter.str(d.getValue()));
                ArrayNode values = o.putArray("values");
                for (Map<String, Double> f : x.forward()) {
                    values.add(f.get(d.getKey()));
                }
            }
            ArrayNode forward = root.putArray("forward");
            for (int r = 0; r < x.samplesShown().size(); r++) {
                ObjectNode o = forward.addObject();
                o.put("sample", x.samplesShown().get(r));
                ObjectNode values = o.putObject("values");
                x.forward().get(r).forEach(values::put);
            }
            x.fastCheck().ifPresent(f -> {
                ObjectNode o = root.putObject("fast_check");
                o.put("seed", f.seed());
                o.put("directional_derivative", f.analytic());
                o.put("finite_difference", f.numeric());
                o.put("relative_error", f.relativeError());
                o.put("check", f.verdict().jsonName());
                o.put("parameters_checked_individually", f.sampledParameters());
            });
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field : root.properties()) {
                g.writeFieldName(field.getKey());
                JSON.writeTree(g, field.getValue());
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    /** {@link #parameter} without a chain derivation, written field by field in the same order. */
    private static void writeParameter(com.fasterxml.jackson.core.JsonGenerator g, ParameterResult p)
            throws java.io.IOException {
        ParamId id = p.id();
        g.writeStartObject();
        g.writeStringField("kind", id.isWeight() ? "weight" : "bias");
        g.writeNumberField("layer", id.layer());
        g.writeNumberField("neuron", id.neuron());
        if (id.isWeight()) {
            g.writeNumberField("input", id.input());
        } else {
            g.writeNullField("input");
        }
        g.writeNumberField("value", p.value());
        g.writeNumberField("gradient", p.gradient());
        if (p.penalty().isPresent()) {
            g.writeNumberField("data_gradient", p.penalty().get().dataGradient());
            g.writeNumberField("regularization_gradient", p.penalty().get().value());
        }
        if (p.check().isPresent()) {
            g.writeNumberField("finite_difference", p.check().get().numeric());
            g.writeStringField("check", p.check().get().verdict().jsonName());
            g.writeNumberField("relative_error", p.check().get().relativeError());
            if (p.check().get().kink().isPresent()) {
                var k = p.check().get().kink().get();
                g.writeObjectFieldStart("kink");
                g.writeStringField("function", k.fn().inputName());
                if (k.unit().isPresent()) {
                    g.writeStringField("unit", k.unit().get());
                }
                if (p.kinkSample().isPresent()) {
                    g.writeNumberField("sample", p.kinkSample().get());
                }
                g.writeNumberField("argument", k.argument());
                g.writeNumberField("left_derivative", k.leftDerivative());
                g.writeNumberField("right_derivative", k.rightDerivative());
                g.writeStringField("message", k.describe());
                g.writeEndObject();
            }
        } else {
            g.writeNullField("finite_difference");
            g.writeStringField("check", "skipped");
        }
        g.writeStringField("id", id.toString());
        String deltaForm = InputPrinter.str(p.deltaForm());
        g.writeStringField("delta_form", deltaForm);
        g.writeStringField("result", p.explicit() == p.deltaForm() ? deltaForm : InputPrinter.str(p.explicit()));
        g.writeStringField("result_text", TextPrinter.str(p.explicit()));
        g.writeStringField("result_latex", LatexPrinter.str(p.explicit()));
        g.writeArrayFieldStart("per_sample");
        for (SampleTerm st : p.perSample()) {
            g.writeStartObject();
            g.writeNumberField("sample", st.sample());
            g.writeStringField("numbers", TextPrinter.decimals(st.substituted()));
            g.writeNumberField("value", st.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static ObjectNode parameter(NetworkExplanation x, ParameterResult p) {
        ObjectNode o = JSON.createObjectNode();
        ParamId id = p.id();
        putId(o, id);
        o.put("value", p.value());
        o.put("gradient", p.gradient());
        p.penalty().ifPresent(pen -> {
            o.put("data_gradient", pen.dataGradient());
            o.put("regularization_gradient", pen.value());
        });
        if (p.check().isPresent()) {
            o.put("finite_difference", p.check().get().numeric());
            o.put("check", p.check().get().verdict().jsonName());
            o.put("relative_error", p.check().get().relativeError());
            p.check().get().kink().ifPresent(k -> {
                ObjectNode kink = o.putObject("kink");
                kink.put("function", k.fn().inputName());
                k.unit().ifPresent(u -> kink.put("unit", u));
                p.kinkSample().ifPresent(s -> kink.put("sample", s));
                kink.put("argument", k.argument());
                kink.put("left_derivative", k.leftDerivative());
                kink.put("right_derivative", k.rightDerivative());
                kink.put("message", k.describe());
            });
        } else {
            o.putNull("finite_difference");
            o.put("check", "skipped");
        }
        o.put("id", id.toString());
        o.put("delta_form", InputPrinter.str(p.deltaForm()));
        o.put("result", InputPrinter.str(p.explicit()));
        o.put("result_text", TextPrinter.str(p.explicit()));
        o.put("result_latex", LatexPrinter.str(p.explicit()));
        ArrayNode per = o.putArray("per_sample");
        for (SampleTerm st : p.perSample()) {
            ObjectNode s = per.addObject();
            s.put("sample", st.sample());
            s.put("numbers", TextPrinter.decimals(st.substituted()));
            s.put("value", st.value());
        }
        p.chain().ifPresent(cd -> chain(o, cd));
        return o;
    }

    private static void chain(ObjectNode o, ChainDerivation cd) {
        ArrayNode paths = o.putArray("paths");
        for (List<Var> path : cd.paths()) {
            ArrayNode a = paths.addArray();
            path.forEach(v -> a.add(v.name()));
        }
        List<Step> steps = cd.isDirect() ? cd.direct().steps() : cd.steps();
        ArrayNode arr = o.putArray("steps");
        for (Step s : steps) {
            arr.add(step(s));
        }
        ArrayNode locals = o.putArray("locals");
        for (var l : cd.locals()) {
            ObjectNode lo = locals.addObject();
            lo.put("of", l.of().name());
            lo.put("wrt", l.wrt().name());
            lo.put("result", InputPrinter.str(l.derivation().result()));
            ArrayNode ls = lo.putArray("steps");
            l.derivation().steps().forEach(s -> ls.add(step(s)));
        }
    }

    static ObjectNode step(Step s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rule", s.label());
        ArrayNode rules = o.putArray("rules");
        s.rules().stream().map(Rule::label).distinct().forEach(rules::add);
        if (!s.noteText().isEmpty()) {
            o.put("note", s.noteText());
        }
        o.put("expr", InputPrinter.str(s.expr()));
        o.put("text", TextPrinter.str(s.expr()));
        o.put("latex", LatexPrinter.str(s.expr()));
        return o;
    }
}
