package dev.chainrule.render.derive;

import dev.chainrule.expr.Fmt;
import dev.chainrule.render.doc.TextLayout;
import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Step;
import dev.chainrule.derive.Steps;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Notation;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.freeform.Definition;
import dev.chainrule.freeform.DerivativeAnalysis;
import dev.chainrule.freeform.SymjaCheck;
import dev.chainrule.freeform.FreeformAnalysis;
import dev.chainrule.freeform.ForwardValue;
import dev.chainrule.freeform.KinkSite;
import dev.chainrule.freeform.NumericCheck;
import dev.chainrule.freeform.Point;
import dev.chainrule.numeric.Kink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code derive --format text}: the quantity and its definitions; for each variable the dependency paths,
 * the chain-rule line, each local derivative derived under its own heading, the substitution and the
 * simplification, every step with its rules in a column on the right; then the result, the point, the
 * forward values, the value with the numbers put in, and the finite-difference check. Prints the records
 * of {@link FreeformAnalysis}; computes nothing.
 */
public final class DeriveTextRenderer {
    /** Width of the labels "result", "at", "check" … in the left margin. */
    private static final int LABEL = 10;
    private static final String DIVIDER = "─".repeat(72);
    /** Widest line of the numbers part before a list is wrapped or a richer form is given up. */
    private static final int LINE_WIDTH = 100;

    private final StringBuilder out = new StringBuilder();
    private final Set<String> shownLocals = new HashSet<>();
    private final Steps.Detail detail;

    private DeriveTextRenderer(Steps.Detail detail) {
        this.detail = detail;
    }

    public static String render(FreeformAnalysis a) {
        return render(a, Steps.Detail.FULL);
    }

    public static String render(FreeformAnalysis a, Steps.Detail detail) {
        return new DeriveTextRenderer(detail).doRender(a);
    }

    private List<Step> shown(List<Step> steps) {
        return Steps.shown(steps, detail);
    }

    private String doRender(FreeformAnalysis a) {
        header(a);
        for (int i = 0; i < a.derivatives().size(); i++) {
            out.append('\n');
            if (i > 0) {
                out.append(DIVIDER).append("\n\n");
            }
            section(a, a.derivatives().get(i));
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------ header

    private void header(FreeformAnalysis a) {
        TextLayout block = new TextLayout();
        if (a.definitions().isEmpty()) {
            String note = a.expanded() ? "definitions written out (--expand)" : "";
            block.row(sym(a.name()) + " = ", TextPrinter.str(a.expression()), note);
        } else {
            for (Definition d : a.definitions()) {
                block.row(sym(d.name()) + " = ", TextPrinter.str(d.body()), "");
            }
        }
        block.appendTo(out);
    }

    // ------------------------------------------------------------------------------------ one derivative

    private void section(FreeformAnalysis a, DerivativeAnalysis d) {
        String lhs = derivativeName(d.of(), d.wrt());
        String pad = " ".repeat(Fmt.width(lhs));
        TextLayout block = new TextLayout();
        if (d.viaChainRule()) {
            paths(d);
            out.append('\n');
            block.row(lhs + " = ", TextPrinter.str(d.chainLine().expr()), d.chainLine().label());
            block.blank();
            for (LocalDerivative l : d.locals()) {
                local(block, l);
                block.blank();
            }
            List<Step> later = shown(d.laterSteps());
            for (int i = 0; i < later.size(); i++) {
                block.row((i == 0 ? lhs : pad) + " = ", TextPrinter.str(later.get(i).expr()), later.get(i).label());
            }
        } else {
            block.row(lhs + " = ", goalText(d.goal()), "");
            for (Step s : shown(d.steps())) {
                block.row(pad + " = ", TextPrinter.str(s.expr()), s.label());
            }
        }
        block.appendTo(out);
        out.append('\n');
        wrapped("result", lhs + " = ", TextPrinter.str(d.result()));
        d.symja().ifPresent(s -> symja("D[" + sym(d.of().name()) + ", " + sym(d.wrt().name()) + "] = ", s));
        a.point().ifPresent(p -> numbers(a, d, lhs, p));
    }

    /** Symja's own D[f, w] and whether it equals the result. */
    private void symja(String lhs, SymjaCheck s) {
        if (s.derivative() != null) {
            wrapped("Symja", lhs, TextPrinter.str(s.derivative()));
        }
        String verdict = switch (s.outcome()) {
            case AGREES -> "✓ equals the result (" + s.method() + ", " + s.millis() + " ms)";
            case DIFFERS -> "✗ DIFFERS from the result (" + s.method() + ")";
            case UNDECIDED -> "? could not decide whether it equals the result (" + s.method() + ")";
            case UNAVAILABLE -> "? unavailable (" + s.method() + ")";
        };
        labelled(s.derivative() != null ? "" : "Symja", verdict);
    }

    private void paths(DerivativeAnalysis d) {
        if (d.paths().isEmpty()) {
            labelled("paths", "more than " + dev.chainrule.derive.ChainRule.MAX_LISTED_PATHS
                    + "; the chain rule is written as a recursive sum");
            return;
        }
        List<String> lines = d.paths().stream()
                .map(p -> p.stream().map(v -> sym(v.name())).collect(Collectors.joining(" → "))).toList();
        labelled(lines.size() == 1 ? "path" : "paths", lines);
    }

    /** ∂p/∂c = ∂/∂c (body), its steps under it; once per output, afterwards only its result. */
    private void local(TextLayout block, LocalDerivative l) {
        String head = "  " + derivativeName(l.of(), l.wrt());
        String pad = " ".repeat(Fmt.width(head));
        String key = l.of().name() + "→" + l.wrt().name();
        if (!shownLocals.add(key)) {
            block.row(head + " = ", TextPrinter.str(l.derivation().result()), "derived above");
            return;
        }
        List<Step> steps = shown(l.derivation().steps());
        if (steps.size() == 1) {
            block.row(head + " = ", goalText(l.derivation().goal()) + " = " + TextPrinter.str(steps.get(0).expr()),
                    steps.get(0).label());
            return;
        }
        block.row(head + " = ", goalText(l.derivation().goal()), "");
        for (Step s : steps) {
            block.row(pad + " = ", TextPrinter.str(s.expr()), s.label());
        }
    }

    // ------------------------------------------------------------------------------------ numbers

    private void numbers(FreeformAnalysis a, DerivativeAnalysis d, String lhs, Point p) {
        String at = p.given().entrySet().stream().map(e -> sym(e.getKey()) + " = " + Fmt.num(e.getValue(), 6))
                .collect(Collectors.joining(", "));
        for (String line : TextLayout.wrapList(Fmt.pad("at", LABEL), at, LINE_WIDTH)) {
            out.append(line.stripTrailing()).append('\n');
        }
        Map<String, Double> values = p.allValues();
        List<String> forward = new ArrayList<>();
        for (ForwardValue f : p.forward()) {
            forward.add(richest(List.of(
                    sym(f.name()) + " = " + TextPrinter.str(f.body()) + " = " + DeriveNumberPrinter.str(f.body(), values)
                            + " = " + Fmt.num(f.value(), 6),
                    sym(f.name()) + " = " + DeriveNumberPrinter.str(f.body(), values) + " = " + Fmt.num(f.value(), 6),
                    sym(f.name()) + " = " + Fmt.num(f.value(), 6))));
        }
        labelled("forward", forward);
        d.numbers().ifPresent(n -> {
            String value = Fmt.num(n.value(), 6);
            labelled("value", richest(List.of(
                    lhs + " = " + DeriveNumberPrinter.str(d.result(), values) + " = " + value,
                    lhs + " = " + value)));
            check(a, d, n);
        });
    }

    private void check(FreeformAnalysis a, DerivativeAnalysis d, NumericCheck n) {
        String f = sym(a.name());
        String w = sym(d.wrt().name());
        List<String> lines = new ArrayList<>();
        lines.add("finite difference (" + f + "(" + w + " + h) − " + f + "(" + w + " − h))/2h = "
                + Fmt.num(n.finiteDifference(), 8) + "   (h = " + Fmt.small(n.h()) + ")");
        switch (n.method()) {
            case DOMAIN_EDGE -> lines.add("h is cut from the usual 1e-6·max(1, |" + w + "|), which would leave the domain of "
                    + f);
            case FINER -> lines.add("h is cut from the usual 1e-6·max(1, |" + w + "|), which is too coarse where "
                    + f + " bends this sharply");
            case CENTRAL -> { }
        }
        n.kink().ifPresent(k -> lines.addAll(kink(k)));
        String error = n.relativeError() == 0 || Math.max(Math.abs(n.value()), Math.abs(n.finiteDifference())) >= 1e-8
                ? "relative error " + error(n.relativeError())
                : "absolute error " + error(n.absoluteError());
        lines.add(error + "   " + switch (n.verdict()) {
            case PASS -> "✓ pass";
            case FAIL -> "✗ fail: the derivative and the finite difference disagree";
            case KINK -> "⚠ kink: not judged";
            case UNRESOLVED -> "? unresolved: " + dev.chainrule.numeric.Verdicts.UNSETTLED_WHY;
        });
        labelled("check", lines);
    }

    /** 3e-11, 0.25, 1. */
    private static String error(double e) {
        return e >= 1e-3 ? Fmt.num(e, 2) : Fmt.small(e);
    }

    /** The kink note, two lines; the document joins them into its sentence. */
    static List<String> kink(KinkSite site) {
        Kink k = site.kink();
        String call = site.call().map(TextPrinter::str).orElse(k.fn().inputName());
        String in = k.unit().map(u -> ", in the definition of " + sym(u)).orElse("");
        List<String> lines = new ArrayList<>();
        lines.add("kink: the argument of " + call + " is " + Fmt.num(k.argument(), 6) + in + ", within the step of 0");
        lines.add("— a finite difference cannot judge here; one-sided derivatives " + Fmt.num(k.leftDerivative(), 6)
                + " (left) / " + Fmt.num(k.rightDerivative(), 6) + " (right)"
                + (k.count() > 1 ? "; " + (k.count() - 1) + " more kink" + (k.count() > 2 ? "s" : "") : ""));
        return lines;
    }

    // ------------------------------------------------------------------------------------ helpers

    /** A labelled "lhs = expression" line, the expression wrapped like a derivation line when too wide. */
    private void wrapped(String label, String lhs, String expression) {
        for (String line : TextLayout.wrap(Fmt.pad(label, LABEL) + lhs, expression, LINE_WIDTH)) {
            out.append(line.stripTrailing()).append('\n');
        }
    }

    private void labelled(String label, String line) {
        labelled(label, List.of(line));
    }

    private void labelled(String label, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String prefix = i == 0 ? Fmt.pad(label, LABEL) : " ".repeat(LABEL);
            out.append((prefix + lines.get(i)).stripTrailing()).append('\n');
        }
    }

    /** The first candidate that fits on a line, else the last. */
    private static String richest(List<String> candidates) {
        for (String c : candidates) {
            if (Fmt.width(c) + LABEL <= LINE_WIDTH) {
                return c;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    static String sym(String name) {
        return Notation.text(name);
    }

    /** ∂L/∂w₁. */
    static String derivativeName(Var of, Var wrt) {
        return TextPrinter.str(new Expr.Derivative(of, wrt));
    }

    /**
     * ∂/∂w (body): the body in brackets unless it is a power or a call, which read unambiguously after
     * the operator (∂/∂w₁ (t − z)², ∂/∂z σ(z)) — a power of a derivative would print as (∂/∂w …)².
     */
    static String goalText(Expr goal) {
        if (goal instanceof Expr.Derivative d && (d.body() instanceof Expr.Pow p && !dev.chainrule.expr.Precedence.isDenominatorPower(p)
                || d.body() instanceof Expr.Call)) {
            return "∂/∂" + sym(d.wrt().name()) + " " + TextPrinter.str(d.body());
        }
        return TextPrinter.str(goal);
    }
}
