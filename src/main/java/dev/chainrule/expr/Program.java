package dev.chainrule.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the user typed: named definitions in the order given ({@code L = (t - z)^2; z = w1*x1 + b}) and
 * possibly one bare expression. The first definition is the quantity of interest when there is no bare
 * expression.
 */
public record Program(Map<String, Expr> definitions, Optional<Expr> expression) {
    public Program {
        definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    }

    /** The expression to differentiate: the bare expression, else the first definition's name. */
    public Expr target() {
        return expression.orElseGet(() -> new Expr.Var(definitions.keySet().iterator().next()));
    }

    public Definitions toDefinitions() {
        return new Definitions(definitions);
    }
}
