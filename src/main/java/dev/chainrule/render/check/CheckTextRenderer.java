package dev.chainrule.render.check;

import dev.chainrule.homework.ClaimVerdict;
import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.homework.ClaimResult;
import dev.chainrule.homework.StepsTrace;
import java.util.List;

/** {@code check} as text: per claim the verdict, what is wrong, and the correct result with its derivation. */
public final class CheckTextRenderer {
    private CheckTextRenderer() {
    }

    /** "1 of 3 correct, 2 incorrect" */
    static String tally(List<ClaimResult> results) {
        long bad = results.stream().filter(r -> r.verdict() == ClaimVerdict.INCORRECT).count();
        long undecided = results.stream().filter(r -> r.verdict() == ClaimVerdict.UNDECIDED).count();
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
                case CORRECT -> "✓ correct";
                case INCORRECT -> "✗ incorrect";
                case UNDECIDED -> "? undecided";
            };
            if (r.steps() != null) {
                networkSteps(sb, r, mark);
                continue;
            }
            if (r.param().matches("[wbuk]\\[[0-9,]+]")) {
                sb.append("claim   ∂L/∂").append(r.param()).append(" = ").append(r.claim()).append('\n');
            } else if (r.isSteps()) {
                sb.append("steps   ").append(r.isStepLine() ? r.param() + ": " : "").append(r.claim()).append('\n');
            } else {
                sb.append("claim   ∂/∂").append(r.param()).append(" = ").append(r.claim()).append('\n');
            }
            sb.append("verdict ").append(mark);
            if (r.diagnosis() != null) {
                sb.append(" (").append(r.diagnosis().kind().spelling()).append(')');
            }
            sb.append('\n');
            diagnosis(sb, r);
            if (!Double.isNaN(r.claimValue())) {
                boolean step = r.isStepLine();
                sb.append("        at ").append(r.where()).append(step ? ": this line " : ": your result ").append(Fmt.num(r.claimValue()));
                if (!Double.isNaN(r.trueValue())) {
                    sb.append(step ? ", the line before " : ", the gradient ").append(Fmt.num(r.trueValue()));
                }
                sb.append('\n');
            }
            sb.append("        ").append(r.note()).append('\n');
            if (r.symbolic().asked()) {
                sb.append("        ").append(r.symbolic().describe()).append(r.judgesAgree() ? " — both judges agree" : "")
                        .append('\n');
            }
            solution(sb, r);
        }
        sb.append(tally(results)).append('\n');
        return sb.toString();
    }

    /**
     * Worked steps on a network: the goal and every line with its mark (✓ equals the gradient, ✗ does not, ? the
     * numbers cannot tell), the first wrong line and how later lines relate to it, then the verdict, the correct
     * result and, unless correct, its derivation.
     */
    private static void networkSteps(StringBuilder sb, ClaimResult r, String mark) {
        StepsTrace t = r.steps();
        sb.append("goal    ").append(TextPrinter.str(t.goalExpr())).append("   (line ").append(t.goalLine()).append(")\n");
        int width = 0;
        for (StepsTrace.Line l : t.lines()) {
            width = Math.max(width, Math.min(60, Fmt.width(l.text())));
        }
        StepsTrace.Line previous = null;
        for (StepsTrace.Line l : t.lines()) {
            String no = "line " + l.number();
            sb.append(no).append(" ".repeat(Math.max(1, 8 - no.length())));
            sb.append(switch (l.verdict()) {
                case CORRECT -> "✓";
                case INCORRECT -> "✗";
                case UNDECIDED -> "?";
            }).append(" = ").append(l.text());
            String remark = remark(t, l, previous);
            if (!remark.isEmpty()) {
                sb.append(" ".repeat(Math.max(3, width - Fmt.width(l.text()) + 3))).append(remark);
            }
            sb.append('\n');
            previous = l;
        }
        sb.append("verdict ").append(mark);
        if (r.diagnosis() != null) {
            sb.append(" (").append(r.diagnosis().kind().spelling()).append(')');
        }
        if (t.firstWrong() > 0) {
            sb.append(", first wrong line: ").append(t.firstWrong());
        }
        sb.append('\n');
        diagnosis(sb, r);
        StepsTrace.Line wrong = t.firstWrong() > 0 ? t.line(t.firstWrong()) : null;
        if (wrong != null && !wrong.factors().isEmpty()) {
            sb.append("        line ").append(wrong.number()).append("'s factors on the network: ")
                    .append(String.join("; ", wrong.factors())).append('\n');
        }
        if (!Double.isNaN(r.claimValue())) {
            String what = r.isStepLine() ? r.param() : "the final line";
            sb.append("        at ").append(r.where()).append(": ").append(what).append(' ').append(Fmt.num(r.claimValue()))
                    .append(", the gradient ").append(Fmt.num(r.trueValue())).append('\n');
        }
        sb.append("        ").append(r.note()).append('\n');
        if (r.symbolic().asked()) {
            sb.append("        ").append(r.symbolic().describe()).append(r.judgesAgree() ? " — both judges agree" : "").append('\n');
        }
        solution(sb, r);
    }

    /** What is wrong and, when one is given (--hint), the rule that decides it. */
    private static void diagnosis(StringBuilder sb, ClaimResult r) {
        if (r.diagnosis() != null) {
            sb.append("        ").append(r.diagnosis().message()).append('\n');
            if (r.diagnosis().hint() != null) {
                sb.append("        hint: ").append(r.diagnosis().hint()).append('\n');
            }
        }
    }

    /** The correct result and, for a claim not correct, the derivation; then a blank line. */
    private static void solution(StringBuilder sb, ClaimResult r) {
        List<String> result = SolutionText.result(r);
        if (!result.isEmpty()) {
            sb.append("correct result\n");
            for (String line : result) {
                sb.append("        ").append(line).append('\n');
            }
            sb.append("        input syntax: ").append(r.expected()).append('\n');
        }
        if (r.verdict() != ClaimVerdict.CORRECT && !r.derivation().isEmpty()) {
            sb.append("derivation\n");
            for (String line : SolutionText.lines(r.derivation(), "        ")) {
                sb.append(line).append('\n');
            }
        }
        sb.append('\n');
    }

    /** What to say after a line: where the derivation goes wrong, and what the lines after that do. */
    static String remark(StepsTrace t, StepsTrace.Line l, StepsTrace.Line previous) {
        if (l.number() == t.firstWrong()) {
            return "← first wrong line" + (previous == null ? " (not the goal's gradient)" : " (does not follow from line " + previous.number() + ")");
        }
        if (t.firstWrong() == 0 || l.number() < t.firstWrong()) {
            return l.verdict() == ClaimVerdict.UNDECIDED ? "the numbers cannot tell" : "";
        }
        if (l.isCorrect()) {
            return previous != null && !previous.isCorrect() ? "right again: does not follow from line " + previous.number() : "";
        }
        return previous == null ? "" : l.follows() ? "follows from line " + previous.number() + ", still wrong"
                : "does not follow from line " + previous.number();
    }
}
