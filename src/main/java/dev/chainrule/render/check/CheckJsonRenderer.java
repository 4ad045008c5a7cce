package dev.chainrule.render.check;

import dev.chainrule.homework.ClaimVerdict;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.homework.ClaimResult;
import dev.chainrule.homework.StepsTrace;
import java.util.List;

/** {@code check --format json}: the contract's keys (claims[].param, claim, verdict, diagnosis, expected) and extras. */
public final class CheckJsonRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckJsonRenderer() {
    }

    public static String render(List<ClaimResult> results) {
        return render(results, null, null);
    }

    /** With what the claims were about: {@code of} sample or batch and the spec's reduction (null: leave out). */
    public static String render(List<ClaimResult> results, String of, String reduction) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode claims = root.putArray("claims");
        for (ClaimResult r : results) {
            ObjectNode o = claims.addObject();
            o.put("param", r.param());
            o.put("claim", r.claim());
            o.put("verdict", r.verdict().spelling());
            if (r.diagnosis() == null) {
                o.putNull("diagnosis");
            } else {
                ObjectNode d = o.putObject("diagnosis");
                d.put("kind", r.diagnosis().kind().spelling());
                d.put("message", r.diagnosis().message());
                if (!Double.isNaN(r.diagnosis().factor())) {
                    d.put("factor", r.diagnosis().factor());
                }
                if (r.diagnosis().matched() != null) {
                    d.put("matches", r.diagnosis().matched());
                }
                if (r.diagnosis().hint() != null) {
                    d.put("hint", r.diagnosis().hint());
                }
            }
            o.put("expected", r.expected());
            o.put("expected_explicit", r.expectedExplicit());
            ArrayNode text = o.putArray("expected_text");
            SolutionText.result(r).forEach(text::add);
            ArrayNode der = o.putArray("derivation");
            SolutionText.lines(r.derivation(), "").forEach(der::add);
            putNumber(o, "claim_value", r.claimValue());
            putNumber(o, "expected_value", r.trueValue());
            o.put("at", r.where());
            o.put("points", r.pointsUsed());
            o.put("points_skipped", r.pointsSkipped());
            o.put("note", r.note());
            if (!r.symbolic().asked()) {
                o.putNull("symbolic");
            } else {
                ObjectNode sym = o.putObject("symbolic");
                sym.put("result", r.symbolic().outcome().key());
                sym.put("method", r.symbolic().method());
                if (r.symbolic().millis() >= 0) {
                    sym.put("ms", r.symbolic().millis());
                }
            }
            o.put("judges_agree", r.judgesAgree());
            if (r.steps() != null) {
                steps(o.putObject("steps"), r.steps());
            }
        }
        ObjectNode summary = root.putObject("summary");
        for (ClaimVerdict v : ClaimVerdict.values()) {
            summary.put(v.spelling(), results.stream().filter(r -> r.verdict() == v).count());
        }
        if (of != null) {
            root.put("of", of);
        }
        if (reduction != null) {
            root.put("reduction", reduction);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Worked steps on a network: the goal, the first wrong line (null when every line is right), whether the final
     * line is right, the true gradient, and per line its verdict against the gradient and whether it follows from
     * the line before.
     */
    private static void steps(ObjectNode o, StepsTrace t) {
        o.put("goal", t.goal());
        o.put("goal_line", t.goalLine());
        if (t.firstWrong() > 0) {
            o.put("first_wrong_line", t.firstWrong());
        } else {
            o.putNull("first_wrong_line");
        }
        o.put("final_line_correct", t.finalCorrect());
        o.put("gradient", t.gradient());
        ArrayNode lines = o.putArray("lines");
        for (StepsTrace.Line l : t.lines()) {
            ObjectNode n = lines.addObject();
            n.put("line", l.number());
            n.put("text", l.text());
            n.put("verdict", l.verdict().spelling());
            n.put("follows_previous", l.follows());
            ArrayNode f = n.putArray("factors");
            l.factors().forEach(f::add);
        }
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
