package dev.chainrule.render.explain;

import dev.chainrule.render.doc.MarkdownDoc;
import dev.chainrule.derive.Steps;
import dev.chainrule.network.NetworkExplanation;

/** {@code explain --format markdown}: the explanation with $…$ / $$…$$ math (GitHub, Jupyter). */
public final class ExplainMarkdownRenderer {
    private ExplainMarkdownRenderer() {
    }

    public static String render(NetworkExplanation x) {
        return render(x, Steps.Detail.FULL);
    }

    public static String render(NetworkExplanation x, Steps.Detail detail) {
        return ExplainDocument.write(new MarkdownDoc(), x, detail);
    }
}
