package dev.chainrule.expr;

import dev.chainrule.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named intermediates (z = w₁x₁ + b, ŷ = σ(z), L = …): first-class, so a derivation can go through them
 * the way the notes do. Checked on construction to be acyclic.
 */
public final class Definitions {
    private final Map<String, Expr> defs;
    private final Map<String, Set<String>> dependsOn = new HashMap<>();

    public Definitions(Map<String, Expr> defs) {
        this.defs = Collections.unmodifiableMap(new LinkedHashMap<>(defs));
        Set<String> done = new HashSet<>();
        for (String name : this.defs.keySet()) {
            checkAcyclic(name, new ArrayList<>(), done);
        }
    }

    private Definitions(Map<String, Expr> all, Set<String> alreadyChecked) {
        this.defs = Collections.unmodifiableMap(all);
        Set<String> done = new HashSet<>(alreadyChecked);
        for (String name : this.defs.keySet()) {
            checkAcyclic(name, new ArrayList<>(), done);
        }
    }

    /** {@code base} plus more definitions; only the new ones are checked for cycles. */
    public static Definitions extend(Definitions base, Map<String, Expr> more) {
        Map<String, Expr> all = new LinkedHashMap<>(base.defs);
        all.putAll(more);
        Set<String> checked = new HashSet<>(base.defs.keySet());
        checked.removeAll(more.keySet());
        return new Definitions(all, checked);
    }

    public static Definitions none() {
        return new Definitions(Map.of());
    }

    private void checkAcyclic(String name, List<String> stack, Set<String> done) {
        if (stack.contains(name)) {
            stack.add(name);
            throw new UserError("circular definition: " + String.join(" → ", stack.subList(stack.indexOf(name), stack.size())));
        }
        if (!defs.containsKey(name) || done.contains(name)) {
            return;
        }
        stack.add(name);
        for (String v : Exprs.variables(defs.get(name))) {
            checkAcyclic(v, stack, done);
        }
        stack.remove(stack.size() - 1);
        done.add(name);
    }

    public boolean isDefined(String name) {
        return defs.containsKey(name);
    }

    public Expr get(String name) {
        return defs.get(name);
    }

    public Map<String, Expr> asMap() {
        return defs;
    }

    /** True when {@code name} depends on {@code v}, directly or through other definitions. */
    public boolean dependsOn(String name, String v) {
        if (name.equals(v)) {
            return true;
        }
        return transitiveVariables(name).contains(v);
    }

    /** True when expression {@code e} depends on {@code v}, looking through definitions. */
    public boolean dependsOn(Expr e, String v) {
        for (String u : Exprs.variables(e)) {
            if (dependsOn(u, v)) {
                return true;
            }
        }
        return false;
    }

    /** Every variable {@code name} reaches through definitions (not including itself). */
    public Set<String> transitiveVariables(String name) {
        Set<String> cached = dependsOn.get(name);
        if (cached != null) {
            return cached;
        }
        Set<String> out = new HashSet<>();
        Expr body = defs.get(name);
        if (body != null) {
            for (String u : Exprs.variables(body)) {
                out.add(u);
                out.addAll(transitiveVariables(u));
            }
        }
        Set<String> frozen = Collections.unmodifiableSet(out);
        dependsOn.put(name, frozen);
        return frozen;
    }

    /** The free variables at the bottom of everything: those that are not defined. */
    public Set<String> leaves(Expr e) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String v : Exprs.variables(e)) {
            if (defs.containsKey(v)) {
                for (String u : leavesOf(v)) {
                    out.add(u);
                }
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private Set<String> leavesOf(String name) {
        return leaves(defs.get(name));
    }

    /** {@code e} with every defined name replaced by its definition, recursively. */
    public Expr expand(Expr e) {
        if (defs.isEmpty()) {
            return e;
        }
        Map<String, Expr> memo = new HashMap<>();
        return expand(e, memo);
    }

    private Expr expand(Expr e, Map<String, Expr> memo) {
        return Exprs.mapBottomUp(e, n -> {
            if (n instanceof Expr.Var v && defs.containsKey(v.name())) {
                Expr done = memo.get(v.name());
                if (done == null) {
                    done = expand(defs.get(v.name()), memo);
                    memo.put(v.name(), done);
                }
                return done;
            }
            return n;
        });
    }
}
