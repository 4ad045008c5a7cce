package dev.chainrule.expr;

import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Pow;
import dev.chainrule.expr.Expr.Product;
import dev.chainrule.expr.Expr.Quotient;
import dev.chainrule.expr.Expr.Sum;
import dev.chainrule.expr.Expr.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Builders and queries. Builders do only what the record invariants need (one term is the term itself,
 * no terms is 0 or 1): they never simplify, so that a derivation shows what a rule produced.
 */
public final class Exprs {
    private Exprs() {
    }

    public static Var var(String name) {
        return new Var(name);
    }

    public static Num num(long n) {
        return Num.of(n);
    }

    public static Num num(BigFraction f) {
        return new Num(f);
    }

    public static Expr sum(List<Expr> terms) {
        return switch (terms.size()) {
            case 0 -> Num.ZERO;
            case 1 -> terms.get(0);
            default -> new Sum(terms);
        };
    }

    public static Expr sum(Expr... terms) {
        return sum(Arrays.asList(terms));
    }

    public static Expr product(List<Expr> factors) {
        return switch (factors.size()) {
            case 0 -> Num.ONE;
            case 1 -> factors.get(0);
            default -> new Product(factors);
        };
    }

    public static Expr product(Expr... factors) {
        return product(Arrays.asList(factors));
    }

    /** −e, written as (−1)·e (or a negated constant). */
    public static Expr neg(Expr e) {
        if (e instanceof Num n) {
            return new Num(n.value().negate());
        }
        if (e instanceof Product p && p.factors().get(0) instanceof Num c) {
            List<Expr> fs = new ArrayList<>(p.factors());
            BigFraction v = c.value().negate();
            if (v.equals(BigFraction.ONE)) {
                fs.remove(0);
            } else {
                fs.set(0, new Num(v));
            }
            return product(fs);
        }
        return new Product(List.of(Num.MINUS_ONE, e));
    }

    public static Expr sub(Expr a, Expr b) {
        return sum(a, neg(b));
    }

    public static Expr div(Expr a, Expr b) {
        return new Quotient(a, b);
    }

    public static Expr pow(Expr base, Expr exponent) {
        return new Pow(base, exponent);
    }

    public static Expr pow(Expr base, long exponent) {
        return new Pow(base, Num.of(exponent));
    }

    public static Expr call(Fn fn, Expr... args) {
        return new Call(fn, List.of(args));
    }

    /** True when {@code v} occurs in {@code e} (not looking through definitions). */
    public static boolean contains(Expr e, String v) {
        return variables(e).contains(v);
    }

    /** Free variables in order of first occurrence. */
    public static Set<String> variables(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, Set<String> out) {
        if (e instanceof Var v) {
            out.add(v.name());
        } else {
            for (Expr c : children(e)) {
                collect(c, out);
            }
            if (e instanceof Derivative d) {
                out.add(d.wrt().name());
            }
        }
    }

    /** The non-constant factors of a product, nested products flattened (none for anything else). */
    public static List<Expr> nonConstantFactors(Expr e) {
        List<Expr> out = new java.util.ArrayList<>();
        if (e instanceof Expr.Product p) {
            for (Expr f : p.factors()) {
                if (f instanceof Expr.Product) {
                    out.addAll(nonConstantFactors(f));
                } else if (!(f instanceof Expr.Num)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** The direct sub-expressions of a node, in order. */
    public static List<Expr> children(Expr e) {
        dev.chainrule.Budget.tick();
        return e.accept(new Expr.Visitor<List<Expr>>() {
            public List<Expr> num(Num n) { return List.of(); }
            public List<Expr> var(Var v) { return List.of(); }
            public List<Expr> sum(Sum s) { return s.terms(); }
            public List<Expr> product(Product p) { return p.factors(); }
            public List<Expr> pow(Pow p) { return List.of(p.base(), p.exponent()); }
            public List<Expr> quotient(Quotient q) { return List.of(q.numerator(), q.denominator()); }
            public List<Expr> call(Call c) { return c.args(); }
            public List<Expr> derivative(Derivative d) { return List.of(d.body()); }
        });
    }

    /** The same node with new children (same count and order as {@link #children}). */
    public static Expr withChildren(Expr e, List<Expr> kids) {
        return e.accept(new Expr.Visitor<Expr>() {
            public Expr num(Num n) { return n; }
            public Expr var(Var v) { return v; }
            public Expr sum(Sum s) { return new Sum(kids); }
            public Expr product(Product p) { return new Product(kids); }
            public Expr pow(Pow p) { return new Pow(kids.get(0), kids.get(1)); }
            public Expr quotient(Quotient q) { return new Quotient(kids.get(0), kids.get(1)); }
            public Expr call(Call c) { return new Call(c.fn(), kids); }
            public Expr derivative(Derivative d) { return new Derivative(kids.get(0), d.wrt()); }
        });
    }

    /** Rebuilds bottom-up, applying {@code f} to every node after its children. */
    public static Expr mapBottomUp(Expr e, Function<Expr, Expr> f) {
        List<Expr> kids = children(e);
        if (kids.isEmpty()) {
            return f.apply(e);
        }
        List<Expr> mapped = new ArrayList<>(kids.size());
        boolean changed = false;
        for (Expr k : kids) {
            Expr m = mapBottomUp(k, f);
            changed |= m != k;
            mapped.add(m);
        }
        return f.apply(changed ? withChildren(e, mapped) : e);
    }

    /** Replaces variables by expressions (simultaneously). */
    public static Expr substitute(Expr e, Map<String, ? extends Expr> values) {
        return mapBottomUp(e, n -> n instanceof Var v && values.containsKey(v.name()) ? values.get(v.name()) : n);
    }

    /** Number of nodes: the measure of "simpler". */
    public static int size(Expr e) {
        int n = 1;
        for (Expr c : children(e)) {
            n += size(c);
        }
        return n;
    }

    public static int depth(Expr e) {
        int d = 0;
        for (Expr c : children(e)) {
            d = Math.max(d, depth(c));
        }
        return d + 1;
    }

    public static boolean containsDerivative(Expr e) {
        if (e instanceof Derivative) {
            return true;
        }
        for (Expr c : children(e)) {
            if (containsDerivative(c)) {
                return true;
            }
        }
        return false;
    }

    /** The numeric coefficient of a term (−3·x → −3, x → 1, 5 → 5). */
    public static BigFraction coefficient(Expr term) {
        if (term instanceof Num n) {
            return n.value();
        }
        if (term instanceof Product p && p.factors().get(0) instanceof Num c) {
            return c.value();
        }
        return BigFraction.ONE;
    }

    /** True when a term prints with a leading minus sign. */
    public static boolean isNegativeTerm(Expr term) {
        return coefficient(term).compareTo(BigFraction.ZERO) < 0;
    }

    /**
     * The number of nodes of {@code e} written out as a tree, counting a shared subtree once per use, or
     * {@code limit + 1} as soon as it exceeds {@code limit}; linear in the distinct nodes (an expansion of
     * definitions into each other shares them, while its tree can be exponentially larger).
     */
    public static long treeSize(Expr e, long limit) {
        return Math.min(limit + 1, treeSize(e, limit, new java.util.IdentityHashMap<>()));
    }

    private static long treeSize(Expr e, long limit, java.util.IdentityHashMap<Expr, Long> memo) {
        Long known = memo.get(e);
        if (known != null) {
            return known;
        }
        long n = 1;
        for (Expr c : children(e)) {
            n = Math.min(limit + 1, n + treeSize(c, limit, memo));
        }
        memo.put(e, n);
        return n;
    }
}
