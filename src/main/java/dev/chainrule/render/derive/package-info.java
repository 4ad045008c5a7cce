/**
 * {@code derive}: {@code DeriveTextRenderer} (with {@code DeriveText}, which lays a derivation out with its rule
 * column, and {@code DeriveNumberPrinter}, which writes an expression with the numbers put in),
 * {@code DeriveDocument} for LaTeX, Markdown and HTML, and {@code DeriveJsonRenderer}, all printing a
 * {@link dev.chainrule.freeform.FreeformAnalysis}.
 */
package dev.chainrule.render.derive;
