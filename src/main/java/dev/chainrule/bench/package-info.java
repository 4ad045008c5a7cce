/**
 * {@code chainrule bench}: timings of the network engine (build and derive, one loss, all gradients) on generated
 * MLPs, as a Markdown table. Imports {@code network} (and {@code expr} for the gradient expressions it builds).
 */
package dev.chainrule.bench;
