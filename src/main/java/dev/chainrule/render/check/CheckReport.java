package dev.chainrule.render.check;

import dev.chainrule.homework.ClaimResult;
import java.util.List;
import java.util.Map;

/**
 * What {@code check} hands its renderers: the title, the judged claims, the HTML sheet's pictures by parameter
 * (or empty), and for JSON the gradient judged ({@code of}) and the network's reduction (both null when free-form).
 */
public record CheckReport(String title, List<ClaimResult> results, Map<String, String> figures, String of,
        String reduction) {
}
