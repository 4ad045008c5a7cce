package dev.chainrule.network.spec;

import static dev.chainrule.network.spec.NetworkSpec.plural;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code layers:}: units and activations first (to bound the size), then weights and biases. */
final class LayerReader {
    static final List<String> KEYS = List.of("type", "units", "activation", "alpha", "weights", "biases");
    private static final Map<String, String> KEY_HINTS = Map.of("bias", "biases", "weight", "weights",
            "neurons", "units", "size", "units", "act", "activation", "function", "activation", "slope", "alpha",
            "w", "weights", "b", "biases");
    private static final Map<String, String> ACTIVATION_HINTS = Map.of("logistic", "sigmoid", "none", "identity",
            "lrelu", "leaky_relu", "leaky", "leaky_relu",
            "swish", "silu");
    private static final String LAYER = "{units: ..., activation: ..., weights: ..., biases: ...}";
    private static final String ACTIVATIONS = String.join(", ", Activation.YAML_NAMES);

    private record Header(YamlMap fields, int units, Activation activation, double alpha) {
    }

    private LayerReader() {
    }

    /** @param init the generator for missing weights and biases, or {@code null} when the spec has no init */
    static List<LayerSpec> read(Cursor layers, List<String> inputs, ParameterInit init) {
        List<Cursor> items = layers.list("a list of layers, each " + LAYER);
        if (items.isEmpty()) {
            throw layers.error("expected at least one layer (the last one is the output layer), got an empty list");
        }
        if (items.size() > SpecLoader.MAX_LAYERS) {
            throw layers.error("expected at most " + SpecLoader.MAX_LAYERS + " layers, got " + items.size());
        }
        List<Header> headers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            headers.add(header(items.get(i), i + 1, items.size()));
        }
        checkSize(layers, headers, inputs.size());
        List<LayerSpec> result = new ArrayList<>(headers.size());
        int fanIn = inputs.size();
        for (int i = 0; i < headers.size(); i++) {
            String purpose = i == 0 ? "one per input" + listed(inputs) : "one per unit of layer " + i;
            result.add(body(headers.get(i), i + 1, fanIn, purpose, init));
            fanIn = headers.get(i).units();
        }
        return result;
    }

    private static Header header(Cursor item, int number, int layerCount) {
        YamlMap fields = item.mapping("a layer " + LAYER, KEYS, KEY_HINTS);
        int units = (int) fields.require("units", "the number of neurons of layer " + number)
                .wholeNumber(1, SpecLoader.MAX_UNITS, "a whole number of units from 1 to " + SpecLoader.MAX_UNITS);
        Cursor activationCursor = fields.require("activation", "one of " + ACTIVATIONS);
        Activation activation = activation(activationCursor);
        SpecRules.activationProblem(activation, units, number, layerCount).ifPresent(problem -> {
            throw activationCursor.error(problem);
        });
        double alpha = fields.get("alpha").map(Cursor::number).orElse(LayerSpec.defaultAlpha(activation));
        return new Header(fields, units, activation, alpha);
    }

    static Activation activation(Cursor c) {
        String word = c.text("one of " + ACTIVATIONS);
        return Activation.fromYaml(word).orElseThrow(() -> {
            String hinted = ACTIVATION_HINTS.get(word.strip().toLowerCase(Locale.ROOT));
            String hint = hinted != null ? "; did you mean " + hinted + "?"
                    : Suggest.closest(word, Activation.YAML_NAMES).map(s -> "; did you mean " + s + "?").orElse("");
            return c.error("unknown activation '" + SpecError.clip(word) + "' (expected one of " + ACTIVATIONS + ")"
                    + hint);
        });
    }

    private static void checkSize(Cursor layers, List<Header> headers, int inputCount) {
        long count = 0;
        long width = inputCount;
        for (Header h : headers) {
            count += h.units() * (width + 1);
            width = h.units();
        }
        if (count > SpecLoader.MAX_PARAMETERS) {
            throw layers.error(String.format("the network has %,d parameters, more than the limit of %,d",
                    count, SpecLoader.MAX_PARAMETERS));
        }
    }

    private static LayerSpec body(Header h, int number, int fanIn, String purpose, ParameterInit init) {
        ParameterInit.Drawn drawn = init == null ? null : init.next(h.units(), fanIn);
        String shape = plural(h.units(), "row") + " of " + plural(fanIn, "number") + ", one row per unit";
        double[][] weights;
        if (h.fields().has("weights")) {
            weights = weights(h.fields().require("weights", shape), h.units(), number, fanIn, purpose);
        } else if (drawn != null) {
            weights = drawn.weights();
        } else {
            throw h.fields().self().missing("weights", shape
                    + "; or add a top-level init: {seed: 1} to draw random weights");
        }
        double[] biases;
        String biasPurpose = "one per unit of layer " + number;
        if (h.fields().has("biases")) {
            biases = h.fields().require("biases", biasPurpose).numbers(h.units(), biasPurpose, true);
        } else if (drawn != null) {
            biases = drawn.biases();
        } else {
            throw h.fields().self().missing("biases", plural(h.units(), "number") + ", " + biasPurpose
                    + "; or add a top-level init: {seed: 1} to draw random biases");
        }
        return new LayerSpec(h.units(), h.activation(), h.alpha(), weights, biases);
    }

    private static double[][] weights(Cursor c, int units, int number, int fanIn, String purpose) {
        String rowsPurpose = "one per unit of layer " + number;
        String expected = "a list of " + plural(units, "row") + " of " + plural(fanIn, "number") + " ("
                + rowsPurpose + ")";
        List<Cursor> rows = c.list(expected + ", e.g. [[1, 0.5], ...]");
        if (!rows.isEmpty() && rows.get(0).isScalar()) {
            throw c.error("expected " + expected + ", got a flat list of numbers; weights is a list of rows,"
                    + " [[...], ...]");
        }
        if (rows.size() != units) {
            throw c.error("expected " + plural(units, "row") + " (" + rowsPurpose + "), got " + rows.size());
        }
        double[][] w = new double[units][];
        for (int i = 0; i < units; i++) {
            Cursor row = rows.get(i);
            if (!row.isList()) {
                throw row.error("expected a row of " + plural(fanIn, "number") + " (" + purpose + "), got "
                        + row.describeShape() + "; weights is a list of rows, [[...], ...]");
            }
            w[i] = row.numbers(fanIn, purpose, false);
        }
        return w;
    }

    /** ": x1, x2" for a few names, "" for many. */
    static String listed(List<String> names) {
        return names.size() <= 6 ? ": " + String.join(", ", names) : "";
    }
}
