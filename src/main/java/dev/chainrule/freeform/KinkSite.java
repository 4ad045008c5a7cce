package dev.chainrule.freeform;

import dev.chainrule.expr.Expr;
import dev.chainrule.numeric.Kink;
import java.util.Objects;
import java.util.Optional;

/**
 * A kink the finite difference met, with the call that has it when it could be located
 * ({@code relu(w1*x1 + b)}).
 */
public record KinkSite(Kink kink, Optional<Expr.Call> call) {
    public KinkSite {
        Objects.requireNonNull(kink, "kink");
        Objects.requireNonNull(call, "call");
    }

    /** The argument whose sign the kink is about ({@code w1*x1 + b}). */
    public Optional<Expr> argument() {
        return call.map(Expr.Call::arg);
    }
}
