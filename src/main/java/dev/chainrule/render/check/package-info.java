/**
 * {@code check}: the judged claims or worked steps as text ({@code CheckTextRenderer}), as a feedback sheet in
 * LaTeX, Markdown or HTML ({@code CheckDocument}) and as JSON ({@code CheckJsonRenderer}), all from a
 * {@code CheckReport}; and {@code check --gradients} ({@code GradientsRenderer}: text, Markdown or JSON of a
 * {@code GradientsReport}).
 */
package dev.chainrule.render.check;
