package dev.chainrule.freeform;

import dev.chainrule.expr.Expr;
import java.util.Locale;

/**
 * The third opinion on a derivative (asked for with {@code derive --symja}): Symja's own D[f, w], computed
 * from the expression with every definition written out, and whether our result equals it.
 *
 * @param outcome    agrees, differs, undecided or unavailable
 * @param derivative Symja's D[f, w] in our tree (null when Symja failed or its answer has no counterpart)
 * @param method     how the comparison was decided ("ExpandAll", "the difference is 0.3 at …", "timeout", …)
 * @param millis     Symja's time for the derivative and the comparison (its start-up not included)
 */
public record SymjaCheck(Outcome outcome, Expr derivative, String method, long millis) {
    public enum Outcome {
        AGREES, DIFFERS, UNDECIDED, UNAVAILABLE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
