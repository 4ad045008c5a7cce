package dev.chainrule.render;

import dev.chainrule.freeform.FreeformAnalysis;

/** {@code derive --format html}: the derivation as in {@link DeriveDocument}. */
public final class DeriveHtmlRenderer {
    private DeriveHtmlRenderer() {
    }

    public static String render(FreeformAnalysis a, boolean fragment) {
        return DeriveDocument.write(new HtmlDoc(fragment), a);
    }
}
