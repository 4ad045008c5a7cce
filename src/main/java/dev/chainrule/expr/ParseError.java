package dev.chainrule.expr;

import dev.chainrule.UserError;

/** A syntax error in user input, with the 1-based column (and line, for multi-line input) where it was found. */
public final class ParseError extends UserError {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public ParseError(int line, int column, String message) {
        super((line > 1 ? "line " + line + ", " : "") + "column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
