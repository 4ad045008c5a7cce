/**
 * The document machinery the commands share. {@link dev.chainrule.render.doc.MathDoc} is a document of headings,
 * paragraphs with inline math, aligned display blocks with a rule column, and tables; {@code LatexDoc},
 * {@code MarkdownDoc} and {@code HtmlDoc} write it (escaping user text through {@code LatexText} and
 * {@code HtmlDoc.escape}); the HTML page's math is MathML Core that {@code MathMl} converts from the documents'
 * LaTeX, or with {@code --math katex} LaTeX for the inlined KaTeX ({@code Katex}). {@code LatexMath} prints
 * expressions as LaTeX and cuts long ones into display lines;
 * the one layout of derivation lines is {@code DisplayBlock} in documents and {@code TextLayout} in text (a rule
 * column either way); {@code DocLayout} holds the widths and number formats every document uses;
 * {@code NetworkNames} names a network, its loss and its parameters alike in explain and train. {@code Format}
 * and {@code FormatTable} are the shape of the per-command table in {@link dev.chainrule.render.Formats}.
 * Nothing here knows which command it serves.
 */
package dev.chainrule.render.doc;
