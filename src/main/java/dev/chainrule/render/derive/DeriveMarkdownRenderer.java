package dev.chainrule.render.derive;

import dev.chainrule.render.doc.MarkdownDoc;
import dev.chainrule.derive.Steps;
import dev.chainrule.freeform.FreeformAnalysis;

/** {@code derive --format markdown}: the derivation as in {@link DeriveDocument}. */
public final class DeriveMarkdownRenderer {
    private DeriveMarkdownRenderer() {
    }

    public static String render(FreeformAnalysis a) {
        return render(a, Steps.Detail.FULL);
    }

    public static String render(FreeformAnalysis a, Steps.Detail detail) {
        return DeriveDocument.write(new MarkdownDoc(), a, detail);
    }
}
