package dev.chainrule.render.doc;

import java.util.Map;

/**
 * Text for LaTeX text mode (titles, table cells, \text{…} rule labels). The ten special characters are
 * escaped, so a network named {@code \input{/etc/passwd}} prints as those characters and runs nothing; the
 * Unicode the traces use (σ, ŷ, ₁, ⁽¹⁾, →, ∂, ±, …) becomes inline math that plain pdflatex typesets; Latin
 * letters with accents (Übung, Łódź, São), typographic punctuation (– — “ ” … •) and text symbols (€ ° ©) pass
 * through as UTF-8, which the document's T1 font encoding and textcomp set (every character let through here
 * was compiled once: pdflatex with T1 and lmodern sets it without an error). A character of another script,
 * which pdflatex cannot set without packages of its own, is written as its code point, {@code [U+0416]}, never
 * silently as {@code ?}. "--" stays two hyphens (not an en dash); control characters become spaces.
 */
public final class LatexText {
    private LatexText() {
    }

    private static final Map<Character, String> MATH = Map.ofEntries(
            Map.entry('σ', "\\sigma"), Map.entry('δ', "\\delta"), Map.entry('α', "\\alpha"), Map.entry('β', "\\beta"),
            Map.entry('γ', "\\gamma"), Map.entry('ε', "\\varepsilon"), Map.entry('η', "\\eta"), Map.entry('θ', "\\theta"),
            Map.entry('λ', "\\lambda"), Map.entry('μ', "\\mu"), Map.entry('τ', "\\tau"), Map.entry('φ', "\\varphi"),
            Map.entry('ω', "\\omega"), Map.entry('Σ', "\\Sigma"), Map.entry('∂', "\\partial"), Map.entry('→', "\\to"),
            Map.entry('−', "-"), Map.entry('·', "\\cdot"), Map.entry('×', "\\times"), Map.entry('≥', "\\ge"),
            Map.entry('≤', "\\le"), Map.entry('≠', "\\ne"), Map.entry('≈', "\\approx"), Map.entry('∞', "\\infty"),
            Map.entry('⊙', "\\odot"), Map.entry('∇', "\\nabla"), Map.entry('′', "'"), Map.entry('½', "\\tfrac{1}{2}"),
            Map.entry('ŷ', "\\hat{y}"), Map.entry('✓', "\\checkmark"),
            Map.entry('√', "\\surd"),
            Map.entry('<', "<"), Map.entry('>', ">"), Map.entry('|', "\\vert"), Map.entry('±', "\\pm"),
            Map.entry('∓', "\\mp"), Map.entry('⇒', "\\Rightarrow"), Map.entry('←', "\\leftarrow"),
            Map.entry('∈', "\\in"), Map.entry('∑', "\\sum"), Map.entry('÷', "\\div"), Map.entry('¬', "\\neg"),
            Map.entry('∼', "\\sim"),
            Map.entry('⋆', "\\star"));
    /** Latin-1 and Latin Extended-A characters pdflatex's T1 encoding does not set (ħ, ĸ, ŀ, ŉ, ŧ, ſ …). */
    private static final String NOT_IN_T1 = "\u0126\u0127\u0138\u013F\u0140\u0149\u0166\u0167\u017F";
    /** Punctuation and symbols beyond Latin-1 that T1 and textcomp set. */
    private static final String TEXT_SYMBOLS = "‐‑‒–—―‘’‚“”„†‡•…‰‹›€™№";
    private static final String SUB = "₀₁₂₃₄₅₆₇₈₉₊₋₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";
    private static final String SUB_PLAIN = "0123456789+-()aehijklmnoprstuvx";
    private static final String SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ˡⁿ";
    private static final String SUP_PLAIN = "0123456789+-()ln";

    /** Text-mode LaTeX for {@code s}. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        boolean[] open = {false};
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (SUB.indexOf(c) >= 0 || SUP.indexOf(c) >= 0 || c == 'ᵀ') {
                int end = scriptEnd(s, i);
                math(sb, open, script(s.substring(i, end)));
                i = end;
                continue;
            }
            if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                closeMath(sb, open);
                sb.append("-{}"); // "--format" stays two hyphens, not an en dash
                i++;
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '\u0302' && Character.isLetter(c) && c < 128) {
                math(sb, open, "\\hat{" + c + "}");
                i += 2;
                continue;
            }
            String m = MATH.get(c);
            if (m != null) {
                math(sb, open, m + " ");
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                closeMath(sb, open);
                sb.append(codePoint(s.codePointAt(i)));
                i++;
            } else {
                closeMath(sb, open);
                sb.append(escapeChar(c));
            }
            i++;
        }
        closeMath(sb, open);
        return sb.toString();
    }

    private static void closeMath(StringBuilder sb, boolean[] open) {
        if (open[0]) {
            sb.setLength(sb.length() - (sb.charAt(sb.length() - 1) == ' ' ? 1 : 0));
            sb.append('$');
            open[0] = false;
        }
    }

    /** A character pdflatex cannot set, named: {@code [U+0416]} in typewriter type. */
    private static String codePoint(int cp) {
        return String.format("\\texttt{[U+%04X]}", cp);
    }

    /** Where the run of subscript (or superscript and ᵀ) characters starting at {@code i} ends. */
    private static int scriptEnd(String s, int i) {
        boolean sub = SUB.indexOf(s.charAt(i)) >= 0;
        int j = i;
        while (j < s.length() && (sub ? SUB.indexOf(s.charAt(j)) >= 0 : SUP.indexOf(s.charAt(j)) >= 0 || s.charAt(j) == 'ᵀ')) {
            j++;
        }
        return j;
    }

    /** A run of Unicode sub- or superscripts (₁₂, ⁽¹⁾, ᵀ) as LaTeX: _{12}, ^{(1)}, ^{\\top}. */
    private static String script(String run) {
        boolean sub = SUB.indexOf(run.charAt(0)) >= 0;
        StringBuilder sb = new StringBuilder();
        for (char d : run.toCharArray()) {
            sb.append(d == 'ᵀ' ? "\\top " : String.valueOf((sub ? SUB_PLAIN : SUP_PLAIN).charAt((sub ? SUB : SUP).indexOf(d))));
        }
        return (sub ? "_{" : "^{") + sb.toString().trim() + "}";
    }

    /** Function names a math span may contain, with their LaTeX. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("log", "\\log"), Map.entry("exp", "\\exp"), Map.entry("tanh", "\\tanh"), Map.entry("sin", "\\sin"),
            Map.entry("cos", "\\cos"), Map.entry("ReLU", "\\operatorname{ReLU}"), Map.entry("LReLU", "\\operatorname{LReLU}"),
            Map.entry("softmax", "\\operatorname{softmax}"), Map.entry("step", "\\operatorname{step}"),
            Map.entry("abs", "\\operatorname{abs}"), Map.entry("sign", "\\operatorname{sign}"), Map.entry("sqrt", "\\sqrt"));

    /**
     * LaTeX math (for inside $…$) of a span of math written in Unicode, as text output prints it: σ′(z₁⁽¹⁾) =
     * [z₁⁽¹⁾ > 0] becomes \sigma '(z_{1}^{(1)}) = [z_{1}^{(1)} > 0]. Letters are math letters (italic); a function
     * name is upright ({@code \log}, {@code \operatorname{ReLU}}); another word (a user's variable, {@code placed})
     * is one italic name, {@code \mathit{placed}}; LaTeX's special characters are escaped. A bracket, (…) or
     * […], is one group, so that a line is never broken inside it (not in "[z₁⁽¹⁾ > 0]"); the span may still break
     * after a relation or operator outside brackets, as TeX breaks inline math.
     */
    public static String math(String s) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (SUB.indexOf(c) >= 0 || SUP.indexOf(c) >= 0 || c == 'ᵀ') {
                int end = scriptEnd(s, i);
                sb.append(script(s.substring(i, end)));
                i = end;
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '\u0302' && Character.isLetter(c) && c < 128) {
                sb.append("\\hat{").append(c).append('}');
                i += 2;
                continue;
            }
            if (c < 128 && Character.isLetter(c)) {
                int j = i;
                while (j < s.length() && s.charAt(j) < 128 && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                String word = s.substring(i, j);
                if (NAMES.containsKey(word)) {
                    sb.append(NAMES.get(word)).append(' ');
                } else if (word.length() == 1 || word.matches("[A-Za-z][0-9]+")) {
                    sb.append(word); // x, w, x1
                } else {
                    sb.append("\\mathit{").append(word.replace("_", "\\_")).append('}');
                }
                i = j;
                continue;
            }
            String m = MATH.get(c);
            if (m != null) {
                sb.append(m).append(m.startsWith("\\") && Character.isLetter(m.charAt(m.length() - 1)) ? " " : "");
            } else if (c == '(' || c == '[') {
                sb.append(depth++ == 0 ? "{" : "").append(c); // a bracket is one group: no line break inside it
            } else if (c == ')' || c == ']') {
                sb.append(c).append(depth > 0 && --depth == 0 ? "}" : "");
            } else if ("0123456789+=/,.;:!' ".indexOf(c) >= 0) {
                sb.append(c);
            } else if (c < 128) {
                sb.append(switch (c) {
                    case '\\' -> "\\backslash ";
                    case '{' -> "\\{";
                    case '}' -> "\\}";
                    case '_' -> "\\_";
                    case '&' -> "\\&";
                    case '%' -> "\\%";
                    case '$' -> "\\$";
                    case '#' -> "\\#";
                    case '~' -> "\\sim ";
                    case '^' -> "\\wedge ";
                    case '"' -> "''";
                    default -> c < 32 || c == 127 ? " " : String.valueOf(c);
                });
            } else {
                sb.append("\\text{").append(escapeChar(c)).append('}');
            }
            i++;
        }
        sb.append(depth > 0 ? "}" : ""); // an unclosed bracket still closes its group
        return sb.toString();
    }

    private static void math(StringBuilder sb, boolean[] open, String m) {
        if (!open[0]) {
            sb.append('$');
            open[0] = true;
        }
        sb.append(m);
    }

    private static String escapeChar(char c) {
        switch (c) {
            case '\\': return "\\textbackslash{}";
            case '&': return "\\&";
            case '%': return "\\%";
            case '$': return "\\$";
            case '#': return "\\#";
            case '_': return "\\_";
            case '{': return "\\{";
            case '}': return "\\}";
            case '~': return "\\textasciitilde{}";
            case '^': return "\\textasciicircum{}";
            case '"': return "''";
            default:
                break;
        }
        if (c < 32 || c == 127) {
            return " ";
        }
        if (c < 128) {
            return String.valueOf(c);
        }
        if (Character.getType(c) == Character.NON_SPACING_MARK) {
            return "";
        }
        if (c == '\u00A0') {
            return "~";
        }
        if (c >= '\u00A1' && c <= '\u017F' && NOT_IN_T1.indexOf(c) < 0 || TEXT_SYMBOLS.indexOf(c) >= 0) {
            return String.valueOf(c);
        }
        if (c == '✗') {
            return "\\ifdefined\\ding\\ding{55}\\else$\\times$\\fi{}"; // pifont's ✗, × where a host lacks it
        }
        return codePoint(c);
    }
}
