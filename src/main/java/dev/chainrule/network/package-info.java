/**
 * A network as a symbolic function of every weight: {@link dev.chainrule.network.NetworkModel} writes the
 * spec's layers as named definitions (z, a, ŷ, L in the notes' notation, names from
 * {@link dev.chainrule.network.NetworkSymbols}); {@link dev.chainrule.network.Backprop} derives every error
 * signal δ once and every ∂L/∂w from it; {@link dev.chainrule.network.NetworkAnalysis} puts the numbers in
 * (forward pass, backprop per sample, the reduction over samples, the finite-difference check) and returns a
 * {@link dev.chainrule.network.NetworkExplanation} that renderers print without recomputing. The spec itself
 * (YAML, validation) is {@code network.spec}.
 */
package dev.chainrule.network;
