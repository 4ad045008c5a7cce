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
 * @param brief   what is wrong without the correct result's value (null: the kind's {@link Kind#brief()})
 * @param hint    the rule that decides it, not its value (null: the kind's {@link Kind#hint()})
 */
public record Diagnosis(Kind kind, Prose prose, double factor, String matched, String brief, String hint) {
    public Diagnosis(Kind kind, Prose prose, double factor, String matched) {
        this(kind, prose, factor, matched, null, null);
    }

    /** A diagnosis in words alone. */
    public Diagnosis(Kind kind, String message, double factor, String matched) {
        this(kind, Prose.words(message), factor, matched);
    }

    /** The same kind said without the correct result (check --no-solution): the brief, no factor, no match. */
    public Diagnosis withoutSolution() {
        String b = brief != null ? brief : kind.brief();
        return new Diagnosis(kind, Prose.words(b), Double.NaN, null, b, hint);
    }

    /** The hint to show (check --hint): this diagnosis's own or its kind's. */
    public String hintOrKinds() {
        return hint != null ? hint : kind.hint();
    }

    /** The same with {@code hint} (null: none shown). */
    public Diagnosis withHint(String hint) {
        return new Diagnosis(kind, prose, factor, matched, brief, hint);
    }

    /** What is wrong, as text output and JSON write it (Unicode). */
    public String message() {
        return prose.text();
    }

    /** The contract's kinds of slip, each with its spelling in the output ({@code "kind": "constant_factor"}). */
    public enum Kind {
        SIGN("sign", "the sign is wrong", "every local derivative keeps its sign; look at ∂L/∂ŷ first"),
        CONSTANT_FACTOR("constant_factor", "the result is off by a constant factor",
                "the chain rule takes each local derivative once, and a mean over N samples brings 1/N"),
        MISSING_FACTOR("missing_factor", "a factor of the chain is missing",
                "the chain rule multiplies one local derivative per link, from L down to the parameter"),
        EXTRA_FACTOR("extra_factor", "the result has a factor too many",
                "the chain rule multiplies one local derivative per link, and no link twice"),
        ACTIVATION_NOT_DERIVATIVE("activation_not_derivative", "an activation stands where its derivative belongs",
                "the link ∂a/∂z is the activation's derivative g′(z), not g(z)"),
        WRONG_PARAMETER("wrong_parameter", "this is the gradient of another parameter",
                "∂L/∂wᵢⱼ⁽ˡ⁾ = δᵢ⁽ˡ⁾·aⱼ⁽ˡ⁻¹⁾: the unit above and the input below of this weight"),
        WRONG_INDEX("wrong_index", "a quantity has the wrong index",
                "wᵢⱼ⁽ˡ⁾ connects unit i of layer l to unit j of the layer below; the hidden δ takes Wᵀ"),
        MISSING_PATH("missing_path", "a path from L to the parameter is missing",
                "the multivariable chain rule sums over every path from L to the parameter"),
        OTHER("other", "the result is not the gradient",
                "write ∂L/∂w as the chain of local derivatives from L down to w and check each link");

        private final String spelling;
        private final String brief;
        private final String hint;

        Kind(String spelling, String brief, String hint) {
            this.spelling = spelling;
            this.brief = brief;
            this.hint = hint;
        }

        /** What this kind of slip is, in general, without any value (check --no-solution). */
        public String brief() {
            return brief;
        }

        /** The rule that decides this kind of slip, in general (check --hint). */
        public String hint() {
            return hint;
        }

        /** As written in the text and JSON output, e.g. constant_factor. */
        public String spelling() {
            return spelling;
        }
    }
}
