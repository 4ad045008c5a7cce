package dev.chainrule.render.check;

import dev.chainrule.homework.GradientsJudge;

/**
 * What {@code check --gradients} hands its renderers: the title, the judgement, and for JSON the names of the spec
 * and of the gradients file.
 */
public record GradientsReport(String title, GradientsJudge.Report report, String spec, String file) {
}
