package dev.chainrule.render.check;

import dev.chainrule.expr.Fmt;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.homework.GradientsJudge;
import dev.chainrule.homework.GradientsJudge.Entry;
import dev.chainrule.homework.GradientsJudge.Report;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code check --gradients} as text (a verdict line with the diagnosis, then the worst parameters ranked), Markdown
 * (the same as a table) and JSON ({@code parameters[]} in canonical order, {@code summary}, {@code diagnosis}).
 */
public final class GradientsRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Rows of the ranked table. */
    static final int WORST_ROWS = 10;

    private GradientsRenderer() {
    }

    /** "✗ 4 of 9 wrong — transposed_weights: layer 1's …", the one line that says it all. */
    public static String verdictLine(Report r) {
        if (r.incorrect() == 0) {
            return "✓ all " + r.entries().size() + " correct (largest relative error " + rel(r.maxRelativeError()) + ")";
        }
        String head = "✗ " + r.incorrect() + " of " + r.entries().size() + " wrong";
        if (r.diagnosis() != null) {
            return head + " — " + r.diagnosis().kind() + ": " + r.diagnosis().message();
        }
        return head + "; no single cause found (wrong values in layer" + (r.wrongLayers().size() == 1 ? " " : "s ")
                + r.wrongLayers().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    /** The rows shown: every wrong value up to {@link #WORST_ROWS}, worst first; when all are right, the worst 3. */
    static List<Entry> shown(Report r) {
        List<Entry> ranked = r.ranked();
        int k = r.incorrect() == 0 ? Math.min(3, ranked.size()) : (int) Math.min(WORST_ROWS, r.incorrect());
        return ranked.subList(0, k);
    }

    public static String text(String title, Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append("\n\n");
        sb.append("verdict ").append(verdictLine(r)).append('\n');
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("rank", "parameter", "claimed", "gradient", "relative error", "verdict"));
        int rank = 1;
        for (Entry e : shown(r)) {
            rows.add(List.of(String.valueOf(rank++), e.id().toString(), Fmt.num(e.claimed(), 8), Fmt.num(e.gradient(), 8),
                    rel(e.relativeError()), e.correct() ? "✓" : "✗"));
        }
        sb.append(r.incorrect() == 0 ? "largest relative errors\n" : "worst parameters\n");
        Fmt.table(rows, "  ").forEach(line -> sb.append(line).append('\n'));
        long more = r.incorrect() - (r.incorrect() == 0 ? 0 : shown(r).size());
        if (more > 0) {
            sb.append("  … ").append(more).append(" more wrong (--format json lists every parameter)\n");
        }
        sb.append(tolerance()).append('\n');
        sb.append("layers\n");
        Fmt.table(layerRows(r), "  ").forEach(line -> sb.append(line).append('\n'));
        return sb.toString();
    }

    /** Per layer: the norms of the true and claimed gradient, dead ReLU units, saturated σ/tanh pairs, η‖∇‖/‖θ‖. */
    static List<List<String>> layerRows(Report r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("layer", "activation", "units", "‖gradient‖", "‖claimed‖", "dead ReLU units", "saturated",
                "update/weight"));
        for (GradientsJudge.LayerStats l : r.layers()) {
            rows.add(List.of(String.valueOf(l.layer()), l.activation(), String.valueOf(l.units()),
                    Fmt.num(l.gradientNorm(), 6), Fmt.num(l.claimedNorm(), 6),
                    l.hasDead() ? l.deadUnits() + " of " + l.units() : "—",
                    l.hasSaturation() ? percent(l.saturatedFraction()) : "—",
                    Double.isNaN(l.updateRatio()) ? "—" : Fmt.num(l.updateRatio(), 2)));
        }
        return rows;
    }

    private static String percent(double f) {
        return Fmt.num(100 * f, 3) + " %";
    }

    public static String markdown(String title, Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        sb.append("**Verdict:** ").append(verdictLine(r)).append("\n\n");
        sb.append("| rank | parameter | claimed | gradient | relative error | verdict |\n");
        sb.append("|---:|---|---:|---:|---:|:---:|\n");
        int rank = 1;
        for (Entry e : shown(r)) {
            sb.append("| ").append(rank++).append(" | `").append(e.id()).append("` | ").append(Fmt.num(e.claimed(), 8))
                    .append(" | ").append(Fmt.num(e.gradient(), 8)).append(" | ").append(rel(e.relativeError()))
                    .append(" | ").append(e.correct() ? "✓" : "✗").append(" |\n");
        }
        sb.append('\n').append(tolerance()).append("\n\n");
        List<List<String>> rows = layerRows(r);
        for (int i = 0; i < rows.size(); i++) {
            sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                sb.append("|---:|---|---:|---:|---:|---:|---:|\n");
            }
        }
        return sb.toString();
    }

    public static String json(Report r, String spec, String file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("network", spec);
        root.put("gradients_file", file);
        root.put("loss", r.loss());
        root.put("reduction", r.reduction());
        root.put("samples", r.samples());
        Map<String, Integer> ranks = new HashMap<>();
        List<Entry> ranked = r.ranked();
        for (int i = 0; i < ranked.size(); i++) {
            ranks.put(ranked.get(i).id().toString(), i + 1);
        }
        ArrayNode params = root.putArray("parameters");
        for (Entry e : r.entries()) {
            ObjectNode o = params.addObject();
            o.put("id", e.id().toString());
            o.put("kind", e.id().isWeight() ? "weight" : "bias");
            o.put("layer", e.id().layer());
            o.put("claimed", e.claimed());
            o.put("gradient", e.gradient());
            o.put("relative_error", e.relativeError());
            o.put("verdict", e.correct() ? "correct" : "incorrect");
            o.put("rank", ranks.get(e.id().toString()));
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("parameters", r.entries().size());
        summary.put("correct", r.correct());
        summary.put("incorrect", r.incorrect());
        summary.put("max_relative_error", r.maxRelativeError());
        ArrayNode layers = summary.putArray("wrong_layers");
        r.wrongLayers().forEach(layers::add);
        ObjectNode tol = summary.putObject("tolerance");
        tol.put("relative", GradientsJudge.RELATIVE_TOLERANCE);
        tol.put("absolute", GradientsJudge.ABSOLUTE_FLOOR);
        ArrayNode layerArray = root.putArray("layers");
        for (GradientsJudge.LayerStats l : r.layers()) {
            ObjectNode o = layerArray.addObject();
            o.put("layer", l.layer());
            o.put("activation", l.activation());
            o.put("units", l.units());
            o.put("gradient_norm", l.gradientNorm());
            o.put("claimed_norm", l.claimedNorm());
            if (l.hasDead()) {
                o.put("dead_units", l.deadUnits());
                o.put("dead_fraction", l.deadUnits() / (double) l.units());
            } else {
                o.putNull("dead_units");
                o.putNull("dead_fraction");
            }
            if (l.hasSaturation()) {
                o.put("saturated_fraction", l.saturatedFraction());
            } else {
                o.putNull("saturated_fraction");
            }
            if (Double.isNaN(l.updateRatio())) {
                o.putNull("update_ratio");
            } else {
                o.put("update_ratio", l.updateRatio());
            }
        }
        if (r.diagnosis() == null) {
            root.putNull("diagnosis");
        } else {
            ObjectNode d = root.putObject("diagnosis");
            d.put("kind", r.diagnosis().kind());
            d.put("message", r.diagnosis().message());
            if (r.diagnosis().layer() > 0) {
                d.put("layer", r.diagnosis().layer());
            } else {
                d.putNull("layer");
            }
        }
        root.put("verdict_line", verdictLine(r));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tolerance() {
        return "correct when |claimed − gradient| ≤ " + rel(GradientsJudge.RELATIVE_TOLERANCE)
                + "·max(|claimed|, |gradient|), or ≤ " + rel(GradientsJudge.ABSOLUTE_FLOOR) + " (gradients near 0)";
    }

    /** A relative error with two significant digits: 3.1e-12, 0 for 0. */
    static String rel(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.1e", v);
        return s.replace("e-0", "e-").replace("e+0", "e").replace(".0e", "e");
    }
}
