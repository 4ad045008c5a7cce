package dev.chainrule.network.spec;

import dev.chainrule.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A recurrent network (docs/reference.md §1, contract §5): layer 1 is an rnn layer, h_t = g(W x_t + U h_{t−1} + b)
 * with h_0 = 0, run over each sample's sequence x_1 … x_T; it passes h_T (the last step) to the dense layers above
 * it, the last of which is the output layer. Each sample has its own length T (at least 1). Parameter ids: w[1,i,j]
 * (W, unit i, input j), u[1,i,j] (U, unit i, from unit j of h_{t−1}), b[1,i]; then the dense layers' w[l,i,j],
 * b[l,i]. Immutable (the arrays are copied in).
 */
public record RnnNetSpec(List<String> inputs, Rnn rnn, List<LayerSpec> head, Loss loss, Reduction reduction,
                         double huberDelta, Regularization regularization, List<Sequence> data) {

    /** The rnn layer: {@code w[i][j]} (units × inputs), {@code u[i][j]} (units × units), {@code b[i]}, 0-based. */
    public record Rnn(Activation activation, double alpha, double[][] w, double[][] u, double[] b) {
        public Rnn {
            Objects.requireNonNull(activation, "activation");
            int units = b.length;
            if (units == 0 || w.length != units || u.length != units) {
                throw new IllegalArgumentException("an rnn layer needs W and U with one row per unit");
            }
            w = copy(w);
            u = copy(u);
            b = b.clone();
            for (int i = 0; i < units; i++) {
                if (u[i].length != units || w[i].length != w[0].length || w[0].length == 0) {
                    throw new IllegalArgumentException("U must be units × units and W units × inputs");
                }
            }
        }

        public int units() {
            return b.length;
        }

        public int fanIn() {
            return w[0].length;
        }

        /** 0-based, no copy. */
        public double wAt(int i, int j) {
            return w[i][j];
        }

        /** 0-based, no copy. */
        public double uAt(int i, int j) {
            return u[i][j];
        }

        /** 0-based, no copy. */
        public double bAt(int i) {
            return b[i];
        }

        @Override
        public double[][] w() {
            return copy(w);
        }

        @Override
        public double[][] u() {
            return copy(u);
        }

        @Override
        public double[] b() {
            return b.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rnn r && activation == r.activation && Double.compare(alpha, r.alpha) == 0
                    && Arrays.deepEquals(w, r.w) && Arrays.deepEquals(u, r.u) && Arrays.equals(b, r.b);
        }

        @Override
        public int hashCode() {
            return Objects.hash(activation, alpha, Arrays.deepHashCode(w), Arrays.deepHashCode(u), Arrays.hashCode(b));
        }

        @Override
        public String toString() {
            return "Rnn[activation=" + activation.yamlName() + ", w=" + Arrays.deepToString(w) + ", u="
                    + Arrays.deepToString(u) + ", b=" + Arrays.toString(b) + "]";
        }
    }

    /** One sample: its steps {@code x[t][j]} (0-based, T × inputs) and its target y. */
    public record Sequence(double[][] x, double[] y) {
        public Sequence {
            if (x.length == 0) {
                throw new IllegalArgumentException("a sequence has at least one step");
            }
            x = copy(x);
            y = y.clone();
        }

        /** T, the number of steps. */
        public int steps() {
            return x.length;
        }

        /** Step t (0-based), feature j (0-based), no copy. */
        public double xAt(int t, int j) {
            return x[t][j];
        }

        /** 0-based, no copy. */
        public double yAt(int k) {
            return y[k];
        }

        @Override
        public double[][] x() {
            return copy(x);
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sequence s && Arrays.deepEquals(x, s.x) && Arrays.equals(y, s.y);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.deepHashCode(x) + Arrays.hashCode(y);
        }

        @Override
        public String toString() {
            return "Sequence[x=" + Arrays.deepToString(x) + ", y=" + Arrays.toString(y) + "]";
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i].clone();
        }
        return c;
    }

    public RnnNetSpec {
        inputs = List.copyOf(inputs);
        head = List.copyOf(head);
        data = List.copyOf(data);
        Objects.requireNonNull(rnn, "rnn");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        Objects.requireNonNull(regularization, "regularization");
        if (head.isEmpty() || data.isEmpty()) {
            throw new IllegalArgumentException("an rnn network needs a dense output layer and data");
        }
        if (rnn.fanIn() != inputs.size()) {
            throw new IllegalArgumentException("W needs one column per input");
        }
        int fan = rnn.units();
        for (LayerSpec layer : head) {
            if (layer.fanIn() != fan) {
                throw new IllegalArgumentException("a dense layer does not fit the layer below it");
            }
            fan = layer.units();
        }
        for (Sequence s : data) {
            for (double[] step : s.x) {
                if (step.length != inputs.size()) {
                    throw new IllegalArgumentException("every step needs one value per input");
                }
            }
            if (s.y.length != fan) {
                throw new IllegalArgumentException("every y needs one value per output");
            }
        }
    }

    /** Layers in all: the rnn layer and the dense head. */
    public int layerCount() {
        return 1 + head.size();
    }

    /** Dense layer {@code l} (2 ≤ l ≤ {@link #layerCount}). */
    public LayerSpec dense(int l) {
        return head.get(l - 2);
    }

    public int outputCount() {
        return head.get(head.size() - 1).units();
    }

    /** Every parameter in canonical order: w[1,·,·], u[1,·,·], b[1,·], then each dense layer's weights and biases. */
    public List<ParamId> parameters() {
        List<ParamId> ids = new ArrayList<>();
        int units = rnn.units();
        for (int i = 1; i <= units; i++) {
            for (int j = 1; j <= rnn.fanIn(); j++) {
                ids.add(ParamId.weight(1, i, j));
            }
        }
        for (int i = 1; i <= units; i++) {
            for (int j = 1; j <= units; j++) {
                ids.add(ParamId.recurrent(1, i, j));
            }
        }
        for (int i = 1; i <= units; i++) {
            ids.add(ParamId.bias(1, i));
        }
        for (int l = 2; l <= layerCount(); l++) {
            LayerSpec d = dense(l);
            for (int i = 1; i <= d.units(); i++) {
                for (int j = 1; j <= d.fanIn(); j++) {
                    ids.add(ParamId.weight(l, i, j));
                }
            }
            for (int i = 1; i <= d.units(); i++) {
                ids.add(ParamId.bias(l, i));
            }
        }
        return List.copyOf(ids);
    }

    /** What layer {@code l} is and what its parameters are called. */
    public String describe(int l) {
        if (l == 1) {
            return "layer 1 is rnn with " + NetworkSpec.plural(rnn.units(), "unit") + " of "
                    + NetworkSpec.plural(rnn.fanIn(), "input") + " (w[1,i,j], u[1,i,j], b[1,i])";
        }
        LayerSpec d = dense(l);
        return "layer " + l + " is dense with " + NetworkSpec.plural(d.units(), "neuron") + " of "
                + NetworkSpec.plural(d.fanIn(), "input") + " (w[" + l + ",i,j], b[" + l + ",i])";
    }

    /** The value of {@code id}. @throws UserError when the network has no such parameter */
    public double parameter(ParamId id) {
        if (id.layer() > layerCount()) {
            throw new UserError("no parameter " + id + " in this network: the network has "
                    + NetworkSpec.plural(layerCount(), "layer"));
        }
        if (!parameters().contains(id)) {
            throw new UserError("no parameter " + id + " in this network: " + describe(id.layer()));
        }
        int i = id.neuron() - 1;
        if (id.layer() == 1) {
            return switch (id.kind()) {
                case WEIGHT -> rnn.wAt(i, id.input() - 1);
                case RECURRENT -> rnn.uAt(i, id.input() - 1);
                default -> rnn.bAt(i);
            };
        }
        LayerSpec d = dense(id.layer());
        return id.isBias() ? d.biasAt(i) : d.weightAt(i, id.input() - 1);
    }

    /** Whether the regularization penalty covers {@code id}: every weight, recurrent weight, never a bias. */
    public static boolean penalized(ParamId id) {
        return id.isWeight() || id.isRecurrent() || id.isKernel();
    }
}
