/**
 * The expression tree ({@link dev.chainrule.expr.Expr}: immutable sealed records), named intermediates
 * ({@link dev.chainrule.expr.Definitions}), the parser of free-form input, and the expression printers
 * (input syntax, Unicode text, LaTeX) that share one precedence table. Imports nothing else of ours.
 */
package dev.chainrule.expr;
