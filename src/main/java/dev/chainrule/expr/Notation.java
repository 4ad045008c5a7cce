package dev.chainrule.expr;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a variable's canonical name is displayed: {@code w[1,1,2]} is w₁₂⁽¹⁾ in text and
 * {@code w_{12}^{(1)}} in LaTeX; {@code yhat} is ŷ; {@code x1} is x₁; {@code sigma} is σ.
 * Network symbols {@code w b z a h delta} with an index list carry the layer as superscript.
 */
public final class Notation {
    private Notation() {
    }

    /** A displayed name split into its parts; {@code superscript} is the layer (or empty). */
    public record Symbol(String base, String subscript, String superscript) {
    }

    private static final Pattern INDEXED = Pattern.compile("([A-Za-z][A-Za-z]*)\\[\\s*(\\d+(?:\\s*,\\s*\\d+)*)\\s*]");
    private static final Pattern UNDERSCORE = Pattern.compile("([A-Za-z]+)_\\{?([A-Za-z0-9]+)}?");
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern TRAILING_DIGITS = Pattern.compile("([A-Za-z]*[A-Za-z])(\\d+)");

    private static final Map<String, String[]> BASES = Map.ofEntries(
            // name -> {unicode, latex}
            Map.entry("yhat", new String[] {"ŷ", "\\hat{y}"}),
            Map.entry("alpha", new String[] {"α", "\\alpha"}),
            Map.entry("beta", new String[] {"β", "\\beta"}),
            Map.entry("gamma", new String[] {"γ", "\\gamma"}),
            Map.entry("delta", new String[] {"δ", "\\delta"}),
            Map.entry("epsilon", new String[] {"ε", "\\varepsilon"}),
            Map.entry("eta", new String[] {"η", "\\eta"}),
            Map.entry("theta", new String[] {"θ", "\\theta"}),
            Map.entry("lambda", new String[] {"λ", "\\lambda"}),
            Map.entry("mu", new String[] {"μ", "\\mu"}),
            Map.entry("sigma", new String[] {"σ", "\\sigma"}),
            Map.entry("tau", new String[] {"τ", "\\tau"}),
            Map.entry("phi", new String[] {"φ", "\\varphi"}),
            Map.entry("omega", new String[] {"ω", "\\omega"}),
            Map.entry("net", new String[] {"net", "\\mathrm{net}"}));

    private static final java.util.Set<String> LAYERED = java.util.Set.of("w", "b", "z", "a", "h", "o", "delta");

    /**
     * Each cache's first table: room for a 784-128-10 network's names without the ~15 doublings (and copies) of a
     * table that starts at 16; it is made on first use, 1 MB a cache.
     */
    private static final int CACHE_START = 1 << 17;
    /** Names already split: a network's names are printed once per parameter and per sample shown. */
    private static final Map<String, Symbol> SYMBOLS = new java.util.concurrent.ConcurrentHashMap<>(CACHE_START);
    private static final Map<String, String> TEXT = new java.util.concurrent.ConcurrentHashMap<>(CACHE_START);
    private static final Map<String, String> LATEX = new java.util.concurrent.ConcurrentHashMap<>(CACHE_START);
    /** Each cache is emptied when it reaches this many names (the largest network has 2,000,000 parameters). */
    private static final int CACHE_LIMIT = 1 << 22;

    private static <V> V cached(Map<String, V> cache, String name, java.util.function.Function<String, V> f) {
        V v = cache.get(name);
        if (v == null) {
            v = f.apply(name);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(name, v);
        }
        return v;
    }

    public static Symbol symbol(String name) {
        return cached(SYMBOLS, name, Notation::split);
    }

    private static Symbol split(String name) {
        String[] plain = plainIndexed(name);
        if (plain != null) {
            return indexed(plain[0], java.util.Arrays.copyOfRange(plain, 1, plain.length));
        }
        Matcher m = INDEXED.matcher(name);
        if (m.matches()) {
            return indexed(m.group(1), COMMA.split(m.group(2)));
        }
        m = UNDERSCORE.matcher(name);
        if (m.matches()) {
            return new Symbol(m.group(1), m.group(2), "");
        }
        if (!BASES.containsKey(name)) {
            m = TRAILING_DIGITS.matcher(name);
            if (m.matches()) {
                return new Symbol(m.group(1), m.group(2), "");
            }
        }
        return new Symbol(name, "", "");
    }

    private static Symbol indexed(String base, String[] idx) {
        if (LAYERED.contains(base) && idx.length >= 2) {
            return new Symbol(base, joinIndices(idx, 1), idx[0]);
        }
        return new Symbol(base, joinIndices(idx, 0), "");
    }

    /**
     * {@code w[1,2,3]} without blanks as {base, indices…}, what {@link #INDEXED} and {@link #COMMA} give for it,
     * without a regular expression (a network has a name per parameter); null for any other name.
     */
    private static String[] plainIndexed(String name) {
        int open = name.indexOf('[');
        if (open < 1 || !name.endsWith("]")) {
            return null;
        }
        for (int i = 0; i < open; i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return null;
            }
        }
        java.util.List<String> parts = new java.util.ArrayList<>(4);
        parts.add(name.substring(0, open));
        int start = open + 1;
        for (int i = start; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || i == name.length() - 1) {
                if (i == start) {
                    return null;
                }
                parts.add(name.substring(start, i));
                start = i + 1;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        return parts.toArray(new String[0]);
    }

    private static String joinIndices(String[] idx, int from) {
        StringBuilder sb = new StringBuilder();
        boolean allSingle = true;
        for (int i = from; i < idx.length; i++) {
            allSingle &= idx[i].length() == 1;
        }
        for (int i = from; i < idx.length; i++) {
            if (i > from && !allSingle) {
                sb.append(',');
            }
            sb.append(idx[i]);
        }
        return sb.toString();
    }

    /** Unicode text: w₁₁⁽¹⁾, ŷ, x₁, σ. */
    public static String text(String name) {
        return cached(TEXT, name, Notation::computeText);
    }

    private static String computeText(String name) {
        Symbol s = symbol(name);
        String[] b = BASES.get(s.base());
        StringBuilder sb = new StringBuilder(b != null ? b[0] : s.base());
        sb.append(subscript(s.subscript()));
        if (!s.superscript().isEmpty()) {
            sb.append('⁽').append(superscript(s.superscript())).append('⁾');
        }
        return sb.toString();
    }

    /** LaTeX: w_{11}^{(1)}, \hat{y}, x_{1}, \sigma, \mathit{cgpa}. */
    public static String latex(String name) {
        return cached(LATEX, name, Notation::computeLatex);
    }

    private static String computeLatex(String name) {
        Symbol s = symbol(name);
        String[] b = BASES.get(s.base());
        String base;
        if (b != null) {
            base = b[1];
        } else if (s.base().length() == 1) {
            base = s.base();
        } else {
            base = "\\mathit{" + escapeLatexText(s.base()) + "}";
        }
        StringBuilder sb = new StringBuilder(base);
        if (!s.subscript().isEmpty()) {
            sb.append("_{").append(escapeLatexText(s.subscript())).append('}');
        }
        if (!s.superscript().isEmpty()) {
            sb.append("^{(").append(escapeLatexText(s.superscript())).append(")}");
        }
        return sb.toString();
    }

    /** Keeps only characters that are safe inside a LaTeX math argument. */
    public static String escapeLatexText(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                sb.append(c);
            } else if (c == ',') {
                sb.append(',');
            } else if (c == '_') {
                sb.append("\\_");
            } else {
                sb.append("?");
            }
        }
        return sb.toString();
    }

    private static final String SUB_DIGITS = "₀₁₂₃₄₅₆₇₈₉";
    private static final String SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    public static String subscript(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.append(SUB_DIGITS.charAt(c - '0'));
            } else if (c == ',') {
                sb.append(',');
            } else {
                int k = "aehijklmnoprstuvx".indexOf(c);
                if (k < 0) {
                    return "_" + s;
                }
                sb.append("ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ".charAt(k));
            }
        }
        return sb.toString();
    }

    public static String superscript(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.append(SUP_DIGITS.charAt(c - '0'));
            } else if (c == '-') {
                sb.append('⁻');
            } else if (c == 'l') {
                sb.append('ˡ');
            } else {
                return "^(" + s + ")";
            }
        }
        return sb.toString();
    }
}
