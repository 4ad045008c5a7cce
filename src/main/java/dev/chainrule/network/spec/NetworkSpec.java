package dev.chainrule.network.spec;

import dev.chainrule.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A fully connected network with its loss, data and learning rate (docs/reference.md §1). Layer 1 is the first hidden
 * layer, the last layer is the output layer. Immutable; the {@code with…} methods return new specs.
 *
 * <p>Indices: methods taking a layer <em>number</em> and {@link ParamId} are 1-based, like the notes; Java lists
 * and arrays are 0-based. The constructor checks the shapes (layers chain, one output name per output unit,
 * sample widths) and throws {@link IllegalArgumentException}; user-facing checks live in {@link SpecLoader}.
 *
 * @param outputs {@code null} means the default names ({@code yhat}, or {@code yhat1..yhatK})
 * @param name    an optional title ({@code name:} or {@code title:} in YAML), or {@code null}
 * @param huberDelta Huber's δ ({@code huber_delta:}, positive), read only by {@code loss: huber}
 * @param regularization the penalty on the weights added to the reduced loss ({@link Regularization#NONE}: none)
 */
public record NetworkSpec(List<String> inputs, List<String> outputs, List<LayerSpec> layers, Loss loss,
                          Reduction reduction, double learningRate, List<Sample> data, String name,
                          double huberDelta, Regularization regularization) {

    public static final double DEFAULT_LEARNING_RATE = 0.1;

    /** Huber's δ when the spec gives none (torch's HuberLoss default). */
    public static final double DEFAULT_HUBER_DELTA = 1.0;

    /** A spec with the default Huber δ. */
    public NetworkSpec(List<String> inputs, List<String> outputs, List<LayerSpec> layers, Loss loss,
                       Reduction reduction, double learningRate, List<Sample> data, String name) {
        this(inputs, outputs, layers, loss, reduction, learningRate, data, name, DEFAULT_HUBER_DELTA,
                Regularization.NONE);
    }

    /** A spec without regularization. */
    public NetworkSpec(List<String> inputs, List<String> outputs, List<LayerSpec> layers, Loss loss,
                       Reduction reduction, double learningRate, List<Sample> data, String name, double huberDelta) {
        this(inputs, outputs, layers, loss, reduction, learningRate, data, name, huberDelta, Regularization.NONE);
    }

    public NetworkSpec {
        Objects.requireNonNull(regularization, "regularization");
        if (!(huberDelta > 0) || Double.isInfinite(huberDelta)) {
            throw new IllegalArgumentException("Huber's delta must be a positive number, got " + huberDelta);
        }
        inputs = List.copyOf(inputs);
        layers = List.copyOf(layers);
        data = List.copyOf(data);
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        if (inputs.isEmpty() || layers.isEmpty() || data.isEmpty()) {
            throw new IllegalArgumentException("a network needs inputs, layers and data");
        }
        int width = inputs.size();
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).fanIn() != width) {
                throw new IllegalArgumentException("layer " + (l + 1) + " has fan-in " + layers.get(l).fanIn()
                        + " but the layer below is " + width + " wide");
            }
            width = layers.get(l).units();
        }
        outputs = outputs == null ? SpecNames.defaultOutputs(width) : List.copyOf(outputs);
        if (outputs.size() != width) {
            throw new IllegalArgumentException(outputs.size() + " output names for " + width + " output units");
        }
        for (Sample s : data) {
            if (s.xLength() != inputs.size() || s.yLength() != width) {
                throw new IllegalArgumentException("sample " + s + " does not fit " + inputs.size() + " inputs and "
                        + width + " outputs");
            }
        }
    }

    public int inputCount() {
        return inputs.size();
    }

    public int outputCount() {
        return outputs.size();
    }

    public int layerCount() {
        return layers.size();
    }

    /** Layer {@code number}, 1-based (layer 1 is the first hidden layer). */
    public LayerSpec layer(int number) {
        return layers.get(number - 1);
    }

    /** The output layer. */
    public LayerSpec outputLayer() {
        return layers.get(layers.size() - 1);
    }

    /** The fan-in of layer {@code number} (1-based): the input count for layer 1, else the previous layer's units. */
    public int fanIn(int number) {
        return layer(number).fanIn();
    }

    /** The widths from inputs to outputs, e.g. {@code 2-2-1}. */
    public String shape() {
        StringJoiner j = new StringJoiner("-");
        j.add(String.valueOf(inputs.size()));
        layers.forEach(l -> j.add(String.valueOf(l.units())));
        return j.toString();
    }

    /** The number of weights and biases. */
    public int parameterCount() {
        int n = 0;
        for (LayerSpec l : layers) {
            n += l.parameterCount();
        }
        return n;
    }

    /** Every parameter in canonical order: layer by layer, each layer's weights row by row, then its biases. */
    public List<ParamId> parameters() {
        List<ParamId> ids = new ArrayList<>(parameterCount());
        for (int l = 1; l <= layers.size(); l++) {
            LayerSpec layer = layer(l);
            for (int i = 1; i <= layer.units(); i++) {
                for (int j = 1; j <= layer.fanIn(); j++) {
                    ids.add(ParamId.weight(l, i, j));
                }
            }
            for (int i = 1; i <= layer.units(); i++) {
                ids.add(ParamId.bias(l, i));
            }
        }
        return Collections.unmodifiableList(ids);
    }

    /**
     * The position of {@code id} in the canonical order.
     *
     * @throws UserError when the network has no such parameter
     */
    public int indexOf(ParamId id) {
        requireExists(id);
        int offset = 0;
        for (int l = 1; l < id.layer(); l++) {
            offset += layer(l).parameterCount();
        }
        LayerSpec layer = layer(id.layer());
        return id.isWeight()
                ? offset + (id.neuron() - 1) * layer.fanIn() + (id.input() - 1)
                : offset + layer.units() * layer.fanIn() + (id.neuron() - 1);
    }

    /** The value of {@code id}. @throws UserError when the network has no such parameter */
    public double parameter(ParamId id) {
        requireExists(id);
        LayerSpec layer = layer(id.layer());
        return id.isWeight() ? layer.weightAt(id.neuron() - 1, id.input() - 1) : layer.biasAt(id.neuron() - 1);
    }

    /** Every parameter value in canonical order. */
    public double[] parameterVector() {
        double[] flat = new double[parameterCount()];
        int k = 0;
        for (LayerSpec layer : layers) {
            for (int i = 0; i < layer.units(); i++) {
                for (int j = 0; j < layer.fanIn(); j++) {
                    flat[k++] = layer.weightAt(i, j);
                }
            }
            for (int i = 0; i < layer.units(); i++) {
                flat[k++] = layer.biasAt(i);
            }
        }
        return flat;
    }

    /** This spec with one parameter changed. @throws UserError when the network has no such parameter */
    public NetworkSpec withParameter(ParamId id, double value) {
        double[] flat = parameterVector();
        flat[indexOf(id)] = value;
        return withParameters(flat);
    }

    /**
     * This spec with every parameter replaced, in canonical order.
     *
     * @throws IllegalArgumentException when {@code flat.length != parameterCount()}
     */
    public NetworkSpec withParameters(double[] flat) {
        if (flat.length != parameterCount()) {
            throw new IllegalArgumentException("expected " + parameterCount() + " values, got " + flat.length);
        }
        List<LayerSpec> updated = new ArrayList<>(layers.size());
        int k = 0;
        for (LayerSpec layer : layers) {
            double[][] w = new double[layer.units()][layer.fanIn()];
            for (double[] row : w) {
                System.arraycopy(flat, k, row, 0, row.length);
                k += row.length;
            }
            double[] b = new double[layer.units()];
            System.arraycopy(flat, k, b, 0, b.length);
            k += b.length;
            updated.add(new LayerSpec(layer.units(), layer.activation(), layer.alpha(), w, b));
        }
        return new NetworkSpec(inputs, outputs, updated, loss, reduction, learningRate, data, name, huberDelta, regularization);
    }

    /** This spec with other data (same widths). */
    public NetworkSpec withData(List<Sample> samples) {
        return new NetworkSpec(inputs, outputs, layers, loss, reduction, learningRate, samples, name, huberDelta, regularization);
    }

    /** This spec with another learning rate. */
    public NetworkSpec withLearningRate(double rate) {
        return new NetworkSpec(inputs, outputs, layers, loss, reduction, rate, data, name, huberDelta, regularization);
    }

    /** This spec with another penalty on the weights. */
    public NetworkSpec withRegularization(Regularization r) {
        return new NetworkSpec(inputs, outputs, layers, loss, reduction, learningRate, data, name, huberDelta, r);
    }

    /** The penalty at the parameters {@code flat} (canonical order): Σ over the weights of (λ/2)w² + μ|w|. */
    public double penalty(double[] flat) {
        if (regularization.isNone()) {
            return 0;
        }
        boolean[] weight = weightMask();
        double sum = 0;
        for (int k = 0; k < flat.length; k++) {
            if (weight[k]) {
                sum += regularization.penalty(flat[k]);
            }
        }
        return sum;
    }

    /** Adds the penalty's gradient at {@code flat} (λw + μ·sign(w) for weights, 0 for biases) to {@code g}. */
    public void addPenaltyGradient(double[] flat, double[] g) {
        if (regularization.isNone()) {
            return;
        }
        boolean[] weight = weightMask();
        for (int k = 0; k < flat.length; k++) {
            if (weight[k]) {
                g[k] += regularization.derivative(flat[k]);
            }
        }
    }

    /** Which canonical positions are weights (the rest are biases). */
    private boolean[] weightMask() {
        boolean[] m = new boolean[parameterCount()];
        int k = 0;
        for (LayerSpec layer : layers) {
            for (int i = 0; i < layer.units() * layer.fanIn(); i++) {
                m[k++] = true;
            }
            k += layer.units();
        }
        return m;
    }

    /** This spec with another loss (the same Huber δ). */
    public NetworkSpec withLoss(Loss other) {
        return new NetworkSpec(inputs, outputs, layers, other, reduction, learningRate, data, name, huberDelta, regularization);
    }

    private void requireExists(ParamId id) {
        String where = null;
        if (id.layer() <= layers.size() && id.isKernel()) {
            where = "layer " + id.layer() + " is a dense layer (its parameters are w[" + id.layer() + ",i,j] and b["
                    + id.layer() + ",i]); kernel weights k[l,f,ch,p,q] belong to conv2d layers";
        } else if (id.layer() <= layers.size() && id.isRecurrent()) {
            where = "layer " + id.layer() + " is a dense layer (its parameters are w[" + id.layer() + ",i,j] and b["
                    + id.layer() + ",i]); recurrent weights u[l,i,j] belong to rnn layers";
        } else if (id.layer() > layers.size()) {
            where = "the network has " + plural(layers.size(), "layer");
        } else if (id.neuron() > layer(id.layer()).units()) {
            where = "layer " + id.layer() + " has " + plural(layer(id.layer()).units(), "neuron");
        } else if (id.isWeight() && id.input() > layer(id.layer()).fanIn()) {
            where = "each neuron of layer " + id.layer() + " has " + plural(layer(id.layer()).fanIn(), "input");
        }
        if (where != null) {
            throw new UserError("no parameter " + id + " in this network: " + where);
        }
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
