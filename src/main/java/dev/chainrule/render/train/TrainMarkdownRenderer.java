package dev.chainrule.render.train;

import dev.chainrule.render.doc.MarkdownDoc;
import dev.chainrule.train.TrainResult;

/** {@code train --format markdown}: the training report with $…$ / $$…$$ math (GitHub, Jupyter). */
public final class TrainMarkdownRenderer {
    private TrainMarkdownRenderer() {
    }

    public static String render(TrainResult r) {
        return TrainDocument.write(new MarkdownDoc(), r);
    }
}
