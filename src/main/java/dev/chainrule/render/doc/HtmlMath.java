package dev.chainrule.render.doc;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How an HTML page writes its math, as {@code --math} names it: MathML Core (the default; no script, so the math
 * stays math where scripts are stripped, in an LMS or a mail) or KaTeX (LaTeX that an inlined script typesets).
 */
public enum HtmlMath {
    MATHML, KATEX;

    /** The name on the command line: {@code --math katex}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice {@code --math id} names (exactly, in lower case), if any. */
    public static Optional<HtmlMath> of(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(HtmlMath::id).toList();
    }
}
