package dev.chainrule.derive;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random expression trees drawn straight from a {@link Random}: the grammar of the numeric tests'
 * {@code RandomExprs} (sums, products, powers, quotients by positive denominators, functions kept in their
 * domain, kinks), without jqwik's combinators, which cost ~13 ms per tree there against ~0.05 ms here —
 * what keeps thousands of tries within seconds. No shrinking: a failure prints the tree.
 */
public final class RandomTrees {
    public static final List<String> VARIABLES = List.of("x", "y", "w");

    private RandomTrees() {
    }

    public static Arbitrary<Expr> expressions(boolean withKinks) {
        return Arbitraries.randomValue(r -> expression(r, VARIABLES, 3, withKinks));
    }

    public static Arbitrary<Program> programs() {
        return Arbitraries.randomValue(r -> program(r, r.nextBoolean()));
    }

    public static Arbitrary<Map<String, Double>> points() {
        return Arbitraries.randomValue(r -> point(r, VARIABLES));
    }

    public static Map<String, Double> point(Random r, List<String> variables) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (String v : variables) {
            p.put(v, -2 + 4 * r.nextDouble());
        }
        return p;
    }

    /** u1 over the variables, u2 over them and u1, p = σ(u2), L over all of them plus (sometimes) a BCE term. */
    public record Program(Definitions definitions, Expr.Var target) {
        /**
         * The {@code pick}-th (cyclically) of the names L depends on — a variable or an intermediate — or
         * null when L depends on none.
         */
        public String dependency(int pick) {
            List<String> names = new ArrayList<>();
            for (String n : List.of("x", "y", "w", "u1", "u2", "p")) {
                if (definitions.dependsOn(target.name(), n)) {
                    names.add(n);
                }
            }
            return names.isEmpty() ? null : names.get(Math.floorMod(pick, names.size()));
        }
    }

    public static Program program(Random r, boolean withKinks) {
        List<String> v1 = new ArrayList<>(VARIABLES);
        List<String> v2 = new ArrayList<>(v1);
        v2.add("u1");
        List<String> v3 = new ArrayList<>(v2);
        v3.add("u2");
        v3.add("p");
        Map<String, Expr> defs = new LinkedHashMap<>();
        defs.put("L", null);
        defs.put("u1", expression(r, v1, 2, withKinks));
        defs.put("u2", expression(r, v2, 2, withKinks));
        defs.put("p", Exprs.call(Fn.SIGMOID, Exprs.var("u2")));
        Expr body = expression(r, v3, 2, withKinks);
        if (r.nextBoolean()) {
            Expr y = List.of(Num.ZERO, Num.HALF, Num.ONE).get(r.nextInt(3));
            Expr p = Exprs.var("p");
            body = Exprs.sum(body, Exprs.neg(Exprs.sum(Exprs.product(y, Exprs.call(Fn.LOG, p)),
                    Exprs.product(Exprs.sub(Num.ONE, y), Exprs.call(Fn.LOG, Exprs.sub(Num.ONE, p))))));
        }
        defs.put("L", body);
        return new Program(new Definitions(defs), Exprs.var("L"));
    }

    public static Expr expression(Random r, List<String> vars, int depth, boolean withKinks) {
        if (depth == 0) {
            return r.nextInt(5) < 4 ? Exprs.var(vars.get(r.nextInt(vars.size()))) : constant(r);
        }
        int shallow = Math.min(depth - 1, 1);
        int options = withKinks ? 29 : 23;
        switch (r.nextInt(options)) {
            case 0, 1, 2, 3:
                return Exprs.sum(sub(r, vars, depth, withKinks), sub(r, vars, depth, withKinks));
            case 4, 5:
                return Exprs.sub(sub(r, vars, depth, withKinks), sub(r, vars, depth, withKinks));
            case 6, 7, 8:
                return Exprs.product(sub(r, vars, depth, withKinks), sub(r, vars, depth, withKinks));
            case 9:
                return Exprs.product(constant(r), sub(r, vars, depth, withKinks));
            case 10:
                return Exprs.pow(expression(r, vars, shallow, withKinks), 2 + r.nextInt(2));
            case 11: {
                List<Num> qs = List.of(Num.of(-1), Num.of(-2), Num.HALF, Num.of(-1, 2), Num.of(3, 2), Num.of(1, 3),
                        Num.of(-3, 2), Num.of(2, 3));
                return Exprs.pow(onePlusSquare(expression(r, vars, shallow, withKinks)), qs.get(r.nextInt(qs.size())));
            }
            case 12:
                return Exprs.div(sub(r, vars, depth, withKinks), onePlusSquare(sub(r, vars, depth, withKinks)));
            case 13:
                return Exprs.div(sub(r, vars, depth, withKinks), Exprs.sum(Num.TWO, Exprs.call(Fn.COS, sub(r, vars, depth, withKinks))));
            case 14:
                return Exprs.call(Fn.EXP, expression(r, vars, shallow, withKinks));
            case 15:
                return Exprs.call(Fn.LOG, onePlusSquare(sub(r, vars, depth, withKinks)));
            case 16:
                return Exprs.call(Fn.LOG, Exprs.call(Fn.SIGMOID, sub(r, vars, depth, withKinks)));
            case 17:
                return Exprs.call(Fn.LOG, Exprs.sub(Num.ONE, Exprs.call(Fn.SIGMOID, sub(r, vars, depth, withKinks))));
            case 18:
                return Exprs.call(Fn.SQRT, onePlusSquare(sub(r, vars, depth, withKinks)));
            case 19:
                return Exprs.call(Fn.SIGMOID, sub(r, vars, depth, withKinks));
            case 20:
                return Exprs.call(Fn.TANH, sub(r, vars, depth, withKinks));
            case 21:
                return Exprs.call(r.nextBoolean() ? Fn.SIN : Fn.COS, sub(r, vars, depth, withKinks));
            case 22: {
                boolean log = r.nextBoolean();
                int k = 1 + r.nextInt(2);
                Expr s = Exprs.call(Fn.SOFTMAX, Num.of(k), sub(r, vars, depth, withKinks), sub(r, vars, depth, withKinks));
                return log ? Exprs.call(Fn.LOG, s) : s;
            }
            case 23, 24:
                return Exprs.call(Fn.RELU, sub(r, vars, depth, withKinks));
            case 25:
                return Exprs.call(Fn.LEAKY_RELU, sub(r, vars, depth, withKinks), alpha(r));
            case 26:
                return Exprs.call(Fn.ABS, sub(r, vars, depth, withKinks));
            case 27:
                return Exprs.product(Exprs.call(Fn.STEP, sub(r, vars, depth, withKinks)), sub(r, vars, depth, withKinks));
            default:
                return r.nextBoolean() ? Exprs.call(Fn.SIGN, sub(r, vars, depth, withKinks))
                        : Exprs.call(Fn.LEAKY_STEP, sub(r, vars, depth, withKinks), alpha(r));
        }
    }

    private static Expr sub(Random r, List<String> vars, int depth, boolean withKinks) {
        return expression(r, vars, depth - 1, withKinks);
    }

    private static Expr alpha(Random r) {
        return r.nextBoolean() ? Num.of(1, 100) : Num.of(1, 10);
    }

    private static Expr constant(Random r) {
        if (r.nextInt(4) < 3) {
            return Num.of(r.nextInt(7) - 3);
        }
        return Num.of(r.nextInt(11) - 5, 2 + r.nextInt(4));
    }

    private static Expr onePlusSquare(Expr u) {
        return Exprs.sum(Num.ONE, Exprs.pow(u, 2));
    }
}
