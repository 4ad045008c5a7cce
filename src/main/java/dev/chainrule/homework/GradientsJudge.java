package dev.chainrule.homework;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.UserError;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code check SPEC --gradients FILE.json}: a whole batch gradient, as an engineer's backward pass computes it,
 * judged parameter by parameter against the true gradient of the reduced loss (the {@code gradient} of
 * {@code explain --format json}), and, when some are wrong, one diagnosis for the whole set where one fits: a
 * transposed weight gradient, a missing or extra 1/N, one layer's activation derivative, bias gradients not summed
 * over the batch, the gradient of another loss, a sign or a constant factor. Every candidate is computed by the
 * engine ({@link BatchGradients}) and must match every claimed value within the same tolerance as the truth.
 *
 * <p>Tolerance (README, "check --gradients"): a value is correct when |claimed − gradient| ≤ 1e-5·max(|claimed|,
 * |gradient|) or |claimed − gradient| ≤ 1e-8.
 */
public final class GradientsJudge {
    /** Relative error |a − n| / max(|a|, |n|) up to which a claimed value is correct. */
    public static final double RELATIVE_TOLERANCE = 1e-5;
    /** Absolute difference up to which a claimed value is correct whatever its relative error (gradients near 0). */
    public static final double ABSOLUTE_FLOOR = 1e-8;
    /** Largest gradients file read. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One parameter: the claimed value, the true gradient, their relative error and the verdict. */
    public record Entry(ParamId id, double claimed, double gradient, double relativeError, boolean correct) {
    }

    /** The cause of every wrong value at once; {@code layer} is 0 when the cause is not one layer's. */
    public record Diagnosis(String kind, String message, int layer) {
    }

    /** Units of a σ or tanh layer count as saturated at a sample when a is within this of the range's ends. */
    public static final double SATURATION_MARGIN = 0.01;

    /**
     * One layer's health: the Euclidean norms of its true and claimed gradient (weights and biases), its dead ReLU
     * units (z ≤ 0 at every sample; −1 when the layer is not ReLU) and the fraction of its (unit, sample) pairs
     * where a σ or tanh unit is saturated (σ(z) &lt; 0.01 or &gt; 0.99, |tanh(z)| &gt; 0.99; NaN for other
     * activations), and the update/weight ratio of one gradient-descent step, η·‖∇‖/‖θ‖ over the layer's weights
     * and biases (about 1e-3 is healthy; NaN when the parameters are all 0).
     */
    public record LayerStats(int layer, String activation, int units, double gradientNorm, double claimedNorm,
                             int deadUnits, double saturatedFraction, double updateRatio) {
        public boolean hasDead() {
            return deadUnits >= 0;
        }

        public boolean hasSaturation() {
            return !Double.isNaN(saturatedFraction);
        }
    }

    /**
     * The judgement of the whole file: entries in canonical order, the diagnosis or null.
     *
     * @param wrongLayers the layers holding a wrong value, ascending
     */
    public record Report(List<Entry> entries, Diagnosis diagnosis, List<Integer> wrongLayers, int samples,
                         String reduction, String loss, List<LayerStats> layers) {
        public long correct() {
            return entries.stream().filter(Entry::correct).count();
        }

        public long incorrect() {
            return entries.size() - correct();
        }

        /** Worst first: by relative error, then by absolute difference, then canonical order. */
        public List<Entry> ranked() {
            List<Entry> r = new ArrayList<>(entries);
            r.sort(Comparator.comparingDouble((Entry e) -> -e.relativeError())
                    .thenComparingDouble(e -> -Math.abs(e.claimed() - e.gradient())));
            return r;
        }

        public double maxRelativeError() {
            return entries.stream().mapToDouble(Entry::relativeError).max().orElse(0);
        }
    }

    private GradientsJudge() {
    }

    /** |a − n| / max(|a|, |n|); 0 when they are equal (0 against 0 included). */
    public static double relativeError(double claimed, double truth) {
        if (claimed == truth) {
            return 0;
        }
        double scale = Math.max(Math.abs(claimed), Math.abs(truth));
        return Math.abs(claimed - truth) / scale;
    }

    /** The verdict of one value: within the relative tolerance, or within the absolute floor. */
    public static boolean agrees(double claimed, double truth) {
        if (!Double.isFinite(claimed) || !Double.isFinite(truth)) {
            return false;
        }
        double diff = Math.abs(claimed - truth);
        return diff <= ABSOLUTE_FLOOR || diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(claimed), Math.abs(truth));
    }

    // ---------------------------------------------------------------- reading

    /**
     * The file's gradients, canonical order: a JSON object with one number per parameter of the network.
     *
     * @throws UserError one line naming the file and what is wrong (not JSON, not an object, a bad or unknown id,
     *                   an id twice, a value that is not a finite number, missing parameters)
     */
    public static double[] read(Path file, NetworkSpec spec) {
        String text;
        try {
            // only a regular text file: a FIFO would block, /dev/zero never end, a binary file is not JSON
            text = dev.chainrule.io.TextFiles.read(file, MAX_FILE_BYTES,
                    String.format(Locale.ROOT, "%,d (64 MB) for --gradients", MAX_FILE_BYTES));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError("--gradients " + file + ": " + e.getMessage());
        }
        return parse(text, spec, "--gradients " + file);
    }

    /** {@link #read} on text; {@code where} starts every error message. */
    public static double[] parse(String text, NetworkSpec spec, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new UserError(where + ": not valid JSON: " + clip(e.getOriginalMessage()) + loc);
        }
        if (root == null || root.isMissingNode()) {
            throw new UserError(where + ": the file is empty; expected a JSON object {\"w[1,1,1]\": number, …}");
        }
        if (!root.isObject()) {
            throw new UserError(where + ": expected a JSON object {\"w[1,1,1]\": number, …} with the gradient of every"
                    + " parameter, found " + describe(root));
        }
        List<ParamId> ids = spec.parameters();
        double[] values = new double[ids.size()];
        boolean[] seen = new boolean[ids.size()];
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            ParamId id;
            int index;
            try {
                id = ParamId.parse(f.getKey());
                index = spec.indexOf(id);
            } catch (UserError e) {
                throw new UserError(where + ": " + e.getMessage());
            }
            if (seen[index]) {
                throw new UserError(where + ": " + id + " is given twice (as \"" + clip(f.getKey()) + "\" too)");
            }
            JsonNode v = f.getValue();
            if (!v.isNumber()) {
                throw new UserError(where + ": " + id + ": expected a number, found " + describe(v));
            }
            double d = v.asDouble();
            if (!Double.isFinite(d)) {
                throw new UserError(where + ": " + id + ": " + clip(v.asText()) + " is not a finite number");
            }
            seen[index] = true;
            values[index] = d;
        }
        List<String> missing = new ArrayList<>();
        for (int p = 0; p < ids.size(); p++) {
            if (!seen[p]) {
                missing.add(ids.get(p).toString());
            }
        }
        if (!missing.isEmpty()) {
            String shown = String.join(", ", missing.subList(0, Math.min(6, missing.size())))
                    + (missing.size() > 6 ? ", … (" + missing.size() + " in all)" : "");
            throw new UserError(where + ": no gradient for " + shown + "; the file needs every parameter of the network ("
                    + ids.size() + ", " + ids.get(0) + " … " + ids.get(ids.size() - 1) + ")");
        }
        return values;
    }

    /** User text in a message: at most 60 characters, on one line. */
    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("[\\r\\n]+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "…";
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the string \"" + clip(v.asText()) + "\"";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        return clip(v.toString());
    }

    // ---------------------------------------------------------------- judging

    /** Judges {@code claimed} (canonical order) on the spec's network and data. */
    public static Report judge(NetworkSpec spec, double[] claimed) {
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        BatchGradients engine = new BatchGradients(analysis);
        double[] truth = engine.truth();
        List<ParamId> ids = spec.parameters();
        List<Entry> entries = new ArrayList<>(ids.size());
        TreeSet<Integer> wrongLayers = new TreeSet<>();
        for (int p = 0; p < ids.size(); p++) {
            boolean ok = agrees(claimed[p], truth[p]);
            entries.add(new Entry(ids.get(p), claimed[p], truth[p], relativeError(claimed[p], truth[p]), ok));
            if (!ok) {
                wrongLayers.add(ids.get(p).layer());
            }
        }
        Diagnosis d = wrongLayers.isEmpty() ? null : new Diagnoser(spec, engine, ids, claimed, truth, wrongLayers).find();
        return new Report(entries, d, List.copyOf(wrongLayers), spec.data().size(),
                spec.reduction().yamlName(), spec.loss().yamlName(),
                layerStats(spec, engine, claimed, truth));
    }

    private static List<LayerStats> layerStats(NetworkSpec spec, BatchGradients engine, double[] claimed, double[] truth) {
        BatchGradients.Activations acts = engine.activations();
        int n = spec.data().size();
        List<LayerStats> out = new ArrayList<>();
        int offset = 0;
        for (int l = 1; l <= spec.layerCount(); l++) {
            LayerSpec layer = spec.layer(l);
            double t = 0;
            double c = 0;
            for (int p = offset; p < offset + layer.parameterCount(); p++) {
                t += truth[p] * truth[p];
                c += claimed[p] * claimed[p];
            }
            offset += layer.parameterCount();
            int dead = -1;
            if (layer.activation() == Activation.RELU) {
                dead = 0;
                for (int i = 0; i < layer.units(); i++) {
                    boolean off = true;
                    for (int s = 0; s < n && off; s++) {
                        off = acts.z()[s][l - 1][i] <= 0;
                    }
                    dead += off ? 1 : 0;
                }
            }
            double saturated = Double.NaN;
            if (layer.activation() == Activation.SIGMOID || layer.activation() == Activation.TANH) {
                int count = 0;
                for (int s = 0; s < n; s++) {
                    for (int i = 0; i < layer.units(); i++) {
                        double a = acts.a()[s][l - 1][i];
                        boolean sat = layer.activation() == Activation.SIGMOID
                                ? a < SATURATION_MARGIN || a > 1 - SATURATION_MARGIN
                                : Math.abs(a) > 1 - SATURATION_MARGIN;
                        count += sat ? 1 : 0;
                    }
                }
                saturated = count / (double) (n * layer.units());
            }
            double theta = 0;
            for (int i = 0; i < layer.units(); i++) {
                for (int j = 0; j < layer.fanIn(); j++) {
                    theta += layer.weightAt(i, j) * layer.weightAt(i, j);
                }
                theta += layer.biasAt(i) * layer.biasAt(i);
            }
            double ratio = theta == 0 ? Double.NaN : spec.learningRate() * Math.sqrt(t) / Math.sqrt(theta);
            out.add(new LayerStats(l, layer.activation().yamlName(), layer.units(), Math.sqrt(t), Math.sqrt(c), dead,
                    saturated, ratio));
        }
        return out;
    }

    /** The search for one cause of every wrong value, cheapest candidates first. */
    private static final class Diagnoser {
        private final NetworkSpec spec;
        private final BatchGradients engine;
        private final List<ParamId> ids;
        private final double[] claimed;
        private final double[] truth;
        private final TreeSet<Integer> wrongLayers;
        private final int n;

        Diagnoser(NetworkSpec spec, BatchGradients engine, List<ParamId> ids, double[] claimed, double[] truth,
                  TreeSet<Integer> wrongLayers) {
            this.spec = spec;
            this.engine = engine;
            this.ids = ids;
            this.claimed = claimed;
            this.truth = truth;
            this.wrongLayers = wrongLayers;
            this.n = spec.data().size();
        }

        /** Every claimed value agrees with {@code candidate}. */
        private boolean matches(double[] candidate) {
            for (int p = 0; p < claimed.length; p++) {
                if (!agrees(claimed[p], candidate[p])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * With regularization: every value is the data gradient plus k times the penalty's gradient λw + μ·sign(w),
         * for k = 0 (the term forgotten) or k = 2 (2λw for λw: the ½ of (λ/2)w² dropped, a constant-factor slip
         * in the regularization term).
         */
        private Diagnosis regularization() {
            if (spec.regularization().isNone()) {
                return null;
            }
            double[] flat = spec.parameterVector();
            double[] pen = new double[flat.length];
            spec.addPenaltyGradient(flat, pen);
            for (int k : new int[] {2, 0}) {
                double[] c = new double[truth.length];
                for (int p = 0; p < c.length; p++) {
                    c[p] = truth[p] + (k - 1) * pen[p];
                }
                if (matches(c)) {
                    return k == 0
                            ? new Diagnosis("regularization_missing", "every value is the gradient of the data loss"
                                    + " alone: the regularization term's derivative λw + μ·sign(w) of each weight is"
                                    + " missing", 0)
                            : new Diagnosis("regularization_factor", "every weight's value has twice the"
                                    + " regularization term: ∂/∂w (λ/2)w² = λw, not 2λw (a constant factor 2 in the"
                                    + " regularization term)", 0);
                }
            }
            return null;
        }

        private double[] scaled(double k) {
            double[] c = new double[truth.length];
            for (int p = 0; p < c.length; p++) {
                c[p] = k * truth[p];
            }
            return c;
        }

        Diagnosis find() {
            if (matches(scaled(-1))) {
                return new Diagnosis("sign", "every value is the gradient negated: a sign slip that reaches every"
                        + " parameter (y − ŷ for ŷ − y in the output δ, or the update direction −∂L/∂p)", 0);
            }
            boolean mean = spec.reduction() == Reduction.MEAN;
            if (n > 1 && mean && matches(scaled(n))) {
                return new Diagnosis("missing_1_over_n", "every value is N = " + n + " times the gradient: the"
                        + " per-sample gradients are summed where reduction: mean averages them (a missing 1/N)", 0);
            }
            if (n > 1 && !mean && matches(scaled(1.0 / n))) {
                return new Diagnosis("extra_1_over_n", "every value is the gradient divided by N = " + n + ": the"
                        + " per-sample gradients are averaged where reduction: sum adds them (an extra 1/N)", 0);
            }
            Diagnosis reg = regularization();
            if (reg != null) {
                return reg;
            }
            Diagnosis t = transposed();
            if (t != null) {
                return t;
            }
            Diagnosis b = biases();
            if (b != null) {
                return b;
            }
            Diagnosis a = activation();
            if (a != null) {
                return a;
            }
            for (Loss other : Loss.values()) {
                if (other != spec.loss()) {
                    Optional<double[]> g = engine.otherLoss(other);
                    if (g.isPresent() && matches(g.get())) {
                        return new Diagnosis("wrong_loss", "every value is the batch gradient of " + other.yamlName()
                                + ", not of the spec's " + spec.loss().yamlName() + " (∂L/∂ŷ of the wrong loss)", 0);
                    }
                }
            }
            return constantFactor();
        }

        /** One layer's weight values are the true ∂L/∂W transposed (row by row when the layer is not square). */
        private Diagnosis transposed() {
            if (wrongLayers.size() != 1) {
                return null;
            }
            int l = wrongLayers.first();
            LayerSpec layer = spec.layer(l);
            int units = layer.units();
            int fan = layer.fanIn();
            if (units * fan < 2) {
                return null;
            }
            int offset = spec.indexOf(ParamId.weight(l, 1, 1));
            double[] c = truth.clone();
            // the transposed matrix (fan × units) read row by row into the canonical units × fan slots
            int k = offset;
            for (int r = 0; r < fan; r++) {
                for (int col = 0; col < units; col++) {
                    c[k++] = truth[offset + col * fan + r];
                }
            }
            if (!matches(c)) {
                return null;
            }
            String how = units == fan
                    ? "w[" + l + ",i,j] holds ∂L/∂w[" + l + ",j,i]"
                    : "the values of w[" + l + ",·,·], read row by row, are the true " + units + "×" + fan
                    + " gradient transposed (" + fan + "×" + units + ") read row by row";
            return new Diagnosis("transposed_weights", "layer " + l + "'s weight gradient is transposed: " + how
                    + " (a·δᵀ where δ·aᵀ belongs); every other parameter is right", l);
        }

        /** Every wrong value is a bias, and the biases are one sample's gradient, or reduced the other way. */
        private Diagnosis biases() {
            for (int p = 0; p < ids.size(); p++) {
                if (ids.get(p).isWeight() && !agrees(claimed[p], truth[p])) {
                    return null;
                }
            }
            if (n < 2) {
                return null;
            }
            boolean mean = spec.reduction() == Reduction.MEAN;
            List<Map.Entry<String, Function<Integer, Double>>> candidates = new ArrayList<>();
            double[][] rows = engine.perSample();
            for (int s = 0; s < n; s++) {
                double[] row = rows[s];
                candidates.add(Map.entry("the bias gradients are sample " + (s + 1) + "'s alone, not summed over the"
                        + " batch's " + n + " samples (the weights are right)", p -> row[p]));
                if (mean) {
                    candidates.add(Map.entry("the bias gradients are sample " + (s + 1) + "'s term δ/N alone, not"
                            + " summed over the batch's " + n + " samples (the weights are right)", p -> row[p] / n));
                }
            }
            if (mean) {
                candidates.add(Map.entry("the bias gradients are summed over the batch where reduction: mean averages"
                        + " them (N = " + n + " times the gradient; the weights are right)", p -> truth[p] * n));
            } else {
                candidates.add(Map.entry("the bias gradients are averaged over the batch where reduction: sum adds them"
                        + " (the gradient divided by N = " + n + "; the weights are right)", p -> truth[p] / n));
            }
            for (Map.Entry<String, Function<Integer, Double>> cand : candidates) {
                boolean all = true;
                for (int p = 0; p < ids.size() && all; p++) {
                    if (ids.get(p).isBias() && !agrees(claimed[p], truth[p])) {
                        all = agrees(claimed[p], cand.getValue().apply(p));
                    }
                }
                if (all) {
                    return new Diagnosis("bias_not_summed", cand.getKey(), 0);
                }
            }
            return null;
        }

        /** The values are the gradient with one layer's g′ replaced by g or by 1 (so every wrong one is in layers ≤ l). */
        private Diagnosis activation() {
            int top = wrongLayers.last();
            for (int l = top; l <= spec.layerCount(); l++) {
                // ReLU′(0) = 1 first: where every z of the layer is ≥ 0 it is also "1 in place of ReLU′", and the
                // narrower reading is the likelier one
                for (BatchGradients.Replacement r : List.of(BatchGradients.Replacement.STEP_AT_ZERO_ONE,
                        BatchGradients.Replacement.ACTIVATION, BatchGradients.Replacement.ONE)) {
                    Optional<double[]> g = engine.activationVariant(l, r);
                    if (g.isPresent() && matches(g.get()) && r == BatchGradients.Replacement.STEP_AT_ZERO_ONE) {
                        return new Diagnosis("relu_at_zero", "layer " + l + " takes ReLU′(0) = 1 where a unit's z is"
                                + " exactly 0 at a sample; chainrule, like PyTorch and TensorFlow, takes ReLU′(0) = 0 (both"
                                + " are subgradients: the values are right for the other convention)"
                                + (engine.activationVariant(l, BatchGradients.Replacement.ONE).filter(this::matches).isPresent()
                                ? "; or ReLU′ left out: no unit of layer " + l + " has z < 0 at any sample, so the two"
                                + " readings give the same numbers" : ""), l);
                    }
                    if (g.isPresent() && matches(g.get())) {
                        String prime = primeName(spec.layer(l).activation());
                        String instead = r == BatchGradients.Replacement.ACTIVATION
                                ? spec.layer(l).activation().symbol() + "(z) in place of " + prime + "(z)"
                                : "1 in place of " + prime + "(z) (the derivative left out)";
                        return new Diagnosis("activation_derivative", "layer " + l + "'s activation derivative is wrong:"
                                + " the values are the gradient with " + instead + " in layer " + l + "'s δ (every wrong"
                                + " parameter is in layers ≤ " + l + ")", l);
                    }
                }
            }
            return null;
        }

        private Diagnosis constantFactor() {
            int big = 0;
            for (int p = 1; p < truth.length; p++) {
                if (Math.abs(truth[p]) > Math.abs(truth[big])) {
                    big = p;
                }
            }
            if (truth[big] == 0 || claimed[big] == 0) {
                return null;
            }
            double k = claimed[big] / truth[big];
            if (!matches(scaled(k))) {
                return null;
            }
            return new Diagnosis("constant_factor", "every value is " + dev.chainrule.expr.Fmt.num(k, 6)
                    + " times the gradient: one constant factor throughout (a loss's ½ or 2, or a scaled learning rate"
                    + " folded in)", 0);
        }
    }

    private static String primeName(Activation a) {
        return a.symbol() + "′";
    }

    /** The claimed values by id, canonical order (for tests and renderers). */
    public static Map<String, Double> byId(NetworkSpec spec, double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        List<ParamId> ids = spec.parameters();
        for (int p = 0; p < ids.size(); p++) {
            m.put(ids.get(p).toString(), values[p]);
        }
        return m;
    }
}
