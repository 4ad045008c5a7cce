package dev.chainrule.freeform;

import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ∂of/∂wrt, as derived.
 *
 * <p>Directly (no named intermediate on the way): {@code goal} is ∂/∂wrt (body) and {@code steps} the rule
 * rounds and simplifications after it. Through intermediates ({@code viaChainRule}): {@code paths} are the
 * dependency paths of → … → wrt, {@code steps.get(0)} is the chain-rule line (a sum over paths of products
 * of ∂p/∂c), {@code locals} each ∂p/∂c derived by the rules with the other names held fixed, and the
 * remaining steps substitute the locals and simplify. {@code result} is the last step's expression.
 */
public record DerivativeAnalysis(Var of, Var wrt, Expr goal, boolean viaChainRule, List<List<Var>> paths,
        List<LocalDerivative> locals, List<Step> steps, Expr result, Optional<NumericCheck> numbers,
        Optional<SymjaCheck> symja) {

    public DerivativeAnalysis(Var of, Var wrt, Expr goal, boolean viaChainRule, List<List<Var>> paths,
            List<LocalDerivative> locals, List<Step> steps, Expr result, Optional<NumericCheck> numbers) {
        this(of, wrt, goal, viaChainRule, paths, locals, steps, result, numbers, Optional.empty());
    }

    /** The same with Symja's independent derivative and whether it agrees. */
    public DerivativeAnalysis withSymja(SymjaCheck check) {
        return new DerivativeAnalysis(of, wrt, goal, viaChainRule, paths, locals, steps, result, numbers, Optional.of(check));
    }

    public DerivativeAnalysis {
        Objects.requireNonNull(symja, "symja");
        Objects.requireNonNull(of, "of");
        Objects.requireNonNull(wrt, "wrt");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(numbers, "numbers");
        paths = paths.stream().map(List::copyOf).toList();
        locals = List.copyOf(locals);
        steps = List.copyOf(steps);
    }

    /** The chain-rule line (only when {@link #viaChainRule}). */
    public Step chainLine() {
        if (!viaChainRule) {
            throw new IllegalStateException("no chain-rule line in a direct derivation");
        }
        return steps.get(0);
    }

    /** The steps that follow the chain-rule line (all steps when direct). */
    public List<Step> laterSteps() {
        return viaChainRule ? steps.subList(1, steps.size()) : steps;
    }

    /** The labels of every step in order, e.g. ["power rule, chain rule", "sum rule, constant rule", …]. */
    public List<String> ruleLabels() {
        return steps.stream().map(Step::label).toList();
    }

    /** Every rule applied, step by step, flattened (each step's rules in order, repeats kept). */
    public List<Rule> rules() {
        return steps.stream().flatMap(s -> s.rules().stream()).toList();
    }
}
