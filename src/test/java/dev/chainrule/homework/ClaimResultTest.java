package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the numeric and the symbolic judge are combined into one verdict. */
class ClaimResultTest {
    private static final Diagnosis SIGN = new Diagnosis(Diagnosis.Kind.SIGN, "your result has the wrong sign", -1, null);

    private static ClaimResult numeric(ClaimVerdict verdict) {
        return new ClaimResult("b[2,1]", "y - yhat", verdict, verdict.equals(ClaimVerdict.INCORRECT) ? SIGN : null,
                "delta[2,1]", "yhat - y", List.of(), 44, 0, "compared at 44 points", -0.5, 0.5, "sample 1");
    }

    private static final SymbolicCheck EQUAL = new SymbolicCheck(SymbolicCheck.Outcome.EQUIVALENT, "Together", 12);
    private static final SymbolicCheck DIFFERENT = new SymbolicCheck(SymbolicCheck.Outcome.DIFFERENT, "the difference is 1 at …", 9);
    private static final SymbolicCheck UNDECIDED = new SymbolicCheck(SymbolicCheck.Outcome.UNDECIDED, "timeout", 2000);

    @Test
    void agreementKeepsTheVerdict() {
        ClaimResult ok = numeric(ClaimVerdict.CORRECT).withSymbolic(EQUAL);
        assertEquals(ClaimVerdict.CORRECT, ok.verdict());
        assertTrue(ok.judgesAgree());
        ClaimResult bad = numeric(ClaimVerdict.INCORRECT).withSymbolic(DIFFERENT);
        assertEquals(ClaimVerdict.INCORRECT, bad.verdict());
        assertSame(SIGN, bad.diagnosis());
        assertTrue(bad.judgesAgree());
    }

    @Test
    void disagreementIsUndecidedAndSaysWhy() {
        ClaimResult a = numeric(ClaimVerdict.INCORRECT).withSymbolic(EQUAL);
        assertEquals(ClaimVerdict.UNDECIDED, a.verdict());
        assertNull(a.diagnosis());
        assertTrue(a.note().startsWith("the judges disagree: Symja shows"), a.note());
        assertFalse(a.judgesAgree());
        ClaimResult b = numeric(ClaimVerdict.CORRECT).withSymbolic(DIFFERENT);
        assertEquals(ClaimVerdict.UNDECIDED, b.verdict());
        assertTrue(b.note().contains("yet Symja finds a difference"), b.note());
    }

    @Test
    void anUndecidedSymjaLeavesTheNumbersToDecide() {
        ClaimResult r = numeric(ClaimVerdict.CORRECT).withSymbolic(UNDECIDED);
        assertEquals(ClaimVerdict.CORRECT, r.verdict());
        assertFalse(r.judgesAgree());
        assertEquals("Symja: undecided (timeout)", r.symbolic().describe());
        assertEquals(ClaimVerdict.INCORRECT, numeric(ClaimVerdict.INCORRECT).withSymbolic(UNDECIDED).verdict());
    }

    @Test
    void aProofDecidesWhereTheNumbersCouldNot() {
        ClaimResult r = numeric(ClaimVerdict.UNDECIDED).withSymbolic(EQUAL);
        assertEquals(ClaimVerdict.CORRECT, r.verdict());
        assertTrue(r.note().startsWith("shown equivalent by Symja"), r.note());
        assertEquals(ClaimVerdict.UNDECIDED, numeric(ClaimVerdict.UNDECIDED).withSymbolic(DIFFERENT).verdict());
    }

    @Test
    void notAskedIsNotShown() {
        assertFalse(numeric(ClaimVerdict.CORRECT).symbolic().asked());
        assertTrue(SymbolicCheck.notRun("--of batch").asked());
    }
}
