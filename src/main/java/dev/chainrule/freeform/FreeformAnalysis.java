package dev.chainrule.freeform;

import dev.chainrule.expr.Expr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code chainrule derive} shows, computed once.
 *
 * @param source        the input as typed
 * @param name          the name of the differentiated quantity: the user's (L) or, for a bare expression,
 *                      one chosen for it (f)
 * @param namedByUser   false when {@code name} was chosen for a bare expression
 * @param expression    the differentiated quantity's expression (its definitions written out when
 *                      {@code expanded})
 * @param definitions   the named intermediates in play (reachable from the quantity), in the order typed;
 *                      empty when {@code expanded} or when there are none
 * @param variables     the free variables the quantity depends on, in order of first occurrence
 * @param expanded      true with {@code --expand}
 * @param point         the numbers, when {@code --at} was given
 * @param derivatives   one per {@code --wrt} variable, in the order asked
 */
public record FreeformAnalysis(String source, String name, boolean namedByUser, Expr expression,
        List<Definition> definitions, List<String> variables, boolean expanded, Optional<Point> point,
        List<DerivativeAnalysis> derivatives) {

    public FreeformAnalysis {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(point, "point");
        definitions = List.copyOf(definitions);
        variables = List.copyOf(variables);
        derivatives = List.copyOf(derivatives);
    }

    /** True when some check failed (the CLI then exits 1). */
    public boolean anyCheckFailed() {
        return derivatives.stream().anyMatch(d -> d.numbers().map(n -> n.verdict()
                == dev.chainrule.numeric.Verdict.FAIL).orElse(false)
                || d.symja().map(s -> s.outcome() == SymjaCheck.Outcome.DIFFERS).orElse(false));
    }
}
