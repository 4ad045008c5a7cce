package dev.chainrule.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence with math in it, as structured text: words, and math spans that the document formats typeset as
 * math (italic letters, no line break inside) while text output prints them as they read. A math span keeps the
 * expression it was printed from where there is one, so that LaTeX is written from the tree, not from its text.
 */
public record Prose(List<Part> parts) {
    public Prose {
        parts = List.copyOf(parts);
    }

    /** A piece of a sentence. */
    public sealed interface Part permits Words, Math {
        /** As text output prints it. */
        String text();
    }

    /** Plain words (with their spaces and punctuation). */
    public record Words(String text) implements Part {
    }

    /**
     * Math: {@code text} as {@link TextPrinter} writes it (Unicode, σ′(z₁⁽¹⁾)), and the expression it came from,
     * or null for a span put together from such text (a name, "∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾").
     */
    public record Math(String text, Expr expr) implements Part {
    }

    /** Words alone. */
    public static Prose words(String s) {
        return new Prose(List.of(new Words(s)));
    }

    /** An expression as a math span. */
    public static Math math(Expr e) {
        return new Math(TextPrinter.str(e), e);
    }

    /** Text that is math (a name or an equation put together from printed expressions). */
    public static Math math(String unicode) {
        return new Math(unicode, null);
    }

    /**
     * A sentence from pieces: a String is words, an {@link Expr} or a {@link Math} a math span, a Prose its parts;
     * adjacent words are joined.
     */
    public static Prose of(Object... pieces) {
        List<Part> out = new ArrayList<>();
        for (Object p : pieces) {
            if (p instanceof String s) {
                add(out, new Words(s));
            } else if (p instanceof Expr e) {
                add(out, math(e));
            } else if (p instanceof Part part) {
                add(out, part);
            } else if (p instanceof Prose prose) {
                prose.parts().forEach(part -> add(out, part));
            } else {
                throw new IllegalArgumentException("not a piece of prose: " + p);
            }
        }
        return new Prose(out);
    }

    private static void add(List<Part> out, Part p) {
        if (p.text().isEmpty()) {
            return;
        }
        if (p instanceof Words w && !out.isEmpty() && out.get(out.size() - 1) instanceof Words last) {
            out.set(out.size() - 1, new Words(last.text() + w.text()));
        } else {
            out.add(p);
        }
    }

    /** This sentence followed by more pieces (see {@link #of}). */
    public Prose plus(Object... more) {
        Object[] all = new Object[more.length + 1];
        all[0] = this;
        System.arraycopy(more, 0, all, 1, more.length);
        return of(all);
    }

    /** The sentence as text output prints it. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(p.text()));
        return sb.toString();
    }

    /** The same with its first letter capitalised (a sentence that starts a paragraph). */
    public Prose capitalised() {
        if (parts.isEmpty() || !(parts.get(0) instanceof Words w) || w.text().isEmpty()) {
            return this;
        }
        List<Part> out = new ArrayList<>(parts);
        out.set(0, new Words(Character.toUpperCase(w.text().charAt(0)) + w.text().substring(1)));
        return new Prose(out);
    }

    @Override
    public String toString() {
        return text();
    }
}
