package dev.chainrule.network.spec;

import dev.chainrule.UserError;

/**
 * A spec that breaks a rule. The message is one line, {@code FILE:LINE: PATH: what was expected, got what}, e.g.
 * {@code spec.yaml:7: layers[1].weights[0]: expected 2 numbers (one per unit of layer 1), got 3}.
 * The line is left out when the YAML has none (an empty file), the path when the problem is not one field's
 * (a YAML syntax error). Paths index YAML lists from 0, like the file ({@code data[0]} is the first sample);
 * prose names layers 1-based, like parameter names.
 */
public final class SpecError extends UserError {
    private static final long serialVersionUID = 1L;
    private static final int CLIP = 40;
    private static final String BREAKS = "[\\p{Cntrl}\\u0085\\u2028\\u2029]+";

    private final String source;
    private final int line;
    private final String path;
    private final String detail;

    /**
     * @param line 1-based, or 0 when unknown
     * @param path the field path ({@code layers[0].units}), or empty
     */
    public SpecError(String source, int line, String path, String detail) {
        super(format(source, line, path, detail));
        this.source = source;
        this.line = line;
        this.path = path;
        this.detail = detail;
    }

    public String source() {
        return source;
    }

    /** The 1-based YAML line, or 0 when there is none. */
    public int line() {
        return line;
    }

    public String path() {
        return path;
    }

    public String detail() {
        return detail;
    }

    static String format(String source, int line, String path, String detail) {
        StringBuilder b = new StringBuilder(oneLine(source));
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (path != null && !path.isEmpty()) {
            b.append(oneLine(path)).append(": ");
        }
        return b.append(oneLine(detail)).toString();
    }

    /** Collapses line breaks and tabs so that a message stays on one line. */
    static String oneLine(String text) {
        return text.replaceAll(BREAKS, " ").strip();
    }

    /** A user's text for quoting in a message: one line, at most 40 characters. */
    public static String clip(String text) {
        String flat = text.replaceAll(BREAKS, " ");
        if (flat.length() <= CLIP) {
            return flat;
        }
        int end = CLIP - 3;
        if (Character.isHighSurrogate(flat.charAt(end - 1))) {
            end--;
        }
        return flat.substring(0, end) + "...";
    }
}
