package dev.chainrule.cas;

/**
 * Symja could not do what was asked: an expression it returned has no counterpart in our tree, it timed
 * out, or it failed internally. Not a {@link dev.chainrule.UserError}: the input was fine, the oracle was
 * not up to it, and callers fall back (to numeric checks, or to "not verified").
 */
public class CasException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CasException(String message) {
        super(message);
    }

    public CasException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The computation ran past its time limit and was abandoned. */
    public static final class Timeout extends CasException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message) {
            super(message);
        }
    }
}
