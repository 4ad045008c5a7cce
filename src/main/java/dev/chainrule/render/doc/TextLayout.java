package dev.chainrule.render.doc;

import dev.chainrule.expr.Fmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The one text layout of derivation lines, as on a slide: "lhs = expression" with the rule names in one column
 * on the right. A block ({@code derive}, the checker's worked solution) sets its column by its widest line (up to
 * {@link #EXPRESSION_WIDTH}) and breaks a wider expression before a + or − (else after a ·) at the outermost
 * bracket level that fits, continuation lines indented under the expression; {@code explain}'s traces, which
 * run over many blocks, use the one column {@link #TRACE_COLUMN} for all of them. Either way a line too wide for
 * its column carries its rule three spaces after it ({@link #labelled}).
 */
public final class TextLayout {
    /** Widest line (prefix and expression) before the expression is wrapped. */
    public static final int EXPRESSION_WIDTH = 78;
    /** Spaces between the widest expression and the rule column. */
    static final int GAP = 4;
    /** The rule column of explain's traces. */
    public static final int TRACE_COLUMN = 66;

    /**
     * {@code body} with {@code label} at {@code column}, or three spaces after a body too wide for it; the body
     * alone (trailing spaces dropped) when there is no label.
     */
    public static String labelled(String body, String label, int column) {
        if (label == null || label.isEmpty()) {
            return body.stripTrailing();
        }
        int w = Fmt.width(body);
        return w + 2 <= column ? Fmt.pad(body, column) + label : body + "   " + label;
    }

    private record Row(String prefix, String text, String rule, boolean blank) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A line whose expression may be wrapped, with a rule name (may be empty). */
    public void row(String prefix, String text, String rule) {
        rows.add(new Row(prefix, text, rule == null ? "" : rule, false));
    }

    /** A line taken as it is. */
    public void plain(String line) {
        rows.add(new Row(line, "", "", false));
    }

    public void blank() {
        rows.add(new Row("", "", "", true));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The block, each line ending in a newline; no trailing spaces. */
    public void appendTo(StringBuilder out) {
        int widest = 0;
        for (Row r : rows) {
            if (!r.rule().isEmpty()) {
                widest = Math.max(widest, Math.min(EXPRESSION_WIDTH, Fmt.width(r.prefix() + r.text())));
            }
        }
        int column = widest + GAP;
        for (Row r : rows) {
            if (r.blank()) {
                out.append('\n');
                continue;
            }
            List<String> lines = wrap(r.prefix(), r.text(), EXPRESSION_WIDTH);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                out.append(i == 0 ? labelled(line, r.rule(), column) : line.stripTrailing()).append('\n');
            }
        }
    }

    /** {@code prefix + text}, broken into lines of at most {@code width} where the text allows it. */
    public static List<String> wrap(String prefix, String text, int width) {
        List<String> out = new ArrayList<>();
        String indent = " ".repeat(Fmt.width(prefix) + 2);
        String head = prefix;
        String rest = text;
        while (Fmt.width(head + rest) > width) {
            int room = width - Fmt.width(head);
            int cut = breakPoint(rest, room);
            if (cut <= 0 || cut >= rest.length()) {
                break;
            }
            out.add(head + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            head = indent;
        }
        out.add(head + rest);
        return out;
    }

    /**
     * Where to break {@code s} so that the first part fits in {@code room}: before " + " / " − " or after
     * "·", at the lowest bracket depth available (before a + or − rather than after a · at the same depth),
     * the rightmost such place that fits; -1 when there is none.
     */
    static int breakPoint(String s, int room) {
        int depth = 0;
        int bestScore = Integer.MAX_VALUE;
        int best = -1;
        int columns = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (columns > room) {
                break;
            }
            int candidate = -1;
            int score = 0;
            if (c == ' ' && i + 2 < s.length() && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '−') && s.charAt(i + 2) == ' ') {
                candidate = i;
                score = 2 * depth;
            } else if (c == '·' && columns + 1 <= room) {
                candidate = i + 1;
                score = 2 * depth + 1;
            }
            if (candidate > 0 && score <= bestScore) {
                bestScore = score;
                best = candidate;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            }
            if (Character.getType(c) != Character.NON_SPACING_MARK && !Character.isLowSurrogate(c)) {
                columns++;
            }
        }
        return best;
    }

    /** A list "a = 1, b = 2, …" broken after commas into lines of at most {@code width} after the prefix. */
    public static List<String> wrapList(String prefix, String text, int width) {
        List<String> out = new ArrayList<>();
        String indent = " ".repeat(Fmt.width(prefix));
        StringBuilder line = new StringBuilder(prefix);
        String[] items = text.split(", ");
        for (int i = 0; i < items.length; i++) {
            String item = items[i] + (i + 1 < items.length ? "," : "");
            boolean first = Fmt.width(line.toString()) == Fmt.width(i == 0 ? prefix : indent);
            if (!first && Fmt.width(line.toString()) + 1 + Fmt.width(item) > width) {
                out.add(line.toString());
                line = new StringBuilder(indent);
                first = true;
            }
            line.append(first ? "" : " ").append(item);
        }
        out.add(line.toString());
        return out;
    }
}
