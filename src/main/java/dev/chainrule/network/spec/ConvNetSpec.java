package dev.chainrule.network.spec;

import dev.chainrule.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A network on images (docs/reference.md §1, contract §5): each sample's x is an image of {@code channels} ×
 * {@code height} × {@code width} values, stored flat in channel-major order (x[ch][r][c] at index
 * (ch·H + r)·W + c, 0-based); layers are conv2d, pooling, flatten and, once flat, dense. Layer numbers count every
 * layer, pooling and flatten included, as the parameter ids do. Immutable (the arrays are copied in).
 */
public record ConvNetSpec(int channels, int height, int width, List<Layer> layers, Loss loss, Reduction reduction,
                          double huberDelta, Regularization regularization, List<Sample> data) {

    /** A network without regularization. */
    public ConvNetSpec(int channels, int height, int width, List<Layer> layers, Loss loss, Reduction reduction,
                       double huberDelta, List<Sample> data) {
        this(channels, height, width, layers, loss, reduction, huberDelta, Regularization.NONE, data);
    }

    /** Whether the regularization penalty covers {@code id}: kernel and dense weights, never a bias. */
    public static boolean penalized(ParamId id) {
        return !id.isBias();
    }

    /** One layer of an image network: the shape it makes of its input's, and its parameters (if any). */
    public sealed interface Layer permits Conv2d, Pool, Flatten, Dense {
        /** The shape out of this layer for {@code in}. @throws IllegalArgumentException when it does not fit */
        Shape out(Shape in);

        /** This layer's parameter ids in canonical order, as layer {@code l}. */
        default List<ParamId> parameters(int l) {
            return List.of();
        }

        /** The value of one of {@link #parameters}. */
        default double parameter(ParamId id) {
            throw new IllegalArgumentException(this + " has no parameter " + id);
        }

        /** What the layer is and what its parameters are called, as layer {@code l}. */
        String describe(int l);
    }

    /**
     * z[f,r,c] = Σ_{ch,p,q} k[f,ch,p,q]·x[ch, r·s+p, c·s+q] + b[f] over the zero-padded input, then g per element.
     * {@code kernels[f][ch][p][q]} is 0-based here.
     */
    public record Conv2d(int stride, int padding, Activation activation, double alpha, double[][][][] kernels,
                         double[] biases) implements Layer {
        public Conv2d {
            Objects.requireNonNull(activation, "activation");
            if (stride < 1 || padding < 0 || kernels.length == 0 || kernels.length != biases.length) {
                throw new IllegalArgumentException("a conv2d layer needs a stride ≥ 1, padding ≥ 0 and one bias per filter");
            }
            kernels = kernels.clone();
            for (int f = 0; f < kernels.length; f++) {
                kernels[f] = kernels[f].clone();
                for (int ch = 0; ch < kernels[f].length; ch++) {
                    kernels[f][ch] = kernels[f][ch].clone();
                    for (int p = 0; p < kernels[f][ch].length; p++) {
                        kernels[f][ch][p] = kernels[f][ch][p].clone();
                        if (kernels[f][ch][p].length != kernels[0][0][0].length) {
                            throw new IllegalArgumentException("ragged kernel");
                        }
                    }
                }
            }
            biases = biases.clone();
        }

        public int filters() {
            return kernels.length;
        }

        public int inChannels() {
            return kernels[0].length;
        }

        public int kernelHeight() {
            return kernels[0][0].length;
        }

        public int kernelWidth() {
            return kernels[0][0][0].length;
        }

        /** 0-based, no copy. */
        public double kernelAt(int f, int ch, int p, int q) {
            return kernels[f][ch][p][q];
        }

        /** 0-based, no copy. */
        public double biasAt(int f) {
            return biases[f];
        }

        @Override
        public Shape out(Shape in) {
            int ph = in.h() + 2 * padding;
            int pw = in.w() + 2 * padding;
            if (!in.image() || inChannels() != in.c() || kernelHeight() > ph || kernelWidth() > pw) {
                throw new IllegalArgumentException("a conv2d layer does not fit its input " + in);
            }
            return new Shape(filters(), (ph - kernelHeight()) / stride + 1, (pw - kernelWidth()) / stride + 1, 0);
        }

        @Override
        public List<ParamId> parameters(int l) {
            List<ParamId> ids = new ArrayList<>();
            for (int f = 1; f <= filters(); f++) {
                for (int ch = 1; ch <= inChannels(); ch++) {
                    for (int p = 1; p <= kernelHeight(); p++) {
                        for (int q = 1; q <= kernelWidth(); q++) {
                            ids.add(ParamId.kernel(l, f, ch, p, q));
                        }
                    }
                }
            }
            for (int f = 1; f <= filters(); f++) {
                ids.add(ParamId.bias(l, f));
            }
            return ids;
        }

        @Override
        public double parameter(ParamId id) {
            return id.isBias() ? biases[id.neuron() - 1]
                    : kernels[id.neuron() - 1][id.input() - 1][id.window().get(0) - 1][id.window().get(1) - 1];
        }

        @Override
        public String describe(int l) {
            return "layer " + l + " is conv2d with " + NetworkSpec.plural(filters(), "filter") + " of " + inChannels()
                    + "x" + kernelHeight() + "x" + kernelWidth() + " (k[" + l + ",f,ch,p,q], b[" + l + ",f])";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Conv2d c && stride == c.stride && padding == c.padding && activation == c.activation
                    && Double.compare(alpha, c.alpha) == 0 && Arrays.deepEquals(kernels, c.kernels)
                    && Arrays.equals(biases, c.biases);
        }

        @Override
        public int hashCode() {
            return Objects.hash(stride, padding, activation, alpha, Arrays.deepHashCode(kernels), Arrays.hashCode(biases));
        }

        @Override
        public String toString() {
            return "Conv2d[stride=" + stride + ", padding=" + padding + ", activation=" + activation.yamlName()
                    + ", kernels=" + Arrays.deepToString(kernels) + ", biases=" + Arrays.toString(biases) + "]";
        }
    }

    /** The window's maximum ({@code max}) or mean, {@code size}×{@code size}, moved by {@code stride}. */
    public record Pool(boolean max, int size, int stride) implements Layer {
        public Pool {
            if (size < 1 || stride < 1) {
                throw new IllegalArgumentException("a pooling window and its stride are at least 1");
            }
        }

        @Override
        public Shape out(Shape in) {
            if (!in.image() || size > in.h() || size > in.w()) {
                throw new IllegalArgumentException("a pooling layer does not fit its input " + in);
            }
            return new Shape(in.c(), (in.h() - size) / stride + 1, (in.w() - size) / stride + 1, 0);
        }

        @Override
        public String describe(int l) {
            return "layer " + l + " is " + (max ? "maxpool2d" : "avgpool2d") + ", which has no parameters";
        }
    }

    /** The image as one list, channel-major (C, H, W) as torch.flatten. */
    public record Flatten() implements Layer {
        @Override
        public Shape out(Shape in) {
            if (!in.image()) {
                throw new IllegalArgumentException("flatten needs an image below it");
            }
            return new Shape(0, 0, 0, in.c() * in.h() * in.w());
        }

        @Override
        public String describe(int l) {
            return "layer " + l + " is flatten, which has no parameters";
        }
    }

    /** A fully connected layer on the flat values below it, as in a dense network. */
    public record Dense(LayerSpec layer) implements Layer {
        @Override
        public Shape out(Shape in) {
            if (in.image() || layer.fanIn() != in.flat()) {
                throw new IllegalArgumentException("a dense layer does not fit its input " + in);
            }
            return new Shape(0, 0, 0, layer.units());
        }

        @Override
        public List<ParamId> parameters(int l) {
            List<ParamId> ids = new ArrayList<>();
            for (int i = 1; i <= layer.units(); i++) {
                for (int j = 1; j <= layer.fanIn(); j++) {
                    ids.add(ParamId.weight(l, i, j));
                }
            }
            for (int i = 1; i <= layer.units(); i++) {
                ids.add(ParamId.bias(l, i));
            }
            return ids;
        }

        @Override
        public double parameter(ParamId id) {
            return id.isBias() ? layer.biasAt(id.neuron() - 1) : layer.weightAt(id.neuron() - 1, id.input() - 1);
        }

        @Override
        public String describe(int l) {
            return "layer " + l + " is dense with " + NetworkSpec.plural(layer.units(), "neuron") + " of "
                    + NetworkSpec.plural(layer.fanIn(), "input") + " (w[" + l + ",i,j], b[" + l + ",i])";
        }
    }

    /** The shape between layers: an image [c, h, w], or a flat list of {@code flat} values (c = h = w = 0). */
    public record Shape(int c, int h, int w, int flat) {
        public boolean image() {
            return flat == 0;
        }
    }

    public ConvNetSpec {
        layers = List.copyOf(layers);
        data = List.copyOf(data);
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        Objects.requireNonNull(regularization, "regularization");
        if (layers.isEmpty() || data.isEmpty()) {
            throw new IllegalArgumentException("a network needs layers and data");
        }
        List<Shape> shapes = shapes(new Shape(channels, height, width, 0), layers);
        Shape out = shapes.get(shapes.size() - 1);
        if (out.image()) {
            throw new IllegalArgumentException("the output layer gives an image");
        }
        for (Sample s : data) {
            if (s.xLength() != channels * height * width || s.yLength() != out.flat()) {
                throw new IllegalArgumentException("sample " + s + " does not fit the input and output shapes");
            }
        }
    }

    /** The shape of the input (index 0) and after each layer (index l, 1-based). */
    public List<Shape> shapes() {
        return shapes(new Shape(channels, height, width, 0), layers);
    }

    private static List<Shape> shapes(Shape in, List<Layer> layers) {
        List<Shape> out = new ArrayList<>();
        out.add(in);
        for (Layer layer : layers) {
            out.add(layer.out(out.get(out.size() - 1)));
        }
        return List.copyOf(out);
    }

    public int outputCount() {
        return shapes().get(layers.size()).flat();
    }

    /** Layer {@code l}, 1-based. */
    public Layer layer(int l) {
        return layers.get(l - 1);
    }

    /** Every parameter in canonical order: layer by layer, kernels (f, ch, p, q) or weights (i, j), then biases. */
    public List<ParamId> parameters() {
        List<ParamId> ids = new ArrayList<>();
        for (int l = 1; l <= layers.size(); l++) {
            ids.addAll(layer(l).parameters(l));
        }
        return List.copyOf(ids);
    }

    /** The value of {@code id}. @throws UserError when the network has no such parameter */
    public double parameter(ParamId id) {
        if (id.layer() > layers.size()) {
            throw new UserError("no parameter " + id + " in this network: the network has "
                    + NetworkSpec.plural(layers.size(), "layer"));
        }
        Layer layer = layer(id.layer());
        if (!layer.parameters(id.layer()).contains(id)) {
            throw new UserError("no parameter " + id + " in this network: " + layer.describe(id.layer()));
        }
        return layer.parameter(id);
    }
}
