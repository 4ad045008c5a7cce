/**
 * {@code chainrule check}: judges a student's hand-worked derivative. Numbers decide (the claim and the true
 * gradient evaluated at the data and at random points around the spec's values); Symja, when asked, only adds
 * "confirmed symbolically". Wrong answers get a diagnosis: sign, constant factor, a missing or extra local
 * derivative, the activation in place of its derivative, another parameter's gradient, or missing paths.
 */
package dev.chainrule.homework;
