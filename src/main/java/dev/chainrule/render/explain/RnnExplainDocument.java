package dev.chainrule.render.explain;

import static dev.chainrule.render.doc.DocLayout.num;
import static dev.chainrule.render.doc.DocLayout.small;
import static dev.chainrule.render.doc.MathDoc.math;
import static dev.chainrule.render.doc.MathDoc.text;

import dev.chainrule.network.RnnAnalysis.Delta;
import dev.chainrule.network.RnnAnalysis.Explanation;
import dev.chainrule.network.RnnAnalysis.Head;
import dev.chainrule.network.RnnAnalysis.Parameter;
import dev.chainrule.network.RnnAnalysis.State;
import dev.chainrule.network.RnnAnalysis.Term;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.RnnNetSpec;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.render.doc.LatexMath;
import dev.chainrule.render.doc.MathDoc;
import dev.chainrule.render.doc.MathDoc.Inline;
import dev.chainrule.render.doc.MathDoc.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * explain of a recurrent network (an rnn layer, then dense layers; contract §5) as a textbook page (LaTeX, Markdown,
 * HTML through {@link MathDoc}): the definitions, z_t = W x_t + U h_{t−1} + b, h_t = g(z_t), h_0 = 0, the dense
 * layers on h_T and the loss; the parameters as matrices; the forward pass step by step; backpropagation through
 * time, δ_T = (∂L/∂h_T) ⊙ g′(z_T) and δ_t = (Uᵀδ_{t+1}) ⊙ g′(z_t), every step's numbers; the gradients as sums over
 * time, ∂L/∂U = Σ_t δ_t h_{t−1}ᵀ, ∂L/∂W = Σ_t δ_t x_tᵀ, ∂L/∂b = Σ_t δ_t, with one recurrent weight's sum written out
 * term by term; the dense layers' gradients, the regularization's own derivative, and every gradient against its
 * finite difference. Every number comes from {@link Explanation}; nothing is computed here.
 */
public final class RnnExplainDocument {
    /** Terms of the written-out sum per display line. */
    private static final int TERMS_PER_LINE = 3;

    private final MathDoc doc;
    private final Explanation x;
    private final RnnNetSpec spec;

    private RnnExplainDocument(MathDoc doc, Explanation x) {
        this.doc = doc;
        this.x = x;
        this.spec = x.spec();
    }

    public static String write(MathDoc doc, Explanation x) {
        new RnnExplainDocument(doc, x).all();
        return doc.finish();
    }

    private void all() {
        int n = spec.data().size();
        doc.title("Backpropagation through time in a recurrent network", List.of(text(RnnExplainRenderer.network(spec)
                + "; loss " + spec.loss().yamlName() + ", " + spec.reduction().yamlName() + " over " + n
                + (n == 1 ? " sample" : " samples"))));
        definitions();
        for (int s = 1; s <= n; s++) {
            forward(s);
            backward(s);
        }
        gradients();
        summary();
    }

    // ---------------------------------------------------------------- names

    private int last() {
        return spec.layerCount();
    }

    private int steps(int sample) {
        return spec.data().get(sample - 1).steps();
    }

    /** What dense layer l reads: h_T for the first (T of the sample, or T in general), else a^{(l−1)}. */
    private static String in(int l, String t) {
        return l == 2 ? "h_{" + t + "}" : "a^{(" + (l - 1) + ")}";
    }

    private String a(int l) {
        return l == last() ? "\\hat{y}" : "a^{(" + l + ")}";
    }

    private static String partial(String of) {
        return "\\frac{\\partial L}{\\partial " + of + "}";
    }

    private static String g(Activation act) {
        return switch (act) {
            case SIGMOID -> "\\sigma";
            case TANH -> "\\tanh";
            case IDENTITY -> "";
            default -> "\\operatorname{" + act.symbol() + "}";
        };
    }

    private static String applied(Activation act, String arg) {
        String g = g(act);
        return g.isEmpty() ? arg : g + "(" + arg + ")";
    }

    private static String derivative(Activation act, String arg) {
        String g = g(act);
        return g.isEmpty() ? "1" : g + "'(" + arg + ")";
    }

    private String sampleWords(int s) {
        return spec.data().size() == 1 ? "" : ", sample " + s;
    }

    // ---------------------------------------------------------------- definitions

    private void definitions() {
        RnnNetSpec.Rnn rnn = spec.rnn();
        doc.section("The network");
        doc.paragraph(text("The rnn layer reads one input vector per step, t = 1, …, T, and carries its state "),
                math("h_t"), text(" from step to step with the same W, U and b at every step; the dense layers read the "
                        + "last state "), math("h_T"), text(" (indices start at 1):"));
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("z_t", "= W x_t + U h_{t-1} + b", "rnn layer, " + rnn.units()
                + (rnn.units() == 1 ? " unit" : " units"), true));
        rows.add(new Row("h_t", "= " + applied(rnn.activation(), "z_t"), rnn.activation().yamlName()));
        rows.add(new Row("h_0", "= 0", "no state before step 1"));
        for (int l = 2; l <= last(); l++) {
            LayerSpec d = spec.dense(l);
            rows.add(new Row("z^{(" + l + ")}", "= W^{(" + l + ")} " + in(l, "T") + " + b^{(" + l + ")}",
                    "dense layer " + l, true));
            rows.add(new Row(a(l), "= " + applied(d.activation(), "z^{(" + l + ")}"), d.activation().yamlName()));
        }
        rows.add(new Row("L", "= " + LatexMath.str(x.lossDefinition()), spec.loss().yamlName() + " loss", true));
        doc.display(rows);
        if (!spec.regularization().isNone()) {
            doc.paragraph(text("The loss minimized is the " + spec.reduction().yamlName() + " of the samples' losses plus"
                    + " the regularization term, over W, U and the dense weights (never a bias):"));
            doc.display(List.of(new Row("R", "= " + penaltyFormula(), "regularization")));
        }
        doc.paragraph(text("The parameters:"));
        List<Row> params = new ArrayList<>();
        params.add(new Row("W", "= " + ConvExplainDocument.matrix(rnn.w()), "input weights"));
        params.add(new Row("U", "= " + ConvExplainDocument.matrix(rnn.u()), "recurrent weights"));
        params.add(new Row("b", "= " + column(rnn.b()), ""));
        for (int l = 2; l <= last(); l++) {
            params.add(new Row("W^{(" + l + ")}", "= " + ConvExplainDocument.matrix(spec.dense(l).weights()), "", true));
            params.add(new Row("b^{(" + l + ")}", "= " + column(spec.dense(l).biases()), ""));
        }
        doc.display(params);
    }

    /** (λ/2)·Σw² + μ·Σ|w| with the spec's numbers, the zero part left out. */
    private String penaltyFormula() {
        double l2 = spec.regularization().l2();
        double l1 = spec.regularization().l1();
        String two = l2 == 0 ? "" : "\\frac{" + num(l2) + "}{2} \\sum w^2";
        String one = l1 == 0 ? "" : num(l1) + " \\sum |w|";
        return two + (two.isEmpty() || one.isEmpty() ? "" : " + ") + one;
    }

    // ---------------------------------------------------------------- forward

    private void forward(int s) {
        int steps = steps(s);
        doc.section("Forward pass" + sampleWords(s));
        doc.paragraph(text("Step by step, from "), math("h_0 = 0"), text(" (T = " + steps + "):"));
        List<Row> rows = new ArrayList<>();
        RnnNetSpec.Sequence seq = spec.data().get(s - 1);
        for (int t = 1; t <= steps; t++) {
            double[] xt = new double[spec.inputs().size()];
            for (int j = 0; j < xt.length; j++) {
                xt[j] = seq.xAt(t - 1, j);
            }
            rows.add(new Row("x_{" + t + "}", "= " + column(xt), "step " + t, true));
            String form = t == 1 ? "W x_{1} + b" : "W x_{" + t + "} + U h_{" + (t - 1) + "} + b";
            rows.add(new Row("z_{" + t + "}", "= " + form + " = " + column(z(s, t)), t == 1 ? "h₀ = 0" : ""));
            rows.add(new Row("h_{" + t + "}", "= " + applied(spec.rnn().activation(), "z_{" + t + "}") + " = "
                    + column(h(s, t)), ""));
        }
        for (int l = 2; l <= last(); l++) {
            String sl = String.valueOf(l);
            rows.add(new Row("z^{(" + sl + ")}", "= W^{(" + sl + ")} " + in(l, String.valueOf(steps)) + " + b^{(" + sl
                    + ")} = " + column(head(s, l, Head::z)), "dense layer " + l, true));
            rows.add(new Row(a(l), "= " + applied(spec.dense(l).activation(), "z^{(" + sl + ")}") + " = "
                    + column(head(s, l, Head::a)), ""));
        }
        rows.add(new Row(spec.data().size() == 1 ? "L" : "L_{" + s + "}", "= " + num(x.sampleLosses().get(s - 1), 6),
                "this sample's loss", true));
        doc.display(rows);
    }

    private double[] z(int s, int t) {
        return states(s, t).stream().mapToDouble(State::z).toArray();
    }

    private double[] h(int s, int t) {
        return states(s, t).stream().mapToDouble(State::h).toArray();
    }

    private List<State> states(int s, int t) {
        return x.states().stream().filter(st -> st.sample() == s && st.step() == t).toList();
    }

    private double[] head(int s, int l, ToDoubleFunction<Head> f) {
        return x.head().stream().filter(hd -> hd.sample() == s && hd.layer() == l).mapToDouble(f).toArray();
    }

    private double[] delta(int s, int t, ToDoubleFunction<Delta> f) {
        return x.deltas().stream().filter(d -> d.sample() == s && d.step() == t).mapToDouble(f).toArray();
    }

    // ---------------------------------------------------------------- backward

    private void backward(int s) {
        int steps = steps(s);
        Activation act = spec.rnn().activation();
        doc.section("Backpropagation through time" + sampleWords(s));
        if (s == 1) {
            explainRecursion();
        }
        List<Row> rows = new ArrayList<>();
        for (int l = last(); l >= 2; l--) {
            String d = "\\delta^{(" + l + ")}";
            if (l == last()) {
                String form = x.outputDeltas().size() == 1 ? " = " + LatexMath.str(x.outputDeltas().get(0)) : "";
                rows.add(new Row(d, "= " + partial("z^{(" + l + ")}") + form + " = " + column(head(s, l, Head::delta)),
                        "output layer", l == last()));
            } else {
                rows.add(new Row(d, "= \\bigl(W^{(" + (l + 1) + ")\\top} \\delta^{(" + (l + 1) + ")}\\bigr) \\odot "
                        + derivative(spec.dense(l).activation(), "z^{(" + l + ")}") + " = "
                        + column(head(s, l, Head::delta)), "dense layer " + l));
            }
        }
        for (int t = steps; t >= 1; t--) {
            String st = String.valueOf(t);
            if (t == steps) {
                rows.add(new Row(partial("h_{" + st + "}"), "= W^{(2)\\top} \\delta^{(2)} = "
                        + column(delta(s, t, Delta::upstream)), "from the dense layer", true));
                rows.add(new Row("\\delta_{" + st + "}", "= " + partial("h_{" + st + "}") + times(act, s, t),
                        "t = T = " + steps));
            } else {
                rows.add(new Row("\\delta_{" + st + "}", "= " + (act == Activation.IDENTITY ? "U^{\\top} \\delta_{"
                        + (t + 1) + "}" : "\\bigl(U^{\\top} \\delta_{" + (t + 1) + "}\\bigr)") + times(act, s, t),
                        "t = " + t, true));
            }
        }
        doc.display(rows);
    }

    /**
     * " ⊙ g′(z_t) = (∂L/∂h_t) ⊙ (g′) = δ_t" with the numbers; for the identity, whose derivative is 1, just
     * " = δ_t".
     */
    private String times(Activation act, int s, int t) {
        if (act == Activation.IDENTITY) {
            return " = " + column(delta(s, t, Delta::delta));
        }
        return " \\odot " + derivative(act, "z_{" + t + "}") + " = " + column(delta(s, t, Delta::upstream)) + " \\odot "
                + column(delta(s, t, Delta::gPrime)) + " = " + column(delta(s, t, Delta::delta));
    }

    /** How δ moves down through time, once before the first sample's numbers. */
    private void explainRecursion() {
        doc.paragraph(text("The error signal of step t is "), math("\\delta_t = \\partial L/\\partial z_t"),
                text(". The dense layers give "), math("\\partial L/\\partial h_{T}"), text("; below that, "),
                math("h_t"), text(" reaches the loss only through "), math("z_{t+1} = W x_{t+1} + U h_t + b"),
                text(", so "), math("\\partial L/\\partial h_t = U^{\\top} \\delta_{t+1}"),
                text(", and every δ goes through the activation's derivative:"));
    }

    // ---------------------------------------------------------------- gradients

    private void gradients() {
        int n = spec.data().size();
        doc.section("Gradients");
        doc.paragraph(text("W, U and b are used at every step, so the chain rule adds one term per step: "
                + "backpropagation through time sums "), math("\\delta_t"), text(" times what the weight multiplied at"
                + " step t" + (n == 1 ? ":" : ", per sample, then the " + spec.reduction().yamlName()
                + " over the " + n + " samples" + (penalized() ? ", plus the regularization term's derivative:" : ":"))
                + (n == 1 && penalized() ? " (plus the regularization term's derivative)" : "")));
        String r = penalized() ? " + \\frac{\\partial R}{\\partial U}" : "";
        String rw = penalized() ? " + \\frac{\\partial R}{\\partial W}" : "";
        List<Row> rows = new ArrayList<>();
        int units = spec.rnn().units();
        int fanIn = spec.rnn().fanIn();
        rows.add(formula(partial("U"), "= \\sum_{t=1}^{T} \\delta_t\\, h_{t-1}^{\\top}" + r,
                grid(ParamId.Kind.RECURRENT, 1, units, units), "h₀ = 0: step 1 adds 0"));
        rows.add(formula(partial("W"), "= \\sum_{t=1}^{T} \\delta_t\\, x_t^{\\top}" + rw,
                grid(ParamId.Kind.WEIGHT, 1, units, fanIn), ""));
        rows.add(formula(partial("b"), "= \\sum_{t=1}^{T} \\delta_t", biases(1, units), ""));
        doc.display(rows.stream().filter(java.util.Objects::nonNull).toList());
        missing(1);
        workedSum();
        for (int l = 2; l <= last(); l++) {
            int layer = l;
            if (x.parameters().stream().noneMatch(p -> p.id().layer() == layer)) {
                continue;
            }
            LayerSpec d = spec.dense(l);
            doc.paragraph(text("Dense layer " + l + (n == 1 ? ":" : ", per sample, then the "
                    + spec.reduction().yamlName() + " over the " + n + " samples:")));
            List<Row> dense = new ArrayList<>();
            String dr = penalized() ? " + \\frac{\\partial R}{\\partial W^{(" + l + ")}}" : "";
            dense.add(formula(partial("W^{(" + l + ")}"), "= \\delta^{(" + l + ")} {" + in(l, "T") + "}^{\\top}" + dr,
                    grid(ParamId.Kind.WEIGHT, l, d.units(), d.fanIn()), ""));
            dense.add(formula(partial("b^{(" + l + ")}"), "= \\delta^{(" + l + ")}", biases(l, d.units()), ""));
            doc.display(dense.stream().filter(java.util.Objects::nonNull).toList());
            missing(l);
        }
        if (penalized()) {
            regularization();
        }
    }

    private boolean penalized() {
        return !spec.regularization().isNone();
    }

    /** "lhs = form = matrix", the numbers on a line of their own; null when none of its parameters was asked for. */
    private Row formula(String lhs, String form, Optional<String> value, String label) {
        return value.map(v -> new Row(lhs, form + " = " + v, label, true)).orElse(null);
    }

    private Optional<Parameter> parameter(ParamId id) {
        return x.parameters().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private static ParamId id(ParamId.Kind kind, int l, int i, int j) {
        return kind == ParamId.Kind.RECURRENT ? ParamId.recurrent(l, i, j) : ParamId.weight(l, i, j);
    }

    /** The gradients of a weight matrix, present only when every entry was asked for. */
    private Optional<String> grid(ParamId.Kind kind, int l, int rows, int cols) {
        return values(kind, l, rows, cols, Parameter::gradient).map(ConvExplainDocument::matrix);
    }

    private Optional<double[][]> values(ParamId.Kind kind, int l, int rows, int cols, ToDoubleFunction<Parameter> f) {
        double[][] g = new double[rows][cols];
        for (int i = 1; i <= rows; i++) {
            for (int j = 1; j <= cols; j++) {
                Optional<Parameter> p = parameter(id(kind, l, i, j));
                if (p.isEmpty()) {
                    return Optional.empty();
                }
                g[i - 1][j - 1] = f.applyAsDouble(p.get());
            }
        }
        return Optional.of(g);
    }

    private Optional<String> biases(int l, int units) {
        double[] b = new double[units];
        for (int i = 1; i <= units; i++) {
            Optional<Parameter> p = parameter(ParamId.bias(l, i));
            if (p.isEmpty()) {
                return Optional.empty();
            }
            b[i - 1] = p.get().gradient();
        }
        return Optional.of(column(b));
    }

    /** The parameters of layer l asked for whose matrix is not complete, one line each with its own formula. */
    private void missing(int l) {
        List<Row> rows = new ArrayList<>();
        for (Parameter p : incomplete(l)) {
            rows.add(new Row(partial(entry(p.id())), "= " + entryFormula(p.id()) + " = " + num(p.gradient(), 6), ""));
        }
        if (!rows.isEmpty()) {
            doc.display(rows);
        }
    }

    /** The parameters of layer l asked for whose matrix (or bias column) was not asked for whole. */
    private List<Parameter> incomplete(int l) {
        int units = l == 1 ? spec.rnn().units() : spec.dense(l).units();
        int fanIn = l == 1 ? spec.rnn().fanIn() : spec.dense(l).fanIn();
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : x.parameters()) {
            ParamId id = p.id();
            if (id.layer() != l) {
                continue;
            }
            boolean whole = id.isBias() ? biases(l, units).isPresent()
                    : values(id.kind(), l, units, id.kind() == ParamId.Kind.RECURRENT ? units : fanIn,
                    Parameter::gradient).isPresent();
            if (!whole) {
                out.add(p);
            }
        }
        return out;
    }

    /** One entry's gradient as a formula: Σ_t δ_{t,i} h_{t−1,j}, δ^{(l)}_i h_{T,j}, …, plus ∂R/∂w when penalized. */
    private String entryFormula(ParamId id) {
        int i = id.neuron();
        int j = id.input();
        int l = id.layer();
        String f;
        if (l == 1) {
            f = switch (id.kind()) {
                case RECURRENT -> "\\sum_{t=1}^{T} \\delta_{t," + i + "}\\, h_{t-1," + j + "}";
                case WEIGHT -> "\\sum_{t=1}^{T} \\delta_{t," + i + "}\\, x_{t," + j + "}";
                default -> "\\sum_{t=1}^{T} \\delta_{t," + i + "}";
            };
        } else {
            String d = "\\delta^{(" + l + ")}_{" + i + "}";
            f = id.isBias() ? d : d + "\\, " + (l == 2 ? "h_{T," + j + "}" : "a^{(" + (l - 1) + ")}_{" + j + "}");
        }
        return f + (penalized() && !id.isBias() ? " + \\frac{\\partial R}{\\partial " + entry(id) + "}" : "");
    }

    /** A parameter as an entry of its matrix: u_{1,2}, w_{2,1}, b_{1}, w^{(2)}_{1,2}. */
    private static String entry(ParamId id) {
        String layer = id.layer() == 1 ? "" : "^{(" + id.layer() + ")}";
        return switch (id.kind()) {
            case RECURRENT -> "u_{" + id.neuron() + "," + id.input() + "}";
            case WEIGHT -> "w" + layer + "_{" + id.neuron() + "," + id.input() + "}";
            default -> "b" + layer + "_{" + id.neuron() + "}";
        };
    }

    /**
     * One rnn weight's sum over time written out for the first sample: the first recurrent weight whose gradient is
     * not 0 (else the first recurrent weight, else the first input weight asked for).
     */
    private void workedSum() {
        List<Parameter> layer1 = x.parameters().stream().filter(p -> p.id().layer() == 1 && !p.id().isBias()).toList();
        List<Parameter> recurrent = layer1.stream().filter(p -> p.id().kind() == ParamId.Kind.RECURRENT).toList();
        Optional<Parameter> pick = recurrent.stream().filter(p -> p.dataGradient() != 0).findFirst()
                .or(() -> recurrent.stream().findFirst()).or(() -> layer1.stream().findFirst());
        if (pick.isEmpty() || pick.get().terms().isEmpty()) {
            return;
        }
        Parameter p = pick.get();
        ParamId id = p.id();
        boolean u = id.kind() == ParamId.Kind.RECURRENT;
        int sample = p.terms().get(0).sample();
        List<Term> terms = p.terms().stream().filter(t -> t.sample() == sample).toList();
        int n = spec.data().size();
        int i = id.neuron();
        int j = id.input();
        String factor = u ? "h_{t-1," + j + "}" : "x_{t," + j + "}";
        doc.paragraph(text("Written out for "), math(entry(id)), text(" (" + (u ? "the recurrent weight from unit " + j + " to unit " + i
                : "the input weight from input " + j + " to unit " + i) + (n == 1 ? "" : "; sample " + sample)
                + "): one term per step, "), math("\\delta_{t," + i + "}"),
                text(", unit " + i + "'s δ at step t, times " + (u ? "unit " + j + "'s state one step earlier, "
                        : "input " + j + " at step t, ")), math(factor),
                text(u ? ", read from the forward pass (" : "."), u ? math("h_{0," + j + "} = 0") : text(""),
                text(u ? ", so step 1 adds 0):" : ""));
        List<String> names = new ArrayList<>();
        List<String> products = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Term t : terms) {
            String f = u ? "h_{" + (t.step() - 1) + "," + j + "}" : "x_{" + t.step() + "," + j + "}";
            names.add("\\delta_{" + t.step() + "," + i + "}\\, " + f);
            products.add(paren(num(t.delta(), 5)) + " \\cdot " + paren(num(t.factor(), 5)));
            values.add(paren(num(t.product(), 5)));
        }
        String lhs = n == 1 ? partial(entry(id)) : "\\frac{\\partial L_{" + sample + "}}{\\partial " + entry(id) + "}";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(lhs, "= \\sum_{t=1}^{" + terms.size() + "} \\delta_{t," + i + "}\\, " + factor,
                "sum over time"));
        lines(rows, names, "");
        lines(rows, products, "");
        lines(rows, values, "");
        rows.add(new Row("", "= " + num(p.sampleSum(sample), 6), ""));
        if (n == 1 && p.penalty() != 0) {
            rows.add(new Row(partial(entry(id)), "= " + num(p.sampleSum(sample), 6) + (p.penalty() < 0 ? " - " : " + ")
                    + num(Math.abs(p.penalty()), 6) + " = " + num(p.gradient(), 6), "plus the regularization", true));
        }
        doc.display(rows);
        if (n > 1) {
            doc.paragraph(text("The other samples' sums likewise; their " + spec.reduction().yamlName()
                    + (p.penalty() != 0 ? ", plus the regularization term's derivative," : "") + " is "),
                    math(partial(entry(id)) + " = " + num(p.gradient(), 6)), text("."));
        }
    }

    /** "= a + b + c" then "\quad{}+ d + …", {@link #TERMS_PER_LINE} terms a line. */
    private static void lines(List<Row> rows, List<String> terms, String label) {
        for (int k = 0; k < terms.size(); k += TERMS_PER_LINE) {
            String part = String.join(" + ", terms.subList(k, Math.min(terms.size(), k + TERMS_PER_LINE)));
            rows.add(new Row("", (k == 0 ? "= " : "\\quad{}+ ") + part, k == 0 ? label : ""));
        }
    }

    /** The regularization term's own derivative, λw + μ·sign(w), one matrix per penalized matrix. */
    private void regularization() {
        double l2 = spec.regularization().l2();
        double l1 = spec.regularization().l1();
        String two = l2 == 0 ? "" : num(l2) + "\\, w";
        String one = l1 == 0 ? "" : num(l1) + " \\operatorname{sign}(w)";
        String form = two + (two.isEmpty() || one.isEmpty() ? "" : " + ") + one;
        doc.paragraph(text("The regularization term's own derivative, entry by entry "), math("\\partial R/\\partial w = "
                + form), text(" (a bias has none), already added above:"));
        List<Row> rows = new ArrayList<>();
        int units = spec.rnn().units();
        values(ParamId.Kind.RECURRENT, 1, units, units, Parameter::penalty).ifPresent(g -> rows.add(
                new Row("\\frac{\\partial R}{\\partial U}", "= " + ConvExplainDocument.matrix(g), "")));
        values(ParamId.Kind.WEIGHT, 1, units, spec.rnn().fanIn(), Parameter::penalty).ifPresent(g -> rows.add(
                new Row("\\frac{\\partial R}{\\partial W}", "= " + ConvExplainDocument.matrix(g), "")));
        for (int l = 2; l <= last(); l++) {
            int layer = l;
            values(ParamId.Kind.WEIGHT, l, spec.dense(l).units(), spec.dense(l).fanIn(), Parameter::penalty)
                    .ifPresent(g -> rows.add(new Row("\\frac{\\partial R}{\\partial W^{(" + layer + ")}}", "= "
                            + ConvExplainDocument.matrix(g), "")));
        }
        for (int l = 1; l <= last(); l++) {
            for (Parameter p : incomplete(l)) {
                if (!p.id().isBias()) {
                    rows.add(new Row("\\frac{\\partial R}{\\partial " + entry(p.id()) + "}", "= " + num(p.penalty(), 6),
                            ""));
                }
            }
        }
        if (!rows.isEmpty()) {
            doc.display(rows);
        }
    }

    private static String paren(String n) {
        return n.startsWith("-") ? "(" + n + ")" : n;
    }

    // ---------------------------------------------------------------- summary

    private void summary() {
        CheckTable.write(doc, x.parameters().stream().map(p -> new CheckTable.Entry(p.id(), p.value(), p.gradient(),
                p.check())).toList(), "the reduced loss" + (penalized() ? " with its regularization term" : ""));
    }

    // ---------------------------------------------------------------- matrices

    private static String column(double[] v) {
        return ConvExplainDocument.column(v);
    }
}
