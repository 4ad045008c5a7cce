package dev.chainrule.render.explain;

import dev.chainrule.render.doc.LatexDoc;
import dev.chainrule.derive.Steps;
import dev.chainrule.network.NetworkExplanation;

/** {@code explain --format latex}: a standalone document for plain pdflatex, or a fragment to \input. */
public final class ExplainLatexRenderer {
    private ExplainLatexRenderer() {
    }

    public static String render(NetworkExplanation x, boolean fragment) {
        return render(x, fragment, Steps.Detail.FULL);
    }

    public static String render(NetworkExplanation x, boolean fragment, Steps.Detail detail) {
        return ExplainDocument.write(new LatexDoc(fragment), x, detail);
    }
}
