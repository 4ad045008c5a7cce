package dev.chainrule.network.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for the names of inputs and outputs. A name is an identifier ({@code [A-Za-z][A-Za-z0-9_]*}) that is not
 * one of the symbols the derivations use ({@link #RESERVED_SYMBOLS}) nor a function name of the expression
 * syntax ({@link #FUNCTION_NAMES}); an output may be called {@code yhat}, which is its default name.
 */
public final class SpecNames {

    /** Symbols of the derivations: weights, biases, pre-activations, activations, targets, outputs, δ, the loss. */
    public static final Set<String> RESERVED_SYMBOLS = Set.of("w", "b", "z", "a", "h", "y", "yhat", "delta", "L");

    /** Function names of the expression syntax. */
    public static final Set<String> FUNCTION_NAMES = Set.of("exp", "log", "ln", "sqrt", "sigmoid", "tanh", "relu",
            "leaky_relu", "max", "abs", "sign", "sin", "cos", "step", "softmax", "softplus", "elu",
            "elu_step", "gelu", "silu", "swish", "normcdf", "normpdf", "phi_cdf", "phi_pdf", "huber", "huber_grad");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final int MAX_LENGTH = 64;

    private SpecNames() {
    }

    public static boolean isIdentifier(String name) {
        return name.length() <= MAX_LENGTH && IDENTIFIER.matcher(name).matches();
    }

    /** {@code [yhat]} for one output, {@code [yhat1, …, yhatK]} for K &gt; 1. */
    public static List<String> defaultOutputs(int count) {
        if (count == 1) {
            return List.of("yhat");
        }
        List<String> names = new ArrayList<>(count);
        for (int k = 1; k <= count; k++) {
            names.add("yhat" + k);
        }
        return List.copyOf(names);
    }

    /** Why {@code name} cannot name an input (or, with {@code output}, an output); empty when it can. */
    static Optional<String> problem(String name, boolean output) {
        if (!isIdentifier(name)) {
            return Optional.of("'" + SpecError.clip(name) + "' is not a valid name (expected a letter followed by"
                    + " letters, digits or _, at most " + MAX_LENGTH + " characters)");
        }
        if (output && name.equals("yhat")) {
            return Optional.empty();
        }
        if (RESERVED_SYMBOLS.contains(name)) {
            return Optional.of("'" + name + "' is reserved (the derivations use it for "
                    + meaning(name) + "); choose another name");
        }
        if (FUNCTION_NAMES.contains(name)) {
            return Optional.of("'" + name + "' is a function name in expressions; choose another name");
        }
        return Optional.empty();
    }

    private static String meaning(String symbol) {
        return switch (symbol) {
            case "w" -> "weights";
            case "b" -> "biases";
            case "z" -> "pre-activations";
            case "a", "h" -> "activations";
            case "y" -> "targets";
            case "yhat" -> "the network's output";
            case "delta" -> "error signals";
            default -> "the loss";
        };
    }
}
