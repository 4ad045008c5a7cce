package dev.chainrule.render.explain;

import dev.chainrule.render.doc.HtmlDoc;
import dev.chainrule.derive.Steps;
import dev.chainrule.network.NetworkExplanation;

/** {@code explain --format html}: one self-contained page (KaTeX inlined) with an SVG diagram of the network. */
public final class ExplainHtmlRenderer {
    private ExplainHtmlRenderer() {
    }

    public static String render(NetworkExplanation x, boolean fragment) {
        return render(x, fragment, Steps.Detail.FULL);
    }

    public static String render(NetworkExplanation x, boolean fragment, Steps.Detail detail) {
        return ExplainDocument.write(new HtmlDoc(fragment), x, detail);
    }
}
