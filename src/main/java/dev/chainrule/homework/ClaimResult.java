package dev.chainrule.homework;

import java.util.List;
import java.util.Optional;

/**
 * The judgement of one claim.
 *
 * @param param       w[l,i,j] or b[l,i] (or the variable of a free-form check)
 * @param claim       what the student wrote (right-hand side)
 * @param verdict     correct, incorrect or undecided
 * @param diagnosis   for incorrect claims
 * @param expected    the correct result in input syntax (δ form for networks; per sample, also with --of batch)
 * @param expectedExplicit the correct result in input syntax without δ (the chain-rule product)
 * @param expectedText the correct result, unicode (explicit form, then δ form)
 * @param derivation  the rule-named derivation, unicode lines
 * @param pointsUsed  points where claim and truth were compared
 * @param pointsSkipped points skipped (ReLU kink, claim or truth not defined)
 * @param note        how it was judged, or why undecided
 * @param symbolic    "confirmed symbolically", "symbolic check undecided", … when asked for
 * @param claimValue  the claim's value at the first comparison point (the spec's values)
 * @param trueValue   the true value there
 * @param where       that point, in words ("sample 1 at the spec's values")
 */
public record ClaimResult(String param, String claim, String verdict, Diagnosis diagnosis, String expected, String expectedExplicit,
                          List<String> expectedText, List<String> derivation, int pointsUsed, int pointsSkipped,
                          String note, Optional<String> symbolic, double claimValue, double trueValue, String where) {
    public static final String CORRECT = "correct";
    public static final String INCORRECT = "incorrect";
    public static final String UNDECIDED = "undecided";

    public ClaimResult withSymbolic(String s) {
        return new ClaimResult(param, claim, verdict, diagnosis, expected, expectedExplicit, expectedText, derivation, pointsUsed,
                pointsSkipped, note, Optional.ofNullable(s), claimValue, trueValue, where);
    }
}
