package dev.chainrule.render.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.expr.Fmt;
import dev.chainrule.homework.ClaimResult;
import dev.chainrule.homework.ClaimVerdict;
import java.util.List;

/**
 * {@code check --format gradescope} and {@code --format prairielearn} (README, "Graders"): one test per claim worth
 * one point, full credit only for a correct claim (an undecided one earns none and says so, for a look by hand),
 * and per claim Markdown feedback: the verdict, what is wrong, the hint when asked, the correct result unless
 * withheld. Gradescope's {@code results.json}: {@code score}, {@code output}, {@code output_format},
 * {@code visibility}, {@code tests[]} with {@code name}, {@code score}, {@code max_score}, {@code status},
 * {@code output}, {@code output_format}, {@code visibility}. PrairieLearn's external-grader result:
 * {@code gradable}, {@code score} in [0, 1], {@code message}, {@code output}, {@code tests[]} with {@code name},
 * {@code description}, {@code points}, {@code max_points}, {@code message}, {@code output}.
 */
public final class GraderRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GraderRenderer() {
    }

    public static String gradescope(CheckReport report) {
        List<ClaimResult> results = report.results();
        ObjectNode root = JSON.createObjectNode();
        root.put("score", points(results));
        root.put("output", summary(report));
        root.put("output_format", "md");
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        for (ClaimResult r : results) {
            ObjectNode t = tests.addObject();
            t.put("name", name(r));
            t.put("score", point(r));
            t.put("max_score", 1);
            t.put("status", r.verdict() == ClaimVerdict.CORRECT ? "passed" : "failed");
            t.put("output", feedback(r));
            t.put("output_format", "md");
            t.put("visibility", "visible");
        }
        return write(root);
    }

    public static String prairielearn(CheckReport report) {
        List<ClaimResult> results = report.results();
        ObjectNode root = JSON.createObjectNode();
        root.put("gradable", true);
        root.put("score", results.isEmpty() ? 0 : (double) points(results) / results.size());
        root.put("message", CheckTextRenderer.tally(results));
        root.put("output", summary(report));
        ArrayNode tests = root.putArray("tests");
        for (ClaimResult r : results) {
            ObjectNode t = tests.addObject();
            t.put("name", name(r));
            t.put("description", "∂L/∂" + r.param() + " = " + r.claim());
            t.put("points", point(r));
            t.put("max_points", 1);
            t.put("message", r.verdict().spelling() + (r.diagnosis() == null ? "" : " (" + r.diagnosis().kind().spelling() + ")"));
            t.put("output", feedback(r));
        }
        return write(root);
    }

    private static int point(ClaimResult r) {
        return r.verdict() == ClaimVerdict.CORRECT ? 1 : 0;
    }

    private static int points(List<ClaimResult> results) {
        return results.stream().mapToInt(GraderRenderer::point).sum();
    }

    /** "∂L/∂w[1,1,1]" or "line 3" of worked steps. */
    private static String name(ClaimResult r) {
        return r.isSteps() ? "worked steps" + (r.isStepLine() ? ", " + r.param() : "") : "∂L/∂" + r.param();
    }

    private static String summary(CheckReport report) {
        String title = report.title() == null || report.title().isEmpty() ? "" : md(report.title()) + "\n\n";
        return title + "**" + CheckTextRenderer.tally(report.results()) + "**";
    }

    /** One claim's feedback in Markdown. */
    static String feedback(ClaimResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("**").append(switch (r.verdict()) {
            case CORRECT -> "✓ correct";
            case INCORRECT -> "✗ incorrect";
            case UNDECIDED -> "? undecided (to be looked at by hand)";
        }).append("**");
        if (r.diagnosis() != null) {
            sb.append(" — ").append(md(r.diagnosis().kind().spelling())).append("\n\n")
                    .append(md(r.diagnosis().message()));
            if (r.diagnosis().hint() != null) {
                sb.append("\n\n*Hint:* ").append(md(r.diagnosis().hint()));
            }
        }
        if (r.steps() != null) {
            // worked steps: every line with its mark and what it does, as the text sheet shows them
            dev.chainrule.homework.StepsTrace t = r.steps();
            sb.append("\n\nYour lines (✓ equals the gradient, ✗ does not):\n");
            dev.chainrule.homework.StepsTrace.Line previous = null;
            for (dev.chainrule.homework.StepsTrace.Line l : t.lines()) {
                String remark = CheckTextRenderer.remark(t, l, previous);
                sb.append("\n    line ").append(l.number()).append(switch (l.verdict()) {
                    case CORRECT -> " ✓ ";
                    case INCORRECT -> " ✗ ";
                    case UNDECIDED -> " ? ";
                }).append(l.text()).append(remark.isEmpty() ? "" : "    " + remark);
                previous = l;
            }
        }
        sb.append(r.claim().isBlank() ? "\n\nNo answer." : "\n\nYour answer: `" + r.claim().replace("`", "'") + "`");
        if (!Double.isNaN(r.claimValue()) && !Double.isNaN(r.trueValue())) {
            sb.append(" — at ").append(md(r.where())).append(": your result ").append(Fmt.num(r.claimValue()))
                    .append(", the gradient ").append(Fmt.num(r.trueValue()));
        }
        List<String> result = SolutionText.result(r);
        if (!result.isEmpty()) {
            sb.append("\n\nCorrect result:\n");
            for (String line : result) {
                sb.append("\n    ").append(line);
            }
        }
        if (r.verdict() != ClaimVerdict.CORRECT && !r.derivation().isEmpty()) {
            sb.append("\n\nDerivation:\n");
            for (String line : SolutionText.lines(r.derivation(), "    ")) {
                sb.append('\n').append(line);
            }
        }
        return sb.toString();
    }

    /** Text as Markdown (the documents' escaping). */
    static String md(String text) {
        return dev.chainrule.render.doc.MarkdownDoc.escape(text);
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
