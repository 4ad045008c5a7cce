/**
 * chainrule: backpropagation explained step by step. Packages by concept, each importing only those before it:
 * {@code io} (safe reading of user files), {@code expr} (the tree, parser, printers, number formatting),
 * {@code numeric} (evaluation, finite differences, verdicts), {@code derive} (rule-named derivations and the
 * simplifier), {@code cas} (the lazy Symja bridge), {@code freeform} (a typed expression derived and checked),
 * {@code network.spec} (the YAML spec) and {@code network} (the loss as a function of every weight, backprop),
 * {@code homework} (claims and diagnosis), {@code train} (gradient descent), {@code render} (per command
 * a text, a document and a JSON renderer, the shared document writers in {@code render.doc}, and the one table of
 * formats), {@code bench} (figures of speed) and {@code cli} (thin picocli layer). The user-facing
 * reference is {@code docs/reference.md}.
 */
package dev.chainrule;
