package dev.chainrule.homework;

import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Prose;
import dev.chainrule.expr.TextPrinter;
import java.util.List;

/**
 * One local derivative on a chain-rule path from L down to a parameter.
 *
 * @param key        identity across paths (the same factor on two paths has one key)
 * @param kind       what sort of local derivative it is
 * @param expr       its value in network symbols, e.g. a[1,1]*(1 - a[1,1])
 * @param activation for activation derivatives, the activation itself (σ(z) in place of σ′(z)); else null
 * @param of         the numerator of ∂of/∂wrt (L, ŷ, z, a …)
 * @param wrt        the denominator
 * @param name       how a student names it: "σ′(z₁⁽¹⁾)", "w₁₁⁽²⁾", "x₁"
 * @param rules      the rules the engine applied to derive it
 */
public record Factor(String key, Kind kind, Expr expr, Expr activation, Expr.Var of, Expr.Var wrt, String name, List<Rule> rules) {
    public Factor {
        rules = List.copyOf(rules);
    }

    public enum Kind { LOSS, ACTIVATION, WEIGHT, INPUT, OUTPUT_ERROR }

    public boolean isOne() {
        return expr instanceof Expr.Num n && n.isOne();
    }

    /** This local derivative as a derivation line, ∂of/∂wrt = expr, labelled with the rules that give it. */
    public Step line() {
        return Step.summary(new Expr.Derivative(of, wrt), expr, rules);
    }

    /** The rules that give it, as a summary line states them ("power rule: d/dx xⁿ = n xⁿ⁻¹"). */
    public String rule() {
        return line().label();
    }

    /** The same with the rule's statement marked as math, for the documents. */
    public Prose ruleProse() {
        Step s = line();
        if (s.rules().size() == 1 && !s.note().isEmpty()) {
            return Prose.of(s.rules().get(0).label() + ": ", s.rules().get(0).statementProse());
        }
        return Prose.words(s.label());
    }

    /** ∂of/∂wrt */
    public String partial() {
        return "∂" + TextPrinter.str(of) + "/∂" + TextPrinter.str(wrt);
    }
}
