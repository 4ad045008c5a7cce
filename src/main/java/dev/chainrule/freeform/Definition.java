package dev.chainrule.freeform;

import dev.chainrule.expr.Expr;
import java.util.Objects;

/** One named intermediate as the user typed it: {@code z = w1*x1 + b}. */
public record Definition(String name, Expr body) {
    public Definition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }
}
