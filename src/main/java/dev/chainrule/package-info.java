/**
 * chainrule: backpropagation explained step by step. Packages by concept: {@code expr} (the tree, parser,
 * printers of the input syntax), {@code derive} (rule-named derivations and the simplifier), {@code numeric}
 * (evaluation, finite differences, verdicts), {@code network} (specs and the loss as a function of every
 * weight), {@code homework} (claims and diagnosis), {@code render} (one renderer per output format),
 * {@code cas} (the lazy Symja bridge), {@code train} (gradient descent), {@code cli} (thin picocli layer).
 */
package dev.chainrule;
