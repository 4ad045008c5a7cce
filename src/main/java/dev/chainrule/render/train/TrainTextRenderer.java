package dev.chainrule.render.train;

import dev.chainrule.render.doc.NetworkNames;
import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.Notation;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.train.Optimizer;
import dev.chainrule.train.TrainResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code train --format text}: the first updates written out, one line per epoch, the final parameters. */
public final class TrainTextRenderer {
    /** A written-out step lists at most this many parameters (all of them are in --format json). */
    public static final int MAX_PARAMETERS_WRITTEN = 100;
    /** … and at most this many samples of its batch. */
    public static final int MAX_SAMPLES_WRITTEN = 8;
    private static final int DIGITS = 6;

    private TrainTextRenderer() {
    }

    public static String render(TrainResult r) {
        NetworkSpec spec = r.spec();
        StringBuilder sb = new StringBuilder();
        sb.append("Training: ").append(NetworkNames.title(spec)).append('\n');
        sb.append("Optimizer: ").append(optimizerLine(r)).append('\n');
        int n = spec.data().size();
        sb.append("Batches: ").append(r.batchSize() == n ? "the whole data set (" + n + (n == 1 ? " sample" : " samples") + ")"
                        : "of " + r.batchSize() + (r.batchSize() == 1 ? " sample (per-sample SGD)" : " samples"))
                .append(", ").append(r.stepsPerEpoch()).append(r.stepsPerEpoch() == 1 ? " step" : " steps")
                .append(" per epoch, ").append(r.config().epochs()).append(r.config().epochs() == 1 ? " epoch" : " epochs")
                .append(", ").append(r.config().shuffleSeed().isPresent()
                        ? "shuffled every epoch (seed " + r.config().shuffleSeed().getAsLong() + ")" : "data in file order")
                .append('\n');
        sb.append("Loss before training: L = ").append(num(r.initialLoss())).append('\n');

        for (TrainResult.StepRecord s : r.steps()) {
            sb.append('\n');
            step(sb, r, s);
        }

        sb.append("\nLoss of the whole data set after each epoch (").append(NetworkNames.lossName(spec))
                .append(", ").append(spec.reduction().name().toLowerCase(java.util.Locale.ROOT)).append(")\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("epoch", "loss", "‖∇L‖"));
        rows.add(List.of("0", num(r.initialLoss()), num(r.initialGradientNorm())));
        for (TrainResult.Epoch e : r.epochs()) {
            rows.add(List.of(String.valueOf(e.epoch()), num(e.loss()), num(e.gradientNorm())));
        }
        Fmt.table(rows, "  ").forEach(l -> sb.append(l).append('\n'));
        r.divergence().ifPresent(d -> sb.append("  stopped: ").append(dev.chainrule.train.Trainer.divergenceMessage(r))
                .append('\n'));

        sb.append("\nParameters").append(r.diverged() ? " (when the run stopped)" : " after training").append('\n');
        List<List<String>> prow = new ArrayList<>();
        prow.add(List.of("parameter", "initial", "final"));
        double[] initial = spec.parameterVector();
        List<ParamId> ids = spec.parameters();
        for (int i = 0; i < ids.size(); i++) {
            prow.add(List.of(name(ids.get(i)), num(initial[i]), num(r.parameters()[i])));
        }
        Fmt.table(prow, "  ").forEach(l -> sb.append(l).append('\n'));
        if (!r.diverged()) {
            sb.append("\nFinal loss: L = ").append(num(r.finalLoss())).append(" (before training ")
                    .append(num(r.initialLoss())).append(")\n");
        }
        return sb.toString();
    }

    static String optimizerLine(TrainResult r) {
        Optimizer o = r.optimizer();
        String eta = "η = " + num(o.learningRate());
        return switch (o.kind()) {
            case MOMENTUM -> "momentum (v ← μ·v + ∂L/∂p, p ← p − η·v), " + eta + ", μ = "
                    + num(o.hyperParameters().get("momentum"));
            case ADAM -> "Adam, " + eta + ", β₁ = " + num(o.hyperParameters().get("beta1")) + ", β₂ = "
                    + num(o.hyperParameters().get("beta2")) + ", ε = " + num(o.hyperParameters().get("epsilon"));
            case SGD -> "gradient descent (p ← p − η·∂L/∂p), " + eta;
        };
    }

    private static void step(StringBuilder sb, TrainResult r, TrainResult.StepRecord s) {
        NetworkSpec spec = r.spec();
        int size = s.samples().size();
        sb.append("Step ").append(s.step()).append(" · epoch ").append(s.epoch()).append(", batch ").append(s.batch())
                .append(" of ").append(r.stepsPerEpoch()).append(" · ")
                .append(size == 1 ? "sample " + s.samples().get(0) : size + " samples").append('\n');
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>();
        head.add("sample");
        spec.inputs().forEach(x -> head.add(Notation.text(x)));
        for (int k = 1; k <= spec.outputCount(); k++) {
            head.add(Notation.text(spec.outputCount() == 1 ? "y" : "y" + k));
        }
        rows.add(head);
        for (int i = 0; i < Math.min(size, MAX_SAMPLES_WRITTEN); i++) {
            int idx = s.samples().get(i);
            Sample smp = spec.data().get(idx - 1);
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(idx));
            for (int j = 0; j < smp.xLength(); j++) {
                row.add(num(smp.xAt(j)));
            }
            for (int k = 0; k < smp.yLength(); k++) {
                row.add(num(smp.yAt(k)));
            }
            rows.add(row);
        }
        Fmt.table(rows, "    ").forEach(l -> sb.append(l).append('\n'));
        if (size > MAX_SAMPLES_WRITTEN) {
            sb.append("    … and ").append(size - MAX_SAMPLES_WRITTEN).append(" more\n");
        }
        sb.append("  batch loss L = ").append(num(s.batchLoss()));
        if (size > 1) {
            sb.append(" (the ").append(spec.reduction().yamlName())
                    .append(" over the batch's ").append(size).append(" samples)");
        }
        sb.append('\n');
        int shown = Math.min(s.ids().size(), MAX_PARAMETERS_WRITTEN);
        sb.append("  gradient of the batch loss, by backprop (∂L/∂w = δ·a, ∂L/∂b = δ")
                .append(size > 1 ? ", " + (spec.reduction() == dev.chainrule.network.spec.Reduction.MEAN
                        ? "averaged" : "summed") + " over the batch" : "").append("):\n");
        for (int i = 0; i < shown; i++) {
            sb.append("    ∂L/∂").append(name(s.ids().get(i))).append(" = ").append(num(s.updates()[i].gradient()))
                    .append('\n');
        }
        more(sb, s.ids().size(), shown);
        Optimizer o = r.optimizer();
        String eta = num(o.learningRate());
        switch (o.kind()) {
            case MOMENTUM -> {
                String mu = num(o.hyperParameters().get("momentum"));
                sb.append("  update: v ← μ·v + ∂L/∂p, then p ← p − η·v (μ = ").append(mu).append(", η = ").append(eta)
                        .append(")\n");
                for (int i = 0; i < shown; i++) {
                    String p = name(s.ids().get(i));
                    Optimizer.ParamUpdate u = s.updates()[i];
                    Map<String, Double> st = u.state();
                    sb.append("    v(").append(p).append(") ← μ·v + ∂L/∂").append(p).append(" = ").append(mu)
                            .append("·(").append(num(st.get("v_prev"))).append(") + (").append(num(u.gradient()))
                            .append(") = ").append(num(st.get("v"))).append('\n');
                    sb.append("    ").append(p).append(" ← ").append(p).append(" − η·v(").append(p).append(") = ")
                            .append(num(u.before())).append(" − ").append(eta).append("·(").append(num(st.get("v")))
                            .append(") = ").append(num(u.after())).append('\n');
                }
            }
            case ADAM -> {
                Map<String, Double> h = o.hyperParameters();
                String b1 = num(h.get("beta1"));
                String b2 = num(h.get("beta2"));
                String eps = num(h.get("epsilon"));
                int t = s.updates().length == 0 ? s.step() : s.updates()[0].state().get("t").intValue();
                String tt = Notation.superscript(String.valueOf(t));
                String c1 = num(1 - Math.pow(h.get("beta1"), t));
                String c2 = num(1 - Math.pow(h.get("beta2"), t));
                sb.append("  update (Adam, t = ").append(t).append(", β₁ = ").append(b1).append(", β₂ = ").append(b2)
                        .append(", ε = ").append(eps).append(", η = ").append(eta).append("):\n");
                sb.append("    m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²,  m̂ = m/(1 − β₁").append(tt)
                        .append("),  v̂ = v/(1 − β₂").append(tt).append("),  p ← p − η·m̂/(√v̂ + ε)\n");
                String ob1 = num(1 - h.get("beta1"));
                String ob2 = num(1 - h.get("beta2"));
                for (int i = 0; i < shown; i++) {
                    String p = name(s.ids().get(i));
                    Optimizer.ParamUpdate u = s.updates()[i];
                    Map<String, Double> st = u.state();
                    String g = num(u.gradient());
                    String pad = " ".repeat(Fmt.width(p) + 2);
                    sb.append("    ").append(p).append(": m = ").append(b1).append("·(").append(num(st.get("m_prev")))
                            .append(") + ").append(ob1).append("·(").append(g).append(") = ").append(num(st.get("m")))
                            .append('\n');
                    sb.append("    ").append(pad).append("v = ").append(b2).append("·(").append(num(st.get("v_prev")))
                            .append(") + ").append(ob2).append("·(").append(g).append(")² = ").append(num(st.get("v")))
                            .append('\n');
                    sb.append("    ").append(pad).append("m̂ = ").append(num(st.get("m"))).append("/").append(c1)
                            .append(" = ").append(num(st.get("m_hat"))).append(",  v̂ = ").append(num(st.get("v")))
                            .append("/").append(c2).append(" = ").append(num(st.get("v_hat"))).append('\n');
                    sb.append("    ").append(pad).append(p).append(" ← ").append(p).append(" − η·m̂/(√v̂ + ε) = ")
                            .append(num(u.before())).append(" − ").append(eta).append("·(").append(num(st.get("m_hat")))
                            .append(")/(√").append(num(st.get("v_hat"))).append(" + ").append(eps).append(") = ")
                            .append(num(u.after())).append('\n');
                }
            }
            case SGD -> {
                sb.append("  update: p ← p − η·∂L/∂p (η = ").append(eta).append(")\n");
                for (int i = 0; i < shown; i++) {
                    String p = name(s.ids().get(i));
                    Optimizer.ParamUpdate u = s.updates()[i];
                    sb.append("    ").append(p).append(" ← ").append(p).append(" − η·∂L/∂").append(p).append(" = ")
                            .append(num(u.before())).append(" − ").append(eta).append("·(").append(num(u.gradient()))
                            .append(") = ").append(num(u.after())).append('\n');
                }
            }
        }
        more(sb, s.ids().size(), shown);
    }

    private static void more(StringBuilder sb, int total, int shown) {
        if (total > shown) {
            sb.append("    … ").append(total - shown).append(" more parameters (every one is in --format json)\n");
        }
    }

    /** w₁₁⁽¹⁾ for w[1,1,1]. */
    public static String name(ParamId id) {
        return Notation.text(id.toString());
    }

    static String num(double v) {
        return Fmt.num(v, DIGITS);
    }
}
