package dev.chainrule.network.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chainrule.UserError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PyTorch {@code state_dict} of {@code nn.Linear} layers, exported as JSON ({@code {name: tensor.tolist()}}),
 * read into the layers of a spec. Keys are paired by prefix in the order they appear: {@code 0.weight} with
 * {@code 0.bias}, {@code fc1.weight} with {@code fc1.bias}; each pair is one layer, in that order.
 * {@code nn.Linear.weight} is {@code [out_features][in_features]}, which is the spec's {@code weights[i][j]}
 * (neuron i, input j) as it is; {@code bias} is {@code [out_features]}. Activations are not parameters, so the
 * caller names one per layer. Every problem is a one-line {@link UserError} naming the file and the key.
 */
public final class TorchImport {
    /** A state dict file larger than this many bytes is refused (2,000,000 parameters as JSON, about 40 MB, fit). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.dump writes NaN and Infinity
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TorchImport() {
    }

    /**
     * An activation named as the spec names it ({@code relu}, {@code leaky_relu}) or as PyTorch's module class
     * ({@code nn.ReLU}, {@code torch.nn.LeakyReLU}, {@code GELU}, case-insensitive), each with torch's default
     * arguments: LeakyReLU's slope 0.01, ELU's α = 1, GELU exact (approximate='none'), Softplus with β = 1.
     */
    public static java.util.Optional<Activation> activation(String name) {
        String n = name.strip();
        for (String prefix : new String[] {"torch.nn.", "nn."}) {
            if (n.regionMatches(true, 0, prefix, 0, prefix.length())) {
                n = n.substring(prefix.length());
            }
        }
        n = n.replaceFirst("\\(\\)$", "");
        return Activation.fromYaml(n.equalsIgnoreCase("LeakyReLU") ? "leaky_relu" : n);
    }

    /**
     * The layers of the state dict {@code json}, with activation {@code activations.get(l)} on layer l + 1.
     * {@code source} (a file name) starts every message.
     *
     * @throws UserError when the JSON is not a state dict of nn.Linear layers that chain, or the number of
     *                   activations is not the number of layers
     */
    public static List<LayerSpec> layers(String json, String source, List<Activation> activations) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new UserError(source + (line > 0 ? ":" + line : "") + ": not valid JSON ("
                    + (m == null ? "unreadable" : m.lines().findFirst().orElse(m)) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new UserError(source + ": expected a JSON object {name: tensor.tolist()} (a state_dict), got "
                    + (root == null ? "nothing" : kind(root)));
        }
        Map<String, JsonNode[]> byPrefix = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            int slot;
            String prefix;
            if (key.equals("weight") || key.endsWith(".weight")) {
                slot = 0;
                prefix = key.substring(0, key.length() - "weight".length());
            } else if (key.equals("bias") || key.endsWith(".bias")) {
                slot = 1;
                prefix = key.substring(0, key.length() - "bias".length());
            } else {
                throw new UserError(source + ": " + key + ": only the weight and bias of nn.Linear layers can be "
                        + "imported (keys NAME.weight and NAME.bias), not " + key);
            }
            byPrefix.computeIfAbsent(prefix, p -> new JsonNode[2])[slot] = e.getValue();
        }
        if (byPrefix.isEmpty()) {
            throw new UserError(source + ": the state dict is empty (expected NAME.weight and NAME.bias of each "
                    + "nn.Linear layer)");
        }
        List<LayerSpec> layers = new ArrayList<>(byPrefix.size());
        int width = -1;
        for (Map.Entry<String, JsonNode[]> pair : byPrefix.entrySet()) {
            String p = pair.getKey();
            int number = layers.size() + 1;
            if (pair.getValue()[0] == null) {
                throw new UserError(source + ": " + p + "bias has no " + p + "weight to go with it");
            }
            if (pair.getValue()[1] == null) {
                throw new UserError(source + ": " + p + "weight has no " + p + "bias (nn.Linear(..., bias=False)); "
                        + "a chainrule layer has biases: export a model with biases, or add " + p
                        + "bias as a list of zeros");
            }
            double[][] w = matrix(pair.getValue()[0], source, p + "weight");
            double[] b = vector(pair.getValue()[1], source, p + "bias");
            if (b.length != w.length) {
                throw new UserError(source + ": " + p + "bias has " + (b.length == 1 ? "1 entry" : b.length + " entries") + " but "
                        + p + "weight has " + NetworkSpec.plural(w.length, "row") + " (out_features); they must agree");
            }
            if (width >= 0 && w[0].length != width) {
                throw new UserError(source + ": " + p + "weight is [" + w.length + "][" + w[0].length + "]: its "
                        + "in_features " + w[0].length + " do not match the " + width + " out_features of the layer "
                        + "before it (layer " + (number - 1) + "); the layers do not chain");
            }
            width = w.length;
            if (layers.size() >= SpecLoader.MAX_LAYERS) {
                throw new UserError(source + ": more than " + SpecLoader.MAX_LAYERS + " layers");
            }
            layers.add(new LayerSpec(w.length, Activation.IDENTITY, w, b));
        }
        if (activations.size() != layers.size()) {
            throw new UserError(source + ": the state dict has " + NetworkSpec.plural(layers.size(), "nn.Linear layer")
                    + " (" + String.join(", ", byPrefix.keySet().stream().map(k -> k.isEmpty() ? "(top)" : k
                    .substring(0, k.length() - 1)).toList()) + ") but --layers names "
                    + NetworkSpec.plural(activations.size(), "activation") + "; give one per layer, e.g. --layers "
                    + String.join(",", java.util.Collections.nCopies(Math.max(layers.size() - 1, 0), "relu"))
                    + (layers.size() > 1 ? "," : "") + "sigmoid");
        }
        long parameters = 0;
        List<LayerSpec> out = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec layer = layers.get(l);
            Activation a = activations.get(l);
            SpecRules.activationProblem(a, layer.units(), l + 1, layers.size()).ifPresent(problem -> {
                throw new UserError("--layers: " + problem);
            });
            parameters += layer.parameterCount();
            out.add(new LayerSpec(layer.units(), a, layer.weights(), layer.biases()));
        }
        if (parameters > SpecLoader.MAX_PARAMETERS) {
            throw new UserError(String.format(java.util.Locale.ROOT, "%s: %,d parameters, more than the limit of %,d",
                    source, parameters, SpecLoader.MAX_PARAMETERS));
        }
        return out;
    }

    /** Why {@code loss} cannot follow the output layer of {@code layers}, if it cannot. */
    public static java.util.Optional<String> lossProblem(Loss loss, List<LayerSpec> layers) {
        return SpecRules.lossProblem(loss, layers.get(layers.size() - 1).activation(), layers.size());
    }

    /** Why {@code name} cannot name an input (or, with {@code output}, an output), if it cannot. */
    public static java.util.Optional<String> nameProblem(String name, boolean output) {
        return SpecNames.problem(name, output);
    }

    /** Why target {@code y} does not suit {@code loss}, if it does not. */
    public static java.util.Optional<String> targetProblem(Loss loss, double y) {
        return SpecRules.targetProblem(loss, y);
    }

    /**
     * The samples of {@code yaml}: a list {@code - {x: [...], y: [...]}} as under a spec's {@code data:}, or a
     * mapping with a {@code data:} key (a spec, say; its other keys are not read).
     *
     * @throws SpecError when the samples do not fit the inputs and outputs or the loss's targets
     */
    public static List<Sample> data(String yaml, String source, List<String> inputs, List<String> outputs, Loss loss) {
        org.yaml.snakeyaml.LoaderOptions options = SpecLoader.options();
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        org.yaml.snakeyaml.nodes.Node root = SpecLoader.compose(text, source, options);
        if (root == null) {
            throw new SpecError(source, 0, "", "the file is empty (expected a list of samples, e.g. "
                    + DataReader.EXAMPLE + ")");
        }
        ScalarValues values = new ScalarValues(options);
        Cursor cursor = new Cursor(source, values, "", root);
        if (root instanceof org.yaml.snakeyaml.nodes.MappingNode map) {
            cursor = null;
            for (org.yaml.snakeyaml.nodes.NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals("data")) {
                    cursor = new Cursor(source, values, "data", t.getValueNode());
                }
            }
            if (cursor == null) {
                throw new SpecError(source, 1, "", "expected a list of samples (e.g. " + DataReader.EXAMPLE
                        + ") or a mapping with a data: key, got a mapping without one");
            }
        }
        return DataReader.read(cursor, inputs, outputs, loss);
    }

    private static double[][] matrix(JsonNode node, String source, String key) {
        if (!node.isArray() || node.isEmpty() || !node.get(0).isArray()) {
            throw new UserError(source + ": " + key + ": expected a 2-D tensor [out_features][in_features] (a list "
                    + "of rows), got " + kind(node) + (node.isArray() && !node.isEmpty() && node.get(0).isArray()
                    ? "" : " (is it an nn.Linear weight?)"));
        }
        double[][] rows = new double[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            rows[i] = vector(node.get(i), source, key + "[" + i + "]");
            if (rows[i].length != rows[0].length) {
                throw new UserError(source + ": " + key + "[" + i + "]: has " + rows[i].length + " entries, row 0 has "
                        + rows[0].length);
            }
        }
        return rows;
    }

    private static double[] vector(JsonNode node, String source, String key) {
        if (!node.isArray() || node.isEmpty()) {
            throw new UserError(source + ": " + key + ": expected a non-empty list of numbers, got " + kind(node));
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) {
                throw new UserError(source + ": " + key + "[" + i + "]: expected a number, got " + kind(x)
                        + (x.isArray() ? " (a tensor of more than the expected dimensions)" : ""));
            }
            v[i] = x.doubleValue();
            if (!Double.isFinite(v[i])) {
                throw new UserError(source + ": " + key + "[" + i + "]: expected a finite number, got "
                        + (Double.isNaN(v[i]) ? "NaN" : x.asText()));
            }
        }
        return v;
    }

    private static String kind(JsonNode n) {
        if (n.isArray()) {
            return n.isEmpty() ? "an empty list" : "a list";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isTextual()) {
            String t = n.asText();
            return "the string \"" + (t.length() > 30 ? t.substring(0, 30) + "…" : t) + "\"";
        }
        return n.isNull() ? "null" : n.isBoolean() ? n.asText() : n.isNumber() ? "the number " + n.asText() : n.getNodeType().toString();
    }
}
