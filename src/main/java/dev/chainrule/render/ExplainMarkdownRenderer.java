package dev.chainrule.render;

import dev.chainrule.network.NetworkExplanation;

/** {@code explain --format markdown}: the explanation with $…$ / $$…$$ math (GitHub, Jupyter). */
public final class ExplainMarkdownRenderer {
    private ExplainMarkdownRenderer() {
    }

    public static String render(NetworkExplanation x) {
        return ExplainDocument.write(new MarkdownDoc(), x);
    }
}
