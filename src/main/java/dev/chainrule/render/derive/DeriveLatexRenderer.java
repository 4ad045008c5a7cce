package dev.chainrule.render.derive;

import dev.chainrule.render.doc.LatexDoc;
import dev.chainrule.derive.Steps;
import dev.chainrule.freeform.FreeformAnalysis;

/** {@code derive --format latex}: the derivation as in {@link DeriveDocument}. */
public final class DeriveLatexRenderer {
    private DeriveLatexRenderer() {
    }

    public static String render(FreeformAnalysis a, boolean fragment) {
        return render(a, fragment, Steps.Detail.FULL);
    }

    public static String render(FreeformAnalysis a, boolean fragment, Steps.Detail detail) {
        return DeriveDocument.write(new LatexDoc(fragment, "derive"), a, detail);
    }
}
