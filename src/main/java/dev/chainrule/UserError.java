package dev.chainrule;

/**
 * A failure caused by what the user typed or supplied (an expression, a spec, an option).
 * The CLI prints {@link #getMessage()} as one line on stderr and exits 2; it never prints a stack trace
 * for these unless {@code --debug} is given. Messages name the field or column and say what was expected, and
 * are kept to one line even when they quote user text with line breaks.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(oneLine(message));
    }

    public UserError(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** The message on one line, whatever user text it quotes: a newline shows as \n, other control characters as space. */
    static String oneLine(String message) {
        if (message == null) {
            return "error";
        }
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else {
                sb.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
