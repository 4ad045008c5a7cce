package dev.chainrule.render;

import dev.chainrule.network.NetworkExplanation;

/** {@code explain --format latex}: a standalone document for plain pdflatex, or a fragment to \input. */
public final class ExplainLatexRenderer {
    private ExplainLatexRenderer() {
    }

    public static String render(NetworkExplanation x, boolean fragment) {
        return ExplainDocument.write(new LatexDoc(fragment), x);
    }
}
