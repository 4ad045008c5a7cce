package dev.chainrule.numeric;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.InputPrinter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Random expression trees for property tests (reusable by any package's tests).
 *
 * <p>Trees are built level by level: sums, differences, products, constant multiples, squares, cubes,
 * rational powers of positive bases ((1 + u²)^q), quotients by positive denominators (1 + v², 2 + cos v),
 * exp, and functions kept in their domain — log(1 + u²), log σ(u), log(1 − σ(u)),
 * log(2 + sin u), log softmax, √(1 + u²) — plus σ, tanh, sin, cos, softmax and, unless smooth, relu,
 * leaky_relu, abs, step, sign and leaky_step. exp, cubes and the bases of rational powers take a leaf or
 * a bounded function (tanh, sin) so that values stay moderate. At points in [−2, 2] they rarely leave the
 * domain or overflow; a test should still treat {@link EvaluationException} as "skip this point".
 */
public final class RandomExprs {
    /** The variables used when none are given. */
    public static final List<String> VARIABLES = List.of("x", "y", "w");

    private RandomExprs() {
    }

    /** Expressions over {@link #VARIABLES}, depth 3, with kink functions. */
    public static Arbitrary<Expr> expressions() {
        return expressions(VARIABLES, 3, true);
    }

    /** Expressions over {@link #VARIABLES}, depth 3, differentiable everywhere. */
    public static Arbitrary<Expr> smoothExpressions() {
        return expressions(VARIABLES, 3, false);
    }

    /**
     * @param depth     levels of operators above the leaves (1–4 sensible)
     * @param withKinks include relu, leaky_relu, abs, step, sign, leaky_step
     */
    public static Arbitrary<Expr> expressions(List<String> variables, int depth, boolean withKinks) {
        List<Arbitrary<Expr>> levels = new ArrayList<>();
        levels.add(leaves(variables));
        for (int d = 1; d <= depth; d++) {
            levels.add(level(levels.get(d - 1), levels.get(0), withKinks));
        }
        return levels.get(depth);
    }

    /** A point giving each variable a value in [−2, 2]. */
    public static Arbitrary<Map<String, Double>> points(List<String> variables) {
        return Arbitraries.doubles().between(-2, 2).list().ofSize(variables.size()).map(values -> {
            Map<String, Double> point = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                point.put(variables.get(i), values.get(i));
            }
            return point;
        });
    }

    public static Arbitrary<Map<String, Double>> points() {
        return points(VARIABLES);
    }

    /**
     * Points that often put a kink function's argument at or near 0: values from {−1, −½, 0, ½, 1}, values
     * within 1e-7 of 0, and uniform values in [−2, 2].
     */
    public static Arbitrary<Map<String, Double>> pointsNearKinks(List<String> variables) {
        Arbitrary<Double> grid = Arbitraries.of(-1.0, -0.5, 0.0, 0.5, 1.0);
        Arbitrary<Double> tiny = Arbitraries.of(-3e-7, -1e-7, 1e-7, 3e-7);
        Arbitrary<Double> any = Arbitraries.doubles().between(-2, 2);
        Arbitrary<Double> value = Arbitraries.frequencyOf(Tuple.of(3, grid), Tuple.of(1, tiny), Tuple.of(2, any));
        return value.list().ofSize(variables.size()).map(values -> {
            Map<String, Double> point = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                point.put(variables.get(i), values.get(i));
            }
            return point;
        });
    }

    public static Arbitrary<Map<String, Double>> pointsNearKinks() {
        return pointsNearKinks(VARIABLES);
    }

    /**
     * Definitions u1 (over the variables), u2 (over the variables and u1), p = σ(u2), and a target over
     * all of them plus a BCE term −(t·log p + (1 − t)·log(1 − p)) that exercises the stable forms.
     */
    public record RandomProgram(Definitions definitions, Expr target, List<String> variables) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            definitions.asMap().forEach((k, v) -> sb.append(k).append(" = ").append(InputPrinter.str(v)).append("; "));
            return sb.append(InputPrinter.str(target)).toString();
        }
    }

    public static Arbitrary<RandomProgram> programs(boolean withKinks) {
        List<String> v1 = new ArrayList<>(VARIABLES);
        Arbitrary<Expr> u1 = expressions(v1, 2, withKinks);
        List<String> v2 = new ArrayList<>(v1);
        v2.add("u1");
        Arbitrary<Expr> u2 = expressions(v2, 2, withKinks);
        List<String> v3 = new ArrayList<>(v2);
        v3.add("u2");
        v3.add("p");
        Arbitrary<Expr> body = expressions(v3, 2, withKinks);
        Arbitrary<Num> target = Arbitraries.of(Num.ZERO, Num.HALF, Num.ONE);
        Arbitrary<Boolean> withBce = Arbitraries.of(true, false);
        return Combinators.combine(u1, u2, body, target, withBce).as((a, b, t, y, bce) -> {
            Map<String, Expr> defs = new LinkedHashMap<>();
            defs.put("u1", a);
            defs.put("u2", b);
            defs.put("p", Exprs.call(Fn.SIGMOID, Exprs.var("u2")));
            Expr p = Exprs.var("p");
            Expr loss = Exprs.neg(Exprs.sum(Exprs.product(y, Exprs.call(Fn.LOG, p)),
                    Exprs.product(Exprs.sub(Num.ONE, y), Exprs.call(Fn.LOG, Exprs.sub(Num.ONE, p)))));
            defs.put("L", bce ? Exprs.sum(t, loss) : t);
            return new RandomProgram(new Definitions(defs), Exprs.var("L"), VARIABLES);
        });
    }

    // ------------------------------------------------------------------------------------------------

    private static Arbitrary<Expr> constants() {
        Arbitrary<Expr> ints = Arbitraries.integers().between(-3, 3).map(n -> Num.of(n));
        Arbitrary<Expr> fractions = Combinators.combine(Arbitraries.integers().between(-5, 5),
                Arbitraries.integers().between(2, 5)).as((p, q) -> Num.of(p, q));
        return Arbitraries.frequencyOf(Tuple.of(3, ints), Tuple.of(1, fractions));
    }

    private static Arbitrary<Expr> leaves(List<String> variables) {
        Arbitrary<Expr> vars = Arbitraries.of(variables).map(Exprs::var);
        return Arbitraries.frequencyOf(Tuple.of(4, vars), Tuple.of(1, constants()));
    }

    private static Expr onePlusSquare(Expr u) {
        return Exprs.sum(Num.ONE, Exprs.pow(u, 2));
    }

    private static Expr call(Fn fn, Expr... args) {
        return Exprs.call(fn, args);
    }

    private static Arbitrary<Expr> level(Arbitrary<Expr> sub, Arbitrary<Expr> leaf, boolean withKinks) {
        // exp and cubes only of leaves or of bounded functions, so values stay moderate (|·| ≲ 1e6)
        Arbitrary<Expr> bounded = Arbitraries.frequencyOf(Tuple.of(2, leaf),
                Tuple.of(1, sub.map(a -> call(Fn.TANH, a))), Tuple.of(1, sub.map(a -> call(Fn.SIN, a))));
        List<Tuple2<Integer, Arbitrary<Expr>>> options = new ArrayList<>();
        options.add(Tuple.of(4, Combinators.combine(sub, sub).as((a, b) -> Exprs.sum(a, b))));
        options.add(Tuple.of(3, Combinators.combine(sub, sub).as(Exprs::sub)));
        options.add(Tuple.of(1, Combinators.combine(sub, sub, sub).as((a, b, c) -> Exprs.sum(a, b, c))));
        options.add(Tuple.of(4, Combinators.combine(sub, sub).as((a, b) -> Exprs.product(a, b))));
        options.add(Tuple.of(2, Combinators.combine(constants(), sub).as((c, a) -> Exprs.product(c, a))));
        options.add(Tuple.of(1, Combinators.combine(sub, sub, bounded).as((a, b, c) -> Exprs.product(a, b, c))));
        options.add(Tuple.of(1, sub.map(a -> Exprs.pow(a, 2))));
        options.add(Tuple.of(1, bounded.map(a -> Exprs.pow(a, 3))));
        Arbitrary<Num> exponents = Arbitraries.of(Num.of(-1), Num.of(-2), Num.HALF, Num.of(-1, 2), Num.of(3, 2),
                Num.of(1, 3), Num.of(-3, 2), Num.of(2, 3));
        options.add(Tuple.of(2, Combinators.combine(bounded, exponents).as((a, q) -> Exprs.pow(onePlusSquare(a), q))));
        options.add(Tuple.of(2, Combinators.combine(sub, sub).as((a, b) -> Exprs.div(a, onePlusSquare(b)))));
        options.add(Tuple.of(1, Combinators.combine(sub, sub).as((a, b) ->
                Exprs.div(a, Exprs.sum(Num.TWO, call(Fn.COS, b))))));
        options.add(Tuple.of(2, bounded.map(a -> call(Fn.EXP, a))));
        options.add(Tuple.of(1, sub.map(a -> call(Fn.LOG, onePlusSquare(a)))));
        options.add(Tuple.of(1, sub.map(a -> call(Fn.LOG, call(Fn.SIGMOID, a)))));
        options.add(Tuple.of(1, sub.map(a -> call(Fn.LOG, Exprs.sub(Num.ONE, call(Fn.SIGMOID, a))))));
        options.add(Tuple.of(1, sub.map(a -> call(Fn.LOG, Exprs.sum(Num.TWO, call(Fn.SIN, a))))));
        options.add(Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 2), sub, sub)
                .as((k, a, b) -> call(Fn.LOG, call(Fn.SOFTMAX, Num.of(k), a, b)))));
        options.add(Tuple.of(1, sub.map(a -> call(Fn.SQRT, onePlusSquare(a)))));
        options.add(Tuple.of(2, sub.map(a -> call(Fn.SIGMOID, a))));
        options.add(Tuple.of(1, sub.map(a -> call(Fn.TANH, a))));
        options.add(Tuple.of(1, sub.map(a -> call(Fn.SIN, a))));
        options.add(Tuple.of(1, sub.map(a -> call(Fn.COS, a))));
        options.add(Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 3), sub, sub, sub)
                .as((k, a, b, c) -> call(Fn.SOFTMAX, Num.of(k), a, b, c))));
        if (withKinks) {
            Arbitrary<Expr> alphas = Arbitraries.of(Num.of(1, 100), Num.of(1, 10));
            options.add(Tuple.of(2, sub.map(a -> call(Fn.RELU, a))));
            options.add(Tuple.of(1, Combinators.combine(sub, alphas).as((a, al) -> call(Fn.LEAKY_RELU, a, al))));
            options.add(Tuple.of(1, sub.map(a -> call(Fn.ABS, a))));
            options.add(Tuple.of(1, Combinators.combine(sub, sub).as((a, b) -> Exprs.product(call(Fn.STEP, a), b))));
            options.add(Tuple.of(1, sub.map(a -> call(Fn.SIGN, a))));
            options.add(Tuple.of(1, Combinators.combine(sub, alphas).as((a, al) -> call(Fn.LEAKY_STEP, a, al))));
        }
        return Arbitraries.frequencyOf(options);
    }
}
