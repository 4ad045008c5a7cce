package dev.chainrule.cas;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of {@link Cas#checkZero}: {@code zero} as for {@link Cas#isZero} (true: Symja showed it is
 * zero; false: Symja evaluated it to a clearly non-zero number at a concrete point; empty: undecided, timed
 * out or failed), {@code method} saying how (e.g. "Together", "PossibleZeroQ", "the difference is 0.31 at v0 = …",
 * "timeout"), and the wall time spent.
 */
public record ZeroCheck(Optional<Boolean> zero, String method, Duration elapsed) {
    /** What the worker found, before timing is added. */
    record Outcome(Optional<Boolean> zero, String method) {
    }

    public boolean provedZero() {
        return zero.orElse(false);
    }

    public boolean provedNonZero() {
        return zero.isPresent() && !zero.get();
    }
}
