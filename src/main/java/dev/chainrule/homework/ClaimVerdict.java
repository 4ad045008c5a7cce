package dev.chainrule.homework;

/**
 * The verdict on a claim or on a line of worked steps, with its spelling in the text and JSON output
 * ({@code "verdict": "correct"}, the summary's keys).
 */
public enum ClaimVerdict {
    CORRECT("correct"), INCORRECT("incorrect"), UNDECIDED("undecided");

    private final String spelling;

    ClaimVerdict(String spelling) {
        this.spelling = spelling;
    }

    /** As written in the output: correct, incorrect or undecided. */
    public String spelling() {
        return spelling;
    }
}
