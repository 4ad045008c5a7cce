package dev.chainrule.network.spec;

import static dev.chainrule.network.spec.NetworkSpec.plural;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code data:}, a list of samples {@code {x: [...], y: [...]}}; a width-1 vector may be a single number. */
final class DataReader {
    static final String EXAMPLE = "- {x: [0, 1], y: [1]}";
    private static final List<String> KEYS = List.of("x", "y");
    private static final Map<String, String> KEY_HINTS = Map.of("t", "y", "target", "y", "targets", "y",
            "label", "y", "output", "y", "input", "x", "inputs", "x", "features", "x");

    private DataReader() {
    }

    static List<Sample> read(Cursor data, List<String> inputs, List<String> outputs, Loss loss) {
        List<Cursor> items = data.list("a list of samples, e.g. " + EXAMPLE);
        if (items.isEmpty()) {
            throw data.error("expected at least one sample, e.g. " + EXAMPLE + ", got an empty list");
        }
        if (items.size() > SpecLoader.MAX_SAMPLES) {
            throw data.error("expected at most " + SpecLoader.MAX_SAMPLES + " samples, got " + items.size());
        }
        String xPurpose = "one per input" + LayerReader.listed(inputs);
        String yPurpose = "one per output" + LayerReader.listed(outputs);
        List<Sample> samples = new ArrayList<>(items.size());
        for (Cursor item : items) {
            YamlMap fields = item.mapping("a sample {x: [...], y: [...]}", KEYS, KEY_HINTS);
            double[] x = fields.require("x", plural(inputs.size(), "number") + ", " + xPurpose)
                    .numbers(inputs.size(), xPurpose, true);
            Cursor yCursor = fields.require("y", plural(outputs.size(), "number") + ", " + yPurpose);
            if (loss == Loss.CE && outputs.size() > 1 && yCursor.isScalar()) {
                throw yCursor.error("expected " + plural(outputs.size(), "number") + " (" + yPurpose + "), got "
                        + yCursor.describeShape() + "; write the target as a one-hot vector, e.g. [0, 0, 1] for"
                        + " class 3 of 3");
            }
            double[] y = yCursor.numbers(outputs.size(), yPurpose, true);
            for (int k = 0; k < y.length; k++) {
                int index = k;
                SpecRules.targetProblem(loss, y[k]).ifPresent(problem -> {
                    throw yCursor.element(index).error(problem);
                });
            }
            samples.add(new Sample(x, y));
        }
        return samples;
    }
}
