/**
 * {@code explain}: {@code ExplainTextRenderer} (the trace, with {@code TraceLines} for its wrapped lines),
 * {@code ExplainDocument} (the same for LaTeX, Markdown and HTML, with the SVG network diagram and computational
 * graphs in the HTML page), {@code ExplainJsonRenderer}, and {@code ExplainDotRenderer}; {@code ComputationGraph}
 * is the graph DOT and {@code SvgComputationGraph} both draw. {@code check}'s HTML sheet borrows
 * {@code SvgComputationGraph.figure} through the command line.
 */
package dev.chainrule.render.explain;
