/**
 * The analysis behind {@code chainrule derive}: a free-form expression (or definitions such as
 * {@code L = (t - z)^2; z = w1*x1 + b}) differentiated with respect to each requested variable by the
 * derivation engine, every step kept; at a point, the forward values, the derivative's value and an
 * independent finite-difference check. Everything is returned as immutable records
 * ({@link dev.chainrule.freeform.FreeformAnalysis}); nothing here prints — the renderers do.
 * Depends on {@code expr}, {@code derive} and {@code numeric}.
 */
package dev.chainrule.freeform;
