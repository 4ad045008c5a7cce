package dev.chainrule.homework;

import dev.chainrule.expr.Prose;

/**
 * What is wrong with an incorrect claim.
 *
 * @param kind    one of the contract's kinds: sign, constant_factor, missing_factor, extra_factor,
 *                activation_not_derivative, wrong_parameter, wrong_index, missing_path, other
 * @param prose   what is wrong, as a sentence with its math marked (text output prints {@link #message()})
 * @param factor  claim ÷ what it matched (1 for an exact structural match; −1 for a sign error; NaN for other)
 * @param matched what the claim equals, in input syntax (null for other)
 */
public record Diagnosis(Kind kind, Prose prose, double factor, String matched) {
    /** A diagnosis in words alone. */
    public Diagnosis(Kind kind, String message, double factor, String matched) {
        this(kind, Prose.words(message), factor, matched);
    }

    /** What is wrong, as text output and JSON write it (Unicode). */
    public String message() {
        return prose.text();
    }

    /** The contract's kinds of slip, each with its spelling in the output ({@code "kind": "constant_factor"}). */
    public enum Kind {
        SIGN("sign"),
        CONSTANT_FACTOR("constant_factor"),
        MISSING_FACTOR("missing_factor"),
        EXTRA_FACTOR("extra_factor"),
        ACTIVATION_NOT_DERIVATIVE("activation_not_derivative"),
        WRONG_PARAMETER("wrong_parameter"),
        WRONG_INDEX("wrong_index"),
        MISSING_PATH("missing_path"),
        OTHER("other");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        /** As written in the text and JSON output, e.g. constant_factor. */
        public String spelling() {
            return spelling;
        }
    }
}
