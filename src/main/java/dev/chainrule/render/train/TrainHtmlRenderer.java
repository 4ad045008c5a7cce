package dev.chainrule.render.train;

import dev.chainrule.render.doc.HtmlDoc;
import dev.chainrule.train.TrainResult;

/** {@code train --format html}: one self-contained page (KaTeX inlined) with the loss curve as an inline SVG. */
public final class TrainHtmlRenderer {
    private TrainHtmlRenderer() {
    }

    public static String render(TrainResult r, boolean fragment) {
        return TrainDocument.write(new HtmlDoc(fragment, "train"), r);
    }
}
