package dev.chainrule.render.doc;

import dev.chainrule.UserError;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How wide a LaTeX display line may be, in characters of the math font ({@link DisplayBlock}'s budget): from the
 * host document's {@code \linewidth} and font size. This document (A4, 11pt, 2.2 cm margins: 472 pt) is 42.9 em
 * and sets {@value DocLayout#LINE} characters; a fragment defaults to 32.5 em — a standard {@code article} at 12pt
 * (390 pt), the narrowest of its 10, 11 and 12pt sizes — so that it fits any of them.
 */
public final class LineWidth {
    /** Characters per em of line width, as measured on this document's display lines. */
    static final double CHARS_PER_EM = DocLayout.LINE / (472.0 / 11.0);
    /** A fragment's line when nothing is said: a standard 12pt article, 390 pt. */
    public static final int FRAGMENT = chars(390, 12);
    /** The narrowest and widest lines accepted. */
    static final int MIN = 40;
    static final int MAX = 200;

    private LineWidth() {
    }

    static int chars(double widthPt, double fontPt) {
        return (int) Math.floor(widthPt / fontPt * CHARS_PER_EM);
    }

    private static final Pattern LENGTH = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(pt|bp|mm|cm|in)\\s*");

    /**
     * The line for {@code --width LENGTH} (pt, bp, mm, cm, in) at {@code --font-size SIZE} (pt).
     *
     * @throws UserError for a length that does not parse, or a line narrower than {@value #MIN} or wider than
     *                   {@value #MAX} characters
     */
    public static int parse(String width, String fontSize) {
        double w = points(width, "--width");
        double f = points(fontSize, "--font-size");
        if (f < 5 || f > 30) {
            throw new UserError("--font-size " + fontSize + ": expected a font size from 5pt to 30pt, e.g. 12pt");
        }
        int chars = chars(w, f);
        if (chars < MIN || chars > MAX) {
            throw new UserError("--width " + width + " at " + fontSize + ": a display line of " + chars
                    + " characters; expected " + MIN + " to " + MAX + " (e.g. --width 345pt for a 10pt article, "
                    + "--width 16cm)");
        }
        return chars;
    }

    private static double points(String length, String option) {
        Matcher m = LENGTH.matcher(length.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UserError(option + " " + length + ": expected a length with its unit: pt, bp, mm, cm or in "
                    + "(e.g. 345pt, 12.2cm)");
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "pt" -> v;
            case "bp" -> v * 72.27 / 72;
            case "mm" -> v * 72.27 / 25.4;
            case "cm" -> v * 72.27 / 2.54;
            case "in" -> v * 72.27;
            default -> throw new IllegalStateException(m.group(2));
        };
    }
}
