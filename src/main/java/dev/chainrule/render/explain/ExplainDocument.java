package dev.chainrule.render.explain;

import dev.chainrule.render.doc.DisplayBlock;
import dev.chainrule.render.doc.LatexMath;
import dev.chainrule.render.doc.MathDoc;
import dev.chainrule.render.doc.NetworkNames;
import dev.chainrule.expr.Fmt;
import static dev.chainrule.render.doc.DocLayout.LINE;
import static dev.chainrule.render.doc.DocLayout.num;
import static dev.chainrule.render.doc.DocLayout.small;
import static dev.chainrule.render.doc.DocLayout.wrap;
import static dev.chainrule.render.doc.MathDoc.math;
import static dev.chainrule.render.doc.MathDoc.text;

import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.Derivation;
import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Step;
import dev.chainrule.derive.Steps;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Notation;
import dev.chainrule.network.Backprop;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.LayerGradient;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.NetworkExplanation.SampleTerm;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.OutputDelta;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.render.doc.MathDoc.Inline;
import dev.chainrule.render.doc.MathDoc.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the LaTeX, Markdown and HTML explanations show, in the order the text trace shows it: the network and
 * its forward pass, the error signals δ derived once, then per parameter its path, the chain-rule product, each
 * local derivative by named rules, the simplification, the δ form, the numbers per sample, the reduction and the
 * finite-difference check; then the matrix form per layer and a summary. Prints the records; computes nothing.
 */
public final class ExplainDocument {
    /** Display lines are cut so that the expression column stays within this many characters. */
    static final int BODY_WIDTH = 56;
    /** Value columns per forward-pass table. */
    static final int TABLE_COLUMNS = 10;

    private final MathDoc doc;
    private final NetworkExplanation x;
    private final NetworkSymbols sym;
    private final Set<String> shownLocals = new HashSet<>();
    private final Steps.Detail detail;

    private ExplainDocument(MathDoc doc, NetworkExplanation x, Steps.Detail detail) {
        this.doc = doc;
        this.x = x;
        this.sym = x.model().symbols();
        this.detail = detail;
    }

    private List<Step> shown(List<Step> steps) {
        return Steps.shown(steps, detail);
    }

    /** Writes the explanation into {@code doc} and returns the finished document. */
    public static String write(MathDoc doc, NetworkExplanation x) {
        return write(doc, x, Steps.Detail.FULL);
    }

    /** The same, each derivation shown in full or brief (see {@link Steps}). */
    public static String write(MathDoc doc, NetworkExplanation x, Steps.Detail detail) {
        ExplainDocument d = new ExplainDocument(doc, x, detail);
        d.all();
        return doc.finish();
    }

    private void all() {
        NetworkSpec spec = x.spec();
        String name = spec.name() != null && !spec.name().isBlank() ? spec.name() : "Backpropagation, step by step";
        doc.title(name, List.of(text(NetworkNames.title(spec))));
        doc.raw("html", SvgNetworkDiagram.svg(x));
        forward();
        deltas();
        for (ParameterResult p : x.parameters()) {
            parameter(p);
        }
        matrices();
        summary();
    }

    private static String name(Var v) {
        return Notation.latex(v.name());
    }

    private static String partial(Var of, Var wrt) {
        return "\\frac{\\partial " + name(of) + "}{\\partial " + name(wrt) + "}";
    }

    private String reductionWord() {
        return x.spec().reduction().yamlName();
    }

    private String samplesPhrase() {
        int n = x.spec().data().size();
        return reductionWord() + " over " + n + (n == 1 ? " sample" : " samples");
    }

    // ---------------------------------------------------------------- rows

    /** A local derivative's derivation: ∂a/∂b = its goal, then its steps (as this document shows them). */
    private void derivation(DisplayBlock out, String lhs, Derivation d) {
        out.line(lhs, d.goal(), "");
        for (Step s : shown(d.steps())) {
            out.step("", s);
        }
    }

    // ---------------------------------------------------------------- forward pass

    /** The column of a named quantity (z, a, ŷ, L, δ): its value in each sample shown. */
    private List<String> namedColumn(String n) {
        List<String> c = new ArrayList<>();
        for (int r = 0; r < x.samplesShown().size(); r++) {
            c.add(num(x.forward().get(r).get(n)));
        }
        return c;
    }

    /** One column of the data table: a value per sample shown. */
    private List<String> dataColumn(java.util.function.IntToDoubleFunction valueOfSample) {
        List<String> c = new ArrayList<>();
        for (int s : x.samplesShown()) {
            c.add(num(valueOfSample.applyAsDouble(s)));
        }
        return c;
    }

    private void forward() {
        NetworkSpec spec = x.spec();
        doc.section("Forward pass");
        DisplayBlock defs = new DisplayBlock();
        for (Map.Entry<String, Expr> d : x.model().forward().asMap().entrySet()) {
            defs.line(Notation.latex(d.getKey()), d.getValue(), "");
        }
        doc.display(defs.rows());
        List<String> heads = new ArrayList<>();
        List<List<String>> cols = new ArrayList<>();
        for (int j = 1; j <= spec.inputCount(); j++) {
            int input = j - 1;
            heads.add(name(sym.input(j)));
            cols.add(dataColumn(s -> spec.data().get(s - 1).x()[input]));
        }
        for (int k = 1; k <= spec.outputCount(); k++) {
            int output = k - 1;
            heads.add(name(sym.target(k)));
            cols.add(dataColumn(s -> spec.data().get(s - 1).y()[output]));
        }
        List<String> names = new ArrayList<>(x.model().forward().asMap().keySet());
        for (String n : names) {
            heads.add(Notation.latex(n));
            cols.add(namedColumn(n));
        }
        valueTables(heads, cols);
        x.expandedLoss().ifPresent(e -> {
            doc.paragraph(text("Written out in the weights alone:"));
            doc.display(new DisplayBlock().line("L", e, "").rows());
        });
        doc.paragraph(text("The loss is the " + reductionWord() + " of the per-sample losses over "
                + spec.data().size() + (spec.data().size() == 1 ? " sample: " : " samples: ")),
                math("L = " + num(x.loss(), 6)));
    }

    /** Tables of per-sample values, at most {@link #TABLE_COLUMNS} value columns each, n first. */
    private void valueTables(List<String> heads, List<List<String>> cols) {
        int next;
        for (int from = 0; from < heads.size(); from = next) {
            // as many columns as fit the line: each as wide as its widest number, plus the column gap
            int width = 4;
            int to = from;
            while (to < heads.size() && to - from < TABLE_COLUMNS) {
                int w = 3;
                for (String c : cols.get(to)) {
                    w = Math.max(w, c.length());
                }
                if (to > from && width + w + 3 > LINE - 4) {
                    break;
                }
                width += w + 3;
                to++;
            }
            next = to;
            List<List<Inline>> rows = new ArrayList<>();
            List<Inline> head = new ArrayList<>();
            head.add(math("n"));
            for (int c = from; c < to; c++) {
                head.add(math(heads.get(c)));
            }
            rows.add(head);
            for (int r = 0; r < x.samplesShown().size(); r++) {
                List<Inline> row = new ArrayList<>();
                row.add(math(String.valueOf(x.samplesShown().get(r))));
                for (int c = from; c < to; c++) {
                    row.add(math(cols.get(c).get(r)));
                }
                rows.add(row);
            }
            boolean[] numeric = new boolean[to - from + 1];
            java.util.Arrays.fill(numeric, true);
            doc.table(rows, numeric);
        }
    }

    // ---------------------------------------------------------------- error signals

    private void deltas() {
        Backprop bp = x.backprop();
        int top = sym.layers();
        doc.section("Error signals, derived once and shared by every parameter");
        doc.paragraph(math("\\delta_i^{(l)} = \\partial L/\\partial z_i^{(l)}"),
                text(" is the error signal of unit "), math("i"), text(" in layer "), math("l"), text("; then "),
                math("\\partial L/\\partial w_{ij}^{(l)} = \\delta_i^{(l)} a_j^{(l-1)}"),
                text(" and "), math("\\partial L/\\partial b_i^{(l)} = \\delta_i^{(l)}"), text("."));
        for (OutputDelta od : bp.outputDeltas()) {
            Var z = sym.z(top, od.unit());
            doc.paragraph(text("Output layer, unit " + od.unit() + ":"));
            String head = name(sym.delta(top, od.unit())) + " = " + partial(sym.loss(), z);
            chain(od.derivation(), head, od.extraSteps());
        }
        for (int l = top - 1; l >= 1; l--) {
            Derivation act = bp.activationDerivation(l);
            Derivation lin = bp.linearDerivation(l);
            String up = String.valueOf(l + 1);
            String here = String.valueOf(l);
            doc.paragraph(text("Hidden layer " + l + ": the chain rule sums over the units "), math("k"),
                    text(" of layer " + (l + 1) + "."));
            List<Row> rows = new ArrayList<>();
            rows.add(new Row("\\delta_i^{(" + here + ")} = \\frac{\\partial L}{\\partial z_i^{(" + here + ")}}",
                    "= \\sum_k \\delta_k^{(" + up + ")} \\frac{\\partial z_k^{(" + up + ")}}{\\partial a_i^{(" + here
                            + ")}} \\frac{\\partial a_i^{(" + here + ")}}{\\partial z_i^{(" + here + ")}}", "chain rule"));
            doc.display(rows);
            DisplayBlock locals = new DisplayBlock();
            derivation(locals, partial(sym.z(l + 1, 1), sym.a(l, 1)), lin);
            derivation(locals.gap(), partial(sym.a(l, 1), sym.z(l, 1)), act);
            doc.display(locals.rows());
            doc.paragraph(text("The same holds for every unit: "),
                    math("\\partial z_k^{(" + up + ")}/\\partial a_i^{(" + here + ")} = w_{ki}^{(" + up + ")}"),
                    text(". So"));
            DisplayBlock deltas = new DisplayBlock();
            for (int i = 1; i <= sym.width(l); i++) {
                Var d = sym.delta(l, i);
                deltas.line(name(d), bp.deltas().get(d.name()), "");
            }
            doc.display(deltas.rows());
            doc.paragraph(text("In matrix form: "), math("\\delta^{(" + here + ")} = \\bigl(W^{(" + up + ")\\top} \\delta^{("
                    + up + ")}\\bigr) \\odot g'\\bigl(z^{(" + here + ")}\\bigr)"), text("."));
        }
        List<String> names = new ArrayList<>(bp.deltas().keySet());
        List<String> heads = new ArrayList<>();
        List<List<String>> cols = new ArrayList<>();
        for (String n : names) {
            heads.add(Notation.latex(n));
            cols.add(namedColumn(n));
        }
        doc.paragraph(text("The error signals per sample:"));
        valueTables(heads, cols);
    }

    /** A chain derivation: the chain line, each local derivative (in full the first time), then the steps. */
    private void chain(ChainDerivation d, String head, List<Step> extra) {
        extra = shown(extra);
        if (d.isDirect()) {
            DisplayBlock rows = new DisplayBlock().line(head, d.direct().goal(), "");
            shown(d.direct().steps()).forEach(s -> rows.step("", s));
            extra.forEach(s -> rows.step("", s));
            doc.display(rows.rows());
            return;
        }
        List<Step> steps = d.steps();
        doc.display(new DisplayBlock().step(head, steps.get(0)).rows());
        doc.paragraph(text(d.locals().size() == 1 ? "with the local derivative" : "with the local derivatives"));
        DisplayBlock locals = new DisplayBlock();
        for (LocalDerivative l : d.locals()) {
            String lhs = partial(l.of(), l.wrt());
            String key = l.of().name() + "/" + l.wrt().name();
            locals.gap();
            if (shownLocals.add(key)) {
                derivation(locals, lhs, l.derivation());
            } else {
                locals.line(lhs, l.derivation().result(), "derived above");
            }
        }
        doc.display(locals.rows());
        if (steps.size() > 1 || !extra.isEmpty()) {
            doc.paragraph(text("so"));
            String lhs = head.contains(" = ") ? head.substring(head.lastIndexOf(" = ") + 3) : head;
            DisplayBlock rows = new DisplayBlock();
            for (Step s : shown(steps.subList(1, steps.size()))) {
                rows.step(rows.isEmpty() ? lhs : "", s);
            }
            for (Step s : extra) {
                rows.step(rows.isEmpty() ? lhs : "", s);
            }
            doc.display(rows.rows());
        }
    }

    // ---------------------------------------------------------------- parameters

    private void parameter(ParameterResult p) {
        Var w = sym.param(p.id());
        String dLdw = partial(sym.loss(), w);
        doc.subsection("\\partial L/\\partial " + name(w), p.id() + " = " + Fmt.num(p.value(), 6));
        // The computational graph once, in the first parameter's section with its path in red: the graph is the
        // same for every parameter, only the red path moves, and a copy per parameter (nine for XOR) would push
        // the derivations apart. Only the HTML page draws it; --format dot has the graph with every path.
        if (p == x.parameters().get(0)) {
            doc.raw("html", SvgComputationGraph.figure(x, p));
        }
        p.chain().ifPresent(cd -> {
            for (List<Var> path : cd.paths()) {
                StringBuilder sb = new StringBuilder();
                for (Var v : path) {
                    sb.append(sb.length() == 0 ? "" : " \\to ").append(name(v));
                }
                doc.paragraph(text("Path: "), math(sb.toString()));
            }
            chain(cd, dLdw, List.of());
        });
        doc.paragraph(text("In the δ form of the notes ("), math("\\partial L/\\partial w = \\delta a"), text(", "),
                math("\\partial L/\\partial b = \\delta"), text("):"));
        doc.display(new DisplayBlock().line(dLdw, p.deltaForm(), "").rows());
        doc.paragraph(text("The numbers, sample by sample, and the " + reductionWord() + ":"));
        List<Row> rows = new ArrayList<>();
        for (SampleTerm st : p.perSample()) {
            String lhs = "\\frac{\\partial L_{" + st.sample() + "}}{\\partial " + name(w) + "}";
            List<String> lines = LatexMath.DECIMALS.split(st.substituted(), LINE - 20);
            for (int i = 0; i < lines.size(); i++) {
                String body = (i == 0 ? "= " : "\\quad{}") + lines.get(i);
                if (i == lines.size() - 1) {
                    if (lines.size() == 1 && LatexMath.width(st.substituted()) < LINE - 32) {
                        body += " = " + num(st.value());
                        rows.add(new Row(i == 0 ? lhs : "", body, ""));
                    } else {
                        rows.add(new Row(i == 0 ? lhs : "", body, ""));
                        rows.add(new Row("", "= " + num(st.value()), ""));
                    }
                } else {
                    rows.add(new Row(i == 0 ? lhs : "", body, ""));
                }
            }
        }
        int n = x.spec().data().size();
        String red = x.spec().reduction() == Reduction.MEAN
                ? (n == 1 ? "" : "\\frac{1}{" + n + "}") + "\\sum_{n=1}^{" + n + "}"
                : "\\sum_{n=1}^{" + n + "}";
        String body = "= " + red + " \\frac{\\partial L_n}{\\partial " + name(w) + "} = " + num(p.gradient(), 6);
        Row reduce = new Row(dLdw, body, samplesPhrase(), true);
        if (p.perSample().size() < n) {
            reduce = new Row(dLdw, "= " + num(p.gradient(), 6), samplesPhrase() + " (all samples)", true);
        }
        rows.add(reduce);
        doc.display(rows);
        p.check().ifPresent(c -> check(c, p));
    }

    private void check(Check c, ParameterResult p) {
        doc.paragraph(text("Check against the central finite difference "),
                math("\\bigl(L(p + h) - L(p - h)\\bigr)/2h"), text(":"));
        List<List<Inline>> rows = new ArrayList<>();
        rows.add(List.of(text("analytic"), text("finite difference"), math("h"), text("relative error"), text("verdict")));
        String verdict = switch (c.verdict()) {
            case PASS -> "✓ pass";
            case FAIL -> "✗ FAIL";
            case KINK -> "∼ kink";
        };
        rows.add(List.of(math(num(p.gradient(), 8)), math(num(c.numeric(), 8)),
                math(small(c.h())),
                c.verdict() == Verdict.KINK ? text("—") : math(small(c.relativeError())), text(verdict)));
        doc.table(rows, new boolean[] {true, true, true, true, false});
        if (c.verdict() == Verdict.KINK) {
            c.kink().ifPresent(k -> {
                StringBuilder sb = new StringBuilder("A finite difference cannot judge here: ");
                sb.append(k.fn() == dev.chainrule.expr.Fn.RELU ? "ReLU" : k.fn().inputName());
                k.unit().ifPresent(u -> sb.append(" of ").append(Notation.text(u)));
                p.kinkSample().ifPresent(s -> sb.append(" in sample ").append(s));
                sb.append(" has the argument ").append(Fmt.num(k.argument()))
                        .append(", within the step h of the kink at 0; the one-sided slopes are ")
                        .append(Fmt.num(k.leftDerivative())).append(" (left) and ").append(Fmt.num(k.rightDerivative()))
                        .append(" (right), and the analytic value uses ReLU′(0) = 0.");
                doc.paragraph(text(sb.toString()));
            });
        }
    }

    // ---------------------------------------------------------------- matrix form

    private void matrices() {
        doc.section("Matrix form, layer by layer");
        int n = x.spec().data().size();
        for (LayerGradient g : x.layers()) {
            String l = String.valueOf(g.layer());
            String lm = String.valueOf(g.layer() - 1);
            List<Row> rows = new ArrayList<>();
            rows.add(new Row("\\nabla_{W^{(" + l + ")}} L", "= \\delta^{(" + l + ")} a^{(" + lm + ")\\top}, \\qquad \\nabla_{b^{("
                    + l + ")}} L = \\delta^{(" + l + ")}" + (g.layer() == 1 ? ", \\qquad a^{(0)} = x" : ""), ""));
            if (g.reducedWeights().length > 8 || g.reducedWeights()[0].length > 8) {
                doc.display(rows);
                doc.paragraph(text("(" + g.reducedWeights().length + "×" + g.reducedWeights()[0].length
                        + ": too large to print; use --format json)"));
                continue;
            }
            for (int r = 0; r < x.samplesShown().size(); r++) {
                String sample = "\\text{sample " + x.samplesShown().get(r) + ":}\\quad ";
                String delta = "\\delta^{(" + l + ")} = " + rowVector(g.deltaPerSample().get(r)) + "^{\\top}";
                String a = "a^{(" + lm + ")} = " + rowVector(g.inputPerSample().get(r)) + "^{\\top}";
                if (vectorWidth(g.deltaPerSample().get(r)) + vectorWidth(g.inputPerSample().get(r)) + 24 <= LINE) {
                    rows.add(new Row("", sample + delta + ", \\quad " + a, "", r == 0));
                } else {
                    rows.add(new Row("", sample + delta + ",", "", r == 0));
                    rows.add(new Row("", "\\phantom{" + sample + "}" + a, ""));
                }
            }
            String red = x.spec().reduction() == Reduction.MEAN && n > 1 ? "\\frac{1}{" + n + "}\\sum_{n}" : "\\sum_{n}";
            rows.add(new Row("\\nabla_{W^{(" + l + ")}} L", "= " + red + " \\delta_n^{(" + l + ")} a_n^{(" + lm + ")\\top} = "
                    + matrix(g.reducedWeights()), "", true));
            double[][] col = new double[g.reducedBiases().length][];
            for (int i = 0; i < col.length; i++) {
                col[i] = new double[] {g.reducedBiases()[i]};
            }
            rows.add(new Row("\\nabla_{b^{(" + l + ")}} L", "= " + red + " \\delta_n^{(" + l + ")} = " + matrix(col), "", true));
            doc.display(rows);
        }
    }

    private static int vectorWidth(double[] v) {
        int w = 4;
        for (double d : v) {
            w += num(d).length() + 3;
        }
        return w;
    }

    private static String rowVector(double[] v) {
        StringBuilder sb = new StringBuilder("\\begin{bmatrix}");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : " & ").append(num(v[i]));
        }
        return sb.append("\\end{bmatrix}").toString();
    }

    private static String matrix(double[][] m) {
        StringBuilder sb = new StringBuilder("\\begin{bmatrix}");
        for (int i = 0; i < m.length; i++) {
            sb.append(i == 0 ? "" : " \\\\ ");
            for (int j = 0; j < m[i].length; j++) {
                sb.append(j == 0 ? "" : " & ").append(num(m[i][j]));
            }
        }
        return sb.append("\\end{bmatrix}").toString();
    }

    // ---------------------------------------------------------------- summary

    private void summary() {
        long pass = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.PASS).orElse(false)).count();
        long fail = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.FAIL).orElse(false)).count();
        long kink = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.KINK).orElse(false)).count();
        doc.section("Summary");
        List<Inline> parts = new ArrayList<>();
        parts.add(text(x.parameters().size() + (x.parameters().size() == 1 ? " parameter: " : " parameters: ")
                + pass + " pass, " + fail + " fail, " + kink + " kink."));
        x.fastCheck().ifPresent(f -> {
            parts.add(text(" Random-direction check: "));
            parts.add(math("g \\cdot v = " + num(f.analytic(), 8)));
            parts.add(text(" against the finite difference "));
            parts.add(math(num(f.numeric(), 8)));
            parts.add(text(" → " + f.verdict().jsonName() + "."));
        });
        doc.paragraph(parts);
    }
}
