package dev.chainrule.render.derive;

import dev.chainrule.render.doc.DisplayBlock;
import dev.chainrule.render.doc.DocLayout;
import dev.chainrule.render.doc.LatexMath;
import dev.chainrule.render.doc.MathDoc;
import dev.chainrule.expr.Fmt;
import static dev.chainrule.render.doc.MathDoc.math;
import static dev.chainrule.render.doc.MathDoc.text;

import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Step;
import dev.chainrule.derive.Steps;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Notation;
import dev.chainrule.freeform.Definition;
import dev.chainrule.freeform.DerivativeAnalysis;
import dev.chainrule.freeform.SymjaCheck;
import dev.chainrule.freeform.FreeformAnalysis;
import dev.chainrule.freeform.ForwardValue;
import dev.chainrule.freeform.NumericCheck;
import dev.chainrule.freeform.Point;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.render.doc.MathDoc.Inline;
import dev.chainrule.render.doc.MathDoc.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code derive --format latex|markdown|html} shows, in the order of the text trace: the expression and its
 * definitions, the point and the forward pass, then per variable the path, the chain-rule line, each local
 * derivative by named rules, the steps to the result, its value and the finite-difference check. Prints the
 * freeform records; computes nothing.
 */
public final class DeriveDocument {
    private final MathDoc doc;
    private final FreeformAnalysis a;
    private final Set<String> shown = new HashSet<>();

    private final Steps.Detail detail;

    private DeriveDocument(MathDoc doc, FreeformAnalysis a, Steps.Detail detail) {
        this.doc = doc;
        this.a = a;
        this.detail = detail;
    }

    public static String write(MathDoc doc, FreeformAnalysis a) {
        return write(doc, a, Steps.Detail.FULL);
    }

    public static String write(MathDoc doc, FreeformAnalysis a, Steps.Detail detail) {
        new DeriveDocument(doc, a, detail).all();
        return doc.finish();
    }

    private static String name(String n) {
        return Notation.latex(n);
    }

    private static String partial(Var of, Var wrt) {
        return "\\frac{\\partial " + name(of.name()) + "}{\\partial " + name(wrt.name()) + "}";
    }

    private void all() {
        doc.title("Derivatives, step by step", List.of(text(a.source())));
        DisplayBlock rows = new DisplayBlock();
        for (Definition d : a.definitions()) {
            rows.line(name(d.name()), d.body(), "");
        }
        if (a.definitions().isEmpty() || a.namedByUser() && a.definitions().stream().noneMatch(d -> d.name().equals(a.name()))) {
            rows.line(name(a.name()), a.expression(), a.expanded() ? "definitions written out" : "");
        }
        doc.display(rows);
        a.point().ifPresent(this::point);
        for (DerivativeAnalysis d : a.derivatives()) {
            derivative(d);
        }
    }

    private void point(Point p) {
        List<Inline> parts = new ArrayList<>();
        parts.add(text("At the point "));
        int i = 0;
        for (Map.Entry<String, Double> e : p.given().entrySet()) {
            parts.add(math(name(e.getKey()) + " = " + DocLayout.num(e.getValue())));
            parts.add(text(++i < p.given().size() ? ", " : ""));
        }
        parts.add(text(":"));
        doc.paragraph(parts);
        List<Row> rows = new ArrayList<>();
        for (ForwardValue f : p.forward()) {
            List<String> lines = LatexMath.SYMBOLIC.split(f.body(), doc.lineWidth() - 30);
            String lhs = name(f.name());
            for (int k = 0; k < lines.size(); k++) {
                rows.add(new Row(k == 0 ? lhs : "", (k == 0 ? "= " : "\\quad{}") + lines.get(k)
                        + (k == lines.size() - 1 ? " = " + DocLayout.num(f.value(), 6) : ""), ""));
            }
        }
        doc.display(rows);
    }

    private void steps(DisplayBlock out, List<Step> steps) {
        for (Step s : Steps.shown(steps, detail)) {
            out.step("", s);
        }
    }

    private void derivative(DerivativeAnalysis d) {
        String head = partial(d.of(), d.wrt());
        doc.subsection("\\partial " + name(d.of().name()) + "/\\partial " + name(d.wrt().name()), "");
        if (!d.viaChainRule()) {
            DisplayBlock rows = new DisplayBlock().line(head, d.goal(), "");
            steps(rows, d.steps());
            doc.display(rows);
        } else {
            for (List<Var> path : d.paths()) {
                StringBuilder sb = new StringBuilder();
                for (Var v : path) {
                    sb.append(sb.length() == 0 ? "" : " \\to ").append(name(v.name()));
                }
                doc.paragraph(text("Path: "), math(sb.toString()));
            }
            doc.display(new DisplayBlock().step(head, d.chainLine()));
            doc.paragraph(text(d.locals().size() == 1 ? "with the local derivative" : "with the local derivatives"));
            DisplayBlock locals = new DisplayBlock();
            for (LocalDerivative l : d.locals()) {
                String lhs = partial(l.of(), l.wrt());
                locals.gap();
                if (shown.add(l.of().name() + "/" + l.wrt().name())) {
                    locals.line(lhs, l.derivation().goal(), "");
                    steps(locals, l.derivation().steps());
                } else {
                    locals.line(lhs, l.derivation().result(), "derived above");
                }
            }
            doc.display(locals);
            if (!d.laterSteps().isEmpty()) {
                doc.paragraph(text("so"));
                DisplayBlock later = new DisplayBlock();
                List<Step> shownLater = Steps.shown(d.laterSteps(), detail);
                for (int i = 0; i < shownLater.size(); i++) {
                    later.step(i == 0 ? head : "", shownLater.get(i));
                }
                doc.display(later);
            }
        }
        d.symja().ifPresent(s -> symja(d, s));
        d.numbers().ifPresent(n -> check(d, n));
    }

    private void symja(DerivativeAnalysis d, SymjaCheck s) {
        String head = "\\operatorname{D}[" + name(d.of().name()) + ", " + name(d.wrt().name()) + "]";
        if (s.derivative() != null) {
            doc.paragraph(text("Symja, differentiating independently with every definition written out:"));
            doc.display(new DisplayBlock().line(head, s.derivative(), ""));
        }
        doc.paragraph(text(switch (s.outcome()) {
            case AGREES -> "It equals the result (" + s.method() + ", " + s.millis() + " ms).";
            case DIFFERS -> "It differs from the result (" + s.method() + ").";
            case UNDECIDED -> "Symja could not decide whether it equals the result (" + s.method() + ").";
            case UNAVAILABLE -> "Symja was unavailable (" + s.method() + ").";
        }));
    }

    private void check(DerivativeAnalysis d, NumericCheck n) {
        doc.paragraph(text("At the point: "), math("\\partial " + name(d.of().name()) + "/\\partial " + name(d.wrt().name())
                        + " = " + DocLayout.num(n.value(), 8)),
                text(". Check against the central finite difference "),
                math("\\bigl(f(v + h) - f(v - h)\\bigr)/2h"), text(":"));
        List<List<Inline>> rows = new ArrayList<>();
        rows.add(List.of(text("derivative"), text("finite difference"), math("h"), text("relative error"), text("verdict")));
        String verdict = switch (n.verdict()) {
            case PASS -> "✓ pass";
            case FAIL -> "✗ FAIL";
            case KINK -> "∼ kink";
            case UNRESOLVED -> "? unresolved";
        };
        rows.add(List.of(math(DocLayout.num(n.value(), 8)), math(DocLayout.num(n.finiteDifference(), 8)),
                math(DocLayout.small(n.h())),
                n.verdict() == Verdict.KINK ? text("—") : math(DocLayout.small(n.relativeError())), text(verdict)));
        doc.table(rows, new boolean[] {true, true, true, true, false});
        // the text output's kink note as one sentence, its math set as math
        n.kink().ifPresent(k -> doc.paragraph(MathDoc.sentence(String.join(" ", DeriveTextRenderer.kink(k))
                .replaceFirst("^kink: t", "At a kink: t") + ".")));
        if (n.verdict() == Verdict.UNRESOLVED) {
            doc.paragraph(text("Unresolved: " + dev.chainrule.numeric.Verdicts.UNSETTLED_WHY + "."));
        }
    }
}
