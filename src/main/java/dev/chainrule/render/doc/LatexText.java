package dev.chainrule.render.doc;

import java.util.Map;

/**
 * Text for LaTeX text mode (titles, table cells, \text{…} rule labels). The ten special characters are
 * escaped, so a network named {@code \input{/etc/passwd}} prints as those characters and runs nothing; the
 * Unicode the traces use (σ, ŷ, ₁, ⁽¹⁾, →, ∂, …) becomes inline math that plain pdflatex typesets; any other
 * non-ASCII character becomes {@code ?}. Control characters become spaces.
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
            Map.entry('✗', "\\times"), Map.entry('√', "\\surd"),
            Map.entry('<', "<"), Map.entry('>', ">"), Map.entry('|', "\\vert"));
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
                boolean sub = SUB.indexOf(c) >= 0;
                String from = sub ? SUB : SUP;
                String to = sub ? SUB_PLAIN : SUP_PLAIN;
                StringBuilder run = new StringBuilder();
                while (i < s.length() && (from.indexOf(s.charAt(i)) >= 0 || !sub && s.charAt(i) == 'ᵀ')) {
                    char d = s.charAt(i);
                    run.append(d == 'ᵀ' ? "\\top " : String.valueOf(to.charAt(from.indexOf(d))));
                    i++;
                }
                math(sb, open, (sub ? "_{" : "^{") + run.toString().trim() + "}");
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
            } else {
                if (open[0]) {
                    sb.setLength(sb.length() - (sb.charAt(sb.length() - 1) == ' ' ? 1 : 0));
                    sb.append('$');
                    open[0] = false;
                }
                sb.append(escapeChar(c));
            }
            i++;
        }
        if (open[0]) {
            sb.setLength(sb.length() - (sb.charAt(sb.length() - 1) == ' ' ? 1 : 0));
            sb.append('$');
        }
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
        return "?";
    }
}
