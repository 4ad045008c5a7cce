package dev.chainrule.homework;

import dev.chainrule.UserError;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Parser;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ID = EXPR} with our own parser (never Symja's: a claim such as {@code Run("ls")} is an unknown
 * function here and goes no further) and puts every name into the network's canonical spelling:
 * h[l,i] is a[l,i], a[0,j] the input x_j, a[L,k] the output ŷ_k. Names the network does not have are an error.
 */
public final class ClaimParser {
    private static final Pattern INDEXED = Pattern.compile("([A-Za-z]+)\\[(\\d+)(?:,(\\d+))?(?:,(\\d+))?]");

    private ClaimParser() {
    }

    /**
     * A parsed claim: the parameter, what was typed, the expression in canonical names, how a number claim is
     * matched ({@link NumberPolicy}), and whether it writes N, the sample count (with --of batch such a claim
     * is read as the term of Σₙ over the samples).
     */
    public record Claim(ParamId id, String text, Expr expr, NumberPolicy policy, boolean usesN) {
        public boolean isNumber() {
            return Exprs.variables(expr).isEmpty();
        }
    }

    /** The sample count, as claims may write it. */
    public static final String SAMPLE_COUNT = "N";

    public static Claim parse(String claim, NetworkSpec spec) {
        int eq = claim.indexOf('=');
        if (eq < 0) {
            throw new UserError("--claim '" + clip(claim) + "': expected ID = EXPR, e.g. --claim 'w[1,1,1] = delta[1,1]*x1'");
        }
        String lhs = claim.substring(0, eq).strip();
        String rhs = claim.substring(eq + 1).strip();
        lhs = lhs.replaceFirst("^(dL/d|∂L/∂)", "");
        lhs = Parser.parseName(lhs).orElse(lhs); // w₁₁⁽²⁾, pasted from a trace, is w[2,1,1]
        ParamId id = ParamId.parse(lhs);
        if (spec != null && spec.indexOf(id) < 0) {
            throw new UserError("--claim " + id + ": the network has no such parameter (it has "
                    + spec.parameters().get(0) + " … " + spec.parameters().get(spec.parameterCount() - 1) + ")");
        }
        Expr e;
        try {
            e = Parser.parseExpression(rhs);
        } catch (UserError ex) {
            throw new UserError("in the claim for " + id + ": " + ex.getMessage());
        }
        if (Exprs.containsDerivative(e)) {
            throw new UserError("in the claim for " + id + ": write the derivative out instead of d(…, …)");
        }
        boolean usesN = spec != null && Exprs.variables(e).contains(SAMPLE_COUNT) && !spec.inputs().contains(SAMPLE_COUNT);
        Expr canon = spec == null ? e : canonical(e, new NetworkSymbols(spec), id);
        return new Claim(id, rhs, canon, NumberPolicy.of(rhs), usesN);
    }

    /** The network's names in canonical spelling; anything else is an error listing what exists. */
    static Expr canonical(Expr e, NetworkSymbols sym, ParamId id) {
        NetworkSpec spec = sym.spec();
        return Exprs.mapBottomUp(e, n -> {
            if (!(n instanceof Var v)) {
                return n;
            }
            if (v.name().equals(SAMPLE_COUNT) && !spec.inputs().contains(SAMPLE_COUNT)) {
                return Exprs.num(spec.data().size());
            }
            Expr c = rename(v.name(), sym);
            if (c == null) {
                throw new UserError("unknown symbol '" + v.name() + "' in the claim for " + id
                        + "; the network's symbols are " + symbolList(sym));
            }
            return c;
        });
    }

    /** The canonical name of a network symbol as written (h[1,2] → a[1,2], ŷ → yhat, …), null when it has none. */
    static Var rename(String raw, NetworkSymbols sym) {
        NetworkSpec spec = sym.spec();
        // the parser spells δ₁⁽²⁾, δ[2,1] and ŷ1 as delta[2,1] and yhat1; names built elsewhere may still start with δ or ŷ
        String name = raw.startsWith("δ") ? "delta" + raw.substring(1) : raw.startsWith("ŷ") ? "yhat" + raw.substring(1) : raw;
        int top = sym.layers();
        for (int j = 1; j <= spec.inputCount(); j++) {
            if (spec.inputs().get(j - 1).equals(name)) {
                return sym.input(j);
            }
        }
        for (int k = 1; k <= spec.outputCount(); k++) {
            if (spec.outputs().get(k - 1).equals(name) || sym.target(k).name().equals(name)) {
                return new Var(name);
            }
        }
        if (spec.outputCount() == 1 && (name.equals("yhat") || name.equals("yhat1"))) {
            return sym.output(1);
        }
        if (spec.outputCount() == 1 && name.equals("y1")) {
            return sym.target(1);
        }
        Matcher m = INDEXED.matcher(name);
        if (!m.matches()) {
            return null;
        }
        String base = m.group(1);
        int[] ix = new int[3];
        int count = 0;
        for (int g = 2; g <= 4; g++) {
            if (m.group(g) != null) {
                ix[count++] = Integer.parseInt(m.group(g));
            }
        }
        switch (base) {
            case "a", "h", "o" -> {
                if (count == 2 && ix[0] >= 0 && ix[0] <= top && ix[1] >= 1 && ix[1] <= sym.width(ix[0])) {
                    return sym.a(ix[0], ix[1]);
                }
            }
            case "z" -> {
                if (count == 2 && ix[0] >= 1 && ix[0] <= top && ix[1] >= 1 && ix[1] <= sym.width(ix[0])) {
                    return sym.z(ix[0], ix[1]);
                }
            }
            case "delta", "d" -> {
                if (count == 2 && ix[0] >= 1 && ix[0] <= top && ix[1] >= 1 && ix[1] <= sym.width(ix[0])) {
                    return sym.delta(ix[0], ix[1]);
                }
            }
            case "w", "b" -> {
                ParamId p = count == 3 && base.equals("w") ? new ParamIdOrNull(ix).weight()
                        : count == 2 && base.equals("b") ? new ParamIdOrNull(ix).bias() : null;
                if (p != null && spec.indexOf(p) >= 0) {
                    return sym.param(p);
                }
            }
            case "x" -> {
                if (count == 1 && ix[0] >= 1 && ix[0] <= spec.inputCount()) {
                    return sym.input(ix[0]);
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private record ParamIdOrNull(int[] ix) {
        ParamId weight() {
            return ix[0] >= 1 && ix[1] >= 1 && ix[2] >= 1 ? ParamId.weight(ix[0], ix[1], ix[2]) : null;
        }

        ParamId bias() {
            return ix[0] >= 1 && ix[1] >= 1 ? ParamId.bias(ix[0], ix[1]) : null;
        }
    }

    static String symbolList(NetworkSymbols sym) {
        NetworkSpec spec = sym.spec();
        List<String> out = new ArrayList<>(spec.inputs());
        for (int k = 1; k <= spec.outputCount(); k++) {
            out.add(sym.target(k).name());
        }
        out.addAll(spec.outputs());
        int top = sym.layers();
        out.add("z[l,i] (l = 1.." + top + ")");
        if (top > 1) {
            out.add("a[l,i] or h[l,i] (l = 1.." + (top - 1) + ")");
        }
        out.add("w[l,i,j]");
        out.add("b[l,i]");
        out.add("delta[l,i]");
        out.add("N (the number of samples)");
        return String.join(", ", out);
    }

    static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }
}
