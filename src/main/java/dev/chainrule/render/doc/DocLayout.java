package dev.chainrule.render.doc;

import dev.chainrule.expr.Fmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Widths and numbers the explain, derive, check and train documents share: the display line, how rule labels wrap,
 * how wide a LaTeX left-hand side sets, and numbers in math mode.
 */
public final class DocLayout {
    private DocLayout() {
    }

    /** The width of a display line in characters of the math font (a4, 11pt, 2.2cm margins): lhs, body, label. */
    public static final int LINE = 80;
    /** Rule labels longer than this are wrapped onto the following lines. */
    public static final int LABEL_WIDTH = 40;

    /** A number for math mode: 5 significant digits, − as -, 1e-07 as 1 \times 10^{-7}. */
    public static String num(double v, int digits) {
        if (Double.isNaN(v)) {
            return "\\mathrm{NaN}";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\\infty" : "-\\infty";
        }
        String s = Fmt.num(v, digits).replace('−', '-');
        int e = s.indexOf('e');
        if (e >= 0) {
            String mant = s.substring(0, e);
            String exp = s.substring(e + 1).replace("+", "");
            return (mant.equals("1") ? "" : mant.equals("-1") ? "-" : mant + " \\times ") + "10^{" + exp + "}";
        }
        return s;
    }

    public static String num(double v) {
        return num(v, 5);
    }

    public static String small(double v) {
        String s = Fmt.small(v);
        int e = s.indexOf('e');
        if (e >= 0) {
            String mant = s.substring(0, e);
            return (mant.equals("1") ? "" : mant + " \\times ") + "10^{" + s.substring(e + 1) + "}";
        }
        return s;
    }

    /** Wraps a rule label after ", " and ": " (never inside a formula or a marked $…$ span), then at " = " if still too long. */
    public static List<String> wrap(String s, int width) {
        List<String> chunks = new ArrayList<>();
        int from = 0;
        int depth = 0;
        boolean math = false;
        for (int i = 0; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
            math ^= c == '$';
            if (depth > 0 || math) {
                continue;
            }
            if ((c == ',' || c == ':') && s.charAt(i + 1) == ' ') {
                chunks.add(s.substring(from, i + 2));
                from = i + 2;
            } else if (s.startsWith(" (", i)) {
                chunks.add(s.substring(from, i + 1));
                from = i + 1;
            }
        }
        chunks.add(s.substring(from));
        List<String> fine = new ArrayList<>();
        for (String c : chunks) {
            // a marked math span ($…$) is never cut: its halves would not be math
            if (Fmt.width(c) <= width || c.indexOf('$') >= 0) {
                fine.add(c);
                continue;
            }
            int f = 0;
            for (int i = c.indexOf(" = "); i >= 0; i = c.indexOf(" = ", i + 1)) {
                fine.add(c.substring(f, i + 1));
                f = i + 1;
            }
            fine.add(c.substring(f));
        }
        chunks = fine;
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String w : chunks) {
            if (cur.length() > 0 && Fmt.width(cur.toString()) + Fmt.width(w) > width) {
                lines.add(cur.toString().strip());
                cur.setLength(0);
            }
            cur.append(w);
        }
        if (cur.length() > 0) {
            lines.add(cur.toString().strip());
        }
        return lines;
    }

    /** A rough typeset width of a LaTeX left-hand side: \frac counts as its wider part, indices half. */
    public static int lhsWidth(String latexLhs) {
        String s = latexLhs;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\frac\\{([^{}]*(?:\\{[^{}]*(?:\\{[^{}]*\\}[^{}]*)*\\}[^{}]*)*)\\}\\{([^{}]*(?:\\{[^{}]*(?:\\{[^{}]*\\}[^{}]*)*\\}[^{}]*)*)\\}").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String a = plain(m.group(1));
            String b = plain(m.group(2));
            m.appendReplacement(sb, "x".repeat(Math.max(a.length(), b.length())));
        }
        m.appendTail(sb);
        return Math.max(1, plain(sb.toString()).length());
    }

    private static String plain(String latex) {
        String s = latex.replaceAll("\\\\partial", "d").replaceAll("\\\\[a-zA-Z]+", "x");
        s = s.replaceAll("[_^]\\{\\(?([^{}()]*)\\)?\\}", "$1").replaceAll("[{}\\s]", "");
        return s.substring(0, (int) Math.ceil(s.length() * 0.8));
    }
}
