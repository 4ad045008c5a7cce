package dev.chainrule.network.spec;

import java.util.Optional;

/** Rules that tie activations to their place and to the loss; shared by the loader and the generator. */
final class SpecRules {

    private SpecRules() {
    }

    /** Why layer {@code number} of {@code layerCount} cannot use {@code activation} with {@code units} units. */
    static Optional<String> activationProblem(Activation activation, int units, int number, int layerCount) {
        if (activation != Activation.SOFTMAX) {
            return Optional.empty();
        }
        if (number < layerCount) {
            return Optional.of("softmax is allowed on the output layer only (this is layer " + number + " of "
                    + layerCount + ")");
        }
        if (units == 1) {
            return Optional.of("softmax over a single unit always outputs 1; use sigmoid for one output, or one"
                    + " unit per class");
        }
        return Optional.empty();
    }

    /**
     * Why {@code loss} does not fit an output layer (number {@code layer}) with {@code output} activation: ce takes
     * log ŷ, so it needs softmax or sigmoid (ŷ in (0, 1)); bce takes log ŷ and log(1 − ŷ), so it needs sigmoid or
     * softmax. se and half_se fit any output (softmax with se is the classic "why not MSE" exercise).
     */
    static Optional<String> lossProblem(Loss loss, Activation output, int layer) {
        String where = "the output layer (layer " + layer + ")";
        if (loss == Loss.CE && output != Activation.SOFTMAX && output != Activation.SIGMOID) {
            return Optional.of("ce takes log(yhat), so " + where + " must be softmax (the usual pairing) or"
                    + " sigmoid, not " + output.yamlName());
        }
        if (loss == Loss.BCE && output != Activation.SIGMOID && output != Activation.SOFTMAX) {
            return Optional.of("bce takes log(yhat) and log(1 - yhat), so " + where + " must be sigmoid (or softmax), not "
                    + output.yamlName());
        }
        return Optional.empty();
    }

    /** Why target {@code y} is out of range for {@code loss}. */
    static Optional<String> targetProblem(Loss loss, double y) {
        if (loss == Loss.BCE && (y < 0 || y > 1)) {
            return Optional.of("bce needs targets in [0, 1], got " + SpecYaml.number(y));
        }
        if (loss == Loss.CE && y < 0) {
            return Optional.of("ce needs non-negative targets (class probabilities, e.g. one-hot), got "
                    + SpecYaml.number(y));
        }
        return Optional.empty();
    }
}
