/**
 * Output formats: for each command one renderer per format (text, JSON, LaTeX, Markdown, HTML, and DOT/SVG
 * for graphs), each printing a result the engine computed (an explanation, a derivation, a check report, a
 * training run) and never recomputing the mathematics. The document classes ({@code *Document},
 * {@code MathDoc}, {@code LatexDoc}, {@code HtmlDoc}, {@code MarkdownDoc}) hold the
 * layout the three document formats share. This is the last layer before {@code cli}: nothing below imports it.
 */
package dev.chainrule.render;
