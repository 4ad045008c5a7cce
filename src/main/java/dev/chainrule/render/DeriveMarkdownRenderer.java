package dev.chainrule.render;

import dev.chainrule.freeform.FreeformAnalysis;

/** {@code derive --format markdown}: the derivation as in {@link DeriveDocument}. */
public final class DeriveMarkdownRenderer {
    private DeriveMarkdownRenderer() {
    }

    public static String render(FreeformAnalysis a) {
        return DeriveDocument.write(new MarkdownDoc(), a);
    }
}
