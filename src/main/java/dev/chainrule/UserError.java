package dev.chainrule;

/**
 * A failure caused by what the user typed or supplied (an expression, a spec, an option).
 * The CLI prints {@link #getMessage()} as one line on stderr and exits 2; it never prints a stack trace
 * for these unless {@code --debug} is given. Messages name the field or column and say what was expected.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
