/**
 * Output formats, one subpackage per command: {@code explain}, {@code derive}, {@code check} and {@code train}
 * each hold that command's text renderer, its document builder ({@code *Document}, which says what the LaTeX,
 * Markdown and HTML versions show) and its JSON renderer, with the helpers only that command uses; {@code doc}
 * holds what they share (the {@code MathDoc} writers, LaTeX math and text, display rows, widths and names).
 * {@link dev.chainrule.render.Formats} is the one table of which command writes which format with which
 * renderer; the command line looks {@code --format} up there. Renderers print a result the engine computed and
 * never recompute the mathematics. This is the last layer before {@code cli}: nothing below imports it, and the
 * command subpackages import {@code doc} but not one another.
 */
package dev.chainrule.render;
