package dev.chainrule.expr;

import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random trees over the names chainrule prints for networks — a[l,i], z[l,i], w[l,i,j], b[l,i], delta[l,i],
 * h, o, x_j, y, ŷ, L, multi-digit indices included — a few free-form names (t, v, cgpa, σ and δ as plain
 * variables, which print like functions and Greek bases), numbers of every printed shape, every {@link Fn},
 * unevaluated derivatives and chain-rule products of ∂A/∂B. Drawn straight from a {@link Random} (as
 * {@code derive.RandomTrees}), so thousands of tries take seconds; no shrinking, a failure prints the tree.
 */
public final class NotationTrees {
    public static final List<String> NAMES = List.of(
            "a[1,1]", "a[1,2]", "a[2,12]", "z[1,1]", "z[2,3]", "z[11,2]", "w[1,1,1]", "w[2,1,2]", "w[2,12,1]",
            "w[10,1,2]", "w[1,12,13]", "b[1,1]", "b[2,12]", "delta[1,1]", "delta[2,1]", "h[1,2]", "o[2,1]",
            "x1", "x2", "x12", "y", "y1", "yhat", "yhat1", "yhat12", "L", "t", "w", "v", "x", "cgpa", "alpha", "sigma",
            "delta", "eta", "w_ij", "dz", "E");

    private static final List<Num> NUMBERS = List.of(Num.ZERO, Num.ONE, Num.TWO, Num.of(3), Num.of(12), Num.of(100),
            Num.HALF, Num.of(1, 3), Num.of(2, 3), Num.of(1, 5), Num.of(1, 100), Num.of(3, 2), Num.of(1, 1024),
            Num.MINUS_ONE, Num.of(-2), Num.of(-1, 2), Num.of(-7, 5));

    private NotationTrees() {
    }

    public static Arbitrary<Expr> expressions() {
        return Arbitraries.randomValue(r -> expression(r, 3));
    }

    /** A line of the chain rule written out: ∂L/∂ŷ·∂ŷ/∂z₁⁽²⁾·∂z₁⁽²⁾/∂a₁⁽¹⁾, sometimes with a leading minus. */
    static Arbitrary<Expr> chains() {
        return Arbitraries.randomValue(NotationTrees::chain);
    }

    static Expr chain(Random r) {
        int n = 1 + r.nextInt(4);
        List<Expr> fs = new ArrayList<>();
        Var prev = r.nextBoolean() ? new Var("L") : name(r);
        for (int k = 0; k < n; k++) {
            Var next = name(r);
            fs.add(new Expr.Derivative(prev, next));
            prev = next;
        }
        Expr e = Exprs.product(fs);
        return r.nextInt(4) == 0 ? Exprs.neg(e) : e;
    }

    static Var name(Random r) {
        return new Var(NAMES.get(r.nextInt(NAMES.size())));
    }

    /** Networks' names only, for the d-fraction form (dA/dB, where a name of its own starting with d would be ambiguous). */
    static Var networkName(Random r) {
        List<String> network = NAMES.subList(0, 26);
        return new Var(network.get(r.nextInt(network.size())));
    }

    static Expr leaf(Random r) {
        return r.nextInt(3) < 2 ? name(r) : NUMBERS.get(r.nextInt(NUMBERS.size()));
    }

    static Expr expression(Random r, int depth) {
        if (depth == 0) {
            return leaf(r);
        }
        int d = depth - 1;
        switch (r.nextInt(30)) {
            case 0, 1, 2:
                return Exprs.sum(expression(r, d), expression(r, d));
            case 3:
                return Exprs.sum(expression(r, d), expression(r, d), expression(r, d));
            case 4, 5:
                return Exprs.sub(expression(r, d), expression(r, d));
            case 6, 7, 8:
                return Exprs.product(expression(r, d), expression(r, d));
            case 9:
                return Exprs.product(NUMBERS.get(r.nextInt(NUMBERS.size())), expression(r, d), expression(r, d));
            case 10:
                return Exprs.neg(expression(r, d)); // the leading minus: −y·log(ŷ), −(a + b)
            case 11: {
                List<Expr> exps = List.of(Num.TWO, Num.of(3), Num.MINUS_ONE, Num.of(-2), Num.HALF, Num.of(-1, 2),
                        Num.of(100), Num.of(1, 5), name(r));
                return Exprs.pow(expression(r, d), exps.get(r.nextInt(exps.size())));
            }
            case 12:
                return Exprs.div(expression(r, d), expression(r, d));
            case 13:
                return Exprs.pow(expression(r, d), expression(r, Math.min(d, 1)));
            case 14:
                return new Expr.Derivative(r.nextBoolean() ? name(r) : expression(r, d), name(r));
            case 15:
                return chain(r);
            case 16:
                return Exprs.call(Fn.LEAKY_RELU, expression(r, d), alpha(r));
            case 17:
                return Exprs.call(Fn.LEAKY_STEP, expression(r, d), alpha(r));
            case 18: {
                int k = 2 + r.nextInt(2);
                List<Expr> args = new ArrayList<>();
                args.add(Num.of(1 + r.nextInt(k)));
                for (int j = 0; j < k; j++) {
                    args.add(expression(r, Math.min(d, 1)));
                }
                return new Expr.Call(Fn.SOFTMAX, args);
            }
            default: {
                List<Fn> unary = List.of(Fn.EXP, Fn.LOG, Fn.SQRT, Fn.SIGMOID, Fn.TANH, Fn.RELU, Fn.STEP, Fn.ABS, Fn.SIGN,
                        Fn.SIN, Fn.COS);
                Expr call = Exprs.call(unary.get(r.nextInt(unary.size())), expression(r, d));
                return r.nextInt(4) == 0 ? Exprs.pow(call, 2) : call;
            }
        }
    }

    private static Expr alpha(Random r) {
        return List.<Expr>of(Num.of(1, 100), Num.of(1, 5), Num.of(1, 3), new Var("alpha"), Num.of(-1, 2)).get(r.nextInt(5));
    }
}
