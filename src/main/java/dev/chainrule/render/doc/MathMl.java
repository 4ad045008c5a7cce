package dev.chainrule.render.doc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MathML Core for the HTML page, converted from the LaTeX our printers write ({@link LatexMath}, {@link
 * LatexText#math}, the documents' own formulas): letters, numbers, operators, {@code _ ^ '}, {@code \frac},
 * {@code \sqrt}, {@code \hat}, Greek letters, function names, {@code \text}, {@code \mathit}, {@code \mathrm},
 * {@code \operatorname}, {@code \left( … \right)}, {@code \bigl( … \bigr)}, spaces, {@code \phantom}, and the
 * environments aligned, cases and bmatrix. Anything else (an unknown command, a stray {@code &}, an unclosed
 * group) is an {@link Unsupported} exception naming it: a printer that learns a new command fails its tests here
 * instead of losing math on the page.
 */
public final class MathMl {
    private MathMl() {
    }

    /** LaTeX this converter does not know. */
    public static final class Unsupported extends IllegalArgumentException {
        Unsupported(String what, String latex, int at) {
            super(what + " at " + at + " in: " + latex);
        }
    }

    /** A rule label: its words as HTML text, its marked math as inline MathML. */
    private static String label(String marked) {
        StringBuilder sb = new StringBuilder();
        for (MathDoc.Inline part : MathDoc.marked(marked)) {
            sb.append(part instanceof MathDoc.Math m ? inline(m.latex()) : HtmlDoc.escape(((MathDoc.Text) part).text()));
        }
        return sb.toString();
    }

    /** Inline math: {@code <math>…</math>}. */
    public static String inline(String latex) {
        return "<math>" + convert(latex) + "</math>";
    }

    /** The content of a math element for {@code latex} (one mrow). */
    public static String convert(String latex) {
        return new Parser(latex).top();
    }

    /**
     * Display rows as one HTML table of three columns: the left-hand side set to the right, the body (its relation
     * first) to the left, each a math element in display style, all on one baseline per row; the rule as text. An
     * HTML table, not an mtable: browsers place an mtd's math at its start whatever its text-align, and an
     * aligned display needs its left-hand sides flush right. What the layout needs is in style attributes, so that
     * a fragment (no stylesheet) keeps it; the page's stylesheet adds the rest (baselines, a gap row's space).
     */
    public static String display(List<MathDoc.Row> rows) {
        StringBuilder sb = new StringBuilder("<table class=\"display\">");
        for (MathDoc.Row r : rows) {
            sb.append(r.gap() ? "<tr class=\"gap\">" : "<tr>")
                    .append("<td class=\"lhs\" style=\"text-align: right\">").append(cell(r.lhs())).append("</td>")
                    .append("<td class=\"body\">").append(cell(r.body())).append("</td>")
                    .append(r.label().isEmpty() ? "<td class=\"rule\">" : "<td class=\"rule\" style=\"padding-left: 2.5em\">")
                    .append(label(r.label())).append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }

    private static String cell(String latex) {
        return latex.isEmpty() ? "" : "<math displaystyle=\"true\">" + convert(latex) + "</math>";
    }

    private static final String SUM = "<mo>∑</mo>";
    private static final String MINUS = "<mo>−</mo>";
    private static final String PLUS = "<mo>+</mo>";
    private static final String THIN = "<mspace width=\"0.1667em\"></mspace>";

    /** Letters and symbols that are identifiers; capital Greek and symbols stay upright. */
    private static final Map<String, String> IDENTIFIERS = Map.ofEntries(
            Map.entry("alpha", "<mi>α</mi>"), Map.entry("beta", "<mi>β</mi>"), Map.entry("gamma", "<mi>γ</mi>"),
            Map.entry("delta", "<mi>δ</mi>"), Map.entry("varepsilon", "<mi>ε</mi>"), Map.entry("eta", "<mi>η</mi>"),
            Map.entry("theta", "<mi>θ</mi>"), Map.entry("lambda", "<mi>λ</mi>"), Map.entry("mu", "<mi>μ</mi>"),
            Map.entry("sigma", "<mi>σ</mi>"), Map.entry("tau", "<mi>τ</mi>"), Map.entry("varphi", "<mi>φ</mi>"),
            Map.entry("omega", "<mi>ω</mi>"), Map.entry("Sigma", upright("Σ")), Map.entry("Phi", upright("Φ")), Map.entry("partial", upright("∂")),
            Map.entry("nabla", upright("∇")), Map.entry("infty", upright("∞")), Map.entry("top", upright("⊤")),
            Map.entry("checkmark", upright("✓")),
            Map.entry("log", "<mi>log</mi>"), Map.entry("exp", "<mi>exp</mi>"), Map.entry("tanh", "<mi>tanh</mi>"),
            Map.entry("sin", "<mi>sin</mi>"), Map.entry("cos", "<mi>cos</mi>"), Map.entry("max", "<mi>max</mi>"));

    private static final java.util.Set<String> FUNCTIONS = java.util.Set.of("log", "exp", "tanh", "sin", "cos", "max");

    /** Operators and relations. */
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("cdot", "⋅"), Map.entry("times", "×"), Map.entry("to", "→"), Map.entry("leftarrow", "←"),
            Map.entry("Rightarrow", "⇒"), Map.entry("ge", "≥"), Map.entry("le", "≤"), Map.entry("ne", "≠"),
            Map.entry("approx", "≈"), Map.entry("odot", "⊙"), Map.entry("pm", "±"), Map.entry("mp", "∓"),
            Map.entry("in", "∈"), Map.entry("div", "÷"), Map.entry("neg", "¬"), Map.entry("sim", "∼"),
            Map.entry("wedge", "∧"), Map.entry("backslash", "\\"), Map.entry("surd", "√"),
            Map.entry("star", "⋆"), Map.entry("ast", "∗"), Map.entry("circ", "∘"));

    /** Fences as \left, \bigl and plain brackets write them; "" for \left. (none). */
    private static final Map<String, String> FENCES = Map.ofEntries(
            Map.entry("(", "("), Map.entry(")", ")"), Map.entry("[", "["), Map.entry("]", "]"), Map.entry("|", "|"),
            Map.entry("/", "/"), Map.entry(".", ""), Map.entry("\\{", "{"), Map.entry("\\}", "}"),
            Map.entry("\\lvert", "|"), Map.entry("\\rvert", "|"), Map.entry("\\vert", "|"),
            Map.entry("\\lVert", "‖"), Map.entry("\\rVert", "‖"));

    private static final Map<String, String> SPACES = Map.of("quad", "1em", "qquad", "2em", ",", "0.1667em",
            ":", "0.2222em", ";", "0.2778em", " ", "0.25em");

    private static String upright(String c) {
        return "<mi mathvariant=\"normal\">" + c + "</mi>";
    }

    private static String mo(String c) {
        return "<mo>" + HtmlDoc.escape(c) + "</mo>";
    }

    /**
     * A bracket (or /) set at its natural size with no space around it, as a plain LaTeX one is (brackets have no
     * space in MathML's operator dictionary; / and | have).
     */
    private static String fence(String c) {
        return "<mo stretchy=\"false\"" + ("/|‖".contains(c) ? " lspace=\"0\" rspace=\"0\">" : ">") + HtmlDoc.escape(c) + "</mo>";
    }

    private static String row(List<String> parts) {
        return "<mrow>" + String.join("", parts) + "</mrow>";
    }

    /** Letters in mathematical italic (a multi-letter identifier is upright in MathML unless its letters are). */
    private static String italic(String word) {
        StringBuilder sb = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (c == 'h') {
                sb.append('ℎ');
            } else if (c >= 'a' && c <= 'z') {
                sb.appendCodePoint(0x1D44E + c - 'a');
            } else if (c >= 'A' && c <= 'Z') {
                sb.appendCodePoint(0x1D434 + c - 'A');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A recursive-descent reader of one LaTeX string. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        private Unsupported fail(String what) {
            return new Unsupported(what, s, i);
        }

        String top() {
            List<String> parts = sequence();
            if (i < s.length()) {
                throw fail("unexpected " + (s.startsWith("\\\\", i) ? "\\\\" : s.charAt(i) == '\\' ? "\\" + name(i + 1)
                        : String.valueOf(s.charAt(i))));
            }
            return row(parts);
        }

        private String name(int from) {
            int j = from;
            while (j < s.length() && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) {
                j++;
            }
            return s.substring(from, j);
        }

        private void skipSpaces() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        /** At the end of a sequence: end of input, }, &, \\, \end or \right. */
        private boolean atStop() {
            if (i >= s.length()) {
                return true;
            }
            char c = s.charAt(i);
            if (c == '}' || c == '&' || s.startsWith("\\\\", i)) {
                return true;
            }
            if (c == '\\') {
                String n = name(i + 1);
                return n.equals("end") || n.equals("right");
            }
            return false;
        }

        private static boolean isOperator(String xml) {
            if (!xml.startsWith("<mo>") && !xml.startsWith("<mo ")) { // not <mover>
                return false;
            }
            String op = xml.substring(xml.indexOf('>') + 1, xml.lastIndexOf("</mo>"));
            return !")]}|‖".contains(op);
        }

        private List<String> sequence() {
            List<String> out = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (atStop()) {
                    return out;
                }
                char c = s.charAt(i);
                if (c == '^' || c == '_' || c == '\'') {
                    String base = out.isEmpty() ? "<mrow></mrow>" : out.remove(out.size() - 1);
                    out.add(scripts(base));
                    continue;
                }
                String command = c == '\\' ? name(i + 1) : "";
                boolean function = FUNCTIONS.contains(command) || command.equals("operatorname");
                String a = atom(true);
                boolean afterOperator = out.isEmpty() || isOperator(out.get(out.size() - 1));
                if ((a.equals(MINUS) || a.equals(PLUS)) && afterOperator) {
                    // a sign, not a binary operator (TeX's rule: after nothing, a relation, an operator, an opening)
                    a = "<mo form=\"prefix\" lspace=\"0\" rspace=\"0\">" + a.substring(4);
                } else if (function && !afterOperator) {
                    out.add(THIN); // y log(ŷ): TeX puts a thin space before an operator name
                }
                out.add(a);
            }
        }

        private void expect(char c) {
            skipSpaces();
            if (i >= s.length() || s.charAt(i) != c) {
                throw fail("expected " + c);
            }
            i++;
        }

        /** The sub- and superscripts (and primes) after {@code base}. */
        private String scripts(String base) {
            String sub = null;
            String sup = null;
            int primes = 0;
            while (true) {
                skipSpaces();
                if (i >= s.length()) {
                    break;
                }
                char c = s.charAt(i);
                if (c == '_') {
                    if (sub != null) {
                        throw fail("double subscript");
                    }
                    i++;
                    sub = atom(false);
                } else if (c == '^') {
                    i++;
                    String a = atom(false);
                    sup = sup == null ? a : "<mrow>" + sup + a + "</mrow>";
                } else if (c == '\'') {
                    int n = 0;
                    while (i < s.length() && s.charAt(i) == '\'') {
                        n++;
                        i++;
                    }
                    primes += n;
                } else {
                    break;
                }
            }
            // a prime stands after its base: the math font's ′ is already raised (in msup it sits too high)
            String prime = primes == 0 ? "" : "<mo lspace=\"0\" rspace=\"0\">" + "′".repeat(primes) + "</mo>";
            return scripted(base, sub, sup) + prime;
        }

        private static String scripted(String base, String sub, String sup) {
            boolean limits = base.equals(SUM);
            if (sub == null && sup == null) {
                return base;
            }
            if (sub != null && sup != null) {
                return (limits ? "<munderover>" : "<msubsup>") + base + sub + sup + (limits ? "</munderover>" : "</msubsup>");
            }
            if (sub != null) {
                return (limits ? "<munder>" : "<msub>") + base + sub + (limits ? "</munder>" : "</msub>");
            }
            return (limits ? "<mover>" : "<msup>") + base + sup + (limits ? "</mover>" : "</msup>");
        }

        /** One atom; {@code run} lets a number take all its digits (a script takes one: x^23 is x² 3). */
        private String atom(boolean run) {
            skipSpaces();
            if (i >= s.length()) {
                throw fail("missing argument");
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                List<String> in = sequence();
                expect('}');
                return row(in);
            }
            if (c >= '0' && c <= '9' || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int j = i + 1;
                if (run) {
                    while (j < s.length() && (Character.isDigit(s.charAt(j))
                            || s.charAt(j) == '.' && j + 1 < s.length() && Character.isDigit(s.charAt(j + 1)))) {
                        j++;
                    }
                }
                String n = s.substring(i, j);
                i = j;
                return "<mn>" + n + "</mn>";
            }
            if (c < 128 && Character.isLetter(c)) {
                i++;
                return "<mi>" + c + "</mi>";
            }
            if (c == '\\') {
                return command();
            }
            i++;
            return switch (c) {
                case '-' -> mo("−");
                case '+', '=', '<', '>', ',', ';', ':', '!', '?', '*' -> mo(String.valueOf(c));
                case '(', ')', '[', ']', '|', '/' -> fence(String.valueOf(c));
                case '~' -> "<mtext>\u00A0</mtext>";
                default -> {
                    if (c >= 128) {
                        yield Character.isLetter(c) ? "<mi>" + c + "</mi>" : mo(String.valueOf(c));
                    }
                    i--;
                    throw fail("unexpected " + c);
                }
            };
        }

        private String command() {
            int at = i;
            i++;
            if (i >= s.length()) {
                throw fail("a lone \\");
            }
            char c = s.charAt(i);
            if (!(Character.isLetter(c) && c < 128)) {
                i++;
                if (SPACES.containsKey(String.valueOf(c))) {
                    return "<mspace width=\"" + SPACES.get(String.valueOf(c)) + "\"></mspace>";
                }
                return switch (c) {
                    case '{', '}' -> fence(String.valueOf(c));
                    case '_', '&', '%', '$', '#' -> mo(String.valueOf(c));
                    default -> {
                        i = at;
                        throw fail("unknown command \\" + c);
                    }
                };
            }
            String n = name(i);
            i += n.length();
            if (IDENTIFIERS.containsKey(n)) {
                return IDENTIFIERS.get(n);
            }
            if (OPERATORS.containsKey(n)) {
                return mo(OPERATORS.get(n));
            }
            if (SPACES.containsKey(n)) {
                return "<mspace width=\"" + SPACES.get(n) + "\"></mspace>";
            }
            return switch (n) {
                case "sum" -> SUM;
                case "frac" -> "<mfrac>" + atom(false) + atom(false) + "</mfrac>";
                case "tfrac" -> "<mrow displaystyle=\"false\"><mfrac>" + atom(false) + atom(false) + "</mfrac></mrow>";
                case "sqrt" -> "<msqrt>" + atom(false) + "</msqrt>";
                case "hat" -> "<mover accent=\"true\">" + atom(false) + "<mo>ˆ</mo></mover>";
                case "phantom" -> "<mphantom>" + atom(false) + "</mphantom>";
                case "text" -> "<mtext>" + HtmlDoc.escape(text()) + "</mtext>";
                case "mathrm", "operatorname" -> {
                    String w = word();
                    yield w.length() == 1 ? upright(w) : "<mi>" + HtmlDoc.escape(w) + "</mi>";
                }
                case "mathit" -> "<mi>" + HtmlDoc.escape(italic(word())) + "</mi>";
                case "left" -> left();
                // the bracket's glyph scaled: a stretched one (minsize) gets a size variant with wide side bearings
                case "bigl", "bigr", "big" -> "<mo stretchy=\"false\" lspace=\"0\" rspace=\"0\" style=\"font-size: 1.25em\">"
                        + HtmlDoc.escape(delimiter()) + "</mo>";
                case "lvert", "rvert", "vert" -> fence("|");
                case "lVert", "rVert" -> fence("‖");
                case "begin" -> environment();
                default -> {
                    i = at;
                    throw fail("unknown command \\" + n);
                }
            };
        }

        /** The argument of \mathit, \mathrm, \operatorname: letters, digits, \_ . */
        private String word() {
            expect('{');
            StringBuilder sb = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '}') {
                char c = s.charAt(i);
                if (s.startsWith("\\_", i)) {
                    sb.append('_');
                    i += 2;
                } else if (c < 128 && Character.isLetterOrDigit(c) || c == ',' || c == '?') {
                    sb.append(c);
                    i++;
                } else {
                    throw fail("unexpected " + c + " in a name");
                }
            }
            expect('}');
            return sb.toString();
        }

        /** A delimiter after \left, \right, \bigl …: its character, "" for ".". */
        private String delimiter() {
            skipSpaces();
            if (i >= s.length()) {
                throw fail("missing delimiter");
            }
            String d = s.charAt(i) == '\\' ? (s.startsWith("\\{", i) || s.startsWith("\\}", i) ? s.substring(i, i + 2)
                    : "\\" + name(i + 1)) : String.valueOf(s.charAt(i));
            if (!FENCES.containsKey(d)) {
                throw fail("unknown delimiter " + d);
            }
            i += d.length();
            return FENCES.get(d);
        }

        private String left() {
            String open = delimiter();
            List<String> in = sequence();
            if (!s.startsWith("\\right", i)) {
                throw fail("\\left without \\right");
            }
            i += "\\right".length();
            String close = delimiter();
            return "<mrow>" + (open.isEmpty() ? "" : "<mo stretchy=\"true\">" + HtmlDoc.escape(open) + "</mo>")
                    + String.join("", in)
                    + (close.isEmpty() ? "" : "<mo stretchy=\"true\">" + HtmlDoc.escape(close) + "</mo>") + "</mrow>";
        }

        private String braced() {
            expect('{');
            int j = s.indexOf('}', i);
            if (j < 0) {
                throw fail("unclosed {");
            }
            String in = s.substring(i, j);
            i = j + 1;
            return in;
        }

        /** An environment: aligned, cases or bmatrix, as an mtable. */
        private String environment() {
            String env = braced();
            List<List<String>> rows = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            while (true) {
                cells.add(row(sequence()));
                if (i >= s.length()) {
                    throw fail("\\begin{" + env + "} without \\end");
                }
                if (s.charAt(i) == '&') {
                    i++;
                } else if (s.startsWith("\\\\", i)) {
                    i += 2;
                    skipSpaces();
                    if (i < s.length() && s.charAt(i) == '[') {
                        i = s.indexOf(']', i) + 1; // \\[1ex]: the table's rows are evenly spaced
                        if (i == 0) {
                            throw fail("unclosed [");
                        }
                    }
                    rows.add(cells);
                    cells = new ArrayList<>();
                } else if (s.startsWith("\\end", i)) {
                    i += 4;
                    String end = braced();
                    if (!end.equals(env)) {
                        throw fail("\\begin{" + env + "} ended by \\end{" + end + "}");
                    }
                    if (!(cells.size() == 1 && cells.get(0).equals("<mrow></mrow>"))) {
                        rows.add(cells);
                    }
                    break;
                } else {
                    throw fail("unexpected " + s.charAt(i) + " in \\begin{" + env + "}");
                }
            }
            return switch (env) {
                case "aligned" -> "<mtable displaystyle=\"true\" columnalign=\"right left\">" + table(rows, "right", "left", "0.2em") + "</mtable>";
                case "cases" -> "<mrow><mo stretchy=\"true\">{</mo><mtable columnalign=\"left left\">"
                        + table(rows, "left", "left", "0.5em") + "</mtable>" + THIN + "</mrow>"; // an inner: thin space after
                case "bmatrix" -> {
                    // one row between brackets of the text's size, as TeX sets it (a stretched bracket is wider)
                    String stretchy = rows.size() > 1 ? "true" : "false";
                    yield "<mrow><mo stretchy=\"" + stretchy + "\">[</mo><mtable>" + table(rows, "center", "center", "0.4em")
                            + "</mtable><mo stretchy=\"" + stretchy + "\">]</mo></mrow>";
                }
                default -> throw fail("unknown environment " + env);
            };
        }

        /**
         * Rows of cells, odd columns aligned as {@code odd}, even ones as {@code even} (CSS, as MathML Core has it),
         * {@code half} of the space between columns on each side of a cell (cases: 1em, as amsmath's).
         */
        private static String table(List<List<String>> rows, String odd, String even, String half) {
            StringBuilder sb = new StringBuilder();
            for (List<String> r : rows) {
                sb.append("<mtr>");
                for (int c = 0; c < r.size(); c++) {
                    // the first and last column close to the brackets, as amsmath's matrices are
                    String left = c == 0 ? "0.1em" : half;
                    String right = c == r.size() - 1 ? "0.1em" : half;
                    sb.append("<mtd style=\"text-align: ").append(c % 2 == 0 ? odd : even).append("; padding: 0.1em ")
                            .append(right).append(" 0.1em ").append(left).append("\">").append(r.get(c)).append("</mtd>");
                }
                sb.append("</mtr>");
            }
            return sb.toString();
        }

        /**
         * The argument of \text, as text: LaTeX's text escapes undone, pdflatex's stand-ins put back (a code point
         * written as [U+0416] is the character; the guarded ✗ is ✗).
         */
        private String text() {
            expect('{');
            StringBuilder sb = new StringBuilder();
            int depth = 0;
            while (true) {
                if (i >= s.length()) {
                    throw fail("unclosed \\text{");
                }
                char c = s.charAt(i);
                if (c == '}' && depth == 0) {
                    i++;
                    return sb.toString();
                }
                if (c == '{' || c == '}') {
                    depth += c == '{' ? 1 : -1;
                    i++;
                } else if (c == '\\') {
                    textCommand(sb);
                } else if (c == '$') {
                    throw fail("math inside \\text");
                } else if (c == '~') {
                    sb.append('\u00A0');
                    i++;
                } else if (s.startsWith("''", i)) {
                    sb.append('”');
                    i += 2;
                } else {
                    sb.append(c);
                    i++;
                }
            }
        }

        private static final String DING = "\\ifdefined\\ding\\ding{55}\\else$\\times$\\fi";

        private void textCommand(StringBuilder sb) {
            if (s.startsWith(DING, i)) {
                sb.append('✗');
                i += DING.length();
                return;
            }
            int at = i;
            i++;
            if (i < s.length() && "&%$#_{}".indexOf(s.charAt(i)) >= 0) {
                sb.append(s.charAt(i++));
                return;
            }
            String n = name(i);
            i += n.length();
            switch (n) {
                case "textbackslash" -> sb.append('\\');
                case "textasciitilde" -> sb.append('~');
                case "textasciicircum" -> sb.append('^');
                case "small" -> skipSpaces();
                case "texttt" -> {
                    String in = braced();
                    sb.append(in.matches("\\[U\\+[0-9A-F]{4,6}]")
                            ? Character.toString(Integer.parseInt(in.substring(3, in.length() - 1), 16)) : in);
                }
                default -> {
                    i = at;
                    throw fail("unknown text command \\" + n);
                }
            }
        }
    }
}
