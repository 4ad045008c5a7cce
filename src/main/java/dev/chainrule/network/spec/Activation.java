package dev.chainrule.network.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The activation g of a layer, a_i = g(z_i). Spelled in YAML as {@link #yamlName()}; {@code linear} also means
 * identity.
 */
public enum Activation {
    IDENTITY("identity", "identity"),
    SIGMOID("sigmoid", "σ"),
    TANH("tanh", "tanh"),
    RELU("relu", "ReLU"),
    LEAKY_RELU("leaky_relu", "LReLU"),
    SOFTMAX("softmax", "softmax"),
    SOFTPLUS("softplus", "softplus"),
    ELU("elu", "ELU"),
    GELU("gelu", "GELU"),
    SILU("silu", "SiLU");

    /** Every spelling the loader accepts, in the order error messages list them. */
    public static final List<String> YAML_NAMES =
            List.of("identity", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax", "softplus", "elu", "gelu",
                    "silu");

    private final String yamlName;
    private final String symbol;

    Activation(String yamlName, String symbol) {
        this.yamlName = yamlName;
        this.symbol = symbol;
    }

    /** The symbol formulas write it with, σ(z), ReLU(z), as text output prints it (the function's text name). */
    public String symbol() {
        return symbol;
    }

    /** The canonical YAML spelling ({@code identity}, {@code sigmoid}, …); the writer uses it. */
    public String yamlName() {
        return yamlName;
    }

    /** Parses a YAML spelling, case-insensitively; {@code linear} is {@link #IDENTITY}. */
    public static Optional<Activation> fromYaml(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("linear")) {
            return Optional.of(IDENTITY);
        }
        for (Activation a : values()) {
            if (a.yamlName.equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
