package dev.chainrule.numeric;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Fn;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recognises the arguments of log that have a stable closed form: log σ(v) = −softplus(−v),
 * log(1 − σ(v)) = −softplus(v) and log softmax_k(z) = z_k − logsumexp(z). Looks through definitions
 * (log ŷ with ŷ = σ(z)) but not through names whose value is given: a given value is a number, not a form.
 */
final class StableForms {
    private StableForms() {
    }

    enum Kind { LOG_SIGMOID, LOG_ONE_MINUS_SIGMOID, LOG_SOFTMAX }

    /**
     * @param args  for σ forms the one argument v; for softmax all arguments, k first
     * @param unit  the definition whose body holds {@code args}, empty when they sit in the log itself
     */
    record Match(Kind kind, List<Expr> args, Optional<String> unit) {
    }

    private record Resolved(Expr expr, Optional<String> unit) {
    }

    static Optional<Match> matchLog(Expr u, Definitions defs, Predicate<String> given) {
        Resolved r = resolve(u, Optional.empty(), defs, given);
        Expr x = r.expr();
        if (x instanceof Expr.Call c && c.fn() == Fn.SIGMOID) {
            return Optional.of(new Match(Kind.LOG_SIGMOID, c.args(), r.unit()));
        }
        if (x instanceof Expr.Call c && c.fn() == Fn.SOFTMAX) {
            return Optional.of(new Match(Kind.LOG_SOFTMAX, c.args(), r.unit()));
        }
        if (x instanceof Expr.Sum s && s.terms().size() == 2) {
            for (int i = 0; i < 2; i++) {
                Expr one = s.terms().get(i);
                Expr other = s.terms().get(1 - i);
                if (one instanceof Expr.Num n && n.isOne()) {
                    Optional<Expr> negated = negatedFactor(other);
                    if (negated.isPresent()) {
                        Resolved inner = resolve(negated.get(), r.unit(), defs, given);
                        if (inner.expr() instanceof Expr.Call c && c.fn() == Fn.SIGMOID) {
                            return Optional.of(new Match(Kind.LOG_ONE_MINUS_SIGMOID, c.args(), inner.unit()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** y from −1·y or y·(−1). */
    private static Optional<Expr> negatedFactor(Expr term) {
        if (term instanceof Expr.Product p && p.factors().size() == 2) {
            for (int i = 0; i < 2; i++) {
                if (p.factors().get(i) instanceof Expr.Num n && n.equals(Expr.Num.MINUS_ONE)) {
                    return Optional.of(p.factors().get(1 - i));
                }
            }
        }
        return Optional.empty();
    }

    private static Resolved resolve(Expr u, Optional<String> unit, Definitions defs, Predicate<String> given) {
        Expr x = u;
        Optional<String> where = unit;
        while (x instanceof Expr.Var v && !given.test(v.name()) && defs.isDefined(v.name())) {
            where = Optional.of(v.name());
            x = defs.get(v.name());
        }
        return new Resolved(x, where);
    }
}
