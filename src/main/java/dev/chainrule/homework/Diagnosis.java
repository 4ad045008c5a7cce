package dev.chainrule.homework;

/**
 * What is wrong with an incorrect claim.
 *
 * @param kind    one of the contract's kinds: sign, constant_factor, missing_factor, extra_factor,
 *                activation_not_derivative, wrong_parameter, wrong_index, missing_path, other
 * @param message in plain words, unicode
 * @param factor  claim ÷ what it matched (1 for an exact structural match; −1 for a sign error; NaN for other)
 * @param matched what the claim equals, in input syntax (null for other)
 */
public record Diagnosis(String kind, String message, double factor, String matched) {
    public static final String SIGN = "sign";
    public static final String CONSTANT_FACTOR = "constant_factor";
    public static final String MISSING_FACTOR = "missing_factor";
    public static final String EXTRA_FACTOR = "extra_factor";
    public static final String ACTIVATION_NOT_DERIVATIVE = "activation_not_derivative";
    public static final String WRONG_PARAMETER = "wrong_parameter";
    public static final String WRONG_INDEX = "wrong_index";
    public static final String MISSING_PATH = "missing_path";
    public static final String OTHER = "other";
}
