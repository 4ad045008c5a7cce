package dev.chainrule.network.spec;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the value of an {@code !!int} or {@code !!float} scalar the way YAML 1.1 defines it ({@code 1_000},
 * {@code 0x1F}, {@code 1e-3}, {@code .5}) with SnakeYAML's own safe constructors; nothing else is ever built.
 */
final class ScalarValues extends SafeConstructor {

    ScalarValues(LoaderOptions options) {
        super(options);
    }

    /** An Integer, Long, BigInteger or Double; throws a RuntimeException when the text is not a number. */
    Number number(ScalarNode node) {
        Tag tag = node.getTag();
        if (!tag.equals(Tag.INT) && !tag.equals(Tag.FLOAT)) {
            throw new IllegalArgumentException("not a number tag: " + tag);
        }
        if (tag.equals(Tag.FLOAT)) {
            Double plain = plainFloat(node.getValue());
            if (plain != null) {
                return plain;
            }
        }
        return (Number) yamlConstructors.get(tag).construct(node);
    }

    /**
     * A float written with digits, '.', 'e' and signs only (no '_', no base-60 ':', no .inf or .nan) as
     * SnakeYAML's {@code ConstructYamlFloat} reads it (sign taken off, {@code Double.valueOf} of the rest, times the
     * sign), without its regular expression per number; null for any other text.
     */
    private static Double plainFloat(String value) {
        if (value.isEmpty()) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                return null;
            }
        }
        int sign = 1;
        String rest = value;
        if (value.charAt(0) == '-') {
            sign = -1;
            rest = value.substring(1);
        } else if (value.charAt(0) == '+') {
            rest = value.substring(1);
        }
        return Double.valueOf(rest) * sign;
    }
}
