package dev.chainrule.network.spec;

import static dev.chainrule.network.spec.NetworkSpec.plural;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns the composed YAML tree of a spec into a {@link NetworkSpec}, checking every rule on the way. */
final class SpecReader {
    static final List<String> KEYS = List.of("name", "title", "inputs", "outputs", "layers", "loss", "huber_delta",
            "regularization", "reduction", "learning_rate", "init", "data", "input_shape");
    private static final List<String> REGULARIZATION_KEYS = List.of("l2", "l1");
    private static final Map<String, String> REGULARIZATION_HINTS = Map.of("weight_decay", "l2", "lambda", "l2",
            "ridge", "l2", "lasso", "l1", "L2", "l2", "L1", "l1");
    private static final Map<String, String> KEY_HINTS = Map.ofEntries(
            Map.entry("lr", "learning_rate"), Map.entry("eta", "learning_rate"),
            Map.entry("learningrate", "learning_rate"), Map.entry("step_size", "learning_rate"),
            Map.entry("samples", "data"), Map.entry("dataset", "data"), Map.entry("training_data", "data"),
            Map.entry("examples", "data"), Map.entry("cost", "loss"), Map.entry("loss_function", "loss"),
            Map.entry("seed", "init: {seed: ...}"), Map.entry("epochs", "the option train --epochs"),
            Map.entry("batch_size", "the option train --batch-size"));
    private static final List<String> INIT_KEYS = List.of("seed", "scale");
    private static final Map<String, String> LOSS_HINTS = Map.ofEntries(
            Map.entry("cross_entropy", "ce"), Map.entry("crossentropy", "ce"),
            Map.entry("categorical_crossentropy", "ce"), Map.entry("categorical_cross_entropy", "ce"),
            Map.entry("nll", "ce"), Map.entry("binary_crossentropy", "bce"), Map.entry("binary_cross_entropy", "bce"),
            Map.entry("log_loss", "bce"), Map.entry("logloss", "bce"), Map.entry("sse", "se"),
            Map.entry("squared_error", "se"));
    private static final Map<String, String> REDUCTION_HINTS = Map.of("average", "mean", "avg", "mean",
            "total", "sum");
    private static final String LOSSES = String.join(", ", Loss.YAML_NAMES);
    private static final double MAX_INIT_SCALE = 1e6;

    record Named(String name, Cursor cursor) {
    }

    private SpecReader() {
    }

    static AnySpec read(Cursor root) {
        YamlMap top = root.mapping("a mapping with the keys inputs, layers, loss and data", KEYS, KEY_HINTS);
        if (RnnSpecReader.applies(top)) {
            return RnnSpecReader.read(top);
        }
        if (ConvSpecReader.applies(top)) {
            return ConvSpecReader.read(top);
        }
        return new AnySpec.Dense(readDense(top));
    }

    private static NetworkSpec readDense(YamlMap top) {
        String name = name(top);
        List<Named> inputs = names(top.require("inputs", "a list of input names, e.g. [x1, x2]"), false);
        List<String> inputNames = inputs.stream().map(Named::name).toList();
        ParameterInit init = top.get("init").map(SpecReader::init).orElse(null);
        Cursor layersCursor = top.require("layers", "a list of layers, the last one being the output layer");
        List<LayerSpec> layers = LayerReader.read(layersCursor, inputNames, init);
        LayerSpec last = layers.get(layers.size() - 1);
        List<String> outputs = outputs(top, inputs, last.units(), layers.size());
        Cursor lossCursor = top.require("loss", "one of " + LOSSES);
        Loss loss = loss(lossCursor);
        SpecRules.lossProblem(loss, last.activation(), layers.size()).ifPresent(problem -> {
            throw lossCursor.error(problem);
        });
        double huberDelta = top.get("huber_delta").map(c -> huberDelta(c, loss))
                .orElse(NetworkSpec.DEFAULT_HUBER_DELTA);
        Regularization regularization = top.get("regularization").map(SpecReader::regularization)
                .orElse(Regularization.NONE);
        Reduction reduction = top.get("reduction").map(SpecReader::reduction).orElse(Reduction.MEAN);
        double learningRate = top.get("learning_rate").map(SpecReader::learningRate)
                .orElse(NetworkSpec.DEFAULT_LEARNING_RATE);
        List<Sample> data = DataReader.read(top.require("data", "a list of samples, e.g. " + DataReader.EXAMPLE),
                inputNames, outputs, loss);
        return new NetworkSpec(inputNames, outputs, layers, loss, reduction, learningRate, data, name, huberDelta,
                regularization);
    }

    static String name(YamlMap top) {
        if (top.has("name") && top.has("title")) {
            throw top.require("title", "").error("give either name or title, not both");
        }
        return top.get("name").or(() -> top.get("title")).map(c -> c.text("a title")).orElse(null);
    }

    /** Distinct valid names; a single name may stand for a list of one. */
    static List<Named> names(Cursor c, boolean outputs) {
        String what = outputs ? "output" : "input";
        List<Cursor> items = c.isScalar() ? List.of(c) : c.list("a list of " + what + " names, e.g. "
                + (outputs ? "[yhat]" : "[x1, x2]"));
        if (items.isEmpty()) {
            throw c.error("expected at least one " + what + " name, got an empty list");
        }
        if (items.size() > SpecLoader.MAX_UNITS) {
            throw c.error("expected at most " + SpecLoader.MAX_UNITS + " " + what + "s, got " + items.size());
        }
        Map<String, Cursor> seen = new HashMap<>();
        List<Named> result = new ArrayList<>(items.size());
        for (Cursor item : items) {
            String name = item.string("an " + what + " name such as " + (outputs ? "yhat" : "x1"));
            SpecNames.problem(name, outputs).ifPresent(problem -> {
                throw item.error(problem);
            });
            Cursor first = seen.putIfAbsent(name, item);
            if (first != null) {
                throw item.error("duplicate " + what + " name '" + name + "' (also " + first.path() + ")");
            }
            result.add(new Named(name, item));
        }
        return result;
    }

    private static List<String> outputs(YamlMap top, List<Named> inputs, int units, int layerCount) {
        Optional<Cursor> given = top.get("outputs");
        List<Named> outputs = given.map(c -> names(c, true)).orElse(List.of());
        if (given.isPresent() && outputs.size() != units) {
            throw given.get().error("expected " + plural(units, "name") + " (one per unit of the output layer,"
                    + " layer " + layerCount + "), got " + outputs.size());
        }
        List<String> inputNames = inputs.stream().map(Named::name).toList();
        for (Named output : outputs) {
            if (inputNames.contains(output.name())) {
                throw output.cursor().error("'" + output.name() + "' is already an input name; inputs and outputs"
                        + " need distinct names");
            }
        }
        if (given.isPresent()) {
            return outputs.stream().map(Named::name).toList();
        }
        List<String> defaults = SpecNames.defaultOutputs(units);
        for (Named input : inputs) {
            if (defaults.contains(input.name())) {
                throw input.cursor().error("'" + input.name() + "' is also the default name of an output; choose"
                        + " another name, or name the outputs with outputs: [...]");
            }
        }
        return defaults;
    }

    private static ParameterInit init(Cursor c) {
        YamlMap fields = c.mapping("a mapping {seed: ..., scale: ...}", INIT_KEYS, Map.of());
        long seed = fields.require("seed", "a whole number; the same seed draws the same parameters")
                .wholeNumber(Long.MIN_VALUE, Long.MAX_VALUE, "a whole number (the random seed)");
        Double scale = null;
        if (fields.has("scale")) {
            Cursor s = fields.require("scale", "");
            scale = s.number();
            if (scale < 0 || scale > MAX_INIT_SCALE) {
                throw s.error("expected a number from 0 to " + (long) MAX_INIT_SCALE
                        + " (values are drawn from [-scale, scale]), got " + s.describe());
            }
        }
        return new ParameterInit(seed, scale);
    }

    static Loss loss(Cursor c) {
        String word = c.text("one of " + LOSSES);
        return Loss.fromYaml(word).orElseThrow(() -> {
            String key = word.strip().toLowerCase(Locale.ROOT);
            if (key.equals("mse") || key.equals("mean_squared_error")) {
                return c.error("unknown loss '" + SpecError.clip(word) + "': did you mean se or half_se? (mse is"
                        + " ambiguous: it is se averaged by reduction: mean, the default; half_se is se / 2)");
            }
            String hinted = LOSS_HINTS.get(key);
            String hint = hinted != null ? "; did you mean " + hinted + "?"
                    : Suggest.closest(word, Loss.YAML_NAMES).map(s -> "; did you mean " + s + "?").orElse("");
            return c.error("unknown loss '" + SpecError.clip(word) + "' (expected one of " + LOSSES + ")" + hint);
        });
    }

    static Reduction reduction(Cursor c) {
        String expected = String.join(" or ", Reduction.YAML_NAMES);
        String word = c.text(expected);
        return Reduction.fromYaml(word).orElseThrow(() -> {
            String hinted = REDUCTION_HINTS.get(word.strip().toLowerCase(Locale.ROOT));
            String hint = hinted != null ? "; did you mean " + hinted + "?" : Suggest.closest(word,
                    Reduction.YAML_NAMES).map(s -> "; did you mean " + s + "?").orElse("");
            return c.error("unknown reduction '" + SpecError.clip(word) + "' (expected " + expected + ")" + hint);
        });
    }

    /** regularization: {l2: λ, l1: μ}, each optional and non-negative. */
    static Regularization regularization(Cursor c) {
        YamlMap fields = c.mapping("a mapping {l2: ..., l1: ...}", REGULARIZATION_KEYS, REGULARIZATION_HINTS);
        double l2 = fields.get("l2").map(v -> penaltyWeight(v, "the L2 weight lambda: (lambda/2)*sum of w^2"))
                .orElse(0.0);
        double l1 = fields.get("l1").map(v -> penaltyWeight(v, "the L1 weight mu: mu*sum of |w|")).orElse(0.0);
        return new Regularization(l2, l1);
    }

    private static double penaltyWeight(Cursor c, String what) {
        double v = c.number();
        if (!(v >= 0)) {
            throw c.error("expected a non-negative number (" + what + " over the weights), got " + c.describe());
        }
        return v;
    }

    /** huber_delta: a positive number, and only with loss: huber. */
    static double huberDelta(Cursor c, Loss loss) {
        if (loss != Loss.HUBER) {
            throw c.error("huber_delta belongs to loss: huber; this spec's loss is " + loss.yamlName());
        }
        double delta = c.number();
        if (!(delta > 0)) {
            throw c.error("expected a positive number (Huber's delta: quadratic for |y - yhat| <= delta), got "
                    + c.describe());
        }
        return delta;
    }

    static double learningRate(Cursor c) {
        double rate = c.number();
        if (rate <= 0) {
            throw c.error("expected a positive number (the step size eta), got " + c.describe());
        }
        return rate;
    }
}
