package dev.chainrule.expr;

import dev.chainrule.expr.Expr.Num;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.apache.commons.math3.fraction.BigFraction;

/** The names the parser accepts for functions, and what each call builds. */
final class Functions {
    private Functions() {
    }

    /** Every function's input name and aliases, from the {@link Fn} table. */
    private static final Map<String, Fn> NAMES = names();

    private static Map<String, Fn> names() {
        Map<String, Fn> m = new java.util.HashMap<>();
        for (Fn fn : Fn.values()) {
            m.put(fn.inputName(), fn);
            fn.aliases().forEach(a -> m.put(a, fn));
        }
        return Map.copyOf(m);
    }

    /** Names that build an expression of our functions rather than a call of their own. */
    private static final java.util.Set<String> WRITTEN_OUT = java.util.Set.of("sech", "cosh", "sinh", "identity", "linear");

    /** Whether {@code word} followed by a bracket is a call: a function name, max, or d/diff (derivative). */
    static boolean isCallName(String word) {
        String key = word.toLowerCase(Locale.ROOT);
        return NAMES.containsKey(key) || WRITTEN_OUT.contains(key) || key.equals("max") || key.equals("d") || key.equals("diff");
    }

    static Expr build(Token name, List<Expr> args, BiFunction<Token, String, ParseError> error) {
        String raw = name.text;
        boolean prime = name.prime;
        String key = name.word.toLowerCase(Locale.ROOT);
        if (!name.index.isEmpty() || !name.layer.isEmpty()) {
            throw error.apply(name, "'" + raw + "' is an indexed name, not a function; to multiply, write " + raw + "*(…)");
        }
        if (key.equals("max") && !prime) {
            return max(name, args, error);
        }
        if (WRITTEN_OUT.contains(key)) {
            return writtenOut(key, prime, name, args, error);
        }
        if ((key.equals("d") || key.equals("diff")) && !prime) {
            if (args.size() != 2 || !(args.get(1) instanceof Expr.Var v)) {
                throw error.apply(name, raw + "(expr, variable) takes an expression and a variable name");
            }
            return new Expr.Derivative(args.get(0), v);
        }
        Fn fn = NAMES.get(key);
        if (fn == null) {
            throw error.apply(name, "unknown function '" + raw + "'" + suggestion(key)
                    + "; to multiply, write " + raw + "*(…)");
        }
        List<Expr> a = new ArrayList<>(args);
        if ((fn == Fn.LEAKY_RELU || fn == Fn.LEAKY_STEP) && a.size() == 1) {
            a.add(new Num(new BigFraction(1, 100)));
        }
        if ((fn == Fn.ELU || fn == Fn.ELU_STEP || fn == Fn.HUBER || fn == Fn.HUBER_GRAD) && a.size() == 1) {
            a.add(Num.ONE);
        }
        if (!fn.acceptsArity(a.size())) {
            throw error.apply(name, raw + " takes " + fn.arityText() + ", got " + args.size());
        }
        if (fn == Fn.SOFTMAX && !(a.get(0) instanceof Num k && k.isInteger() && k.value().intValue() >= 1
                && k.value().intValue() <= a.size() - 1)) {
            throw error.apply(name, "softmax(k, z1, …, zK) takes an index k between 1 and K first");
        }
        Expr call = new Expr.Call(fn, a);
        return prime ? derivativeOf(fn, a, name, error) : call;
    }

    /**
     * sech, cosh and sinh in exponentials, as Symja's answers are read back (sech u = 2/(eᵘ + e⁻ᵘ)): the engine
     * derives and evaluates them with the rules it has, and a diagnosis prints 2/(exp(u) + exp(−u)).
     * identity(u) (and linear) is u, identity′(u) is 1.
     */
    private static Expr writtenOut(String key, boolean prime, Token name, List<Expr> args, BiFunction<Token, String, ParseError> error) {
        if (args.size() != 1) {
            throw error.apply(name, name.word + " takes one argument, got " + args.size());
        }
        Expr u = args.get(0);
        Expr plus = Exprs.call(Fn.EXP, u);
        Expr minus = Exprs.call(Fn.EXP, Exprs.neg(u));
        return switch (key) {
            case "identity", "linear" -> prime ? Num.ONE : u;
            case "sech" -> {
                if (prime) {
                    throw error.apply(name, "no derivative helper " + name.text + "; write the derivative out");
                }
                yield Exprs.div(Num.TWO, Exprs.sum(plus, minus));
            }
            case "cosh" -> Exprs.product(Num.HALF, prime ? Exprs.sub(plus, minus) : Exprs.sum(plus, minus));
            default -> Exprs.product(Num.HALF, prime ? Exprs.sum(plus, minus) : Exprs.sub(plus, minus));
        };
    }

    /**
     * The prime helpers sigmoid'(u), relu'(u), tanh'(u), …: the function's own derivative ({@link Fn#partial});
     * the steps' derivatives (0 away from the jump) and softmax's (a Jacobian) have no helper.
     */
    private static Expr derivativeOf(Fn fn, List<Expr> a, Token name, BiFunction<Token, String, ParseError> error) {
        return switch (fn) {
            case EXP, LOG, SQRT, SIGMOID, TANH, RELU, LEAKY_RELU, ABS, SIN, COS, SOFTPLUS, ELU, GELU, SILU, NORM_CDF,
                    HUBER -> fn.partial(a, 0);
            case ELU_STEP, NORM_PDF, HUBER_GRAD, STEP, LEAKY_STEP, SIGN, SOFTMAX ->
                    throw error.apply(name, "no derivative helper " + name.text + "; write the derivative out");
        };
    }

    /** max(0, u) and max(u, 0) are ReLU(u); other maxima are not part of the notes. */
    private static Expr max(Token name, List<Expr> args, BiFunction<Token, String, ParseError> error) {
        if (args.size() == 2) {
            if (args.get(0) instanceof Num n && n.isZero()) {
                return new Expr.Call(Fn.RELU, args.get(1));
            }
            if (args.get(1) instanceof Num n && n.isZero()) {
                return new Expr.Call(Fn.RELU, args.get(0));
            }
        }
        throw error.apply(name, "max is supported as max(0, z), the ReLU");
    }

    private static String suggestion(String key) {
        String best = null;
        int bestD = 3;
        for (String k : new TreeSet<>(NAMES.keySet())) {
            int d = editDistance(key, k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best == null ? " (known: exp, log, sqrt, sigmoid, tanh, relu, leaky_relu, max(0,·), step, abs, sin, cos, sech, cosh, softmax, softplus, elu, gelu, silu, normcdf, huber)"
                : " (did you mean " + best + "?)";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
