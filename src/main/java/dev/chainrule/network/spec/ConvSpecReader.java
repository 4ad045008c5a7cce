package dev.chainrule.network.spec;

import static dev.chainrule.network.spec.NetworkSpec.plural;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks a spec with {@code input_shape:} or layers of {@code type: conv2d, maxpool2d, avgpool2d,
 * flatten} (docs/reference.md §1): the shapes must chain from {@code input_shape} through every layer, kernels and
 * pooling windows must fit their (padded) inputs, strides are at least 1, every {@code x} has the input shape.
 * {@link #readConv} gives the typed {@link ConvNetSpec}; the commands do not take such specs yet (issue 14), so
 * {@link #read} refuses a spec that passes every check with a sentence saying so; every refusal is one line, exit 2.
 */
final class ConvSpecReader {
    static final List<String> TYPES = List.of("dense", "conv2d", "maxpool2d", "avgpool2d", "flatten");
    static final List<String> KEYS = List.of("type", "units", "activation", "alpha", "weights", "biases",
            "filters", "kernel", "stride", "padding", "size");
    private static final int MAX_DIM = 1024;

    /** A shape between layers: {@code c, h, w} for an image, or {@code flat > 0} after flatten or dense. */
    private record Shape(int c, int h, int w, int flat) {
        boolean image() {
            return flat == 0;
        }

        String show() {
            return image() ? "[" + c + ", " + h + ", " + w + "]" : "[" + flat + "]";
        }
    }

    private ConvSpecReader() {
    }

    /** Whether {@code top} is a conv-style spec (has input_shape, or a layer whose type is not dense). */
    static boolean applies(YamlMap top) {
        if (top.has("input_shape")) {
            return true;
        }
        Cursor layers = top.get("layers").orElse(null);
        if (layers == null || !layers.isList()) {
            return false;
        }
        for (Cursor item : layers.list("a list of layers")) {
            if (item.isScalar() || item.isList()) {
                continue;
            }
            try {
                YamlMap fields = item.mapping("a layer", KEYS, Map.of());
                if (fields.has("type") && !fields.require("type", "").text("a type").strip().equals("dense")) {
                    return true;
                }
            } catch (SpecError e) {
                // not a conv layer; the dense reader reports the problem
            }
        }
        return false;
    }

    /** Checks a conv spec completely; the commands that build dense networks only refuse it with its refusal. */
    static AnySpec.Image read(YamlMap top) {
        ConvNetSpec spec = readConv(top);
        return new AnySpec.Image(spec, top.require("layers", "").error("the spec is valid, but this command builds"
                + " dense layers only: conv2d, pooling and flatten layers are explained (every format but dot) and"
                + " judged as number claims (check --claim 'ID = NUMBER'), not yet trained or checked otherwise"
                + " (issue 14)"));
    }

    /** Reads and checks a conv spec into its typed form; every refusal is one line naming the field. */
    static ConvNetSpec readConv(YamlMap top) {
        Cursor shapeCursor = top.require("input_shape",
                "[channels, height, width] of each x, e.g. [1, 4, 4]; conv2d and pooling layers need it");
        List<Cursor> dims = shapeCursor.list("[channels, height, width], e.g. [1, 4, 4]");
        if (dims.size() != 3) {
            throw shapeCursor.error("expected 3 whole numbers [channels, height, width], got " + dims.size());
        }
        int[] d = new int[3];
        for (int k = 0; k < 3; k++) {
            d[k] = (int) dims.get(k).wholeNumber(1, MAX_DIM, "a whole number from 1 to " + MAX_DIM);
        }
        Shape input = new Shape(d[0], d[1], d[2], 0);
        Cursor layersCursor = top.require("layers", "a list of layers, the last one being the output layer");
        List<Cursor> items = layersCursor.list("a list of layers");
        if (items.isEmpty()) {
            throw layersCursor.error("expected at least one layer (the last one is the output layer), got an empty list");
        }
        if (items.size() > SpecLoader.MAX_LAYERS) {
            throw layersCursor.error("expected at most " + SpecLoader.MAX_LAYERS + " layers, got " + items.size());
        }
        Shape shape = input;
        List<ConvNetSpec.Layer> layers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Built built = layer(items.get(i), i + 1, items.size(), shape);
            shape = built.shape();
            layers.add(built.layer());
        }
        if (shape.image()) {
            throw items.get(items.size() - 1).error("the output layer " + items.size() + " gives an image "
                    + shape.show() + "; end with flatten and a dense layer");
        }
        Cursor lossCursor = top.require("loss", "one of " + String.join(", ", Loss.YAML_NAMES));
        Loss loss = SpecReader.loss(lossCursor);
        Activation last = ((ConvNetSpec.Dense) layers.get(layers.size() - 1)).layer().activation();
        SpecRules.lossProblem(loss, last, layers.size()).ifPresent(problem -> {
            throw lossCursor.error(problem);
        });
        double huberDelta = top.get("huber_delta").map(c -> SpecReader.huberDelta(c, loss))
                .orElse(NetworkSpec.DEFAULT_HUBER_DELTA);
        Reduction reduction = top.get("reduction").map(SpecReader::reduction).orElse(Reduction.MEAN);
        top.get("learning_rate").ifPresent(SpecReader::learningRate);
        Regularization regularization = top.get("regularization").map(SpecReader::regularization)
                .orElse(Regularization.NONE);
        List<Sample> data = readData(top, input, shape.flat(), loss);
        return new ConvNetSpec(input.c(), input.h(), input.w(), layers, loss, reduction, huberDelta, regularization, data);
    }

    /** A layer's output shape and its typed form. */
    private record Built(Shape shape, ConvNetSpec.Layer layer) {
    }

    private static Built layer(Cursor item, int l, int count, Shape in) {
        YamlMap f = item.mapping("a layer {type: ..., ...}", KEYS, Map.of("kernel_size", "kernel",
                "pool_size", "size", "pad", "padding", "out_channels", "filters"));
        String type = f.get("type").map(c -> c.text("one of " + String.join(", ", TYPES))).orElse("dense").strip();
        Cursor typeCursor = f.get("type").orElse(item);
        if (!TYPES.contains(type)) {
            String hint = Suggest.closest(type, TYPES).map(s -> "; did you mean " + s + "?").orElse("");
            throw typeCursor.error("unknown layer type '" + SpecError.clip(type) + "' (expected one of "
                    + String.join(", ", TYPES) + ")" + hint);
        }
        switch (type) {
            case "conv2d" -> {
                only(f, type, List.of("type", "filters", "kernel", "stride", "padding", "activation", "alpha",
                        "weights", "biases"));
                return conv(f, l, in);
            }
            case "maxpool2d", "avgpool2d" -> {
                only(f, type, List.of("type", "size", "stride"));
                return pool(f, l, type, in);
            }
            case "flatten" -> {
                only(f, type, List.of("type"));
                if (!in.image()) {
                    throw typeCursor.error("flatten at layer " + l + " needs an image [channels, height, width]"
                            + " below it, got a flat " + in.show());
                }
                return new Built(new Shape(0, 0, 0, in.c() * in.h() * in.w()), new ConvNetSpec.Flatten());
            }
            default -> {
                return dense(f, l, count, in, item);
            }
        }
    }

    private static void only(YamlMap f, String type, List<String> allowed) {
        for (String key : KEYS) {
            if (f.has(key) && !allowed.contains(key)) {
                throw f.require(key, "").error("a " + type + " layer has no key " + key + " (its keys: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static int whole(YamlMap f, String key, int def, int min, String what) {
        if (!f.has(key)) {
            return def;
        }
        Cursor c = f.require(key, what);
        long v = c.wholeNumber(Long.MIN_VALUE, Long.MAX_VALUE, "a whole number (" + what + ")");
        if (v < min || v > MAX_DIM) {
            throw c.error("expected a whole number from " + min + " to " + MAX_DIM + " (" + what + "), got " + v);
        }
        return (int) v;
    }

    private static int[] pair(Cursor c, String what) {
        if (c.isScalar()) {
            int v = (int) c.wholeNumber(1, MAX_DIM, "a whole number from 1 to " + MAX_DIM + " (" + what + ")");
            return new int[] {v, v};
        }
        List<Cursor> two = c.list("[height, width] (" + what + ")");
        if (two.size() != 2) {
            throw c.error("expected [height, width] (" + what + "), got " + plural(two.size(), "number"));
        }
        return new int[] {
            (int) two.get(0).wholeNumber(1, MAX_DIM, "a whole number from 1 to " + MAX_DIM + " (" + what + ")"),
            (int) two.get(1).wholeNumber(1, MAX_DIM, "a whole number from 1 to " + MAX_DIM + " (" + what + ")")};
    }

    private static Built conv(YamlMap f, int l, Shape in) {
        Cursor typeCursor = f.require("type", "");
        if (!in.image()) {
            throw typeCursor.error("conv2d at layer " + l + " needs an image [channels, height, width] below it,"
                    + " got a flat " + in.show());
        }
        int filters = (int) f.require("filters", "the number of kernels (output channels) of layer " + l)
                .wholeNumber(1, MAX_DIM, "a whole number of filters from 1 to " + MAX_DIM);
        Cursor kernelCursor = f.require("kernel", "[height, width] of each kernel, e.g. [2, 2]");
        int[] k = pair(kernelCursor, "the kernel size");
        int stride = whole(f, "stride", 1, 1, "the step of the kernel");
        int padding = whole(f, "padding", 0, 0, "rows and columns of zeros around the input");
        int ph = in.h() + 2 * padding;
        int pw = in.w() + 2 * padding;
        if (k[0] > ph || k[1] > pw) {
            throw kernelCursor.error("kernel " + k[0] + "x" + k[1] + " of layer " + l + " is larger than its "
                    + (padding == 0 ? "" : "padded ") + "input " + ph + "x" + pw
                    + (padding == 0 ? "" : " (" + in.h() + "x" + in.w() + " with padding " + padding + ")"));
        }
        Cursor act = f.require("activation", "one of " + String.join(", ", Activation.YAML_NAMES));
        Activation activation = LayerReader.activation(act);
        if (activation == Activation.SOFTMAX) {
            throw act.error("softmax belongs on the output layer; a conv2d layer takes an activation per element");
        }
        int channels = in.c();
        double[][][][] kernels = new double[filters][channels][k[0]][];
        Cursor weights = f.require("weights", plural(filters, "kernel") + " [filter][channel][p][q] of "
                + channels + "x" + k[0] + "x" + k[1] + " numbers");
        List<Cursor> perFilter = weights.list("a list of " + plural(filters, "kernel") + " [filter][channel][p][q]");
        if (perFilter.size() != filters) {
            throw weights.error("expected " + plural(filters, "kernel") + " (one per filter of layer " + l
                    + "), got " + perFilter.size());
        }
        for (int fi = 0; fi < filters; fi++) {
            List<Cursor> perChannel = perFilter.get(fi).list("a list of " + plural(channels, "channel")
                    + " of " + k[0] + "x" + k[1] + " numbers");
            if (perChannel.size() != channels) {
                throw perFilter.get(fi).error("expected " + plural(channels, "channel") + " (the input has "
                        + channels + "), got " + perChannel.size());
            }
            for (int ci = 0; ci < channels; ci++) {
                Cursor ch = perChannel.get(ci);
                List<Cursor> rows = ch.list(plural(k[0], "row") + " of " + plural(k[1], "number"));
                if (rows.size() != k[0]) {
                    throw ch.error("expected " + plural(k[0], "row") + " (kernel " + k[0] + "x" + k[1] + "), got "
                            + rows.size());
                }
                for (int p = 0; p < k[0]; p++) {
                    kernels[fi][ci][p] = rows.get(p).numbers(k[1], "a kernel row of layer " + l, false);
                }
            }
        }
        double[] biases = f.require("biases", "one per filter of layer " + l)
                .numbers(filters, "one per filter of layer " + l, true);
        return new Built(new Shape(filters, (ph - k[0]) / stride + 1, (pw - k[1]) / stride + 1, 0),
                new ConvNetSpec.Conv2d(stride, padding, activation, alpha(f, activation), kernels, biases));
    }

    private static Built pool(YamlMap f, int l, String type, Shape in) {
        Cursor typeCursor = f.require("type", "");
        if (!in.image()) {
            throw typeCursor.error(type + " at layer " + l + " needs an image [channels, height, width] below it,"
                    + " got a flat " + in.show());
        }
        Cursor sizeCursor = f.require("size", "the side of the pooling window, e.g. 2");
        int size = whole(f, "size", 0, 1, "the side of the pooling window");
        int stride = whole(f, "stride", size, 1, "the step of the pooling window");
        if (size > in.h() || size > in.w()) {
            throw sizeCursor.error("pooling window " + size + "x" + size + " of layer " + l
                    + " is larger than its input " + in.h() + "x" + in.w());
        }
        return new Built(new Shape(in.c(), (in.h() - size) / stride + 1, (in.w() - size) / stride + 1, 0),
                new ConvNetSpec.Pool(type.equals("maxpool2d"), size, stride));
    }

    private static Built dense(YamlMap f, int l, int count, Shape in, Cursor item) {
        only(f, "dense", List.of("type", "units", "activation", "alpha", "weights", "biases"));
        if (in.image()) {
            throw f.get("type").orElse(item).error("dense layer " + l + " gets an image " + in.show()
                    + " from layer " + (l - 1) + "; put a flatten layer before it");
        }
        int units = (int) f.require("units", "the number of neurons of layer " + l)
                .wholeNumber(1, SpecLoader.MAX_UNITS, "a whole number of units from 1 to " + SpecLoader.MAX_UNITS);
        Cursor act = f.require("activation", "one of " + String.join(", ", Activation.YAML_NAMES));
        Activation activation = LayerReader.activation(act);
        SpecRules.activationProblem(activation, units, l, count).ifPresent(problem -> {
            throw act.error(problem);
        });
        Cursor weights = f.require("weights", plural(units, "row") + " of " + plural(in.flat(), "number"));
        List<Cursor> rows = weights.list("a list of " + plural(units, "row"));
        if (rows.size() != units) {
            throw weights.error("expected " + plural(units, "row") + " (one per unit of layer " + l + "), got "
                    + rows.size());
        }
        double[][] w = new double[units][];
        for (int i = 0; i < units; i++) {
            Cursor row = rows.get(i);
            if (row.isList() && row.list("a row").size() != in.flat()) {
                throw row.error("expected a row of " + plural(in.flat(), "number") + " (layer " + (l - 1)
                        + " gives " + plural(in.flat(), "value") + "), got " + row.list("a row").size());
            }
            w[i] = row.numbers(in.flat(), "one per value of layer " + (l - 1), false);
        }
        double[] b = f.require("biases", "one per unit of layer " + l).numbers(units, "one per unit of layer " + l, true);
        return new Built(new Shape(0, 0, 0, units),
                new ConvNetSpec.Dense(new LayerSpec(units, activation, alpha(f, activation), w, b)));
    }

    /** The samples: each x an image of the input shape (read channel-major), each y one number per output. */
    private static List<Sample> readData(YamlMap top, Shape input, int outputs, Loss loss) {
        Cursor data = top.require("data", "a list of samples {x: image, y: [...]}");
        String want = input.c() == 1 ? "[" + input.h() + "][" + input.w() + "] (or [1][" + input.h() + "]["
                + input.w() + "])" : "[" + input.c() + "][" + input.h() + "][" + input.w() + "]";
        List<Cursor> items = data.list("a list of samples");
        if (items.isEmpty()) {
            throw data.error("expected at least one sample {x: image, y: [...]}, got an empty list");
        }
        if (items.size() > SpecLoader.MAX_SAMPLES) {
            throw data.error("expected at most " + SpecLoader.MAX_SAMPLES + " samples, got " + items.size());
        }
        List<Sample> samples = new ArrayList<>();
        for (Cursor sample : items) {
            YamlMap s = sample.mapping("a sample {x: ..., y: ...}", List.of("x", "y"), Map.of());
            Cursor x = s.require("x", "an image " + want);
            String why = "expected an image " + want + " (input_shape " + input.show() + ")";
            List<Cursor> outer = x.list(want + " (input_shape " + input.show() + ")");
            List<List<Cursor>> channels = new ArrayList<>();
            boolean ok;
            if (input.c() == 1 && outer.size() == input.h() && !outer.isEmpty() && outer.get(0).isList()
                    && !outer.get(0).list("").isEmpty() && outer.get(0).list("").get(0).isScalar()) {
                ok = grid(outer, input.h(), input.w());
                channels.add(outer);
            } else {
                ok = outer.size() == input.c();
                for (int ch = 0; ok && ch < outer.size(); ch++) {
                    ok = outer.get(ch).isList() && grid(outer.get(ch).list(""), input.h(), input.w());
                    if (ok) {
                        channels.add(outer.get(ch).list(""));
                    }
                }
            }
            if (!ok) {
                throw x.error(why + ", got " + shapeOf(x));
            }
            double[] flat = new double[input.c() * input.h() * input.w()];
            int k = 0;
            for (List<Cursor> rows : channels) {
                for (Cursor row : rows) {
                    for (double v : row.numbers(input.w(), "a row of the image", false)) {
                        flat[k++] = v;
                    }
                }
            }
            String yPurpose = "one per output of layer " + top.require("layers", "").list("").size();
            Cursor yCursor = s.require("y", plural(outputs, "number") + ", " + yPurpose);
            double[] y = yCursor.numbers(outputs, yPurpose, true);
            for (int i = 0; i < y.length; i++) {
                int index = i;
                SpecRules.targetProblem(loss, y[i]).ifPresent(problem -> {
                    throw yCursor.element(index).error(problem);
                });
            }
            samples.add(new Sample(flat, y));
        }
        return samples;
    }

    /** A layer's {@code alpha} (leaky-ReLU slope or ELU's α), or its activation's default. */
    private static double alpha(YamlMap f, Activation activation) {
        return f.get("alpha").map(Cursor::number).orElse(LayerSpec.defaultAlpha(activation));
    }

    private static boolean grid(List<Cursor> rows, int h, int w) {
        if (rows.size() != h) {
            return false;
        }
        for (Cursor r : rows) {
            if (!r.isList()) {
                return false;
            }
            List<Cursor> v = r.list("");
            if (v.size() != w) {
                return false;
            }
            for (Cursor n : v) {
                if (!n.isScalar()) {
                    return false;
                }
                n.number();
            }
        }
        return true;
    }

    /** The nesting of a list as [a][b]..., following first elements. */
    private static String shapeOf(Cursor c) {
        StringBuilder sb = new StringBuilder();
        Cursor cur = c;
        int depth = 0;
        while (cur.isList() && depth < 6) {
            List<Cursor> items = cur.list("");
            sb.append('[').append(items.size()).append(']');
            if (items.isEmpty()) {
                break;
            }
            cur = items.get(0);
            depth++;
        }
        return sb.length() == 0 ? cur.describeShape() : "a list shaped " + sb;
    }
}
