/**
 * {@code chainrule check}: judges a student's hand-worked derivative. Two judges must agree: the numbers (the
 * claim and the true gradient, which comes from the derivation engine, at the data and at random points around
 * the spec's values; a number claim by {@link dev.chainrule.homework.NumberPolicy}) and Symja. Wrong answers get a
 * diagnosis: sign, constant factor, a missing or extra factor (any monomial of the network's symbols), the
 * activation in place of its derivative, a wrong index (W for Wᵀ, a₁ for a₂, z for a), another parameter's
 * gradient, or missing paths. Worked steps are judged on the network ({@link dev.chainrule.homework.NetworkStepsJudge})
 * or free-form ({@link dev.chainrule.homework.StepsJudge}); a whole gradient by {@link dev.chainrule.homework.GradientsJudge}.
 */
package dev.chainrule.homework;
