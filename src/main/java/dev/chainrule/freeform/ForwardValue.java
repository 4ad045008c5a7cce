package dev.chainrule.freeform;

import dev.chainrule.expr.Expr;
import java.util.Objects;

/** A named quantity of the forward pass and its value at the point: {@code z = w1*x1 + b = 3}. */
public record ForwardValue(String name, Expr body, double value) {
    public ForwardValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }
}
