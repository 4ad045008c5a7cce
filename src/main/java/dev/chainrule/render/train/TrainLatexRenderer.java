package dev.chainrule.render.train;

import dev.chainrule.render.doc.LatexDoc;
import dev.chainrule.train.TrainResult;

/** {@code train --format latex}: a standalone document for plain pdflatex, or a fragment to \input. */
public final class TrainLatexRenderer {
    private TrainLatexRenderer() {
    }

    public static String render(TrainResult r, boolean fragment) {
        return TrainDocument.write(new LatexDoc(fragment, "train"), r);
    }
}
