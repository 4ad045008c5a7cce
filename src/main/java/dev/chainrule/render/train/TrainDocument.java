package dev.chainrule.render.train;

import static dev.chainrule.render.doc.MathDoc.math;
import static dev.chainrule.render.doc.MathDoc.text;

import dev.chainrule.render.doc.DocLayout;
import dev.chainrule.render.doc.MathDoc;
import dev.chainrule.render.doc.NetworkNames;
import dev.chainrule.expr.Notation;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.render.doc.MathDoc.Inline;
import dev.chainrule.render.doc.MathDoc.Row;
import dev.chainrule.train.Optimizer;
import dev.chainrule.train.TrainResult;
import dev.chainrule.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the LaTeX, Markdown and HTML training reports show, in the order of the text report: the settings, the
 * update rule the optimizer implements, the first updates written out with their numbers (and the optimizer's
 * state), the loss per epoch (a subset when there are many), the loss curve (an SVG chart in HTML, a pgfplots figure in LaTeX) and the parameters before
 * and after. Prints the training records; computes nothing.
 */
public final class TrainDocument {
    /** A written-out step lists at most this many parameters (all of them are in --format json). */
    static final int MAX_PARAMETERS_WRITTEN = 24;
    /** The final parameter table lists at most this many parameters. */
    static final int MAX_PARAMETER_ROWS = 60;
    /** Up to this many epochs (plus epoch 0) are listed in full; more are thinned out. */
    static final int ALL_EPOCHS_UP_TO = 30;
    /** Of a long run: the first epochs listed before thinning out. */
    static final int FIRST_EPOCHS = 5;
    /** A display line wider than this (in {@link DocLayout#lhsWidth} units) puts its numbers on a second line. */
    static final int LINE = 58;
    private static final int DIGITS = 6;

    private final MathDoc doc;
    private final TrainResult r;
    private final NetworkSpec spec;

    /** {@link #LINE} on this writer's line (a fragment's is narrower). */
    private int lineBudget() {
        return LINE * doc.lineWidth() / DocLayout.LINE;
    }

    private TrainDocument(MathDoc doc, TrainResult r) {
        this.doc = doc;
        this.r = r;
        this.spec = r.spec();
    }

    /** Writes the run into {@code doc} and returns the finished document. */
    public static String write(MathDoc doc, TrainResult r) {
        new TrainDocument(doc, r).all();
        return doc.finish();
    }

    private void all() {
        String name = spec.name() != null && !spec.name().isBlank() ? spec.name() : "Gradient descent";
        doc.title("Training: " + name, subtitle());
        rule();
        for (TrainResult.StepRecord s : r.steps()) {
            step(s);
        }
        epochs();
        parameters();
    }

    // ---------------------------------------------------------------- numbers and names

    /** 6 significant digits for math mode (below 10⁻⁴ as 4.45643 \\times 10^{-7}). */
    static String num(double v) {
        return DocLayout.num(v, DIGITS);
    }

    /**
     * A table column of numbers, right-aligned on the decimal point: each is padded with invisible zeros to the
     * column's most decimals (only when every entry is a plain decimal; 10^{…} and ∞ are left as they are).
     */
    static List<String> decimalColumn(double[] values) {
        List<String> out = new ArrayList<>();
        int decimals = 0;
        boolean plain = true;
        for (double v : values) {
            String s = num(v);
            out.add(s);
            plain &= s.matches("-?[0-9]+(\\.[0-9]+)?");
            decimals = Math.max(decimals, s.indexOf('.') < 0 ? 0 : s.length() - s.indexOf('.') - 1);
        }
        if (!plain || decimals == 0) {
            return out;
        }
        for (int i = 0; i < out.size(); i++) {
            String s = out.get(i);
            int have = s.indexOf('.') < 0 ? 0 : s.length() - s.indexOf('.') - 1;
            String pad = (s.indexOf('.') < 0 ? "." : "") + "0".repeat(decimals - have);
            if (!pad.isEmpty()) {
                out.set(i, s + "\\phantom{" + pad + "}");
            }
        }
        return out;
    }

    /** A number as a factor: always in parentheses, as in 0.1\cdot(-0.56). */
    private static String factor(double v) {
        return "(" + num(v) + ")";
    }

    private static String name(ParamId id) {
        return Notation.latex(id.toString());
    }

    private static String partial(String p) {
        return "\\frac{\\partial L}{\\partial " + p + "}";
    }

    private String eta() {
        return num(r.optimizer().learningRate());
    }

    private Map<String, Double> hyper() {
        return r.optimizer().hyperParameters();
    }

    private String reductionWord() {
        return spec.reduction().yamlName();
    }

    // ---------------------------------------------------------------- title and rule

    private List<Inline> subtitle() {
        List<Inline> parts = new ArrayList<>();
        parts.add(text(NetworkNames.title(spec) + ". "));
        parts.addAll(optimizerSettings());
        int n = spec.data().size();
        int b = r.batchSize();
        String batches = b == n ? "; batches of the whole data set (" + n + (n == 1 ? " sample)" : " samples)")
                : "; batch size " + b + (b == 1 ? " (per-sample SGD)" : "");
        int epochs = r.config().epochs();
        parts.add(text(batches + ", " + r.stepsPerEpoch() + (r.stepsPerEpoch() == 1 ? " step" : " steps")
                + " per epoch; " + epochs + (epochs == 1 ? " epoch" : " epochs") + ", "
                + (r.config().shuffleSeed().isPresent()
                        ? "shuffled every epoch (seed " + r.config().shuffleSeed().getAsLong() + ")."
                        : "data in file order.")));
        return parts;
    }

    /** "Adam with η = 0.1, β₁ = 0.9, …" as text and math. */
    private List<Inline> optimizerSettings() {
        List<Inline> parts = new ArrayList<>();
        String eta = "\\eta = " + eta();
        switch (r.optimizer().kind()) {
            case MOMENTUM -> {
                parts.add(text("Gradient descent with momentum, "));
                parts.add(math(eta));
                parts.add(text(", "));
                parts.add(math("\\mu = " + num(hyper().get("momentum"))));
            }
            case ADAM -> {
                parts.add(text("Adam, "));
                parts.add(math(eta));
                for (String[] h : new String[][] {{"beta1", "\\beta_1"}, {"beta2", "\\beta_2"},
                        {"epsilon", "\\varepsilon"}}) {
                    parts.add(text(", "));
                    parts.add(math(h[1] + " = " + num(hyper().get(h[0]))));
                }
            }
            case SGD -> {
                parts.add(text("Gradient descent, "));
                parts.add(math(eta));
            }
        }
        return parts;
    }

    /** The update rule exactly as {@link Optimizer} implements it, for a parameter p with batch gradient ∂L/∂p. */
    private void rule() {
        doc.section("The update rule");
        String batch = r.batchSize() == spec.data().size() ? "the whole data set"
                : r.batchSize() == 1 ? "one sample" : "a batch of " + r.batchSize() + " samples";
        doc.paragraph(text("Each step takes " + batch + ", computes the gradient of its loss by backprop ("),
                math("\\partial L/\\partial w = \\delta a"), text(", "), math("\\partial L/\\partial b = \\delta"),
                text(r.batchSize() > 1 ? ", " + spec.reduction().participle()
                        + " over the batch" : ""),
                text(") and changes every parameter "), math("p"), text(" (each weight and bias):"));
        List<Row> rows = new ArrayList<>();
        List<Inline> after = new ArrayList<>();
        switch (r.optimizer().kind()) {
            case MOMENTUM -> {
                rows.add(new Row("v", "\\leftarrow \\mu v + g", ""));
                rows.add(new Row("p", "\\leftarrow p - \\eta v", ""));
                after.addAll(List.of(text("with "), math("g = \\partial L/\\partial p"),
                        text(". Every parameter has its own velocity "), math("v"),
                        text(", 0 before the first step (so the first step is plain gradient descent). ")));
            }
            case ADAM -> {
                rows.add(new Row("m", "\\leftarrow \\beta_1 m + (1 - \\beta_1)\\, g", ""));
                rows.add(new Row("v", "\\leftarrow \\beta_2 v + (1 - \\beta_2)\\, g^2", ""));
                rows.add(new Row("\\hat m", "= \\frac{m}{1 - \\beta_1^{t}}, \\qquad \\hat v = \\frac{v}{1 - \\beta_2^{t}}",
                        ""));
                rows.add(new Row("p", "\\leftarrow p - \\eta\\, \\frac{\\hat m}{\\sqrt{\\hat v} + \\varepsilon}", ""));
                after.addAll(List.of(text("with "), math("g = \\partial L/\\partial p"),
                        text(". Every parameter has its own moments "), math("m"), text(" and "), math("v"),
                        text(", 0 before the first step; "), math("t"),
                        text(" counts the steps from 1, and the hats undo the bias of starting at 0. ")));
            }
            case SGD -> rows.add(new Row("p", "\\leftarrow p - \\eta\\, " + partial("p"), ""));
        }
        doc.display(rows);
        List<Inline> settings = optimizerSettings();
        after.add(text("Here "));
        after.addAll(settings.subList(1, settings.size()));
        after.add(text("."));
        doc.paragraph(after);
    }

    // ---------------------------------------------------------------- the written-out steps

    private void step(TrainResult.StepRecord s) {
        int size = s.samples().size();
        doc.section("Step " + s.step() + ": epoch " + s.epoch() + ", batch " + s.batch() + " of " + r.stepsPerEpoch());
        doc.paragraph(text(size == 1 ? "The batch is sample " + s.samples().get(0) + ":"
                : "The batch holds " + size + " samples:"));
        batchTable(s);
        doc.paragraph(text("Its loss is "), math("L = " + num(s.batchLoss())),
                text(size > 1 ? " (the " + reductionWord() + " over the batch's " + size + " samples)." : "."),
                text(" Backprop gives the gradient; each parameter then moves by the update rule:"));
        int shown = Math.min(s.ids().size(), MAX_PARAMETERS_WRITTEN);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            String p = name(s.ids().get(i));
            Optimizer.ParamUpdate u = s.updates()[i];
            List<Row> one = switch (r.optimizer().kind()) {
                case MOMENTUM -> momentum(p, u);
                case ADAM -> adam(p, u);
                case SGD -> sgd(p, u);
            };
            for (int k = 0; k < one.size(); k++) {
                Row row = one.get(k);
                // each parameter's rows are set apart from the previous parameter's (the fractions would touch)
                boolean gap = k == 0 && i > 0;
                rows.add(new Row(row.lhs(), row.body(), row.label(), gap));
            }
        }
        doc.display(rows);
        if (s.ids().size() > shown) {
            doc.paragraph(text("… and " + (s.ids().size() - shown) + " more parameters (every one is in --format json)."));
        }
    }

    private void batchTable(TrainResult.StepRecord s) {
        List<List<Inline>> rows = new ArrayList<>();
        List<Inline> head = new ArrayList<>();
        head.add(text("sample"));
        spec.inputs().forEach(x -> head.add(math(Notation.latex(x))));
        for (int k = 1; k <= spec.outputCount(); k++) {
            head.add(math(spec.outputCount() == 1 ? "y" : "y_{" + k + "}"));
        }
        rows.add(head);
        int size = s.samples().size();
        for (int i = 0; i < Math.min(size, TrainTextRenderer.MAX_SAMPLES_WRITTEN); i++) {
            int idx = s.samples().get(i);
            Sample smp = spec.data().get(idx - 1);
            List<Inline> row = new ArrayList<>();
            row.add(math(String.valueOf(idx)));
            for (int j = 0; j < smp.xLength(); j++) {
                row.add(math(num(smp.xAt(j))));
            }
            for (int k = 0; k < smp.yLength(); k++) {
                row.add(math(num(smp.yAt(k))));
            }
            rows.add(row);
        }
        boolean[] numeric = new boolean[head.size()];
        java.util.Arrays.fill(numeric, true);
        doc.table(rows, numeric);
        if (size > TrainTextRenderer.MAX_SAMPLES_WRITTEN) {
            doc.paragraph(text("… and " + (size - TrainTextRenderer.MAX_SAMPLES_WRITTEN) + " more."));
        }
    }

    /**
     * {@code lhs ← symbolic = numbers} on one line, or with the numbers on a second line when that would be too
     * wide; {@code numbers} starts with its relation.
     */
    private List<Row> line(String lhs, String symbolic, String numbers) {
        String one = symbolic + " " + numbers;
        if (DocLayout.lhsWidth(lhs + " " + one) <= lineBudget()) {
            return List.of(new Row(lhs, one, ""));
        }
        return List.of(new Row(lhs, symbolic, ""), new Row("", numbers, ""));
    }

    private List<Row> sgd(String p, Optimizer.ParamUpdate u) {
        return line(p, "\\leftarrow " + p + " - \\eta\\, " + partial(p), "= " + num(u.before()) + " - " + eta()
                + "\\cdot" + factor(u.gradient()) + " = " + num(u.after()));
    }

    private List<Row> momentum(String p, Optimizer.ParamUpdate u) {
        Map<String, Double> st = u.state();
        String mu = num(hyper().get("momentum"));
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("g", "= " + partial(p) + " = " + num(u.gradient()), ""));
        rows.addAll(line("v", "\\leftarrow \\mu v + g", "= " + mu + "\\cdot" + factor(st.get("v_prev")) + " + "
                + factor(u.gradient()) + " = " + num(st.get("v"))));
        rows.addAll(line(p, "\\leftarrow " + p + " - \\eta v", "= " + num(u.before()) + " - " + eta() + "\\cdot"
                + factor(st.get("v")) + " = " + num(u.after())));
        return rows;
    }

    private List<Row> adam(String p, Optimizer.ParamUpdate u) {
        Map<String, Double> st = u.state();
        String b1 = num(hyper().get("beta1"));
        String b2 = num(hyper().get("beta2"));
        String t = String.valueOf(st.get("t").intValue());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("g", "= " + partial(p) + " = " + num(u.gradient()), ""));
        // 1 − β₁ and 1 − β₂ are written as the hyper-parameters give them: (1 - 0.9), not a rounded 0.1
        rows.addAll(line("m", "\\leftarrow \\beta_1 m + (1 - \\beta_1)\\, g", "= " + b1 + "\\cdot"
                + factor(st.get("m_prev")) + " + (1 - " + b1 + ")\\cdot" + factor(u.gradient()) + " = "
                + num(st.get("m"))));
        rows.addAll(line("v", "\\leftarrow \\beta_2 v + (1 - \\beta_2)\\, g^2", "= " + b2 + "\\cdot"
                + factor(st.get("v_prev")) + " + (1 - " + b2 + ")\\cdot" + factor(u.gradient()) + "^2 = "
                + num(st.get("v"))));
        String mHat = "= \\frac{m}{1 - \\beta_1^{t}} = \\frac{" + num(st.get("m")) + "}{1 - " + b1 + "^{" + t + "}} = "
                + num(st.get("m_hat"));
        String vHat = "= \\frac{v}{1 - \\beta_2^{t}} = \\frac{" + num(st.get("v")) + "}{1 - " + b2 + "^{" + t + "}} = "
                + num(st.get("v_hat"));
        String both = mHat + ", \\qquad \\hat v " + vHat;
        // the estimate counts \\qquad and a fraction's bar as one character: leave the pair room to spare
        if (DocLayout.lhsWidth("\\hat m " + both) <= lineBudget() - 10) {
            rows.add(new Row("\\hat m", both, ""));
        } else {
            rows.add(new Row("\\hat m", mHat, ""));
            rows.add(new Row("\\hat v", vHat, ""));
        }
        rows.addAll(line(p, "\\leftarrow " + p + " - \\eta\\, \\frac{\\hat m}{\\sqrt{\\hat v} + \\varepsilon}",
                "= " + num(u.before()) + " - " + eta() + "\\cdot\\frac{" + num(st.get("m_hat")) + "}{\\sqrt{"
                        + num(st.get("v_hat")) + "} + " + num(hyper().get("epsilon")) + "} = " + num(u.after())));
        return rows;
    }

    // ---------------------------------------------------------------- epochs and parameters

    private void epochs() {
        doc.section("Loss after each epoch");
        List<TrainResult.Epoch> all = r.epochs();
        if (hasFiniteLoss()) {
            doc.raw("html", TrainPlot.svg(r));
            doc.raw("latex", TrainPgfplot.figure(r));
        }
        List<TrainResult.Epoch> shown = EpochSelection.of(all, ALL_EPOCHS_UP_TO, FIRST_EPOCHS);
        double[] loss = new double[shown.size() + 1];
        double[] norm = new double[shown.size() + 1];
        loss[0] = r.initialLoss();
        norm[0] = r.initialGradientNorm();
        for (int i = 0; i < shown.size(); i++) {
            loss[i + 1] = shown.get(i).loss();
            norm[i + 1] = shown.get(i).gradientNorm();
        }
        List<String> losses = decimalColumn(loss);
        List<String> norms = decimalColumn(norm);
        // a long table is set in two halves side by side, so that it is half as tall
        int count = shown.size() + 1;
        int half = count > 12 ? (count + 1) / 2 : count;
        List<List<Inline>> rows = new ArrayList<>();
        List<Inline> head = new ArrayList<>();
        for (int c = 0; c < (half < count ? 2 : 1); c++) {
            head.addAll(List.of(text("epoch"), math("L"), math("\\lVert \\nabla L \\rVert")));
        }
        rows.add(head);
        for (int i = 0; i < half; i++) {
            List<Inline> row = new ArrayList<>();
            for (int k = i; k < count; k += half) {
                String epoch = k == 0 ? "0" : String.valueOf(shown.get(k - 1).epoch());
                row.addAll(List.of(math(epoch), math(losses.get(k)), math(norms.get(k))));
            }
            while (row.size() < head.size()) {
                row.add(text(""));
            }
            rows.add(row);
        }
        boolean[] numeric = new boolean[head.size()];
        java.util.Arrays.fill(numeric, true);
        doc.table(rows, numeric);
        // the words follow the table, so that LaTeX keeps the heading with the table
        String what = "The loss of the whole data set (" + NetworkNames.lossName(spec) + ", " + reductionWord()
                + ") and the norm of its gradient, before training (epoch 0) and after each epoch.";
        if (shown.size() < all.size()) {
            int n = EpochSelection.stride(all.size(), ALL_EPOCHS_UP_TO, FIRST_EPOCHS);
            boolean lastOnStride = all.get(all.size() - 1).epoch() % n == 0;
            what += " Shown: epochs 0 to " + FIRST_EPOCHS + ", then every multiple of " + n
                    + (lastOnStride ? "" : ", and the last") + "; --format json lists all " + all.size() + ".";
        }
        doc.paragraph(text(what));
        r.divergence().ifPresent(d -> doc.paragraph(text("The run stopped: " + Trainer.divergenceMessage(r) + ".")));
    }

    private boolean hasFiniteLoss() {
        return Double.isFinite(r.initialLoss()) || r.epochs().stream().anyMatch(e -> Double.isFinite(e.loss()));
    }

    private void parameters() {
        doc.section(r.diverged() ? "Parameters when the run stopped" : "Parameters after training");
        List<ParamId> ids = spec.parameters();
        double[] initial = spec.parameterVector();
        int shown = Math.min(ids.size(), MAX_PARAMETER_ROWS);
        List<String> before = decimalColumn(java.util.Arrays.copyOf(initial, shown));
        List<String> after = decimalColumn(java.util.Arrays.copyOf(r.parameters(), shown));
        List<List<Inline>> rows = new ArrayList<>();
        rows.add(List.of(text("parameter"), text("initial"), text("final")));
        for (int i = 0; i < shown; i++) {
            rows.add(List.of(math(name(ids.get(i))), math(before.get(i)), math(after.get(i))));
        }
        doc.table(rows, new boolean[] {false, true, true});
        if (ids.size() > shown) {
            doc.paragraph(text("… and " + (ids.size() - shown) + " more parameters (every one is in --format json)."));
        }
        if (!r.diverged()) {
            doc.paragraph(text("Final loss "), math("L = " + num(r.finalLoss())), text(" (before training "),
                    math(num(r.initialLoss())), text(")."));
        }
    }
}
