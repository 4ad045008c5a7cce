package dev.chainrule.homework;

import java.util.Locale;

/**
 * What the computer-algebra judge (Symja) said about claim − truth.
 *
 * @param outcome what it showed
 * @param method  how: "Together", "PossibleZeroQ", "the difference is 0.31 at …", "timeout", or why it did not run
 * @param millis  wall time of the comparison (Symja's start-up not included), -1 when it did not run
 */
public record SymbolicCheck(Outcome outcome, String method, long millis) {
    public enum Outcome {
        /** Symja reduced claim − truth to 0 (a proof, not a sample). */
        EQUIVALENT,
        /** Symja evaluated claim − truth to a clearly non-zero number at a point of its own. */
        DIFFERENT,
        /** Neither within the time limit. */
        UNDECIDED,
        /** Symja could not start or failed. */
        UNAVAILABLE,
        /** Not asked (--no-symbolic), or nothing to compare symbolically (a plain number, --of batch). */
        NOT_RUN;

        /** The JSON word: equivalent, different, undecided, unavailable, not_run. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Symja was not asked at all (--no-symbolic, or --steps, which compares lines numerically). */
    public static final SymbolicCheck NOT_ASKED = new SymbolicCheck(Outcome.NOT_RUN, "not asked", -1);

    public boolean asked() {
        return !equals(NOT_ASKED);
    }

    public static SymbolicCheck notRun(String why) {
        return new SymbolicCheck(Outcome.NOT_RUN, why, -1);
    }

    /**
     * What a student reads in a document: the symbolic judge's finding in words, without its method, timing or
     * the point it tried (those are in the text report and JSON); empty when it did not run or could not start.
     */
    public java.util.Optional<String> sentence(String a, String b) {
        String both = a + " and " + b;
        return switch (outcome) {
            case EQUIVALENT -> java.util.Optional.of("Computer algebra finds " + both + " identical");
            case DIFFERENT -> java.util.Optional.of("Computer algebra finds " + both + " different");
            case UNDECIDED -> java.util.Optional.of("Computer algebra could not decide whether " + both
                    + " are identical within its time limit");
            case UNAVAILABLE, NOT_RUN -> java.util.Optional.empty();
        };
    }

    /** One line for the text report, e.g. "Symja: equivalent (Together, 120 ms)". */
    public String describe() {
        return switch (outcome) {
            case EQUIVALENT -> "Symja: equivalent (" + method + ", " + millis + " ms)";
            case DIFFERENT -> "Symja: not equivalent (" + method + ")";
            case UNDECIDED -> "Symja: undecided (" + method + ")";
            case UNAVAILABLE -> "Symja: unavailable (" + method + ")";
            case NOT_RUN -> "Symja: not run (" + method + ")";
        };
    }
}
