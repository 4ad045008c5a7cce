/**
 * {@code train}: {@code TrainTextRenderer}, {@code TrainDocument} (LaTeX, Markdown, and HTML with the loss curve
 * inline), {@code TrainJsonRenderer}, {@code TrainPlot} (the loss curve as --plot PNG/SVG and as the page's SVG)
 * and {@code EpochSelection} (which epochs a long run's tables list).
 */
package dev.chainrule.render.train;
