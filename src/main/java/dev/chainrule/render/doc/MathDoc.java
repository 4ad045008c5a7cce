package dev.chainrule.render.doc;

import java.util.List;

/**
 * A document made of headings, paragraphs (text with inline math), display blocks of aligned equations with
 * the rule used at each step in a right-hand column, and tables. Each command's {@code *Document} says what goes in;
 * the LaTeX, Markdown and HTML writers say how it looks. Text is plain Unicode (user names included) and each
 * writer escapes it; math is LaTeX source (names already made safe by {@code Notation.latex}).
 */
public interface MathDoc {

    /** A piece of a paragraph or a table cell. */
    sealed interface Inline permits Text, Math {
    }

    record Text(String text) implements Inline {
    }

    record Math(String latex) implements Inline {
    }

    static Inline text(String s) {
        return new Text(s);
    }

    static Inline math(String latex) {
        return new Math(latex);
    }

    /**
     * A sentence with math ({@link dev.chainrule.expr.Prose}) as inline parts: its words as text, its math as math,
     * from the expression where the span has one, else from the span's Unicode ({@link LatexText#math}).
     */
    static java.util.List<Inline> prose(dev.chainrule.expr.Prose p) {
        java.util.List<Inline> out = new java.util.ArrayList<>();
        for (dev.chainrule.expr.Prose.Part part : p.parts()) {
            if (part instanceof dev.chainrule.expr.Prose.Math m) {
                out.add(new Math(m.expr() == null ? LatexText.math(m.text())
                        // in a sentence ∂L/∂w is set with a slash, as the notes write it in running text
                        : m.expr() instanceof dev.chainrule.expr.Expr.Derivative d && d.body() instanceof dev.chainrule.expr.Expr.Var of
                        ? "\\partial " + dev.chainrule.expr.Notation.latex(of.name()) + "/\\partial "
                                + dev.chainrule.expr.Notation.latex(d.wrt().name())
                        : LatexMath.str(m.expr())));
            } else {
                out.add(new Text(part.text()));
            }
        }
        return out;
    }

    /**
     * A sentence the program wrote as plain Unicode text ("at random parameters and x₁ = 0.065302, x₂ = 1.7858",
     * "each line compared with ∂L/∂w₁₁⁽¹⁾ …") with its math found and set as math: a run of tokens each of which
     * carries a sub- or superscript, ∂, a Greek letter or a hat, or is a number, joined by = + − · / between them.
     * An English word never carries those, so words stay words; a bare ASCII name (y) stays text.
     */
    static java.util.List<Inline> sentence(String s) {
        java.util.List<Inline> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = MATH_RUN.matcher(s);
        int at = 0;
        while (m.find()) {
            String run = m.group();
            if (!MATH_TOKEN.matcher(run).find()) {
                continue;
            }
            if (m.start() > at) {
                out.add(new Text(s.substring(at, m.start())));
            }
            out.add(new Math(LatexText.math(run)));
            at = m.end();
        }
        if (at < s.length()) {
            out.add(new Text(s.substring(at)));
        }
        return out;
    }

    /** The sub- and superscript characters of our Unicode names (¹²³ sit apart from ⁰ and ⁴–⁹). */
    String SCRIPT = "₀-₉⁰¹²³⁴-⁹⁽⁾₍₎⁺⁻₊₋ᵀ′ₐ-ₜᵢⱼ";
    /** A math-looking token: a name with a script, ∂ or Greek or a hat in it, or a number. */
    String TOKEN = "(?:[A-Za-z]*[∂α-ωΑ-Ωŷ][\\p{L}\\p{M}" + SCRIPT + "]*(?:/[∂A-Za-z][\\p{L}" + SCRIPT + "]*)?"
            + "|[A-Za-z]+[" + SCRIPT + "]+[\\p{L}" + SCRIPT + "]*|−?[0-9]+(?:\\.[0-9]+)?(?:e[−+-]?[0-9]+)?"
            // a one-letter name counts only inside a run with a math token (ŷ − y), never alone ("a factor")
            + "|[A-Za-z](?![A-Za-z'’])(?<![A-Za-z][A-Za-z]))";
    java.util.regex.Pattern MATH_RUN = java.util.regex.Pattern.compile(TOKEN + "(?:\\s*[=+−·/]\\s*" + TOKEN + ")*");
    /** A run that is more than a bare number: a number alone in words ("44 points") stays a word. */
    java.util.regex.Pattern MATH_TOKEN = java.util.regex.Pattern.compile("[∂α-ωΑ-Ωŷ" + SCRIPT + "]|=");

    /**
     * A rule label or a note with its math marked {@code $…$} in Unicode ({@link dev.chainrule.derive.Step#labelMarked},
     * {@link dev.chainrule.derive.Rule#statementProse}) as inline parts: words as text, each marked span as math.
     */
    static java.util.List<Inline> marked(String s) {
        java.util.List<Inline> out = new java.util.ArrayList<>();
        String[] pieces = s.split("\\$", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i].isEmpty()) {
                continue;
            }
            // an unpaired $ (none is written, but a label is text) leaves its tail as words
            boolean math = i % 2 == 1 && i < pieces.length - 1;
            out.add(math ? new Math(LatexText.math(pieces[i])) : new Text(pieces[i]));
        }
        return out;
    }

    /**
     * One display line: {@code lhs & body && \text{label}}; {@code body} starts with its relation ("= …") or,
     * on a continuation line, with "\quad{}+ …". {@code gap} puts extra space above the line.
     */
    record Row(String lhs, String body, String label, boolean gap) {
        public Row(String lhs, String body, String label) {
            this(lhs, body, label, false);
        }
    }

    void title(String text, List<Inline> subtitle);

    void section(String text);

    /** A heading per parameter: math and a text part. */
    void subsection(String math, String text);

    void paragraph(List<Inline> parts);

    default void paragraph(Inline... parts) {
        paragraph(List.of(parts));
    }

    void display(List<Row> rows);

    /** A display laid out for this writer's line ({@link #lineWidth}). */
    default void display(DisplayBlock block) {
        display(block.rows(lineWidth()));
    }

    /** The display line in characters of the math font that this writer's page holds. */
    default int lineWidth() {
        return DocLayout.LINE;
    }

    /** A table; the first row is the header; {@code numeric[c]} right-aligns column c. */
    void table(List<List<Inline>> rows, boolean[] numeric);

    /** A table with the sentence that introduces it, kept together where a writer has pages (LaTeX). */
    /** A listing set as written, line by line, in a fixed-width font (a spec a sheet gives out). */
    void code(String text);

    default void table(List<Inline> caption, List<List<Inline>> rows, boolean[] numeric) {
        paragraph(caption);
        table(rows, numeric);
    }

    /** Raw material only this writer understands (e.g. the HTML network diagram); others ignore it. */
    default void raw(String format, String content) {
    }

    String finish();
}
