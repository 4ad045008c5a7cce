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
        return (Number) yamlConstructors.get(tag).construct(node);
    }
}
