package dev.chainrule.derive;

import dev.chainrule.expr.Expr.Var;

/** ∂of/∂wrt for one edge of the dependency graph, derived by the rules with other names held fixed. */
public record LocalDerivative(Var of, Var wrt, Derivation derivation) {
}
