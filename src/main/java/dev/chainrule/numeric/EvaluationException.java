package dev.chainrule.numeric;

import dev.chainrule.UserError;
import dev.chainrule.expr.Expr;
import java.util.Optional;

/**
 * An expression has no real value at the given point: division by zero, log or even root of a negative
 * number, or an overflow that ends in NaN (∞ − ∞, 0·∞). A {@link UserError}: at a point the user chose, the
 * CLI prints the one-line message; code that probes points of its own (finite differences) can catch it.
 */
public class EvaluationException extends UserError {
    private static final long serialVersionUID = 1L;
    private final transient Expr expression;

    public EvaluationException(String message, Expr expression) {
        super(message);
        this.expression = expression;
    }

    public EvaluationException(String message) {
        this(message, null);
    }

    /** The sub-expression whose value could not be computed, when known. */
    public Optional<Expr> expression() {
        return Optional.ofNullable(expression);
    }
}
