package dev.chainrule.homework;

import dev.chainrule.cas.Cas;
import dev.chainrule.cas.ZeroCheck;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import java.time.Duration;

/**
 * The optional symbolic confirmation (asked for with --symbolic): Symja, started lazily, gets the claim and the
 * truth as trees (never text) with a short time limit. Numbers decide the verdict; this only adds a remark.
 */
public final class Symbolic {
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private Symbolic() {
    }

    /** What to compare: both sides in the same names, and the definitions of the intermediates. */
    public record Pair(Expr claim, Expr truth, Definitions defs) {
    }

    static Pair networkPair(NetworkJudge judge, ClaimParser.Claim claim, PathModel pm) {
        return new Pair(claim.expr(), pm.explicit(), judge.definitions());
    }

    public static Pair networkPair(NetworkJudge judge, ClaimParser.Claim claim) {
        return networkPair(judge, claim, new PathModel(judge.backprop(), claim.id()));
    }

    /** "confirmed symbolically", "symbolic check undecided", … */
    public static String confirm(Pair p, boolean numericCorrect) {
        try {
            ZeroCheck local = Cas.checkEquivalentNodeLocal(p.claim(), p.truth(), p.defs(), TIMEOUT);
            if (local.provedZero()) {
                return "confirmed symbolically (Symja: " + local.method() + ", " + local.elapsed().toMillis() + " ms)";
            }
            ZeroCheck expanded = Cas.checkEquivalentExpanded(p.claim(), p.truth(), p.defs(), TIMEOUT);
            if (expanded.provedZero()) {
                return "confirmed symbolically (Symja, definitions expanded: " + expanded.method() + ", "
                        + expanded.elapsed().toMillis() + " ms)";
            }
            if (!numericCorrect && (local.provedNonZero() || expanded.provedNonZero())) {
                return "Symja agrees: not equivalent";
            }
            return "symbolic check undecided (" + expanded.method() + "); the numeric comparison decides";
        } catch (RuntimeException | LinkageError e) {
            return "symbolic check unavailable (" + e.getClass().getSimpleName() + "); the numeric comparison decides";
        }
    }
}
