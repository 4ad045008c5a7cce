package dev.chainrule.derive;

import dev.chainrule.expr.Expr;
import java.util.List;

/**
 * ∂body/∂wrt derived by named rules: {@code goal} is the unevaluated derivative, each step the whole
 * expression after one round of rules, the last step the simplified result. Every step has the same
 * value as the one before (a test checks this at random points).
 */
public record Derivation(Expr.Derivative goal, List<Step> steps, Expr result) {
    public Derivation {
        steps = List.copyOf(steps);
    }

    /** The steps that apply differentiation rules (before simplification). */
    public List<Step> ruleSteps() {
        return steps.stream().filter(s -> s.rules().stream().noneMatch(Rule::isSimplification)).toList();
    }

    /** Every rule its steps applied, in order, each once. */
    public List<Rule> rules() {
        return steps.stream().flatMap(s -> s.rules().stream()).distinct().toList();
    }

    /** The simplification steps. */
    public List<Step> simplificationSteps() {
        return steps.stream().filter(s -> s.rules().stream().anyMatch(Rule::isSimplification)).toList();
    }
}
