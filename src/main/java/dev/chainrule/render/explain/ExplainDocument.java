package dev.chainrule.render.explain;

import dev.chainrule.render.doc.ChangingSteps;
import dev.chainrule.render.doc.DisplayBlock;
import dev.chainrule.render.doc.LatexMath;
import dev.chainrule.render.doc.MathDoc;
import dev.chainrule.render.doc.NetworkNames;
import dev.chainrule.expr.Fmt;
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
import dev.chainrule.network.spec.ParamId;
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
 * What the LaTeX, Markdown and HTML explanations show, as a textbook chapter: the network and its forward pass;
 * the error signals δ derived once per layer (the output layer from the loss and its activation, then
 * δ^(l) = (W^(l+1)ᵀ δ^(l+1)) ⊙ g′(z^(l)) with its numbers per unit); a table of every gradient ∂L/∂w = δa,
 * ∂L/∂b = δ with its numbers; the explicit paths only for the parameters asked for or a worked exercise
 * ({@link #pathShown}); and a closing table of every gradient against its finite difference. No line repeats the
 * one above it ({@link ChangingSteps}). Prints the records; computes nothing.
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
        gradients();
        paths();
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
        for (Step s : changing(d.goal(), d.steps())) {
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
        doc.display(defs);
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
        valueTables(List.of(), heads, cols);
        x.expandedLoss().ifPresent(e -> {
            doc.paragraph(text("Written out in the weights alone:"));
            doc.display(new DisplayBlock().line("L", e, ""));
        });
        doc.paragraph(text("The loss is the " + reductionWord() + " of the per-sample losses over "
                + spec.data().size() + (spec.data().size() == 1 ? " sample" : " samples")
                + ExplainTextRenderer.penaltyWords(spec) + ": "),
                math("L = " + num(x.loss(), 6)));
    }

    /**
     * Tables of per-sample values, at most {@link #TABLE_COLUMNS} value columns each, n first; the first kept
     * with its caption (none when empty).
     */
    private void valueTables(List<Inline> caption, List<String> heads, List<List<String>> cols) {
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
                if (to > from && width + w + 3 > doc.lineWidth() - 4) {
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
            table(from == 0 ? caption : List.of(), rows, numeric);
        }
    }

    private void table(List<Inline> caption, List<List<Inline>> rows, boolean[] numeric) {
        if (caption.isEmpty()) {
            doc.table(rows, numeric);
        } else {
            doc.table(caption, rows, numeric);
        }
    }

    // ---------------------------------------------------------------- error signals

    /** Per-unit δ lines are written out while a layer has at most this many units (and the layer above at most 4). */
    static final int UNIT_LINES = 8;

    private void deltas() {
        Backprop bp = x.backprop();
        int top = sym.layers();
        doc.section("Error signals, derived once per layer");
        doc.paragraph(math("\\delta_i^{(l)} = \\partial L/\\partial z_i^{(l)}"),
                text(" is the error signal of unit "), math("i"), text(" in layer "), math("l"),
                text(": derived for the output layer from the loss and its activation, then passed back one layer at a time."));
        doc.paragraph(text("Output layer " + top + ":"));
        for (OutputDelta od : bp.outputDeltas()) {
            Var z = sym.z(top, od.unit());
            String head = name(sym.delta(top, od.unit())) + " = " + partial(sym.loss(), z);
            chain(od.derivation(), head, od.extraSteps());
        }
        deltaNumbers(top);
        for (int l = top - 1; l >= 1; l--) {
            hiddenDeltas(bp, l);
        }
    }

    /** δ^(l) from δ^(l+1): the chain rule over the units of layer l + 1, its two local derivatives, δ per unit. */
    private void hiddenDeltas(Backprop bp, int l) {
        String up = String.valueOf(l + 1);
        String here = String.valueOf(l);
        doc.paragraph(text("Hidden layer " + l + ": "), math("z_i^{(" + here + ")}"), text(" reaches "), math("L"),
                text(" through every unit "), math("k"), text(" of layer " + up + ", so the chain rule sums over them:"));
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("\\delta_i^{(" + here + ")}", "= \\sum_k \\delta_k^{(" + up + ")} \\frac{\\partial z_k^{(" + up
                + ")}}{\\partial a_i^{(" + here + ")}} \\frac{\\partial a_i^{(" + here + ")}}{\\partial z_i^{(" + here + ")}}",
                "chain rule"));
        rows.add(new Row("", "= g'\\bigl(z_i^{(" + here + ")}\\bigr) \\sum_k w_{ki}^{(" + up + ")} \\delta_k^{(" + up + ")}",
                "the two local derivatives below"));
        rows.add(new Row("\\delta^{(" + here + ")}", "= \\bigl(W^{(" + up + ")\\top} \\delta^{(" + up + ")}\\bigr) \\odot g'\\bigl(z^{("
                + here + ")}\\bigr)", "matrix form", true));
        doc.display(rows);
        DisplayBlock locals = new DisplayBlock();
        derivation(locals, partial(sym.z(l + 1, 1), sym.a(l, 1)), bp.linearDerivation(l));
        derivation(locals.gap(), partial(sym.a(l, 1), sym.z(l, 1)), bp.activationDerivation(l));
        doc.paragraph(text("with the two local derivatives, here for the first units (every other pair differs only in its indices):"));
        doc.display(locals);
        if (sym.width(l) <= UNIT_LINES && sym.width(l + 1) <= 4) {
            doc.paragraph(text("Unit by unit:"));
            DisplayBlock units = new DisplayBlock();
            for (int i = 1; i <= sym.width(l); i++) {
                Var d = sym.delta(l, i);
                units.line(name(d), bp.deltas().get(d.name()), "");
            }
            doc.display(units);
        }
        deltaNumbers(l);
    }

    /** The numbers of δ^(l), a column per unit, a row per sample shown. */
    private void deltaNumbers(int l) {
        List<String> heads = new ArrayList<>();
        List<List<String>> cols = new ArrayList<>();
        for (int i = 1; i <= sym.width(l); i++) {
            Var d = sym.delta(l, i);
            heads.add(name(d));
            cols.add(namedColumn(d.name()));
        }
        valueTables(List.of(text("The numbers of "), math("\\delta^{(" + l + ")}"), text(", sample by sample:")),
                heads, cols);
    }

    /** The steps of a derivation that change the line above (see {@link ChangingSteps}), as this document shows them. */
    private List<Step> changing(Expr before, List<Step> steps) {
        return ChangingSteps.after(before, shown(steps));
    }

    /** A chain derivation: the chain line, each local derivative (in full the first time), then the steps. */
    private void chain(ChainDerivation d, String head, List<Step> extra) {
        if (d.isDirect()) {
            DisplayBlock rows = new DisplayBlock().line(head, d.direct().goal(), "");
            List<Step> steps = changing(d.direct().goal(), d.direct().steps());
            steps.forEach(s -> rows.step("", s));
            Expr last = steps.isEmpty() ? d.direct().goal() : steps.get(steps.size() - 1).expr();
            changing(last, extra).forEach(s -> rows.step("", s));
            doc.display(rows);
            return;
        }
        List<Step> steps = d.steps();
        doc.display(new DisplayBlock().step(head, steps.get(0)));
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
        doc.display(locals);
        List<Step> rest = new ArrayList<>(changing(steps.get(0).expr(), steps.subList(1, steps.size())));
        Expr last = rest.isEmpty() ? steps.get(0).expr() : rest.get(rest.size() - 1).expr();
        rest.addAll(changing(last, extra));
        if (!rest.isEmpty()) {
            doc.paragraph(text("so"));
            String lhs = head.contains(" = ") ? head.substring(head.lastIndexOf(" = ") + 3) : head;
            DisplayBlock rows = new DisplayBlock();
            for (Step s : rest) {
                rows.step(rows.isEmpty() ? lhs : "", s);
            }
            doc.display(rows);
        }
    }

    // ---------------------------------------------------------------- parameters

    private void parameter(ParameterResult p) {
        Var w = sym.param(p.id());
        String dLdw = partial(sym.loss(), w);
        doc.subsection("\\partial L/\\partial " + name(w), p.id() + " = " + Fmt.num(p.value(), 6));
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
        doc.display(new DisplayBlock().line(dLdw, p.deltaForm(), ""));
        doc.paragraph(text("The numbers, sample by sample, and the " + reductionWord() + ":"));
        List<Row> rows = new ArrayList<>();
        for (SampleTerm st : p.perSample()) {
            String lhs = "\\frac{\\partial L_{" + st.sample() + "}}{\\partial " + name(w) + "}";
            List<String> lines = LatexMath.DECIMALS.split(st.substituted(), doc.lineWidth() - 20);
            for (int i = 0; i < lines.size(); i++) {
                String body = (i == 0 ? "= " : "\\quad{}") + lines.get(i);
                if (i == lines.size() - 1) {
                    if (lines.size() == 1 && LatexMath.width(st.substituted()) < doc.lineWidth() - 32) {
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
        double data = p.penalty().map(NetworkExplanation.Penalty::dataGradient).orElse(p.gradient());
        String body = "= " + red + " \\frac{\\partial L_n}{\\partial " + name(w) + "} = " + num(data, 6);
        Row reduce = new Row(dLdw, body, samplesPhrase(), true);
        if (p.perSample().size() < n) {
            reduce = new Row(dLdw, "= " + num(data, 6), samplesPhrase() + " (all samples)", true);
        }
        rows.add(reduce);
        doc.display(rows);
        p.penalty().ifPresent(pen -> {
            doc.paragraph(text("The regularization term of this weight, added to the reduced loss, differentiated on"
                    + " its own, and the total:"));
            String of = "\\frac{\\partial}{\\partial " + name(w) + "}\\left(" + LatexMath.str(pen.term()) + "\\right)";
            doc.display(new DisplayBlock().line(of, pen.derivative(), "regularization"));
            doc.display(List.of(new Row(dLdw, "= " + num(data, 6) + (pen.value() < 0 ? " - " : " + ")
                    + num(Math.abs(pen.value()), 6) + " = " + num(p.gradient(), 6), "total")));
        });
    }

    // ---------------------------------------------------------------- every gradient

    /** Rows per table: a longer table is cut, since a LaTeX tabular does not break across pages. */
    static final int TABLE_ROWS = 30;
    /** Per-sample columns in the gradient table while every sample is shown and there are at most this many. */
    static final int SAMPLE_COLUMNS = 4;

    /** Per layer, a table of every parameter: ∂L/∂p in δ form, its value per sample and reduced. */
    private void gradients() {
        doc.section("Every gradient: ∂L/∂w = δa and ∂L/∂b = δ");
        int n = x.spec().data().size();
        boolean perSample = x.samplesShown().size() == n && n <= SAMPLE_COLUMNS;
        doc.paragraph(text("With the error signals above, a weight's gradient is its unit's "), math("\\delta"),
                text(" times the activation the weight multiplies, a bias's is its unit's "), math("\\delta"),
                text(perSample ? "; per sample, then the " + reductionWord() + " over the samples:"
                        : "; the " + samplesPhrase() + ":"));
        List<Inline> head = new ArrayList<>(List.of(text("parameter"), text("δ form")));
        if (perSample) {
            for (int s : x.samplesShown()) {
                head.add(math("n = " + s));
            }
        }
        head.add(text(reductionWord()));
        if (x.parameters().stream().noneMatch(p -> pathShown(x, p))) {
            // the computational graph once (HTML only), with the first parameter's path in violet; with paths written
            // out it opens their section instead
            doc.raw("html", SvgComputationGraph.figure(x, x.parameters().get(0)));
        }
        for (LayerGradient g : x.layers()) {
            List<List<Inline>> rows = new ArrayList<>();
            for (int i = 0; i < g.reducedBiases().length; i++) {
                for (int j = 0; j < g.reducedWeights()[i].length; j++) {
                    List<String> values = new ArrayList<>();
                    for (double[][] w : perSample ? g.weightsPerSample() : List.<double[][]>of()) {
                        values.add(num(w[i][j]));
                    }
                    values.add(num(g.reducedWeights()[i][j], 6));
                    rows.add(gradientRow(ParamId.weight(g.layer(), i + 1, j + 1), values));
                }
            }
            for (int i = 0; i < g.reducedBiases().length; i++) {
                List<String> values = new ArrayList<>();
                for (double[] d : perSample ? g.deltaPerSample() : List.<double[]>of()) {
                    values.add(num(d[i]));
                }
                values.add(num(g.reducedBiases()[i], 6));
                rows.add(gradientRow(ParamId.bias(g.layer(), i + 1), values));
            }
            tables(List.of(text("Layer " + g.layer() + ":")), head, rows, 2);
        }
    }

    private List<Inline> gradientRow(ParamId id, List<String> values) {
        List<Inline> row = new ArrayList<>();
        row.add(math("\\partial L/\\partial " + name(sym.param(id))));
        row.add(math(LatexMath.str(x.backprop().gradient(id))));
        values.forEach(v -> row.add(math(v)));
        return row;
    }

    /**
     * A table cut into tables of at most {@link #TABLE_ROWS} rows, each with the head, the first with its caption;
     * the first {@code textColumns} columns are text.
     */
    private void tables(List<Inline> caption, List<Inline> head, List<List<Inline>> rows, int textColumns) {
        boolean[] numeric = new boolean[head.size()];
        for (int c = textColumns; c < numeric.length; c++) {
            numeric[c] = true;
        }
        for (int from = 0; from < rows.size(); from += TABLE_ROWS) {
            List<List<Inline>> part = new ArrayList<>();
            part.add(head);
            part.addAll(rows.subList(from, Math.min(rows.size(), from + TABLE_ROWS)));
            table(from == 0 ? caption : List.of(), part, numeric);
        }
    }

    // ---------------------------------------------------------------- worked paths

    /** Paths are written out for the parameters asked for, or for every parameter of a worked exercise. */
    static final int EXERCISE_LAYERS = 2;
    static final int EXERCISE_PARAMETERS = 9;

    /**
     * Whether the explicit path derivation of {@code p} is shown: it must have been derived, and either asked for
     * with --param or the network a worked exercise (at most {@link #EXERCISE_LAYERS} layers and
     * {@link #EXERCISE_PARAMETERS} parameters, one sample), where every path fits a few pages.
     */
    static boolean pathShown(NetworkExplanation x, ParameterResult p) {
        NetworkSpec spec = x.spec();
        boolean exercise = spec.layerCount() <= EXERCISE_LAYERS && spec.parameterCount() <= EXERCISE_PARAMETERS
                && spec.data().size() == 1;
        return p.chain().isPresent() && (x.parametersAsked() || exercise);
    }

    private void paths() {
        List<ParameterResult> shown = x.parameters().stream().filter(p -> pathShown(x, p)).toList();
        if (shown.isEmpty()) {
            return;
        }
        doc.section(shown.size() == 1 ? "The path, written out" : "The paths, parameter by parameter");
        doc.paragraph(text("The same gradients by the chain rule along every path from the parameter to "), math("L"),
                text(", each local derivative by the rules, then with each sample's numbers."));
        // The computational graph once, with the first parameter's path in violet: the graph is the same for every
        // parameter, only the red path moves. Only the HTML page draws it; --format dot has every path.
        doc.raw("html", SvgComputationGraph.figure(x, shown.get(0)));
        shown.forEach(this::parameter);
    }

    // ---------------------------------------------------------------- summary

    private void summary() {
        long pass = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.PASS).orElse(false)).count();
        long fail = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.FAIL).orElse(false)).count();
        long kink = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.KINK).orElse(false)).count();
        long unresolved = x.parameters().stream().filter(p -> p.check().map(c -> c.verdict() == Verdict.UNRESOLVED).orElse(false)).count();
        doc.section("Summary");
        List<Inline> parts = new ArrayList<>();
        parts.add(text(x.parameters().size() + (x.parameters().size() == 1 ? " parameter: " : " parameters: ")
                + pass + " pass, " + fail + " fail, " + kink + " kink" + (unresolved == 0 ? "." : ", " + unresolved
                + " unresolved (" + dev.chainrule.numeric.Verdicts.UNSETTLED_WHY + ").")));
        x.fastCheck().ifPresent(f -> {
            parts.add(text(" Random-direction check: "));
            parts.add(math("g \\cdot v = " + num(f.analytic(), 8)));
            parts.add(text(" against the finite difference "));
            parts.add(math(num(f.numeric(), 8)));
            parts.add(text(" → " + f.verdict().jsonName() + "."));
        });
        List<ParameterResult> checked = x.parameters().stream().filter(p -> p.check().isPresent()).toList();
        if (!checked.isEmpty()) {
            parts.add(text(" Each gradient against the central finite difference "));
            parts.add(math("\\bigl(L(p + h) - L(p - h)\\bigr)/2h"));
            parts.add(text(":"));
        }
        List<Inline> head = List.of(text("parameter"), text("gradient"), text("finite difference"), math("h"),
                text("relative error"), text("verdict"));
        List<List<Inline>> rows = new ArrayList<>();
        for (ParameterResult p : checked) {
            Check c = p.check().orElseThrow();
            String verdict = verdictWord(c.verdict());
            rows.add(List.of(math("\\partial L/\\partial " + name(sym.param(p.id()))), math(num(p.gradient(), 6)),
                    math(num(c.numeric(), 8)), math(small(c.h())),
                    c.verdict() == Verdict.KINK ? text("—") : math(small(c.relativeError())), text(verdict)));
        }
        if (rows.isEmpty()) {
            doc.paragraph(parts);
        } else {
            tables(parts, head, rows, 1);
        }
        for (ParameterResult p : checked) {
            kinkNote(p);
        }
    }

    /** A check's verdict as the summary tables write it. */
    static String verdictWord(Verdict v) {
        return switch (v) {
            case PASS -> "✓ pass";
            case FAIL -> "✗ FAIL";
            case KINK -> "∼ kink";
            case UNRESOLVED -> "? unresolved";
        };
    }

    /** Why a finite difference cannot judge a parameter whose check hit a kink of ReLU (or another kinked function). */
    private void kinkNote(ParameterResult p) {
        Check c = p.check().orElseThrow();
        if (c.verdict() != Verdict.KINK) {
            return;
        }
        c.kink().ifPresent(k -> {
            // the same sentence as the text output's, its math typeset: the unit, the argument, h, the slopes
            StringBuilder sb = new StringBuilder(": a finite difference cannot judge here, since ");
            sb.append(k.fn() == dev.chainrule.expr.Fn.RELU ? "ReLU" : k.fn().inputName());
            k.unit().ifPresent(u -> sb.append(" of $").append(Notation.text(u)).append('$'));
            p.kinkSample().ifPresent(s -> sb.append(" in sample ").append(s));
            sb.append(" has the argument $").append(Fmt.num(k.argument()))
                    .append("$, within the step $h$ of the kink at $0$; the one-sided slopes are $")
                    .append(Fmt.num(k.leftDerivative())).append("$ (left) and $").append(Fmt.num(k.rightDerivative()))
                    .append("$ (right), and the analytic value uses $ReLU′(0) = 0$.");
            List<MathDoc.Inline> parts = new ArrayList<>(List.of(math("\\partial L/\\partial " + name(sym.param(p.id())))));
            parts.addAll(MathDoc.marked(sb.toString()));
            doc.paragraph(parts);
        });
    }
}
