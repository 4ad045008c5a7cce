package dev.chainrule.network.spec;

import static dev.chainrule.network.spec.NetworkSpec.plural;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks a spec with a layer of {@code type: rnn} (docs/reference.md §1, contract §5): the rnn layer is
 * layer 1, W is units × inputs, U (the key {@code recurrent}) units × units, one bias per unit; dense layers follow,
 * the last is the output layer. Each sample's x is a list of T ≥ 1 steps of one value per input (T may differ
 * between samples; with one input a step may be a single number). {@link #read} gives the typed spec with the
 * refusal of the commands that do not take it yet; every refusal is one line, exit 2.
 */
final class RnnSpecReader {
    static final List<String> KEYS = List.of("type", "units", "activation", "alpha", "weights", "recurrent", "biases");
    private static final Map<String, String> KEY_HINTS = Map.of("recurrent_weights", "recurrent", "u", "recurrent",
            "hidden_weights", "recurrent", "weight_hh", "recurrent", "weight_ih", "weights", "bias", "biases",
            "hidden_size", "units");
    /** At most this many steps in one sequence. */
    static final int MAX_STEPS = 256;

    private RnnSpecReader() {
    }

    /**
     * Whether {@code top} is an rnn spec: a layer of type rnn (any case, or a near miss such as rnnn), or a layer
     * with a {@code recurrent} key; the reader then says what is wrong with it.
     */
    static boolean applies(YamlMap top) {
        Cursor layers = top.get("layers").orElse(null);
        if (layers == null || !layers.isList()) {
            return false;
        }
        for (Cursor item : layers.list("a list of layers")) {
            String type = item.peek("type").orElse("").strip().toLowerCase(java.util.Locale.ROOT);
            if (type.equals("rnn") || item.peek("recurrent").isPresent()
                    || (!type.isEmpty() && !ConvSpecReader.TYPES.contains(type)
                    && Suggest.closest(type, List.of("rnn")).isPresent())) {
                return true;
            }
        }
        return false;
    }

    /** Checks an rnn spec completely; the commands that build dense networks only refuse it with its refusal. */
    static AnySpec.Sequence read(YamlMap top) {
        RnnNetSpec spec = readRnn(top);
        return new AnySpec.Sequence(spec, top.require("layers", "").error("the spec is valid, but this command builds"
                + " dense layers only: rnn networks are explained (every format but dot) and judged as number claims"
                + " (check --claim 'ID = NUMBER'), not yet trained or checked otherwise"));
    }

    /** Reads and checks an rnn spec into its typed form; every refusal is one line naming the field. */
    static RnnNetSpec readRnn(YamlMap top) {
        for (String key : List.of("input_shape", "init", "outputs")) {
            top.get(key).ifPresent(c -> {
                throw c.error(key + " is not available for rnn networks" + switch (key) {
                    case "input_shape" -> " (it is for conv2d networks); an rnn spec names one step's features"
                            + " in inputs";
                    case "init" -> " yet; give weights, recurrent and biases";
                    default -> " yet; the outputs are called yhat (or yhat1, yhat2, …)";
                });
            });
        }
        SpecReader.name(top);
        List<String> inputs = SpecReader.names(top.require("inputs", "a list of one step's feature names, e.g."
                + " [x1, x2]"), false).stream().map(SpecReader.Named::name).toList();
        Cursor layersCursor = top.require("layers", "a list of layers: rnn first, then dense layers");
        List<Cursor> items = layersCursor.list("a list of layers");
        if (items.size() > SpecLoader.MAX_LAYERS) {
            throw layersCursor.error("expected at most " + SpecLoader.MAX_LAYERS + " layers, got " + items.size());
        }
        List<YamlMap> maps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap f = items.get(i).mapping("a layer {type: ..., ...}", KEYS, KEY_HINTS);
            String type = f.get("type").map(c -> c.text("rnn or dense")).orElse("dense").strip();
            if (ConvSpecReader.TYPES.contains(type) && !type.equals("dense")) {
                throw f.require("type", "").error("a " + type + " layer cannot be combined with an rnn layer (an rnn"
                        + " network is one rnn layer, then dense layers)");
            }
            if (!type.equals("rnn") && !type.equals("dense")) {
                String hint = Suggest.closest(type, List.of("rnn", "dense")).map(h -> "; did you mean " + h + "?")
                        .orElse("");
                throw f.require("type", "").error("unknown layer type '" + SpecError.clip(type) + "' (an rnn network"
                        + " has one layer of type rnn, then dense layers)" + hint);
            }
            if (type.equals("rnn") && i > 0) {
                throw f.require("type", "").error("the rnn layer must be the first layer (layer 1), here it is layer "
                        + (i + 1) + "; an rnn network is one rnn layer, then dense layers");
            }
            maps.add(f);
        }
        if (!items.isEmpty() && !maps.get(0).get("type").map(c -> c.text("")).orElse("").strip().equals("rnn")) {
            for (YamlMap f : maps) {
                if (f.has("recurrent")) {
                    throw f.require("recurrent", "").error("a dense layer has no key recurrent (its keys: type, units,"
                            + " activation, alpha, weights, biases); a recurrent layer needs type: rnn, and must be"
                            + " the first layer");
                }
            }
        }
        if (items.size() < 2) {
            throw layersCursor.error("expected the rnn layer and at least one dense layer after it (the output layer),"
                    + " got " + plural(items.size(), "layer"));
        }
        RnnNetSpec.Rnn rnn = rnn(maps.get(0), inputs);
        List<LayerSpec> head = new ArrayList<>();
        int fan = rnn.units();
        for (int i = 1; i < maps.size(); i++) {
            LayerSpec d = dense(maps.get(i), i + 1, maps.size(), fan);
            head.add(d);
            fan = d.units();
        }
        Cursor lossCursor = top.require("loss", "one of " + String.join(", ", Loss.YAML_NAMES));
        Loss loss = SpecReader.loss(lossCursor);
        SpecRules.lossProblem(loss, head.get(head.size() - 1).activation(), maps.size()).ifPresent(problem -> {
            throw lossCursor.error(problem);
        });
        double huberDelta = top.get("huber_delta").map(c -> SpecReader.huberDelta(c, loss))
                .orElse(NetworkSpec.DEFAULT_HUBER_DELTA);
        Regularization regularization = top.get("regularization").map(SpecReader::regularization)
                .orElse(Regularization.NONE);
        Reduction reduction = top.get("reduction").map(SpecReader::reduction).orElse(Reduction.MEAN);
        top.get("learning_rate").ifPresent(SpecReader::learningRate);
        List<RnnNetSpec.Sequence> data = data(top, inputs, fan, loss, maps.size());
        return new RnnNetSpec(inputs, rnn, head, loss, reduction, huberDelta, regularization, data);
    }

    private static void only(YamlMap f, String type, List<String> allowed) {
        for (String key : KEYS) {
            if (f.has(key) && !allowed.contains(key)) {
                throw f.require(key, "").error("a " + type + " layer has no key " + key + " (its keys: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static RnnNetSpec.Rnn rnn(YamlMap f, List<String> inputs) {
        only(f, "rnn", KEYS);
        int units = (int) f.require("units", "the number of hidden units of the rnn layer")
                .wholeNumber(1, SpecLoader.MAX_UNITS, "a whole number of units from 1 to " + SpecLoader.MAX_UNITS);
        Cursor act = f.require("activation", "one of " + String.join(", ", Activation.YAML_NAMES));
        Activation activation = LayerReader.activation(act);
        if (activation == Activation.SOFTMAX) {
            throw act.error("softmax belongs on the output layer; an rnn layer takes an activation per unit, e.g. tanh");
        }
        int n = inputs.size();
        double[][] w = matrix(f.require("weights", "W: " + plural(units, "row") + " of " + plural(n, "number")
                + " (one per input" + LayerReader.listed(inputs) + ")"), units, n, "W", "input", "one per input"
                + LayerReader.listed(inputs));
        double[][] u = matrix(f.require("recurrent", "U: " + plural(units, "row") + " of " + plural(units, "number")
                + " (one per unit of h at the step before)"), units, units, "U", "unit",
                "one per unit of h at the step before");
        double[] b = f.require("biases", "one per unit of layer 1").numbers(units, "one per unit of layer 1", true);
        return new RnnNetSpec.Rnn(activation, alpha(f, activation), w, u, b);
    }

    private static double[][] matrix(Cursor c, int rows, int cols, String name, String col, String purpose) {
        List<Cursor> list = c.list("a list of " + plural(rows, "row") + " (" + name + " is " + rows + "×" + cols + ")");
        if (list.size() != rows) {
            throw c.error("expected " + plural(rows, "row") + " (" + name + " is units × " + col + "s = " + rows + "×"
                    + cols + ", one row per unit), got " + list.size());
        }
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            Cursor row = list.get(i);
            if (row.isList() && row.list("a row").size() != cols) {
                throw row.error("expected a row of " + plural(cols, "number") + " (" + name + " is " + rows + "×"
                        + cols + ": " + purpose + "), got " + row.list("a row").size());
            }
            m[i] = row.numbers(cols, purpose, false);
        }
        return m;
    }

    private static LayerSpec dense(YamlMap f, int l, int count, int fanIn) {
        only(f, "dense", List.of("type", "units", "activation", "alpha", "weights", "biases"));
        int units = (int) f.require("units", "the number of neurons of layer " + l)
                .wholeNumber(1, SpecLoader.MAX_UNITS, "a whole number of units from 1 to " + SpecLoader.MAX_UNITS);
        Cursor act = f.require("activation", "one of " + String.join(", ", Activation.YAML_NAMES));
        Activation activation = LayerReader.activation(act);
        SpecRules.activationProblem(activation, units, l, count).ifPresent(problem -> {
            throw act.error(problem);
        });
        double[][] w = matrix(f.require("weights", plural(units, "row") + " of " + plural(fanIn, "number")),
                units, fanIn, "W of layer " + l, "input", "one per value of layer " + (l - 1));
        double[] b = f.require("biases", "one per unit of layer " + l).numbers(units, "one per unit of layer " + l, true);
        return new LayerSpec(units, activation, alpha(f, activation), w, b);
    }

    private static double alpha(YamlMap f, Activation activation) {
        return f.get("alpha").map(Cursor::number).orElse(LayerSpec.defaultAlpha(activation));
    }

    /** The samples: each x a list of T steps of one number per input, each y one number per output. */
    private static List<RnnNetSpec.Sequence> data(YamlMap top, List<String> inputs, int outputs, Loss loss,
                                                   int layerCount) {
        Cursor data = top.require("data", "a list of samples {x: [[...], ...], y: [...]}, x a list of steps");
        List<Cursor> items = data.list("a list of samples");
        if (items.isEmpty()) {
            throw data.error("expected at least one sample {x: [[...], ...], y: [...]}, got an empty list");
        }
        if (items.size() > SpecLoader.MAX_SAMPLES) {
            throw data.error("expected at most " + SpecLoader.MAX_SAMPLES + " samples, got " + items.size());
        }
        int n = inputs.size();
        String perStep = plural(n, "number") + " (one per input" + LayerReader.listed(inputs) + ")";
        List<RnnNetSpec.Sequence> samples = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            Cursor sample = items.get(k);
            YamlMap s = sample.mapping("a sample {x: ..., y: ...}", List.of("x", "y"), Map.of());
            Cursor x = s.require("x", "a list of steps, each " + perStep);
            List<Cursor> steps = x.list("a list of steps (a sequence), each " + perStep);
            if (steps.isEmpty()) {
                throw x.error("sample " + (k + 1) + ": expected at least one step, got an empty sequence");
            }
            if (steps.size() > MAX_STEPS) {
                throw x.error("sample " + (k + 1) + ": expected at most " + MAX_STEPS + " steps, got " + steps.size());
            }
            double[][] xs = new double[steps.size()][];
            for (int t = 0; t < steps.size(); t++) {
                Cursor step = steps.get(t);
                if (step.isScalar() && n == 1) {
                    xs[t] = new double[] {step.number()};
                    continue;
                }
                int got = step.isList() ? step.list("").size() : -1;
                if (got != n) {
                    throw step.error("sample " + (k + 1) + ", step " + (t + 1) + ": expected " + perStep + ", got "
                            + (got < 0 ? step.describeShape() : String.valueOf(got)) + " (every step of a sequence"
                            + " has one value per input)");
                }
                xs[t] = step.numbers(n, "one per input" + LayerReader.listed(inputs), false);
            }
            String yPurpose = "one per output of layer " + layerCount;
            Cursor yCursor = s.require("y", plural(outputs, "number") + ", " + yPurpose);
            double[] y = yCursor.numbers(outputs, yPurpose, true);
            for (int i = 0; i < y.length; i++) {
                int index = i;
                SpecRules.targetProblem(loss, y[i]).ifPresent(problem -> {
                    throw yCursor.element(index).error(problem);
                });
            }
            samples.add(new RnnNetSpec.Sequence(xs, y));
        }
        return samples;
    }
}
