package dev.chainrule.network.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Specs from the lecture notes, loaded through {@link SpecLoader} so they obey the same rules as user files. */
public final class BuiltinExamples {
    private static final String XOR_RESOURCE = "/examples/xor.yaml";

    /** The 1-D example: x = 3, w = 0.1, b = 0, identity, se, y = 1 (the JSON example of docs/reference.md §3). */
    private static final String LINEAR_1D = """
            name: one neuron, one input
            inputs: [x]
            layers:
              - units: 1
                activation: identity
                weights: [[0.1]]
                biases: [0]
            loss: se
            reduction: mean
            learning_rate: 0.1
            data:
              - {x: 3, y: 1}
            """;

    private BuiltinExamples() {
    }

    /**
     * The XOR network of the notes (seed 000): inputs x1, x2; 2 ReLU units with weights [[1, 0.5], [−0.5, 1]],
     * biases [1, 0.5]; 1 sigmoid output with weights [[−1, 0.5]], bias [1]; bce, mean, η = 0.1; the 4 XOR rows.
     */
    public static NetworkSpec xor() {
        return Holder.XOR;
    }

    /** The YAML text of {@link #xor()}, e.g. for printing as a template. */
    public static String xorYaml() {
        try (InputStream in = BuiltinExamples.class.getResourceAsStream(XOR_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + XOR_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one-neuron regression of the notes: x = 3, w = 0.1, b = 0, identity, se, y = 1. */
    public static NetworkSpec linear1d() {
        return Holder.LINEAR;
    }

    private static final class Holder {
        static final NetworkSpec XOR = SpecLoader.parse(xorYaml(), "builtin:xor.yaml");
        static final NetworkSpec LINEAR = SpecLoader.parse(LINEAR_1D, "builtin:linear1d.yaml");
    }
}
