/**
 * {@code derive}: {@code DeriveTextRenderer} (laying derivations out with
 * {@link dev.chainrule.render.doc.TextLayout}, and with {@code DeriveNumberPrinter}, which writes an expression with the numbers put in),
 * {@code DeriveDocument} for LaTeX, Markdown and HTML, and {@code DeriveJsonRenderer}, all printing a
 * {@link dev.chainrule.freeform.FreeformAnalysis}.
 */
package dev.chainrule.render.derive;
