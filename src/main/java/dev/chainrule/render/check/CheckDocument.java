package dev.chainrule.render.check;

import static dev.chainrule.render.doc.MathDoc.math;
import static dev.chainrule.render.doc.MathDoc.prose;
import static dev.chainrule.render.doc.MathDoc.text;

import dev.chainrule.derive.Step;
import dev.chainrule.homework.ClaimVerdict;

import dev.chainrule.render.doc.DisplayBlock;
import dev.chainrule.render.doc.DocLayout;
import dev.chainrule.render.doc.LatexMath;
import dev.chainrule.render.doc.LatexText;
import dev.chainrule.render.doc.MathDoc;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Notation;
import dev.chainrule.homework.ClaimResult;
import dev.chainrule.homework.StepsTrace;
import dev.chainrule.homework.Worked;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check} as a document (LaTeX, Markdown, HTML): per claim the student's answer as typeset math, the
 * verdict and what is wrong, where the numbers differ, what the second judge (Symja) said, the correct result,
 * and, unless the claim is correct, its rule-named derivation. Everything comes from the {@link ClaimResult}s.
 */
public final class CheckDocument {
    private final MathDoc doc;
    /** Raw HTML per parameter (the computational graph with its path in violet); only the HTML writer shows it. */
    private final java.util.Map<String, String> figures;

    private CheckDocument(MathDoc doc, java.util.Map<String, String> figures) {
        this.doc = doc;
        this.figures = figures;
    }

    public static String write(MathDoc doc, String title, List<ClaimResult> results) {
        return write(doc, title, results, java.util.Map.of());
    }

    /** The same with a figure (HTML) per parameter, placed under its heading. */
    public static String write(MathDoc doc, String title, List<ClaimResult> results, java.util.Map<String, String> figures) {
        CheckDocument d = new CheckDocument(doc, figures);
        doc.title("Homework check", List.of(text((title == null || title.isEmpty() ? "" : title + ": ") + CheckTextRenderer.tally(results))));
        for (ClaimResult r : results) {
            d.claim(r);
        }
        return doc.finish();
    }

    /**
     * Worked steps on a network: the goal and every line as one display, each line labelled with its mark (✓ equals
     * the gradient) and, from the first wrong line on, how it relates to the line before; then the verdict as for a
     * claim, the correct result and, unless correct, its derivation.
     */
    private void steps(ClaimResult r) {
        StepsTrace t = r.steps();
        Worked w = r.worked();
        doc.section(t.firstWrong() > 0 ? "Worked steps, first wrong line: " + t.firstWrong() : "Worked steps");
        if (figures.containsKey("steps")) {
            doc.raw("html", figures.get("steps"));
        }
        doc.paragraph(text("The goal (line " + t.goalLine() + ") and each line, compared with the true gradient:"));
        List<String> labels = new ArrayList<>();
        StepsTrace.Line previous = null;
        for (StepsTrace.Line l : t.lines()) {
            String mark = switch (l.verdict()) {
                case CORRECT -> "✓";
                case INCORRECT -> "✗";
                case UNDECIDED -> "?";
            };
            String remark = label(t, l, previous);
            labels.add("line " + l.number() + " " + mark + (remark.isEmpty() ? "" : " " + remark));
            previous = l;
        }
        DisplayBlock lines = new DisplayBlock();
        for (int i = 0; i < t.lines().size(); i++) {
            lines.line(i == 0 ? LatexMath.str(t.goalExpr()) : "", t.lines().get(i).expr(), labels.get(i));
        }
        doc.display(lines);
        String verdict = switch (r.verdict()) {
            case CORRECT -> "✓ correct";
            case INCORRECT -> "✗ incorrect" + (r.diagnosis() != null ? ": " + r.diagnosis().kind().spelling().replace('_', ' ') : "")
                    + ", first wrong line: " + t.firstWrong();
            case UNDECIDED -> "? undecided";
        };
        doc.paragraph(text("Verdict: " + verdict + "."));
        if (r.diagnosis() != null) {
            doc.paragraph(prose(r.diagnosis().prose().capitalised().plus(".")));
        }
        StepsTrace.Line wrong = t.firstWrong() > 0 ? t.line(t.firstWrong()) : null;
        if (wrong != null && !wrong.factors().isEmpty()) {
            List<MathDoc.Inline> parts = new ArrayList<>(List.of(text("Line " + wrong.number() + "'s factors on the network: ")));
            for (int i = 0; i < wrong.factors().size(); i++) {
                parts.add(math(LatexText.math(wrong.factors().get(i))));
                parts.add(text(i == wrong.factors().size() - 1 ? "." : "; "));
            }
            doc.paragraph(parts);
        }
        if (!Double.isNaN(r.claimValue())) {
            doc.paragraph(withMath(MathDoc.sentence("At " + r.where() + ": " + (r.isStepLine() ? r.param() : "the final line") + " "),
                    math(DocLayout.num(r.claimValue())), text(", the gradient "), math(DocLayout.num(r.trueValue())), text(".")));
        }
        doc.paragraph(MathDoc.sentence(capitalised(r.note()) + "."));
        symbolic(r, "line " + t.firstWrong(), "the gradient");
        if (w != null && !w.expected().isEmpty()) {
            doc.paragraph(text("Correct result:"));
            DisplayBlock expected = new DisplayBlock();
            for (int i = 0; i < w.expected().size(); i++) {
                Worked.Form f = w.expected().get(i);
                expected.line(i == 0 ? LatexMath.str(t.goalExpr()) : "", f.expr(), f.label());
            }
            doc.display(expected);
        }
        if (r.verdict() != ClaimVerdict.CORRECT && !r.derivation().isEmpty()) {
            derivation(r.derivation());
        }
    }

    /** A short remark for a line's label: the first wrong line, and what the lines after it do. */
    private static String label(StepsTrace t, StepsTrace.Line l, StepsTrace.Line previous) {
        if (l.number() == t.firstWrong()) {
            return "first wrong line";
        }
        if (t.firstWrong() == 0 || l.number() < t.firstWrong() || previous == null) {
            return "";
        }
        if (l.isCorrect()) {
            return previous.isCorrect() ? "" : "right again";
        }
        return l.follows() ? "follows, still wrong" : "does not follow";
    }

    private void claim(ClaimResult r) {
        if (r.steps() != null) {
            steps(r);
            return;
        }
        Worked w = r.worked();
        boolean step = r.isSteps();
        if (w != null && !step && w.lhs() instanceof Expr.Derivative d && d.body() instanceof Expr.Var of) {
            doc.subsection("\\partial " + Notation.latex(of.name()) + "/\\partial " + Notation.latex(d.wrt().name()), r.param());
            if (figures.containsKey(r.param())) {
                doc.raw("html", figures.get(r.param()));
            }
        } else {
            // a network parameter's claim without a worked form (a number on a conv or rnn network) is still ∂L/∂…
            String of = r.param().matches("[wbuk]\\[[0-9,]+]") ? "∂L/∂" : "∂/∂";
            doc.section(step ? (r.isStepLine() ? "Worked steps, " + r.param() : "Worked steps") : of + r.param());
        }
        String verdict = switch (r.verdict()) {
            case CORRECT -> "✓ correct";
            case INCORRECT -> "✗ incorrect" + (r.diagnosis() != null ? ": " + r.diagnosis().kind().spelling().replace('_', ' ') : "");
            case UNDECIDED -> "? undecided";
        };
        if (w != null && r.isStepLine()) {
            // the line and the one before, each as written: "before = this" would typeset a false equation
            doc.paragraph(text("The line before, and this line:"));
            doc.display(new DisplayBlock().expression(w.lhs(), "the line before")
                    .expression(w.claim(), r.param() + (r.verdict() == ClaimVerdict.INCORRECT ? " ✗ does not follow" : "")));
        } else if (w != null) {
            doc.paragraph(text("Your answer:"));
            doc.display(new DisplayBlock().line(LatexMath.str(w.lhs()), w.claim(), ""));
        } else {
            doc.paragraph(text("Your answer: " + r.claim()));
        }
        doc.paragraph(text("Verdict: " + verdict + "."));
        if (r.diagnosis() != null) {
            doc.paragraph(prose(r.diagnosis().prose().capitalised().plus(".")));
        }
        if (!Double.isNaN(r.claimValue())) {
            doc.paragraph(withMath(MathDoc.sentence("At " + r.where() + ": " + (step ? "this line " : "your result ")),
                    math(DocLayout.num(r.claimValue())), text(step ? ", the line before " : ", the gradient "),
                    math(DocLayout.num(r.trueValue())), text(".")));
        }
        doc.paragraph(MathDoc.sentence(capitalised(r.note()) + "."));
        if (step) {
            symbolic(r, "this line", "the line before");
        } else {
            symbolic(r, "your result", "the gradient");
        }
        if (w != null && !w.expected().isEmpty()) {
            expected(r, w);
        }
        if (r.verdict() != ClaimVerdict.CORRECT && !r.derivation().isEmpty()) {
            derivation(r.derivation());
        }
    }

    /**
     * The second judge in words a student reads (its method, timing and trial point stay in the text report and
     * JSON), and whether the numbers agree.
     */
    private void symbolic(ClaimResult r, String a, String b) {
        String after = r.symbolic().outcome() == dev.chainrule.homework.SymbolicCheck.Outcome.UNDECIDED
                ? "; the verdict is that of the numbers." : r.judgesAgree() ? ", as the numbers do."
                : "; the numbers disagree, so the verdict is undecided.";
        r.symbolic().sentence(a, b).ifPresent(s -> doc.paragraph(text(s + after)));
    }

    private void expected(ClaimResult r, Worked w) {
        String per = w.reduction().map(red -> " (per sample; the batch gradient is the " + red.yamlName()
                + " of this over the samples)").orElse("");
        doc.paragraph(text("Correct result" + per + ":"));
        DisplayBlock rows = new DisplayBlock();
        // for worked steps the result is that of the goal, which heads the derivation
        boolean step = r.isSteps();
        String lhs = LatexMath.str(step && !r.derivation().isEmpty() ? r.derivation().get(0).lhs() : w.lhs());
        for (int i = 0; i < w.expected().size(); i++) {
            Worked.Form f = w.expected().get(i);
            rows.line(i == 0 ? lhs : "", f.expr(), f.label());
        }
        doc.display(rows);
    }

    private void derivation(List<Step> derivation) {
        doc.paragraph(text("Derivation:"));
        DisplayBlock rows = new DisplayBlock();
        for (Step eq : derivation) {
            rows.step(eq.lhs() == null ? "" : (eq.conclusion() ? "\\Rightarrow " : "") + LatexMath.str(eq.lhs()), eq);
        }
        doc.display(rows);
    }

    /** A paragraph's leading parts followed by more. */
    private static List<MathDoc.Inline> withMath(List<MathDoc.Inline> first, MathDoc.Inline... more) {
        List<MathDoc.Inline> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
