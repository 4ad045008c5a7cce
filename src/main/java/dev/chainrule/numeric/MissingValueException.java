package dev.chainrule.numeric;

import dev.chainrule.UserError;

/** A variable that is neither given a value nor defined: "no value for 'x1'". */
public final class MissingValueException extends UserError {
    private static final long serialVersionUID = 1L;
    private final String variable;

    public MissingValueException(String variable) {
        super("no value for '" + variable + "'");
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
