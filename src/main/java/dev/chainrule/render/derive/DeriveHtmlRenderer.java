package dev.chainrule.render.derive;

import dev.chainrule.render.doc.HtmlDoc;
import dev.chainrule.derive.Steps;
import dev.chainrule.freeform.FreeformAnalysis;

/** {@code derive --format html}: the derivation as in {@link DeriveDocument}. */
public final class DeriveHtmlRenderer {
    private DeriveHtmlRenderer() {
    }

    public static String render(FreeformAnalysis a, boolean fragment) {
        return render(a, fragment, Steps.Detail.FULL);
    }

    public static String render(FreeformAnalysis a, boolean fragment, Steps.Detail detail) {
        return DeriveDocument.write(new HtmlDoc(fragment, "derive"), a, detail);
    }
}
