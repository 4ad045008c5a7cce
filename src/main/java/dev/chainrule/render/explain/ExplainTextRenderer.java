package dev.chainrule.render.explain;

import static dev.chainrule.render.doc.NetworkNames.title;

import dev.chainrule.expr.Fmt;
import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.Derivation;
import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Step;
import dev.chainrule.derive.Steps;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Notation;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.Backprop;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.NetworkExplanation.SampleTerm;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.OutputDelta;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.numeric.Verdicts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The explanation as a lecturer writes it on a slide: the network and its forward pass, the error
 * signals δ derived once, then for every parameter its path, the chain-rule product, each local
 * derivative derived by named rules, the simplification, the δ form, the numbers per sample, the
 * reduction, and the finite-difference check. Prints the records; computes nothing.
 */
public final class ExplainTextRenderer {
    private final StringBuilder out = new StringBuilder();
    private final TraceLines t;
    private final Set<String> shownLocals = new HashSet<>();

    private ExplainTextRenderer(Steps.Detail detail) {
        t = new TraceLines(out, detail);
    }

    public static String render(NetworkExplanation x) {
        return render(x, Steps.Detail.FULL);
    }

    public static String render(NetworkExplanation x, Steps.Detail detail) {
        // room for the whole document at once (some 400 characters a parameter), not ~20 doublings and copies of
        // a buffer that reaches 40 million characters for 100,000 parameters
        dev.chainrule.render.doc.BuilderWriter sink = new dev.chainrule.render.doc.BuilderWriter(
                x.parameters().size() * 450 + 4096);
        try {
            write(x, detail, sink);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e); // a BuilderWriter does not fail
        }
        return sink.toString();
    }

    /**
     * {@link #render} written to {@code sink} as it goes: the lines are collected in a small buffer that is passed
     * on whenever it holds {@value #CHUNK} characters, so a document of 40 million characters is never held whole.
     */
    public static void write(NetworkExplanation x, Steps.Detail detail, java.io.Writer sink) throws java.io.IOException {
        new ExplainTextRenderer(detail).doWrite(x, sink);
    }

    /** Characters collected before they are passed on to the writer. */
    private static final int CHUNK = 1 << 15;

    private void doWrite(NetworkExplanation x, java.io.Writer sink) throws java.io.IOException {
        header(x);
        forward(x);
        deltas(x);
        for (ParameterResult p : x.parameters()) {
            parameter(x, p);
            if (out.length() >= CHUNK) {
                pass(sink);
            }
        }
        matrices(x);
        summary(x);
        pass(sink);
    }

    private void pass(java.io.Writer sink) throws java.io.IOException {
        sink.append(out);
        out.setLength(0);
    }

    private void header(NetworkExplanation x) {
        out.append(title(x.spec())).append("\n\n");
    }

    private void forward(NetworkExplanation x) {
        NetworkSpec spec = x.spec();
        NetworkSymbols sym = x.model().symbols();
        out.append("Forward pass\n");
        for (Map.Entry<String, Expr> d : x.model().forward().asMap().entrySet()) {
            t.line("  ", Notation.text(d.getKey()) + " = " + TextPrinter.str(d.getValue()));
        }
        out.append('\n');
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>();
        head.add("n");
        for (int j = 1; j <= spec.inputCount(); j++) {
            head.add(TextPrinter.str(sym.input(j)));
        }
        for (int k = 1; k <= spec.outputCount(); k++) {
            head.add(TextPrinter.str(sym.target(k)));
        }
        List<String> names = new ArrayList<>(x.model().forward().asMap().keySet());
        int shownNames = Math.min(names.size(), 24);
        for (int i = 0; i < shownNames; i++) {
            head.add(Notation.text(names.get(i)));
        }
        rows.add(head);
        for (int r = 0; r < x.samplesShown().size(); r++) {
            int s = x.samplesShown().get(r);
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(s));
            for (double v : spec.data().get(s - 1).x()) {
                row.add(Fmt.num(v));
            }
            for (double v : spec.data().get(s - 1).y()) {
                row.add(Fmt.num(v));
            }
            Map<String, Double> values = x.forward().get(r);
            for (int i = 0; i < shownNames; i++) {
                row.add(Fmt.num(values.get(names.get(i))));
            }
            rows.add(row);
        }
        Fmt.table(rows, "  ").forEach(l -> out.append(l).append('\n'));
        if (names.size() > shownNames) {
            out.append("  (").append(names.size() - shownNames).append(" more columns: use --format json for all values)\n");
        }
        x.expandedLoss().ifPresent(e -> {
            out.append("\n  written out in the weights alone:\n");
            t.line("    ", "L = " + TextPrinter.str(e));
        });
        int n = spec.data().size();
        out.append('\n').append("  L = ").append(spec.reduction().yamlName())
                .append(" of the per-sample losses over ").append(n).append(n == 1 ? " sample" : " samples")
                .append(penaltyWords(spec)).append(" = ").append(Fmt.num(x.loss(), 6)).append("\n\n");
    }

    private void deltas(NetworkExplanation x) {
        Backprop bp = x.backprop();
        NetworkSymbols sym = x.model().symbols();
        int top = sym.layers();
        out.append("Error signals δ = ∂L/∂z, derived once and shared by every parameter\n");
        for (OutputDelta od : bp.outputDeltas()) {
            Var z = sym.z(top, od.unit());
            String head = "  " + TextPrinter.str(sym.delta(top, od.unit())) + " = ∂L/∂" + TextPrinter.str(z);
            chain(od.derivation(), head, "    ");
            String pad = " ".repeat(Fmt.width(head) - 2);
            for (Step s : t.shown(od.extraSteps())) {
                t.line("  ", pad + " = " + TextPrinter.str(s.expr()), s.label());
            }
            out.append('\n');
        }
        for (int l = top - 1; l >= 1; l--) {
            Derivation act = bp.activationDerivation(l);
            Derivation lin = bp.linearDerivation(l);
            out.append("  layer ").append(l).append(": δᵢ⁽").append(Notation.superscript(String.valueOf(l)))
                    .append("⁾ = ∂L/∂zᵢ⁽").append(Notation.superscript(String.valueOf(l))).append("⁾ = Σₖ δₖ⁽")
                    .append(Notation.superscript(String.valueOf(l + 1))).append("⁾·∂zₖ⁽")
                    .append(Notation.superscript(String.valueOf(l + 1))).append("⁾/∂aᵢ⁽")
                    .append(Notation.superscript(String.valueOf(l))).append("⁾·∂aᵢ⁽")
                    .append(Notation.superscript(String.valueOf(l))).append("⁾/∂zᵢ⁽")
                    .append(Notation.superscript(String.valueOf(l))).append("⁾")
                    .append("                chain rule, sum over the units above\n");
            t.derivation("    ", "∂" + TextPrinter.str(sym.z(l + 1, 1)) + "/∂" + TextPrinter.str(sym.a(l, 1)), lin);
            t.derivation("    ", "∂" + TextPrinter.str(sym.a(l, 1)) + "/∂" + TextPrinter.str(sym.z(l, 1)), act);
            out.append("    (the same for every unit: ∂zₖ⁽").append(Notation.superscript(String.valueOf(l + 1)))
                    .append("⁾/∂aᵢ⁽").append(Notation.superscript(String.valueOf(l))).append("⁾ = wₖᵢ⁽")
                    .append(Notation.superscript(String.valueOf(l + 1))).append("⁾)\n");
            for (int i = 1; i <= sym.width(l); i++) {
                Var d = sym.delta(l, i);
                t.line("    ", TextPrinter.str(d) + " = " + TextPrinter.str(bp.deltas().get(d.name())));
            }
            out.append("    in matrix form: δ⁽").append(Notation.superscript(String.valueOf(l))).append("⁾ = (W⁽")
                    .append(Notation.superscript(String.valueOf(l + 1))).append("⁾ᵀ δ⁽")
                    .append(Notation.superscript(String.valueOf(l + 1))).append("⁾) ⊙ g′(z⁽")
                    .append(Notation.superscript(String.valueOf(l))).append("⁾)\n\n");
        }
        deltaValues(x);
    }

    private void deltaValues(NetworkExplanation x) {
        List<String> names = new ArrayList<>(x.backprop().deltas().keySet());
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>();
        head.add("n");
        for (String n : names) {
            head.add(Notation.text(n));
        }
        rows.add(head);
        for (int r = 0; r < x.samplesShown().size(); r++) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(x.samplesShown().get(r)));
            for (String n : names) {
                row.add(Fmt.num(x.forward().get(r).get(n)));
            }
            rows.add(row);
        }
        if (names.size() <= 24) {
            Fmt.table(rows, "  ").forEach(l -> out.append(l).append('\n'));
            out.append('\n');
        }
    }

    /** A chain derivation: the chain line, each local derivative (first time in full), then the steps. */
    private void chain(ChainDerivation d, String head, String localIndent) {
        if (d.isDirect()) {
            t.line("", head + " = " + TextPrinter.str(d.direct().goal()));
            t.steps("", " ".repeat(Fmt.width(head)), d.direct().steps());
            return;
        }
        List<Step> steps = d.steps();
        t.line("", head + " = " + TextPrinter.str(steps.get(0).expr()), steps.get(0).label());
        List<Step> rest = t.shown(steps.subList(1, steps.size()));
        for (LocalDerivative l : d.locals()) {
            String lhead = "∂" + TextPrinter.str(l.of()) + "/∂" + TextPrinter.str(l.wrt());
            String key = l.of().name() + "/" + l.wrt().name();
            if (shownLocals.add(key)) {
                t.derivation(localIndent, lhead, l.derivation());
            } else {
                t.line(localIndent, lhead + " = " + TextPrinter.str(l.derivation().result()), "(derived above)");
            }
        }
        String pad = " ".repeat(Fmt.width(head));
        for (Step s : rest) {
            t.line("", pad + " = " + TextPrinter.str(s.expr()), s.label());
        }
    }

    private void parameter(NetworkExplanation x, ParameterResult p) {
        NetworkSymbols sym = x.model().symbols();
        ParamId id = p.id();
        String name = TextPrinter.str(sym.param(id));
        out.append("∂L/∂").append(name).append("    ").append(id).append(" = ").append(Fmt.num(p.value(), 6)).append('\n');
        p.chain().ifPresent(cd -> {
            if (!cd.paths().isEmpty()) {
                for (List<Var> path : cd.paths()) {
                    StringBuilder sb = new StringBuilder();
                    for (Var v : path) {
                        sb.append(sb.length() == 0 ? "" : " → ").append(TextPrinter.str(v));
                    }
                    t.line("  ", (cd.paths().size() == 1 ? "path  " : "path  ") + sb);
                }
            }
            chain(cd, "  ∂L/∂" + name, "    ");
        });
        String deltaForm = TextPrinter.str(p.deltaForm());
        String deltaLine = "∂L/∂" + name + " = " + deltaForm;
        t.line("  ", "δ form  " + deltaLine, "∂L/∂w = δ·a, ∂L/∂b = δ");
        String explicit = p.explicit() == p.deltaForm() ? deltaForm : TextPrinter.str(p.explicit());
        t.line("  ", "numbers  ∂Lₙ/∂" + name + " = " + explicit + " with sample n's values");
        List<List<String>> rows = new ArrayList<>();
        for (SampleTerm st : p.perSample()) {
            rows.add(List.of("n = " + st.sample(), TextPrinter.decimals(st.substituted()) + " = " + Fmt.num(st.value())));
        }
        Fmt.table(rows, "    ").forEach(l -> out.append(l).append('\n'));
        int n = x.spec().data().size();
        double data = p.penalty().map(NetworkExplanation.Penalty::dataGradient).orElse(p.gradient());
        out.append("    ").append(x.spec().reduction().yamlName()).append(" over ")
                .append(n).append(n == 1 ? " sample" : " samples").append(" = ").append(Fmt.num(data, 6)).append('\n');
        p.penalty().ifPresent(pen -> {
            t.line("  ", "regularization  ∂/∂" + name + " (" + TextPrinter.str(pen.term()) + ") = "
                    + TextPrinter.str(pen.derivative()) + " = " + Fmt.num(pen.value(), 6),
                    "added to the reduced loss");
            t.line("  ", "total   ∂L/∂" + name + " = " + Fmt.num(data, 6) + (pen.value() < 0 ? " − " : " + ")
                    + Fmt.num(Math.abs(pen.value()), 6) + " = " + Fmt.num(p.gradient(), 6));
        });
        p.check().ifPresent(c -> out.append("  ").append(checkLine(c, p)).append('\n'));
        out.append('\n');
    }

    /** ", plus …" naming the regularization penalty the reduced loss carries, or "". */
    static String penaltyWords(NetworkSpec spec) {
        dev.chainrule.network.spec.Regularization r = spec.regularization();
        if (r.isNone()) {
            return "";
        }
        String l2 = r.l2() == 0 ? "" : "(λ/2)·Σw² with λ = " + Fmt.num(r.l2());
        String l1 = r.l1() == 0 ? "" : "μ·Σ|w| with μ = " + Fmt.num(r.l1());
        return ", plus " + l2 + (l2.isEmpty() || l1.isEmpty() ? "" : " and ") + l1 + " over the weights";
    }

    static String checkLine(Check c, ParameterResult p) {
        StringBuilder sb = new StringBuilder("check   finite difference (L(p + h) − L(p − h))/2h, h = ")
                .append(Fmt.small(c.h())).append(" → ").append(Fmt.num(c.numeric(), 8));
        switch (c.verdict()) {
            case PASS -> sb.append("   relative error ").append(Fmt.small(c.relativeError())).append("   ✓ pass");
            case FAIL -> sb.append("   relative error ").append(Fmt.small(c.relativeError())).append("   ✗ FAIL");
            case UNRESOLVED -> sb.append("   relative error ").append(Fmt.small(c.relativeError()))
                    .append("   ? unresolved: ").append(Verdicts.UNSETTLED_WHY);
            case KINK -> {
                sb.append("   ~ kink: cannot judge here");
                c.kink().ifPresent(k -> {
                    sb.append("\n          ").append(k.fn() == dev.chainrule.expr.Fn.RELU ? "ReLU" : k.fn().inputName());
                    k.unit().ifPresent(u -> sb.append(" of ").append(Notation.text(u)));
                    p.kinkSample().ifPresent(s -> sb.append(" in sample ").append(s));
                    sb.append(": its argument is ").append(Fmt.num(k.argument()))
                            .append(", within the step h of the kink at 0;")
                            .append("\n          one-sided slopes ").append(Fmt.num(k.leftDerivative()))
                            .append(" (left) and ").append(Fmt.num(k.rightDerivative()))
                            .append(" (right); the analytic value uses ReLU′(0) = 0");
                });
            }
        }
        return sb.toString();
    }

    /** ∇_W L = δ aᵀ and ∇_b L = δ per layer, with the reduced numbers. */
    private void matrices(NetworkExplanation x) {
        NetworkSpec spec = x.spec();
        out.append("Matrix form, layer by layer\n");
        for (NetworkExplanation.LayerGradient g : x.layers()) {
            String l = Notation.superscript(String.valueOf(g.layer()));
            String lm = Notation.superscript(String.valueOf(g.layer() - 1));
            out.append("  ∇W⁽").append(l).append("⁾ L = δ⁽").append(l).append("⁾ a⁽").append(lm).append("⁾ᵀ,   ∇b⁽")
                    .append(l).append("⁾ L = δ⁽").append(l).append("⁾")
                    .append(g.layer() == 1 ? "   (a⁽⁰⁾ = x)" : "").append('\n');
            if (g.reducedWeights().length > 8 || g.reducedWeights()[0].length > 8) {
                out.append("    (").append(g.reducedWeights().length).append("×").append(g.reducedWeights()[0].length)
                        .append(": too large to print; use --format json)\n");
                continue;
            }
            for (int r = 0; r < x.samplesShown().size(); r++) {
                out.append("    n = ").append(x.samplesShown().get(r)).append(":  δ = ").append(vector(g.deltaPerSample().get(r)))
                        .append("   a = ").append(vector(g.inputPerSample().get(r))).append('\n');
            }
            String how = spec.reduction().yamlName();
            out.append("    ").append(how).append(" over the samples:\n");
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < g.reducedWeights().length; i++) {
                List<String> row = new ArrayList<>();
                row.add(i == 0 ? "∇W =" : "");
                row.add("[");
                for (double v : g.reducedWeights()[i]) {
                    row.add(Fmt.num(v));
                }
                row.add("]");
                row.add(i == 0 ? "∇b =" : "");
                row.add("[");
                row.add(Fmt.num(g.reducedBiases()[i]));
                row.add("]");
                rows.add(row);
            }
            Fmt.table(rows, "      ").forEach(line -> out.append(line).append('\n'));
        }
        out.append('\n');
    }

    private static String vector(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Fmt.num(v[i]));
        }
        return sb.append(")ᵀ").toString();
    }

    private void summary(NetworkExplanation x) {
        long pass = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.PASS).orElse(false)).count();
        long fail = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.FAIL).orElse(false)).count();
        long kink = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.KINK).orElse(false)).count();
        long unresolved = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.UNRESOLVED).orElse(false)).count();
        out.append("Summary   ").append(x.parameters().size()).append(x.parameters().size() == 1 ? " parameter: " : " parameters: ").append(pass).append(" pass, ")
                .append(fail).append(" fail, ").append(kink).append(" kink").append(unresolved == 0 ? "" : ", " + unresolved + " unresolved");
        x.fastCheck().ifPresent(f -> out.append("; random-direction check g·v = ").append(Fmt.num(f.analytic(), 8))
                .append(" vs ").append(Fmt.num(f.numeric(), 8)).append(" → ").append(f.verdict().jsonName()));
        out.append('\n');
    }
}
