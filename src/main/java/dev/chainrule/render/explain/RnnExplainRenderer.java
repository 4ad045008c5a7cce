package dev.chainrule.render.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.expr.Fmt;
import dev.chainrule.network.RnnAnalysis.Delta;
import dev.chainrule.network.RnnAnalysis.Explanation;
import dev.chainrule.network.RnnAnalysis.Parameter;
import dev.chainrule.network.RnnAnalysis.State;
import dev.chainrule.network.RnnAnalysis.Term;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.RnnNetSpec;
import dev.chainrule.numeric.Check;
import java.util.List;
import java.util.StringJoiner;

/**
 * explain of a recurrent network (an rnn layer, then dense layers; contract §5) in text and JSON: the loss; the
 * forward pass step by step; backpropagation through time, δ[1,t,i] = ∂L/∂z[1,t,i] from t = T down to 1, δ_T =
 * (∂L/∂h_T)·g′(z_T) and δ_t = (Uᵀδ_{t+1})·g′(z_t) with every step's numbers; and per parameter its gradient,
 * checked against finite differences: for the rnn layer written as the sum over time steps, ∂L/∂u[1,i,j] =
 * Σ_t δ[1,t,i]·h[1,t−1,j], ∂L/∂w[1,i,j] = Σ_t δ[1,t,i]·x[t,j], ∂L/∂b[1,i] = Σ_t δ[1,t,i], each step's term shown.
 */
public final class RnnExplainRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RnnExplainRenderer() {
    }

    /** The network in one line, e.g. 2 inputs (x1, x2) per step → rnn 2 (tanh) → dense 1 (sigmoid). */
    static String network(RnnNetSpec spec) {
        StringJoiner j = new StringJoiner(" → ");
        j.add(spec.inputs().size() + (spec.inputs().size() == 1 ? " input (" : " inputs (")
                + String.join(", ", spec.inputs()) + ") per step");
        j.add("rnn " + spec.rnn().units() + " (" + spec.rnn().activation().yamlName() + ")");
        for (int l = 2; l <= spec.layerCount(); l++) {
            LayerSpec d = spec.dense(l);
            j.add("dense " + d.units() + " (" + d.activation().yamlName() + ")");
        }
        return j.toString();
    }

    /** What a parameter is, in words. */
    static String what(ParamId id) {
        if (id.layer() == 1) {
            return switch (id.kind()) {
                case WEIGHT -> "input weight (W) of rnn layer 1: unit " + id.neuron() + ", input " + id.input();
                case RECURRENT -> "recurrent weight (U) of rnn layer 1: unit " + id.neuron() + ", from unit "
                        + id.input() + " of h_{t−1}";
                default -> "bias of rnn layer 1: unit " + id.neuron();
            };
        }
        return (id.isBias() ? "bias of dense layer " + id.layer() + ": neuron " + id.neuron()
                : "weight of dense layer " + id.layer() + ": neuron " + id.neuron() + ", input " + id.input());
    }

    private static String paren(String number) {
        return number.startsWith("−") || number.startsWith("-") ? "(" + number + ")" : number;
    }

    private static String n8(double v) {
        return Fmt.num(v, 8);
    }

    public static String text(Explanation x) {
        RnnNetSpec spec = x.spec();
        int n = spec.data().size();
        int units = spec.rnn().units();
        String g = spec.rnn().activation().yamlName();
        StringBuilder sb = new StringBuilder();
        sb.append("Recurrent network ").append(network(spec)).append("; loss ").append(spec.loss().yamlName())
                .append(", ").append(spec.reduction().yamlName()).append(" over ").append(n)
                .append(n == 1 ? " sample" : " samples").append('\n');
        sb.append("  z[1,t,i] = Σ_j w[1,i,j]·x[t,j] + Σ_j u[1,i,j]·h[1,t−1,j] + b[1,i],   h[1,t,i] = ").append(g)
                .append("(z[1,t,i]),   h[1,0,·] = 0;   the dense layers read h_T = h[1,T,·]\n");
        sb.append("L = ").append(n8(x.loss()));
        if (x.penalty() != 0) {
            sb.append("   (including the regularization penalty ").append(n8(x.penalty())).append(')');
        }
        sb.append('\n');
        for (int s = 1; s <= n; s++) {
            int sample = s;
            List<State> states = x.states().stream().filter(st -> st.sample() == sample).toList();
            int steps = spec.data().get(s - 1).steps();
            sb.append("\nSample ").append(s).append(", T = ").append(steps).append(": forward pass\n");
            for (int t = 1; t <= steps; t++) {
                int step = t;
                StringJoiner xs = new StringJoiner(", ", "(", ")");
                for (int j = 0; j < spec.inputs().size(); j++) {
                    xs.add(Fmt.num(spec.data().get(s - 1).xAt(t - 1, j)));
                }
                StringJoiner zs = new StringJoiner(", ", "(", ")");
                StringJoiner hs = new StringJoiner(", ", "(", ")");
                states.stream().filter(st -> st.step() == step).forEach(st -> {
                    zs.add(n8(st.z()));
                    hs.add(n8(st.h()));
                });
                sb.append("  t = ").append(t).append("   x_").append(t).append(" = ").append(xs).append("   z_")
                        .append(t).append(" = ").append(zs).append("   h_").append(t).append(" = ").append(hs)
                        .append('\n');
            }
            sb.append("Sample ").append(s).append(": backpropagation through time, δ[1,t,i] = ∂L/∂z[1,t,i]\n");
            List<Delta> ds = x.deltas().stream().filter(d -> d.sample() == sample).toList();
            for (int t = steps; t >= 1; t--) {
                int step = t;
                if (t == steps) {
                    sb.append("  t = ").append(t).append(" (T):  δ_").append(t).append(" = (∂L/∂h_").append(t)
                            .append(")·").append(g).append("′(z_").append(t).append("),   ∂L/∂h_").append(t)
                            .append(" from the dense layer above\n");
                } else {
                    sb.append("  t = ").append(t).append(":  δ_").append(t).append(" = (Uᵀ δ_").append(t + 1)
                            .append(")·").append(g).append("′(z_").append(t).append("),   (Uᵀ δ_").append(t + 1)
                            .append(")_i = Σ_k u[1,k,i]·δ[1,").append(t + 1).append(",k]\n");
                }
                for (Delta d : ds.stream().filter(d -> d.step() == step).toList()) {
                    sb.append("    i = ").append(d.unit()).append(":  ");
                    if (t == steps) {
                        sb.append("∂L/∂h[1,").append(t).append(',').append(d.unit()).append("] = ")
                                .append(n8(d.upstream()));
                    } else {
                        StringJoiner sum = new StringJoiner(" + ");
                        for (int k = 1; k <= units; k++) {
                            int kk = k;
                            double next = ds.stream().filter(e -> e.step() == step + 1 && e.unit() == kk)
                                    .findFirst().orElseThrow().delta();
                            sum.add(paren(Fmt.num(spec.rnn().uAt(k - 1, d.unit() - 1))) + "·" + paren(n8(next)));
                        }
                        sb.append("(Uᵀ δ_").append(t + 1).append(")_").append(d.unit()).append(" = ").append(sum)
                                .append(" = ").append(n8(d.upstream()));
                    }
                    sb.append(";   δ[1,").append(t).append(',').append(d.unit()).append("] = ")
                            .append(paren(n8(d.upstream()))).append(" · ").append(paren(n8(d.gPrime()))).append(" = ")
                            .append(n8(d.delta())).append('\n');
                }
            }
        }
        for (Parameter p : x.parameters()) {
            sb.append('\n').append("∂L/∂").append(p.id()).append("   ").append(what(p.id())).append("; value ")
                    .append(Fmt.num(p.value())).append('\n');
            if (p.id().layer() == 1) {
                terms(sb, p);
            }
            if (p.penalty() != 0) {
                sb.append("        regularization λw + μ·sign(w) = ").append(n8(p.penalty())).append('\n');
            }
            sb.append("        gradient").append(n == 1 ? "" : " (" + spec.reduction().yamlName() + " over " + n
                    + " samples" + (p.penalty() != 0 ? ", plus the regularization" : "") + ")")
                    .append(n == 1 && p.penalty() != 0 ? " (plus the regularization)" : "")
                    .append(" = ").append(n8(p.gradient())).append('\n');
            sb.append(CheckJson.textLine(p.check())).append('\n');
        }
        return sb.toString();
    }

    /** The factor an rnn parameter's δ multiplies at step t, as written, e.g. h[1,t−1,2]. */
    private static String factorName(ParamId id, int t) {
        return switch (id.kind()) {
            case RECURRENT -> "h[1," + (t - 1) + "," + id.input() + "]";
            case WEIGHT -> "x[" + t + "," + id.input() + "]";
            default -> "";
        };
    }

    private static void terms(StringBuilder sb, Parameter p) {
        ParamId id = p.id();
        int i = id.neuron();
        String formula = switch (id.kind()) {
            case RECURRENT -> "Σ_t δ[1,t," + i + "] · h[1,t−1," + id.input() + "]   (h[1,0,·] = 0: step 1 adds 0)";
            case WEIGHT -> "Σ_t δ[1,t," + i + "] · x[t," + id.input() + "]";
            default -> "Σ_t δ[1,t," + i + "]";
        };
        sb.append("        shared over time: ∂L/∂").append(id).append(" = ").append(formula).append('\n');
        int sample = 0;
        for (Term t : p.terms()) {
            if (t.sample() != sample) {
                if (sample != 0) {
                    sb.append("          sum ").append(n8(p.sampleSum(sample))).append('\n');
                }
                sample = t.sample();
                sb.append("        sample ").append(sample).append(":\n");
            }
            sb.append("          t = ").append(t.step()).append("  δ[1,").append(t.step()).append(',').append(i)
                    .append(']');
            if (id.isBias()) {
                sb.append(" = ").append(n8(t.delta())).append('\n');
            } else {
                sb.append(" · ").append(factorName(id, t.step())).append(" = ").append(n8(t.delta())).append(" · ")
                        .append(paren(Fmt.num(t.factor(), 8))).append(" = ").append(n8(t.product())).append('\n');
            }
        }
        if (sample != 0) {
            sb.append("          sum ").append(n8(p.sampleSum(sample))).append('\n');
        }
    }

    public static String json(Explanation x) {
        RnnNetSpec spec = x.spec();
        ObjectNode root = JSON.createObjectNode();
        root.put("network", network(spec));
        root.put("loss", x.loss());
        if (x.penalty() != 0) {
            root.put("regularization_penalty", x.penalty());
        }
        ArrayNode params = root.putArray("parameters");
        for (Parameter p : x.parameters()) {
            ParamId id = p.id();
            ObjectNode o = params.addObject();
            o.put("kind", id.kind().spelling());
            o.put("layer", id.layer());
            o.put("neuron", id.neuron());
            if (id.isBias()) {
                o.putNull("input");
            } else {
                o.put("input", id.input());
            }
            o.put("value", p.value());
            o.put("gradient", p.gradient());
            if (p.penalty() != 0) {
                o.put("data_gradient", p.dataGradient());
                o.put("regularization_gradient", p.penalty());
            }
            CheckJson.put(o, p.check());
            o.put("id", id.toString());
            if (id.layer() == 1) {
                ArrayNode steps = o.putArray("time_steps");
                for (Term t : p.terms()) {
                    ObjectNode s = steps.addObject();
                    s.put("sample", t.sample());
                    s.put("t", t.step());
                    s.put("delta", t.delta());
                    if (!id.isBias()) {
                        s.put("factor", factorName(id, t.step()));
                        s.put("factor_value", t.factor());
                    }
                    s.put("term", t.product());
                }
            }
        }
        ArrayNode forward = root.putArray("forward");
        for (State s : x.states()) {
            ObjectNode o = forward.addObject();
            o.put("sample", s.sample());
            o.put("t", s.step());
            o.put("unit", s.unit());
            o.put("z", s.z());
            o.put("h", s.h());
        }
        ArrayNode bptt = root.putArray("bptt");
        for (Delta d : x.deltas()) {
            ObjectNode o = bptt.addObject();
            o.put("sample", d.sample());
            o.put("t", d.step());
            o.put("unit", d.unit());
            o.put("dL_dh", d.upstream());
            o.put("g_prime", d.gPrime());
            o.put("delta", d.delta());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
