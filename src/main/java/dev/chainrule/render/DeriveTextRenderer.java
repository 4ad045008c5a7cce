package dev.chainrule.render;

import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Notation;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.freeform.Definition;
import dev.chainrule.freeform.DerivativeAnalysis;
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

    private final StringBuilder out = new StringBuilder();
    private final Set<String> shownLocals = new HashSet<>();

    private DeriveTextRenderer() {
    }

    public static String render(FreeformAnalysis a) {
        return new DeriveTextRenderer().doRender(a);
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
        DeriveText block = new DeriveText();
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
        DeriveText block = new DeriveText();
        if (d.viaChainRule()) {
            paths(d);
            out.append('\n');
            block.row(lhs + " = ", TextPrinter.str(d.chainLine().expr()), d.chainLine().label());
            block.blank();
            for (LocalDerivative l : d.locals()) {
                local(block, l);
                block.blank();
            }
            List<Step> later = d.laterSteps();
            for (int i = 0; i < later.size(); i++) {
                block.row((i == 0 ? lhs : pad) + " = ", TextPrinter.str(later.get(i).expr()), later.get(i).label());
            }
        } else {
            block.row(lhs + " = ", goalText(d.goal()), "");
            for (Step s : d.steps()) {
                block.row(pad + " = ", TextPrinter.str(s.expr()), s.label());
            }
        }
        block.appendTo(out);
        out.append('\n');
        labelled("result", lhs + " = " + TextPrinter.str(d.result()));
        a.point().ifPresent(p -> numbers(a, d, lhs, p));
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
    private void local(DeriveText block, LocalDerivative l) {
        String head = "  " + derivativeName(l.of(), l.wrt());
        String pad = " ".repeat(Fmt.width(head));
        String key = l.of().name() + "→" + l.wrt().name();
        if (!shownLocals.add(key)) {
            block.row(head + " = ", TextPrinter.str(l.derivation().result()), "derived above");
            return;
        }
        List<Step> steps = l.derivation().steps();
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
        labelled("at", p.given().entrySet().stream().map(e -> sym(e.getKey()) + " = " + Fmt.num(e.getValue(), 6))
                .collect(Collectors.joining(", ")));
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
        String formula = switch (n.method()) {
            case CENTRAL -> "(" + f + "(" + w + " + h) − " + f + "(" + w + " − h))/2h";
            case FORWARD -> "(−3" + f + "(" + w + ") + 4" + f + "(" + w + " + h) − " + f + "(" + w + " + 2h))/2h";
            case BACKWARD -> "(3" + f + "(" + w + ") − 4" + f + "(" + w + " − h) + " + f + "(" + w + " − 2h))/2h";
        };
        List<String> lines = new ArrayList<>();
        String side = switch (n.method()) {
            case CENTRAL -> "";
            case FORWARD -> ", one-sided: " + w + " − h is outside the domain";
            case BACKWARD -> ", one-sided: " + w + " + h is outside the domain";
        };
        lines.add("finite difference " + formula + " = " + Fmt.num(n.finiteDifference(), 10) + "   (h = "
                + Fmt.small(n.h()) + side + ")");
        n.kink().ifPresent(k -> lines.addAll(kink(k)));
        String error = n.relativeError() == 0 || Math.max(Math.abs(n.value()), Math.abs(n.finiteDifference())) >= 1e-8
                ? "relative error " + Fmt.small(n.relativeError())
                : "absolute error " + Fmt.small(n.absoluteError());
        lines.add(error + "   " + switch (n.verdict()) {
            case PASS -> "✓ pass";
            case FAIL -> "✗ fail: the derivative and the finite difference disagree";
            case KINK -> "⚠ kink: not judged";
        });
        labelled("check", lines);
    }

    private static List<String> kink(KinkSite site) {
        Kink k = site.kink();
        String fn = switch (k.fn()) {
            case RELU -> "ReLU";
            case LEAKY_RELU -> "leaky ReLU";
            case ABS -> "|·|";
            case STEP -> "step [· > 0]";
            case LEAKY_STEP -> "leaky step";
            case SIGN -> "sign";
            default -> k.fn().inputName();
        };
        String where = site.argument().map(TextPrinter::str).map(s -> s + " ").orElse("");
        String in = k.unit().map(u -> " (in " + sym(u) + ")").orElse("");
        List<String> lines = new ArrayList<>();
        lines.add("kink: " + fn + " argument " + where + "= " + Fmt.num(k.argument(), 6) + in
                + " is within h of 0 — a finite difference cannot judge here;");
        lines.add("one-sided derivatives " + Fmt.num(k.leftDerivative(), 6) + " (left) / "
                + Fmt.num(k.rightDerivative(), 6) + " (right)"
                + (k.count() > 1 ? "; " + (k.count() - 1) + " more kink" + (k.count() > 2 ? "s" : "") : ""));
        return lines;
    }

    // ------------------------------------------------------------------------------------ helpers

    private void labelled(String label, String line) {
        labelled(label, List.of(line));
    }

    private void labelled(String label, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String prefix = i == 0 ? Fmt.pad(label, LABEL) : " ".repeat(LABEL);
            for (String l : DeriveText.wrap(prefix, lines.get(i), DeriveText.EXPRESSION_WIDTH + 20)) {
                out.append(l.stripTrailing()).append('\n');
            }
        }
    }

    /** The first candidate that fits on a line, else the last. */
    private static String richest(List<String> candidates) {
        for (String c : candidates) {
            if (Fmt.width(c) + LABEL <= DeriveText.EXPRESSION_WIDTH + 20) {
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
