package dev.chainrule.render;

import dev.chainrule.homework.ClaimResult;
import java.util.List;

/** {@code check} as text: per claim the verdict, what is wrong, and the correct result with its derivation. */
public final class CheckTextRenderer {
    private CheckTextRenderer() {
    }

    /** "1 of 3 correct, 2 incorrect" */
    static String tally(List<ClaimResult> results) {
        long bad = results.stream().filter(r -> r.verdict().equals(ClaimResult.INCORRECT)).count();
        long undecided = results.stream().filter(r -> r.verdict().equals(ClaimResult.UNDECIDED)).count();
        StringBuilder sb = new StringBuilder();
        sb.append(results.size() - bad - undecided).append(" of ").append(results.size()).append(" correct");
        if (bad > 0) {
            sb.append(", ").append(bad).append(" incorrect");
        }
        if (undecided > 0) {
            sb.append(", ").append(undecided).append(" undecided");
        }
        return sb.toString();
    }

    public static String render(String title, List<ClaimResult> results) {
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            sb.append(title).append("\n\n");
        }
        for (ClaimResult r : results) {
            String mark = switch (r.verdict()) {
                case ClaimResult.CORRECT -> "✓ correct";
                case ClaimResult.INCORRECT -> "✗ incorrect";
                default -> "? undecided";
            };
            if (r.param().matches("[wb]\\[[0-9,]+]")) {
                sb.append("claim   ∂L/∂").append(r.param()).append(" = ").append(r.claim()).append('\n');
            } else if (r.isSteps()) {
                sb.append("steps   ").append(r.isStepLine() ? r.param() + ": " : "").append(r.claim()).append('\n');
            } else {
                sb.append("claim   ∂/∂").append(r.param()).append(" = ").append(r.claim()).append('\n');
            }
            sb.append("verdict ").append(mark);
            if (r.diagnosis() != null) {
                sb.append(" (").append(r.diagnosis().kind()).append(')');
            }
            sb.append('\n');
            if (r.diagnosis() != null) {
                sb.append("        ").append(r.diagnosis().message()).append('\n');
            }
            if (!Double.isNaN(r.claimValue())) {
                boolean step = r.isStepLine();
                sb.append("        at ").append(r.where()).append(step ? ": this line " : ": your result ").append(Fmt.num(r.claimValue()))
                        .append(step ? ", the line before " : ", the gradient ").append(Fmt.num(r.trueValue())).append('\n');
            }
            sb.append("        ").append(r.note()).append('\n');
            if (r.symbolic().asked()) {
                sb.append("        ").append(r.symbolic().describe()).append(r.judgesAgree() ? " — both judges agree" : "")
                        .append('\n');
            }
            if (!r.expectedText().isEmpty()) {
                sb.append("correct result\n");
                for (String line : r.expectedText()) {
                    sb.append("        ").append(line).append('\n');
                }
                sb.append("        input syntax: ").append(r.expected()).append('\n');
            }
            if (!r.verdict().equals(ClaimResult.CORRECT)) {
                if (!r.derivation().isEmpty()) {
                    sb.append("derivation\n");
                    for (String line : r.derivation()) {
                        sb.append("        ").append(line.replace("\n", "\n        ")).append('\n');
                    }
                }
            }
            sb.append('\n');
        }
        sb.append(tally(results)).append('\n');
        return sb.toString();
    }
}
