package dev.chainrule.render.doc;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An output format, as {@code --format} names it; which command writes which is {@code render.Formats}. */
public enum Format {
    TEXT, JSON, LATEX, MARKDOWN, HTML, DOT,
    /** Gradescope's results.json ({@code check} only). */
    GRADESCOPE,
    /** PrairieLearn's external-grader result ({@code check} only). */
    PRAIRIELEARN;

    /** The name on the command line: {@code --format latex}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format {@code --format id} names (exactly, in lower case), if any. */
    public static Optional<Format> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
    }

    /** Every format's name, in this order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Format::id).toList();
    }
}
