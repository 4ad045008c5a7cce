package dev.chainrule.render.explain;

/**
 * What each colour means in the drawings of a network (the computational graph as DOT and as SVG, the network
 * diagram): one meaning per colour. Blue and red are a gradient's sign, amber a kink, violet the dependency path of
 * the parameter asked for — violet, not red, so that "on the path" and "positive gradient" never look alike.
 */
enum GraphColours {
    NEGATIVE("#2563eb", "#eff6ff", "∂L/∂p < 0"),
    POSITIVE("#dc2626", "#fef2f2", "∂L/∂p > 0"),
    KINK("#d97706", "#fffbeb", "at a kink"),
    PATH("#7c3aed", "#f5f3ff", "path to L"),
    NEUTRAL("#4b5563", "#f9fafb", "");

    /** The stroke (lines, text). */
    final String stroke;
    /** A light fill of the same hue. */
    final String fill;
    /** The legend's words. */
    final String meaning;

    GraphColours(String stroke, String fill, String meaning) {
        this.stroke = stroke;
        this.fill = fill;
        this.meaning = meaning;
    }

    /** The colour of a parameter's gradient: its sign, or amber at a kink. */
    static GraphColours ofGradient(double gradient, boolean kink) {
        return kink ? KINK : gradient < 0 ? NEGATIVE : gradient > 0 ? POSITIVE : NEUTRAL;
    }
}
