package dev.chainrule.network.spec;

import java.util.List;
import java.util.StringJoiner;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Writes a spec as YAML that {@link SpecLoader} reads back to an equal spec (numbers round-trip exactly). */
final class SpecYaml {
    private static final Resolver RESOLVER = new Resolver();

    private SpecYaml() {
    }

    static String write(NetworkSpec spec) {
        StringBuilder b = new StringBuilder();
        if (spec.name() != null) {
            b.append("name: ").append(quoted(spec.name())).append('\n');
        }
        b.append("inputs: ").append(flow(spec.inputs())).append('\n');
        b.append("outputs: ").append(flow(spec.outputs())).append('\n');
        b.append("layers:\n");
        for (LayerSpec layer : spec.layers()) {
            b.append("  - units: ").append(layer.units()).append('\n');
            b.append("    activation: ").append(layer.activation().yamlName()).append('\n');
            if (layer.activation() == Activation.LEAKY_RELU || layer.activation() == Activation.ELU
                    || Double.compare(layer.alpha(), LayerSpec.defaultAlpha(layer.activation())) != 0) {
                b.append("    alpha: ").append(number(layer.alpha())).append('\n');
            }
            b.append("    weights:\n");
            for (double[] row : layer.weights()) {
                b.append("      - ").append(flow(row)).append('\n');
            }
            b.append("    biases: ").append(flow(layer.biases())).append('\n');
        }
        b.append("loss: ").append(spec.loss().yamlName()).append('\n');
        if (spec.loss() == Loss.HUBER) {
            b.append("huber_delta: ").append(number(spec.huberDelta())).append('\n');
        }
        if (!spec.regularization().isNone()) {
            b.append("regularization: {l2: ").append(number(spec.regularization().l2())).append(", l1: ")
                    .append(number(spec.regularization().l1())).append("}\n");
        }
        b.append("reduction: ").append(spec.reduction().yamlName()).append('\n');
        b.append("learning_rate: ").append(number(spec.learningRate())).append('\n');
        b.append("data:\n");
        for (Sample s : spec.data()) {
            b.append("  - {x: ").append(flow(s.x())).append(", y: ").append(flow(s.y())).append("}\n");
        }
        return b.toString();
    }

    /**
     * A YAML number that reads back to exactly {@code v}: whole numbers without a fraction ({@code 2}), others as
     * Java writes them ({@code 0.1}, {@code 1.0E-7}); {@code .nan} and {@code .inf} for the values a loader refuses.
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return ".nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? ".inf" : "-.inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String flow(double[] values) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (double v : values) {
            j.add(number(v));
        }
        return j.toString();
    }

    /** Names, quoted where YAML would read them as something else ({@code yes}, {@code null}). */
    private static String flow(List<String> names) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (String name : names) {
            j.add(RESOLVER.resolve(NodeId.scalar, name, true).equals(Tag.STR) ? name : quoted(name));
        }
        return j.toString();
    }

    private static String quoted(String text) {
        DumperOptions options = new DumperOptions();
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        return new Yaml(options).dump(text).strip();
    }
}
