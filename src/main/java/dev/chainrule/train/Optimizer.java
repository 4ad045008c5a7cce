package dev.chainrule.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An update rule p ← p − η·(something built from the gradients so far). Stateful: one instance per run, and
 * {@link #step} called once per batch with that batch's gradient.
 *
 * <ul>
 *   <li>{@code sgd}: p ← p − η·g.</li>
 *   <li>{@code momentum} (heavy ball, as PyTorch's SGD with momentum): v ← μ·v + g, p ← p − η·v, v starts at 0
 *       (so the first step is plain SGD).</li>
 *   <li>{@code adam} (Kingma &amp; Ba): m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², m̂ = m/(1 − β₁ᵗ),
 *       v̂ = v/(1 − β₂ᵗ), p ← p − η·m̂/(√v̂ + ε), with m = v = 0 and t the step number from 1.</li>
 * </ul>
 */
public abstract sealed class Optimizer {
    /** What one parameter's update did: before, gradient, after, and the optimizer's state values by name. */
    public record ParamUpdate(double before, double gradient, double after, Map<String, Double> state) {
    }

    protected final double eta;
    protected int t;

    protected Optimizer(double eta) {
        this.eta = eta;
    }

    public double learningRate() {
        return eta;
    }

    /** The update rules, each with its option name (as typed after {@code train --optimizer} and written in JSON). */
    public enum Kind {
        SGD("sgd"), MOMENTUM("momentum"), ADAM("adam");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        /** The option name: sgd, momentum or adam. */
        public String spelling() {
            return spelling;
        }

        /** The rule named {@code s} exactly, if any. */
        public static java.util.Optional<Kind> parse(String s) {
            return java.util.Arrays.stream(values()).filter(k -> k.spelling.equals(s)).findFirst();
        }
    }

    /** Which rule this is. */
    public abstract Kind kind();

    /** The option name: sgd, momentum or adam. */
    public final String name() {
        return kind().spelling();
    }

    /** The hyper-parameters besides η, by name, in the order they are written. */
    public abstract Map<String, Double> hyperParameters();

    /** Steps taken so far. */
    public int steps() {
        return t;
    }

    /**
     * Updates {@code params} in place with the gradient {@code g}; when {@code record} is not null, fills it with
     * each parameter's update (same length as params).
     */
    public final void step(double[] params, double[] g, ParamUpdate[] record) {
        t++;
        update(params, g, record);
    }

    protected abstract void update(double[] params, double[] g, ParamUpdate[] record);

    public static Optimizer sgd(double eta) {
        return new Sgd(eta);
    }

    public static Optimizer momentum(double eta, double mu, int size) {
        return new Momentum(eta, mu, size);
    }

    public static Optimizer adam(double eta, double beta1, double beta2, double epsilon, int size) {
        return new Adam(eta, beta1, beta2, epsilon, size);
    }

    static final class Sgd extends Optimizer {
        Sgd(double eta) {
            super(eta);
        }

        @Override
        public Kind kind() {
            return Kind.SGD;
        }

        @Override
        public Map<String, Double> hyperParameters() {
            return Map.of();
        }

        @Override
        protected void update(double[] p, double[] g, ParamUpdate[] record) {
            for (int i = 0; i < p.length; i++) {
                double before = p[i];
                p[i] = before - eta * g[i];
                if (record != null) {
                    record[i] = new ParamUpdate(before, g[i], p[i], Map.of());
                }
            }
        }
    }

    static final class Momentum extends Optimizer {
        private final double mu;
        private final double[] v;

        Momentum(double eta, double mu, int size) {
            super(eta);
            this.mu = mu;
            this.v = new double[size];
        }

        @Override
        public Kind kind() {
            return Kind.MOMENTUM;
        }

        @Override
        public Map<String, Double> hyperParameters() {
            return Map.of("momentum", mu);
        }

        @Override
        protected void update(double[] p, double[] g, ParamUpdate[] record) {
            for (int i = 0; i < p.length; i++) {
                double before = p[i];
                double vPrev = v[i];
                v[i] = mu * vPrev + g[i];
                p[i] = before - eta * v[i];
                if (record != null) {
                    Map<String, Double> s = new LinkedHashMap<>();
                    s.put("v_prev", vPrev);
                    s.put("v", v[i]);
                    record[i] = new ParamUpdate(before, g[i], p[i], s);
                }
            }
        }
    }

    static final class Adam extends Optimizer {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final double[] m;
        private final double[] v;

        Adam(double eta, double beta1, double beta2, double epsilon, int size) {
            super(eta);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
            this.m = new double[size];
            this.v = new double[size];
        }

        @Override
        public Kind kind() {
            return Kind.ADAM;
        }

        @Override
        public Map<String, Double> hyperParameters() {
            Map<String, Double> h = new LinkedHashMap<>();
            h.put("beta1", beta1);
            h.put("beta2", beta2);
            h.put("epsilon", epsilon);
            return h;
        }

        @Override
        protected void update(double[] p, double[] g, ParamUpdate[] record) {
            double c1 = 1 - Math.pow(beta1, t);
            double c2 = 1 - Math.pow(beta2, t);
            for (int i = 0; i < p.length; i++) {
                double before = p[i];
                double mPrev = m[i];
                double vPrev = v[i];
                m[i] = beta1 * mPrev + (1 - beta1) * g[i];
                v[i] = beta2 * vPrev + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / c1;
                double vHat = v[i] / c2;
                p[i] = before - eta * mHat / (Math.sqrt(vHat) + epsilon);
                if (record != null) {
                    Map<String, Double> s = new LinkedHashMap<>();
                    s.put("t", (double) t);
                    s.put("m_prev", mPrev);
                    s.put("v_prev", vPrev);
                    s.put("m", m[i]);
                    s.put("v", v[i]);
                    s.put("m_hat", mHat);
                    s.put("v_hat", vHat);
                    record[i] = new ParamUpdate(before, g[i], p[i], s);
                }
            }
        }
    }
}
