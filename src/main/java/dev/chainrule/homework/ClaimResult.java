package dev.chainrule.homework;

import dev.chainrule.derive.Step;
import java.util.List;

/**
 * The judgement of one claim.
 *
 * @param param       w[l,i,j] or b[l,i] (or the variable of a free-form check)
 * @param claim       what the student wrote (right-hand side)
 * @param verdict     correct, incorrect or undecided
 * @param diagnosis   for incorrect claims
 * @param expected    the correct result in input syntax (δ form for networks; per sample, also with --of batch)
 * @param expectedExplicit the correct result in input syntax without δ (the chain-rule product)
 * @param derivation  the rule-named derivation of the correct result, line by line (the renderers lay it out)
 * @param pointsUsed  points where claim and truth were compared
 * @param pointsSkipped points skipped (ReLU kink, claim or truth not defined)
 * @param note        how it was judged, or why undecided
 * @param symbolic    what Symja, the second judge, said (NOT_RUN when it was not asked)
 * @param claimValue  the claim's value at the first comparison point (the spec's values)
 * @param trueValue   the true value there
 * @param where       that point, in words ("sample 1 at the spec's values")
 * @param worked      the claim and the correct result (its forms) as trees, for every renderer (null where there is none)
 * @param steps       worked steps judged on a network: every line, its verdict and the first wrong line (null otherwise)
 */
public record ClaimResult(String param, String claim, ClaimVerdict verdict, Diagnosis diagnosis, String expected, String expectedExplicit,
                          List<Step> derivation, int pointsUsed, int pointsSkipped,
                          String note, SymbolicCheck symbolic, double claimValue, double trueValue, String where,
                          Worked worked, StepsTrace steps) {
    /** A result of the numeric judge alone (Symja not asked yet). */
    public ClaimResult(String param, String claim, ClaimVerdict verdict, Diagnosis diagnosis, String expected, String expectedExplicit,
                       List<Step> derivation, int pointsUsed, int pointsSkipped, String note,
                       double claimValue, double trueValue, String where) {
        this(param, claim, verdict, diagnosis, expected, expectedExplicit, derivation, pointsUsed, pointsSkipped,
                note, SymbolicCheck.NOT_ASKED, claimValue, trueValue, where, null, null);
    }

    /**
     * The verdict once both judges have spoken. They must agree for correct or incorrect: when Symja proves the
     * claim equivalent but the numbers found a difference, or the numbers found none where Symja evaluates a
     * difference, the claim is undecided and the note says which judge said what. When Symja cannot decide
     * (time limit, or it could not start) the numeric verdict stands and the report says it was not confirmed.
     * When only the numbers could not decide (every point at a kink or outside the domain), a proof by Symja
     * decides.
     */
    public ClaimResult withSymbolic(SymbolicCheck s) {
        ClaimVerdict v = verdict;
        String n = note;
        Diagnosis d = diagnosis;
        boolean proved = s.outcome() == SymbolicCheck.Outcome.EQUIVALENT;
        boolean differs = s.outcome() == SymbolicCheck.Outcome.DIFFERENT;
        if (verdict == ClaimVerdict.INCORRECT && proved) {
            v = ClaimVerdict.UNDECIDED;
            d = null;
            n = "the judges disagree: Symja shows your result equivalent to the gradient, yet the numbers differ at "
                    + where + "; " + note;
        } else if (verdict == ClaimVerdict.CORRECT && differs) {
            v = ClaimVerdict.UNDECIDED;
            n = "the judges disagree: the numbers match at " + pointsUsed + " points, yet Symja finds a difference ("
                    + s.method() + "); " + note;
        } else if (verdict == ClaimVerdict.UNDECIDED && proved) {
            v = ClaimVerdict.CORRECT;
            n = "shown equivalent by Symja; the numbers could not decide: " + note;
        }
        return new ClaimResult(param, claim, v, d, expected, expectedExplicit, derivation, pointsUsed,
                pointsSkipped, n, s, claimValue, trueValue, where, worked, steps);
    }

    /** The same result with another note. */
    public ClaimResult withNote(String n) {
        return new ClaimResult(param, claim, verdict, diagnosis, expected, expectedExplicit, derivation, pointsUsed,
                pointsSkipped, n, symbolic, claimValue, trueValue, where, worked, steps);
    }

    /** The same result with the claim as typed ({@code 263/1000} judged as the number 0.263 it is). */
    public ClaimResult withClaim(String typed) {
        return new ClaimResult(param, typed, verdict, diagnosis, expected, expectedExplicit, derivation, pointsUsed,
                pointsSkipped, note, symbolic, claimValue, trueValue, where, worked, steps);
    }

    /** The same result with another verdict and diagnosis. */
    public ClaimResult withVerdict(ClaimVerdict v, Diagnosis d) {
        return new ClaimResult(param, claim, v, d, expected, expectedExplicit, derivation, pointsUsed,
                pointsSkipped, note, symbolic, claimValue, trueValue, where, worked, steps);
    }

    /** The same result with another diagnosis. */
    public ClaimResult withDiagnosis(Diagnosis d) {
        return new ClaimResult(param, claim, verdict, d, expected, expectedExplicit, derivation, pointsUsed,
                pointsSkipped, note, symbolic, claimValue, trueValue, where, worked, steps);
    }

    /** The same result with its math for the document formats. */
    public ClaimResult withWorked(Worked w) {
        return new ClaimResult(param, claim, verdict, diagnosis, expected, expectedExplicit, derivation, pointsUsed,
                pointsSkipped, note, symbolic, claimValue, trueValue, where, w, steps);
    }

    /** The same result with the lines of worked steps judged on a network. */
    public ClaimResult withSteps(StepsTrace t) {
        return new ClaimResult(param, claim, verdict, diagnosis, expected, expectedExplicit, derivation, pointsUsed,
                pointsSkipped, note, symbolic, claimValue, trueValue, where, worked, t);
    }

    /**
     * The result as graded homework shows it: without {@code solution}, no correct result, derivation, true value
     * or note that could give it away, and the diagnosis in its brief form; with {@code hint}, the diagnosis
     * carries the rule that decides it (else none).
     */
    public ClaimResult forFeedback(boolean solution, boolean hint) {
        Diagnosis d = diagnosis;
        if (d != null) {
            d = d.withHint(hint ? d.hintOrKinds() : null);
            if (!solution) {
                d = d.withoutSolution();
            }
        }
        if (solution) {
            return new ClaimResult(param, claim, verdict, d, expected, expectedExplicit, derivation, pointsUsed,
                    pointsSkipped, note, symbolic, claimValue, trueValue, where, worked, steps);
        }
        boolean right = verdict == ClaimVerdict.CORRECT;
        return new ClaimResult(param, claim, verdict, d, null, null, List.of(), pointsUsed, pointsSkipped,
                right ? withoutValues(note) : "the correct result is not shown (--no-solution)", symbolic, claimValue, Double.NaN, where,
                null, null);
    }

    /**
     * A correct claim's note without the true value's digits (--no-solution shows no more digits than the claim):
     * "(the gradient is 0.26306687)", the regularization term's value and a kink's two-sided value are left out.
     */
    static String withoutValues(String note) {
        if (note == null) {
            return null;
        }
        return note.replaceAll(" \\(the gradient is [^)]*\\)", "")
                .replaceAll("(including the regularization term's λw \\+ μ·sign\\(w\\)) = [^),;]*", "$1")
                .replaceAll("but the derivative is [^;]* from both sides", "but the derivative is the same from both sides");
    }

    /** Whether this judges worked steps ("steps" for the whole derivation, "line N" for a wrong line). */
    public boolean isSteps() {
        return param.equals("steps") || isStepLine();
    }

    /** Whether this is the first line of worked steps that does not follow. */
    public boolean isStepLine() {
        return param.startsWith("line ");
    }

    /** Whether both judges ran and gave the same answer. */
    public boolean judgesAgree() {
        return switch (symbolic.outcome()) {
            case EQUIVALENT -> verdict == ClaimVerdict.CORRECT;
            case DIFFERENT -> verdict == ClaimVerdict.INCORRECT;
            case UNDECIDED, UNAVAILABLE, NOT_RUN -> false;
        };
    }
}
