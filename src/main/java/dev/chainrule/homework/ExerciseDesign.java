package dev.chainrule.homework;

import dev.chainrule.UserError;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Per-student exercise variants drawn from a template spec, diagnosable by design: every catalogued slip of
 * every asked gradient gives a number different from the truth and from every other slip (relative tolerance
 * {@link #DISTINCT}), so one number names the mistake.
 *
 * <p>Template numbers: a plain number (weights and biases of a template without any range are drawn from
 * value ± 1 in steps of 0.5, biases shifted by a further 0.25), {@code {range: [LO, HI], step: S}} or {@code {one_of: [A, B, …]}}.
 */
public final class ExerciseDesign {
    /** The significant digits a sheet asks for, and key.json's {@code "digits"}: fewer is graded wrong. */
    public static final int DIGITS = 4;
    /** Two answers closer than this (relative) could not be told apart. */
    public static final double DISTINCT = 0.02;
    /** Draws tried per variant before giving up. */
    public static final int ATTEMPTS = 2000;
    /** A ReLU sample with |z| below this is on or near the kink. */
    public static final double NEAR_KINK = 0.1;
    /** A sigmoid/tanh unit with |z| above this is saturated. */
    public static final double SATURATED = 3.0;
    /** A gradient smaller than this is too small to grade. */
    public static final double SMALL = 1e-3;

    /** One variant: its spec as YAML, the spec, the true answers and each slip's answer. */
    public record Variant(int id, long seed, String yaml, NetworkSpec spec, Map<String, Double> answers,
                          Map<String, List<SlipCatalogue.Slip>> slips) {
    }

    private ExerciseDesign() {
    }

    /** The seed of variant {@code k} of a run with {@code seed}. */
    public static long variantSeed(long seed, int k) {
        return seed * 1_000_003L + k;
    }

    /** Draws variant {@code k}; a one-line error when no draw within {@link #ATTEMPTS} is diagnosable. */
    @SuppressWarnings("unchecked")
    public static Variant draw(String templateYaml, int k, long seed) {
        Object tree = new Yaml().load(templateYaml);
        if (!(tree instanceof Map)) {
            throw new UserError("the template is not a YAML mapping");
        }
        boolean ranged = templateYaml.contains("range:") || templateYaml.contains("one_of:");
        long vs = variantSeed(seed, k);
        SplittableRandom rnd = new SplittableRandom(vs);
        DumperOptions block = new DumperOptions();
        block.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        block.setWidth(200);
        structural((Map<String, Object>) tree, SpecLoader.parse(new Yaml(block).dump(substitute(tree, new SplittableRandom(vs),
                ranged, false, false)), "variant " + k));
        String reason = "no draw";
        // reasons grouped by their words (numbers taken out), each with its first example as said
        Map<String, Integer> counts = new java.util.TreeMap<>();
        Map<String, String> example = new java.util.HashMap<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, Object> drawn = (Map<String, Object>) substitute(tree, rnd, ranged, false, false);
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            o.setWidth(200);
            String yaml = new Yaml(o).dump(drawn);
            NetworkSpec spec = SpecLoader.parse(yaml, "variant " + k);
            String bad = rejects(spec);
            if (bad != null) {
                reason = bad;
                tally(bad, counts, example);
                continue;
            }
            SlipCatalogue catalogue = new SlipCatalogue(spec);
            Map<String, Double> answers = catalogue.answers();
            Map<String, List<SlipCatalogue.Slip>> slips = catalogue.slips();
            String clash = clash(answers, slips);
            if (clash != null) {
                reason = clash;
                tally(clash, counts, example);
                continue;
            }
            // written by the project's spec writer (flow lists, as the notes write them; numbers round-trip)
            return new Variant(k, vs, dev.chainrule.network.spec.SpecGenerator.toYaml(spec), spec, answers, slips);
        }
        String most = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> example.get(e.getKey())
                + " (" + e.getValue() + " of " + ATTEMPTS + " draws)").orElse(reason);
        throw new UserError("variant " + k + ": no diagnosable draw in " + ATTEMPTS + " attempts (most often: " + most
                + "; last: " + reason + "); widen the template's ranges");
    }

    /**
     * A template that no draw can make diagnosable, because of its structure rather than its numbers, said before
     * drawing (one line, exit 2) with the reason and the fix: two samples under a mean (×2 and a missing 1/N are the
     * same number), or an input that is 0 in every sample of every draw (its weights' gradients are always 0).
     */
    @SuppressWarnings("unchecked")
    static void structural(Map<String, Object> tree, NetworkSpec spec) {
        int n = spec.data().size();
        if (n == 2 && spec.reduction() == dev.chainrule.network.spec.Reduction.MEAN) {
            throw new UserError("the template cannot make a diagnosable exercise: with 2 samples and reduction: mean, ×2 and"
                    + " a missing 1/N give the same number; use 1 or ≥ 3 samples, or reduction: sum");
        }
        if (!(tree.get("data") instanceof List<?> data) || data.isEmpty()) {
            return;
        }
        int inputs = spec.inputCount();
        for (int j = 0; j < inputs; j++) {
            boolean zero = true;
            for (Object sample : data) {
                Object x = sample instanceof Map<?, ?> m ? m.get("x") : null;
                Object xj = x instanceof List<?> l ? (j < l.size() ? l.get(j) : null) : (inputs == 1 ? x : null);
                zero &= alwaysZero(xj);
            }
            if (zero) {
                String name = spec.inputs().get(j);
                throw new UserError("the template cannot make a diagnosable exercise: input " + name + " is 0 in every sample"
                        + " of every draw, so the gradient of every first-layer weight on " + name + " (w[1,i," + (j + 1)
                        + "]) is always 0; give " + name + " a non-zero value in some sample");
            }
        }
    }

    /** A template number that every draw makes 0: 0 itself, {one_of: [0, …, 0]} or {range: [0, 0]}. */
    private static boolean alwaysZero(Object v) {
        if (v instanceof Number num) {
            return num.doubleValue() == 0;
        }
        if (v instanceof Map<?, ?> m) {
            Object values = m.containsKey("one_of") ? m.get("one_of") : m.get("range");
            if (values instanceof List<?> l && !l.isEmpty()) {
                return l.stream().allMatch(o -> o instanceof Number num && num.doubleValue() == 0);
            }
        }
        return false;
    }

    private static void tally(String reason, Map<String, Integer> counts, Map<String, String> example) {
        String group = reason.replaceAll("-?[0-9][0-9.]*", "#");
        counts.merge(group, 1, Integer::sum);
        example.putIfAbsent(group, reason);
    }

    @SuppressWarnings("unchecked")
    private static Object substitute(Object node, SplittableRandom rnd, boolean ranged, boolean param, boolean bias) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("range") || m.containsKey("one_of") || param) {
                return draw(m, rnd);
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                boolean p = "weights".equals(e.getKey()) || "biases".equals(e.getKey());
                out.put(e.getKey(), substitute(e.getValue(), rnd, ranged, p, "biases".equals(e.getKey())));
            }
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(substitute(o, rnd, ranged, param, bias));
            }
            return out;
        }
        if (param && !ranged && node instanceof Number n) {
            // biases move by an odd quarter: with weights in halves and 0/1 inputs no z sits on a kink
            return tidy(n.doubleValue() + 0.5 * (rnd.nextInt(5) - 2) + (bias ? 0.25 : 0));
        }
        return node;
    }

    /** Most values a {range: …, step: …} may hold (a larger one is a mistake, not a choice). */
    static final int MAX_CHOICES = 1_000_000;

    /**
     * One template number, {@code {range: [LO, HI], step: S}} or {@code {one_of: [A, B, …]}}, drawn; anything else
     * is a one-line error saying what a draw looks like.
     */
    private static double draw(Map<?, ?> m, SplittableRandom rnd) {
        // as the template wrote it, {range: [1, -1]} (not Java's {range=[1, -1]})
        StringBuilder as = new StringBuilder("{");
        m.forEach((k, val) -> as.append(as.length() > 1 ? ", " : "").append(k).append(": ").append(val));
        String shown = dev.chainrule.network.spec.SpecError.clip(as.append('}').toString());
        java.util.Set<Object> keys = new java.util.HashSet<>(m.keySet());
        boolean range = keys.remove("range");
        boolean step = keys.remove("step");
        boolean oneOf = keys.remove("one_of");
        if (!keys.isEmpty() || range == oneOf || (step && !range)) {
            throw new UserError("template number " + shown + ": write {range: [LO, HI], step: S} (step optional, 0.5)"
                    + " or {one_of: [A, B, …]}");
        }
        if (oneOf) {
            List<Double> r = numbers(m.get("one_of"), shown, "one_of");
            if (r.isEmpty()) {
                throw new UserError("template number " + shown + ": one_of needs at least one number");
            }
            return tidy(r.get(rnd.nextInt(r.size())));
        }
        List<Double> r = numbers(m.get("range"), shown, "range");
        double st = step ? numbers(List.of(m.get("step")), shown, "step").get(0) : 0.5;
        if (r.size() != 2 || r.get(0) > r.get(1)) {
            throw new UserError("template number " + shown + ": range is [LO, HI] with LO ≤ HI");
        }
        if (!(st > 0)) {
            throw new UserError("template number " + shown + ": step must be a positive number");
        }
        double n = Math.floor((r.get(1) - r.get(0)) / st + 1e-9);
        if (n + 1 > MAX_CHOICES) {
            throw new UserError("template number " + shown + ": the range holds more than " + MAX_CHOICES
                    + " values; take a larger step");
        }
        return tidy(r.get(0) + st * rnd.nextInt((int) n + 1));
    }

    /** {@code value} as a list of finite numbers, or a one-line error naming the field. */
    private static List<Double> numbers(Object value, String shown, String field) {
        if (!(value instanceof List<?> l)) {
            throw new UserError("template number " + shown + ": " + field + " must be a list of numbers");
        }
        List<Double> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new UserError("template number " + shown + ": " + field + " holds " + dev.chainrule.network.spec.SpecError.clip(String.valueOf(o))
                        + ", not a finite number");
            }
            out.add(n.doubleValue());
        }
        return out;
    }

    private static double tidy(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Why a drawn spec is rejected (a kink, a saturated unit, an inactive path), or null. */
    static String rejects(NetworkSpec spec) {
        BatchGradients g = new BatchGradients(new NetworkAnalysis(spec));
        BatchGradients.Activations act = g.activations();
        for (int l = 1; l <= spec.layerCount(); l++) {
            Activation a = spec.layer(l).activation();
            for (int i = 0; i < spec.layer(l).units(); i++) {
                boolean active = false;
                for (int s = 0; s < spec.data().size(); s++) {
                    double z = act.z()[s][l - 1][i];
                    if ((a == Activation.RELU || a == Activation.LEAKY_RELU) && Math.abs(z) < NEAR_KINK) {
                        return "sample " + (s + 1) + " near the kink of unit " + (i + 1) + " of layer " + l;
                    }
                    if ((a == Activation.SIGMOID || a == Activation.TANH) && Math.abs(z) > SATURATED) {
                        return "unit " + (i + 1) + " of layer " + l + " saturated at sample " + (s + 1);
                    }
                    active |= a != Activation.RELU || z > 0;
                }
                if (!active) {
                    return "unit " + (i + 1) + " of layer " + l + " inactive on every sample";
                }
            }
        }
        return null;
    }

    /**
     * Two answers of one parameter that cannot be told apart, or two parameters whose answers are the same number at
     * the sheet's {@link #DIGITS} digits, up to sign (b₂⁽¹⁾ = b₁⁽²⁾ when w₁₂⁽²⁾ = 1 and the unit is always active: a
     * student could copy the neighbouring row), or null.
     */
    static String clash(Map<String, Double> answers, Map<String, List<SlipCatalogue.Slip>> slips) {
        List<Map.Entry<String, Double>> truths = new ArrayList<>(answers.entrySet());
        for (int i = 0; i < truths.size(); i++) {
            for (int j = i + 1; j < truths.size(); j++) {
                String x = atDigits(Math.abs(truths.get(i).getValue()));
                if (Math.abs(truths.get(i).getValue()) >= SMALL && x.equals(atDigits(Math.abs(truths.get(j).getValue())))) {
                    return truths.get(i).getKey() + " and " + truths.get(j).getKey() + " have the same answer "
                            + "(up to sign) at " + DIGITS + " digits";
                }
            }
        }
        for (Map.Entry<String, Double> a : answers.entrySet()) {
            if (Math.abs(a.getValue()) < SMALL) {
                return a.getKey() + " is (almost) 0";
            }
            List<Map.Entry<String, Double>> all = new ArrayList<>();
            all.add(Map.entry("truth", a.getValue()));
            slips.get(a.getKey()).forEach(s -> all.add(Map.entry(s.name(), s.value())));
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    if (close(all.get(i).getValue(), all.get(j).getValue())) {
                        return a.getKey() + ": " + all.get(i).getKey() + " and " + all.get(j).getKey() + " agree";
                    }
                }
            }
        }
        return null;
    }

    /** {@code v} rounded to the sheet's {@link #DIGITS} significant digits, as a student writes it. */
    private static String atDigits(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(DIGITS, java.math.RoundingMode.HALF_UP))
                .toPlainString();
    }

    /** Within {@link #DISTINCT} of each other, relative to the larger. */
    public static boolean close(double x, double y) {
        return Math.abs(x - y) <= DISTINCT * Math.max(Math.abs(x), Math.abs(y)) || Math.abs(x - y) < SMALL / 10;
    }

    /** Variant {@code id} rebuilt from its spec (as key.json names it): answers and slips. */
    public static Variant of(int id, long seed, NetworkSpec spec) {
        SlipCatalogue catalogue = new SlipCatalogue(spec);
        return new Variant(id, seed, null, spec, catalogue.answers(), catalogue.slips());
    }

    /**
     * The catalogued slip a number is (within {@link #DISTINCT}: the design keeps every slip that far from the truth
     * and from every other), or empty: the number is none of them, or close to the truth.
     */
    public static java.util.Optional<SlipCatalogue.Slip> slip(Variant v, String param, double answer) {
        if (close(answer, v.answers().get(param))) {
            return java.util.Optional.empty();
        }
        return v.slips().get(param).stream().filter(s -> close(answer, s.value())).findFirst();
    }
}
