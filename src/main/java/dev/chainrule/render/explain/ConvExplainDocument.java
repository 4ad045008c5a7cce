package dev.chainrule.render.explain;

import static dev.chainrule.render.doc.DocLayout.num;
import static dev.chainrule.render.doc.DocLayout.small;
import static dev.chainrule.render.doc.MathDoc.math;
import static dev.chainrule.render.doc.MathDoc.text;

import dev.chainrule.network.ConvAnalysis.Explanation;
import dev.chainrule.network.ConvAnalysis.LayerPass;
import dev.chainrule.network.ConvAnalysis.Parameter;
import dev.chainrule.network.ConvAnalysis.Pass;
import dev.chainrule.network.ConvAnalysis.Share;
import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.numeric.Check;
import dev.chainrule.numeric.Verdict;
import dev.chainrule.render.doc.LatexMath;
import dev.chainrule.render.doc.MathDoc;
import dev.chainrule.render.doc.MathDoc.Inline;
import dev.chainrule.render.doc.MathDoc.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * explain of an image network as a textbook page (LaTeX, Markdown, HTML through {@link MathDoc}): the layers'
 * definitions, the forward pass as matrices, the backward pass layer by layer with the rule that moves δ down
 * (Wᵀδ through flatten, max pooling's routing to the winners, δ = ∂L/∂a ⊙ g′(z), ∂L/∂x as the full convolution
 * with the kernel turned by 180°), each kernel's gradient as the correlation of the input with δ and one kernel
 * weight's weight-sharing sum written out term by term, then every gradient against its finite difference. Every
 * number comes from {@link Explanation}; nothing is computed here.
 */
public final class ConvExplainDocument {
    private final MathDoc doc;
    private final Explanation x;
    private final ConvNetSpec spec;

    private ConvExplainDocument(MathDoc doc, Explanation x) {
        this.doc = doc;
        this.x = x;
        this.spec = x.spec();
    }

    public static String write(MathDoc doc, Explanation x) {
        new ConvExplainDocument(doc, x).all();
        return doc.finish();
    }

    private void all() {
        doc.title("Backpropagation through a convolutional network", List.of(text(ConvExplainRenderer.shapes(spec)
                + "; loss " + spec.loss().yamlName() + ", " + spec.reduction().yamlName() + " over "
                + spec.data().size() + (spec.data().size() == 1 ? " sample" : " samples"))));
        definitions();
        for (Pass p : x.passes()) {
            forward(p);
            backward(p);
        }
        if (x.passes().isEmpty()) {
            doc.paragraph(text("The forward and backward passes are not written out: the network has more values than "
                    + dev.chainrule.network.ConvAnalysis.MAX_PASS_VALUES + "."));
        }
        gradients();
        summary();
    }

    // ---------------------------------------------------------------- names

    /** The values layer l reads: x for the first layer, else a^{(l−1)}. */
    private static String in(int l) {
        return l == 1 ? "x" : "a^{(" + (l - 1) + ")}";
    }

    private boolean last(int l) {
        return l == spec.layers().size();
    }

    /** a^{(l)}, or ŷ for the output layer. */
    private String a(int l) {
        return last(l) ? "\\hat{y}" : "a^{(" + l + ")}";
    }

    private static String partial(String of) {
        return "\\frac{\\partial L}{\\partial " + of + "}";
    }

    /** "r + p − 1" (stride 1, no padding) or "s(r − 1) + p − pad". */
    private static String index(String r, String p, int stride, int padding) {
        String base = stride == 1 ? r + " + " + p : stride + "(" + r + " - 1) + " + p;
        int shift = stride == 1 ? 1 + padding : padding;
        return shift == 0 ? base : base + " - " + shift;
    }

    private static String activation(ConvNetSpec.Layer layer) {
        dev.chainrule.network.spec.Activation g = layer instanceof ConvNetSpec.Conv2d c ? c.activation()
                : ((ConvNetSpec.Dense) layer).layer().activation();
        return switch (g) {
            case SIGMOID -> "\\sigma";
            case TANH -> "\\tanh";
            case IDENTITY -> "";
            default -> "\\operatorname{" + g.symbol() + "}";
        };
    }

    // ---------------------------------------------------------------- definitions

    private void definitions() {
        doc.section("The network");
        doc.paragraph(text("Layer by layer (l counts every layer, pooling and flatten included; indices start at 1; a "
                + "convolution here is a cross-correlation ⋆, as in torch: the kernel is not flipped):"));
        List<String> convs = new ArrayList<>();
        for (int l = 1; l <= spec.layers().size(); l++) {
            if (spec.layer(l) instanceof ConvNetSpec.Conv2d conv) {
                convs.add("layer " + l + " has " + conv.filters() + (conv.filters() == 1 ? " filter" : " filters") + " of "
                        + conv.kernelHeight() + "×" + conv.kernelWidth() + (conv.inChannels() == 1 ? "" : " over "
                        + conv.inChannels() + " channels") + ", stride " + conv.stride()
                        + (conv.padding() == 0 ? ", no padding" : ", zero padding " + conv.padding()));
            }
        }
        if (!convs.isEmpty()) {
            doc.paragraph(text("Convolutions: " + String.join("; ", convs) + "."));
        }
        List<Row> rows = new ArrayList<>();
        for (int l = 1; l <= spec.layers().size(); l++) {
            ConvNetSpec.Layer layer = spec.layer(l);
            String sl = String.valueOf(l);
            if (layer instanceof ConvNetSpec.Conv2d conv) {
                String ch = conv.inChannels() == 1 && l == 1 && spec.channels() == 1 ? "" : "_{ch}";
                rows.add(new Row("z^{(" + sl + ")}_f[r, c]", "= \\sum_{" + (ch.isEmpty() ? "" : "ch,") + "p,q} k^{(" + sl
                        + ")}_{f" + (ch.isEmpty() ? "" : ",ch") + "}[p, q]\\, " + in(l) + ch + "\\bigl[" + index("r", "p",
                        conv.stride(), conv.padding()) + ",\\ " + index("c", "q", conv.stride(), conv.padding())
                        + "\\bigr] + b^{(" + sl + ")}_f",
                        "conv2d, stride " + conv.stride() + (conv.padding() == 0 ? "" : ", pad " + conv.padding()), true));
                rows.add(new Row("a^{(" + sl + ")}_f[r, c]", "= " + activation(layer) + "\\bigl(z^{(" + sl
                        + ")}_f[r, c]\\bigr)", conv.activation().yamlName()));
            } else if (layer instanceof ConvNetSpec.Pool pool) {
                String window = "\\bigl[" + index("r", "p", pool.stride(), 0) + ",\\ " + index("c", "q", pool.stride(), 0)
                        + "\\bigr]";
                String ch = spec.shapes().get(l).c() > 1 ? "_{ch}" : "";
                rows.add(new Row("a^{(" + sl + ")}" + ch + "[r, c]", pool.max()
                        ? "= \\max_{1 \\le p, q \\le " + pool.size() + "} " + in(l) + ch + window
                        : "= \\frac{1}{" + pool.size() * pool.size() + "} \\sum_{p, q = 1}^{" + pool.size() + "} " + in(l)
                        + ch + window,
                        (pool.max() ? "max" : "average") + " pooling " + pool.size() + "×" + pool.size() + ", stride "
                                + pool.stride(), true));
            } else if (layer instanceof ConvNetSpec.Flatten) {
                rows.add(new Row("a^{(" + sl + ")}", "= \\operatorname{vec}\\bigl(" + in(l) + "\\bigr)",
                        "flatten, channel-major", true));
            } else {
                rows.add(new Row("z^{(" + sl + ")}", "= W^{(" + sl + ")} " + in(l) + " + b^{(" + sl + ")}", "dense", true));
                String g = activation(layer);
                rows.add(new Row(a(l), "= " + (g.isEmpty() ? "z^{(" + sl + ")}" : g + "\\bigl(z^{(" + sl + ")}\\bigr)"),
                        ((ConvNetSpec.Dense) layer).layer().activation().yamlName()));
            }
        }
        rows.add(new Row("L", "= " + LatexMath.str(x.lossDefinition()), spec.loss().yamlName() + " loss", true));
        doc.display(rows);
        doc.paragraph(text("The parameters:"));
        List<Row> params = new ArrayList<>();
        for (int l = 1; l <= spec.layers().size(); l++) {
            ConvNetSpec.Layer layer = spec.layer(l);
            if (layer instanceof ConvNetSpec.Conv2d conv) {
                for (int f = 1; f <= conv.filters(); f++) {
                    // a filter's channels side by side on one line, then its bias
                    StringBuilder line = new StringBuilder();
                    for (int ch = 1; ch <= conv.inChannels(); ch++) {
                        double[][] k = new double[conv.kernelHeight()][conv.kernelWidth()];
                        for (int p = 0; p < k.length; p++) {
                            for (int q = 0; q < k[0].length; q++) {
                                k[p][q] = conv.kernelAt(f - 1, ch - 1, p, q);
                            }
                        }
                        line.append(ch == 1 ? "" : ",\\quad k^{(" + l + ")}_{" + f + "," + ch + "} ").append(ch == 1 ? "" : "= ")
                                .append(matrix(k));
                    }
                    line.append(",\\quad b^{(" + l + ")}_{" + f + "} = " + num(conv.biasAt(f - 1)));
                    params.add(new Row("k^{(" + l + ")}_{" + f + (conv.inChannels() > 1 ? ",1" : "") + "}",
                            "= " + line, ""));
                }
            } else if (layer instanceof ConvNetSpec.Dense dense) {
                params.add(new Row("W^{(" + l + ")}", "= " + matrix(dense.layer().weights()), ""));
                params.add(new Row("b^{(" + l + ")}", "= " + column(dense.layer().biases()), ""));
            }
        }
        doc.display(params);
    }

    // ---------------------------------------------------------------- forward

    private String sample(Pass p) {
        return x.passes().size() == 1 && spec.data().size() == 1 ? "" : ", sample " + p.sample();
    }

    private void forward(Pass p) {
        doc.section("Forward pass" + sample(p));
        List<Row> rows = new ArrayList<>();
        images(rows, "x", p.input(), "");
        Optional<String> winners = Optional.empty();
        for (LayerPass lp : p.layers()) {
            int l = lp.layer();
            ConvNetSpec.Layer layer = spec.layer(l);
            if (layer instanceof ConvNetSpec.Conv2d) {
                images(rows, "z^{(" + l + ")}", lp.z(), "conv2d");
                images(rows, "a^{(" + l + ")}", lp.a(), spec.layer(l) instanceof ConvNetSpec.Conv2d c
                        ? c.activation().yamlName() : "");
            } else if (layer instanceof ConvNetSpec.Pool pool) {
                images(rows, "a^{(" + l + ")}", lp.a(), (pool.max() ? "max" : "average") + " pooling");
                if (pool.max()) {
                    winners = Optional.of(winners(lp, pool));
                }
            } else if (layer instanceof ConvNetSpec.Flatten) {
                rows.add(new Row("a^{(" + l + ")}", "= " + transposed(lp.a()[0][0]), "flatten", true));
            } else {
                rows.add(new Row("z^{(" + l + ")}", "= " + column(lp.z()[0][0]), "dense", true));
                rows.add(new Row(a(l), "= " + column(lp.a()[0][0]), ((ConvNetSpec.Dense) layer).layer().activation()
                        .yamlName()));
            }
        }
        rows.add(new Row("L", "= " + num(p.loss(), 6), "this sample's loss", true));
        doc.display(rows);
        winners.ifPresent(w -> doc.paragraph(MathDoc.sentence(w)));
    }

    /** "Each window passes on its largest cell: window (1,1) takes a⁽¹⁾ at (2,1), …" as Unicode prose. */
    private String winners(LayerPass lp, ConvNetSpec.Pool pool) {
        List<String> parts = new ArrayList<>();
        int ties = 0;
        int[][][] w = lp.winners();
        for (int ch = 0; ch < w.length; ch++) {
            for (int r = 0; r < w[ch].length; r++) {
                for (int c = 0; c < w[ch][r].length; c++) {
                    String window = "(" + (w.length > 1 ? (ch + 1) + ", " : "") + (r + 1) + ", " + (c + 1) + ")";
                    if (w[ch][r][c] < 0) {
                        parts.add(window + " a tie");
                        ties++;
                    } else {
                        parts.add(window + " from (" + (r * pool.stride() + w[ch][r][c] / pool.size() + 1) + ", "
                                + (c * pool.stride() + w[ch][r][c] % pool.size() + 1) + ")");
                    }
                }
            }
        }
        return "Each pooling window passes on its largest cell, its winner: window " + String.join(", ", parts) + "."
                + (ties > 0 ? " A tie is a kink: the derivative goes to one of the tied cells, and the check says where"
                + " it cannot judge." : "");
    }

    // ---------------------------------------------------------------- backward

    private void backward(Pass p) {
        doc.section("Backward pass" + sample(p));
        doc.paragraph(text("From the loss down, each layer's error signal from the one above (every number is "),
                math("\\partial L/\\partial v"), text(" of this sample, from the derivation the rules give):"));
        List<Row> rows = new ArrayList<>();
        List<LayerPass> layers = p.layers();
        for (int k = layers.size() - 1; k >= 0; k--) {
            LayerPass lp = layers.get(k);
            int l = lp.layer();
            ConvNetSpec.Layer layer = spec.layer(l);
            if (layer instanceof ConvNetSpec.Dense) {
                String d = "\\delta^{(" + l + ")}";
                if (last(l)) {
                    String form = x.outputDeltas().size() == 1 ? " = " + LatexMath.str(x.outputDeltas().get(0)) : "";
                    rows.add(new Row(d, "= " + partial("z^{(" + l + ")}") + form + " = " + column(lp.delta()[0][0]),
                            "output layer", true));
                } else {
                    rows.add(new Row(d, "= \\bigl(W^{(" + (l + 1) + ")\\top} \\delta^{(" + (l + 1) + ")}\\bigr) \\odot "
                            + derivative(l) + " = " + column(lp.delta()[0][0]), "chain rule", true));
                }
            } else if (layer instanceof ConvNetSpec.Flatten) {
                rows.add(new Row(partial("a^{(" + l + ")}"), "= W^{(" + (l + 1) + ")\\top} \\delta^{(" + (l + 1) + ")} = "
                        + transposed(lp.lossByA()[0][0]), "dense layer", true));
            } else if (layer instanceof ConvNetSpec.Pool pool) {
                images(rows, partial("a^{(" + l + ")}"), lp.lossByA(), "reshaped");
                if (k > 0) {
                    images(rows, partial("a^{(" + (l - 1) + ")}"), layers.get(k - 1).lossByA(), pool.max()
                            ? "to the winners" : "1/" + pool.size() * pool.size() + " to each cell");
                }
            } else if (layer instanceof ConvNetSpec.Conv2d conv) {
                if (k == layers.size() - 1 || !(spec.layer(l + 1) instanceof ConvNetSpec.Pool)) {
                    images(rows, partial("a^{(" + l + ")}"), lp.lossByA(), "");
                }
                images(rows, "\\delta^{(" + l + ")}", lp.delta(), "chain rule", partial("a^{(" + l + ")}") + " \\odot "
                        + derivative(l));
                if (k == 0) {
                    boolean full = conv.stride() == 1 && conv.padding() == 0;
                    images(rows, partial("x"), p.lossByInput(), full ? "kernel turned 180°" : "to the input",
                            full ? "\\operatorname{full}\\bigl(\\delta^{(1)}\\bigr) \\star \\operatorname{rot180}"
                                    + "\\bigl(k^{(1)}\\bigr)" : "");
                }
            }
        }
        doc.display(rows);
        if (spec.layers().stream().anyMatch(l -> l instanceof ConvNetSpec.Pool pool && pool.max())) {
            doc.paragraph(text("Max pooling is max(u, v) = v + ReLU(u − v) window by window: its derivative is 1 for the "
                    + "winner and 0 for every other cell, so the window's error signal goes to the winner alone; a cell "
                    + "that wins several windows collects each of theirs."));
        }
        ConvNetSpec.Layer first = spec.layer(1);
        if (first instanceof ConvNetSpec.Conv2d conv) {
            doc.paragraph(text("The input's gradient collects, for every pixel, each kernel weight that multiplied it: "),
                    math("\\partial L/\\partial x_{ch}[i, j] = \\sum_{f} \\sum_{(r, c, p, q)} \\delta^{(1)}_f[r, c]\\,"
                            + " k^{(1)}_{f,ch}[p, q]"), text(" over the positions where "), math("x_{ch}[i, j]"),
                    text(" lies under "), math("k^{(1)}_{f,ch}[p, q]"), text(conv.stride() == 1 && conv.padding() == 0
                            ? ": the full convolution of δ (padded with zeros by the kernel's size less one) with the "
                            + "kernel turned by 180°." : "."));
        }
    }

    /** g′(z^{(l)}), applied element by element. */
    private String derivative(int l) {
        String g = activation(spec.layer(l));
        return g.isEmpty() ? "1" : g + "'\\bigl(z^{(" + l + ")}\\bigr)";
    }

    // ---------------------------------------------------------------- gradients

    private void gradients() {
        doc.section("Gradients");
        int n = spec.data().size();
        for (int l = 1; l <= spec.layers().size(); l++) {
            ConvNetSpec.Layer layer = spec.layer(l);
            if (layer instanceof ConvNetSpec.Conv2d conv) {
                convGradients(l, conv, n);
            } else if (layer instanceof ConvNetSpec.Dense dense) {
                doc.paragraph(text("Dense layer " + l + ": "), math("\\partial L/\\partial W^{(" + l + ")} = \\delta^{(" + l
                        + ")} {" + in(l) + "}^{\\top}"), text(" and "), math("\\partial L/\\partial b^{(" + l + ")} = \\delta^{("
                        + l + ")}"), text(n == 1 ? ":" : ", per sample, then the " + spec.reduction().yamlName()
                        + " over the samples:"));
                double[][] w = new double[dense.layer().units()][dense.layer().fanIn()];
                double[] b = new double[dense.layer().units()];
                for (int i = 1; i <= w.length; i++) {
                    for (int j = 1; j <= w[0].length; j++) {
                        w[i - 1][j - 1] = gradient(ParamId.weight(l, i, j)).orElse(Double.NaN);
                    }
                    b[i - 1] = gradient(ParamId.bias(l, i)).orElse(Double.NaN);
                }
                doc.display(List.of(new Row(partial("W^{(" + l + ")}"), "= " + matrix(w), ""),
                        new Row(partial("b^{(" + l + ")}"), "= " + column(b), "")));
            }
        }
    }

    private void convGradients(int l, ConvNetSpec.Conv2d conv, int n) {
        doc.paragraph(text("Conv layer " + l + ": each kernel weight multiplies an input at every output position of its "
                + "filter (weight sharing), so the chain rule sums over all of them — the input correlated with δ:"));
        String ch = conv.inChannels() > 1 || l > 1 || spec.channels() > 1 ? "_{ch}" : "";
        doc.display(List.of(new Row(partial("k^{(" + l + ")}_{f" + (ch.isEmpty() ? "" : ",ch") + "}[p, q]"),
                        "= \\sum_{r, c} \\delta^{(" + l + ")}_f[r, c]\\; " + in(l) + ch + "\\bigl[" + index("r", "p",
                        conv.stride(), conv.padding()) + ",\\ " + index("c", "q", conv.stride(), conv.padding()) + "\\bigr]",
                        "sum over positions"),
                new Row(partial("b^{(" + l + ")}_f"), "= \\sum_{r, c} \\delta^{(" + l + ")}_f[r, c]", "")));
        List<Row> rows = new ArrayList<>();
        for (int f = 1; f <= conv.filters(); f++) {
            for (int c = 1; c <= conv.inChannels(); c++) {
                double[][] g = new double[conv.kernelHeight()][conv.kernelWidth()];
                for (int p = 1; p <= g.length; p++) {
                    for (int q = 1; q <= g[0].length; q++) {
                        g[p - 1][q - 1] = gradient(ParamId.kernel(l, f, c, p, q)).orElse(Double.NaN);
                    }
                }
                rows.add(new Row(partial("k^{(" + l + ")}_{" + f + (conv.inChannels() > 1 ? "," + c : "") + "}"),
                        "= " + matrix(g), f == 1 && c == 1 && n > 1 ? spec.reduction().yamlName() + " over the samples" : ""));
            }
            int filter = f;
            gradient(ParamId.bias(l, f)).ifPresent(b -> rows.add(new Row(partial("b^{(" + l + ")}_{" + filter + "}"),
                    "= " + num(b, 6), "")));
        }
        doc.display(rows);
        if (!spec.regularization().isNone()) {
            doc.paragraph(text("These include the regularization term's own derivative, "),
                    math("\\partial/\\partial k \\bigl(\\tfrac{\\lambda}{2}k^2 + \\mu\\lvert k\\rvert\\bigr) = \\lambda k + \\mu"
                            + "\\operatorname{sign}(k)"), text(", added to each weight's sum (λ = "
                            + dev.chainrule.expr.Fmt.num(spec.regularization().l2()) + ", μ = "
                            + dev.chainrule.expr.Fmt.num(spec.regularization().l1()) + "; biases have none)."));
        }
        // the first kernel weight whose sum is not 0 shows the sharing best; else the first
        List<Parameter> kernel = x.parameters().stream().filter(p -> p.id().isKernel() && p.id().layer() == l).toList();
        kernel.stream().filter(p -> p.gradient() != 0).findFirst().or(() -> kernel.stream().findFirst())
                .ifPresent(this::workedSum);
    }

    /** One kernel weight's sum written out for the first sample, every position with its δ and input. */
    private void workedSum(Parameter p) {
        ParamId k = p.id();
        List<Share> first = p.shares().stream().filter(s -> s.sample() == p.shares().get(0).sample()).toList();
        if (first.isEmpty()) {
            return;
        }
        boolean channels = ((ConvNetSpec.Conv2d) spec.layer(k.layer())).inChannels() > 1;
        String name = "k^{(" + k.layer() + ")}_{" + k.neuron() + (channels ? "," + k.input() : "") + "}[" + k.window().get(0)
                + ", " + k.window().get(1) + "]";
        long zero = first.stream().filter(s -> s.delta() == 0).count();
        doc.paragraph(MathDoc.text("Written out for "), math(name), text(first.get(0).sample() == 1 && spec.data().size() == 1
                ? "" : " and sample " + first.get(0).sample()), text(": one term per output position (r, c), δ times the "
                + "input under the weight there" + (zero > 0 ? " (" + zero + " of the " + first.size() + " positions have "
                + "δ = 0 and add nothing)" : "") + ":"));
        StringBuilder sum = new StringBuilder();
        StringBuilder nums = new StringBuilder();
        for (Share s : first) {
            if (s.delta() == 0 && zero < first.size()) {
                continue;
            }
            String pos = s.term().row() + ", " + s.term().col();
            sum.append(sum.length() == 0 ? "" : " + ").append("\\delta^{(").append(k.layer()).append(")}_{")
                    .append(k.neuron()).append("}[").append(pos).append("]\\, ")
                    .append(cell(s.term().input().name()));
            nums.append(nums.length() == 0 ? "" : " + ").append(paren(num(s.delta(), 5))).append(" \\cdot ")
                    .append(paren(num(s.input(), 5)));
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(partial(name), "= " + sum, "the positions with δ ≠ 0"));
        rows.add(new Row("", "= " + nums, ""));
        rows.add(new Row("", "= " + num(p.sampleSum(first.get(0).sample()), 6), ""));
        doc.display(rows);
    }

    /** A map cell by its name: x[ch,i,j] as x_{ch}[i, j] (x[i, j] with one channel), a[l,ch,i,j] as a^{(l)}_{ch}[i, j]. */
    private String cell(String name) {
        String[] ix = name.substring(name.indexOf('[') + 1, name.length() - 1).split(",");
        boolean pixel = name.startsWith("x[");
        int at = pixel ? 0 : 1;
        String head = pixel ? "x" : "a^{(" + ix[0] + ")}";
        boolean oneChannel = pixel ? spec.channels() == 1 : spec.shapes().get(Integer.parseInt(ix[0])).c() == 1;
        return head + (oneChannel ? "" : "_{" + ix[at] + "}") + "[" + ix[at + 1] + ", " + ix[at + 2] + "]";
    }

    private static String paren(String n) {
        return n.startsWith("-") ? "(" + n + ")" : n;
    }

    private Optional<Double> gradient(ParamId id) {
        return x.parameters().stream().filter(p -> p.id().equals(id)).map(Parameter::gradient).findFirst();
    }

    // ---------------------------------------------------------------- summary

    private void summary() {
        CheckTable.write(doc, x.parameters().stream().map(p -> new CheckTable.Entry(p.id(), p.value(), p.gradient(),
                p.check())).toList(), "the reduced loss");
    }

    // ---------------------------------------------------------------- matrices

    private void images(List<Row> rows, String lhs, double[][][] maps, String label) {
        images(rows, lhs, maps, label, "");
    }

    /** Each map as a matrix row, "lhs_f = (form =) matrix". */
    private void images(List<Row> rows, String lhs, double[][][] maps, String label, String form) {
        for (int m = 0; m < maps.length; m++) {
            String name = maps.length > 1 ? lhs + "_{" + (m + 1) + "}" : lhs;
            if (form.isEmpty()) {
                rows.add(new Row(name, "= " + matrix(maps[m]), m == 0 ? label : "", m == 0));
            } else {
                // the form on its line, the numbers on the next: a wide map and its form do not share a line
                rows.add(new Row(name, "= " + form, m == 0 ? label : "", m == 0));
                rows.add(new Row("", "= " + matrix(maps[m]), ""));
            }
        }
    }

    static String matrix(double[][] g) {
        StringBuilder sb = new StringBuilder("\\begin{bmatrix}");
        for (int r = 0; r < g.length; r++) {
            sb.append(r == 0 ? "" : " \\\\ ");
            for (int c = 0; c < g[r].length; c++) {
                sb.append(c == 0 ? "" : " & ").append(num(g[r][c], 5));
            }
        }
        return sb.append("\\end{bmatrix}").toString();
    }

    static String column(double[] v) {
        if (v.length == 1) {
            return num(v[0], 5);
        }
        double[][] g = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            g[i][0] = v[i];
        }
        return matrix(g);
    }

    /** A column written as a transposed row (a scalar as itself). */
    private static String transposed(double[] v) {
        return v.length == 1 ? num(v[0], 5) : row(v) + "^{\\top}";
    }

    private static String row(double[] v) {
        if (v.length == 1) {
            return num(v[0], 5);
        }
        return matrix(new double[][] {v});
    }
}
