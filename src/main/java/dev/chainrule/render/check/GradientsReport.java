package dev.chainrule.render.check;

import dev.chainrule.homework.GradientsJudge;

/** What {@code check --gradients} hands its renderers: the title, the judgement, and the spec and file names for JSON. */
public record GradientsReport(String title, GradientsJudge.Report report, String spec, String file) {
}
