package dev.chainrule.derive;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.numeric.DualEvaluator;
import dev.chainrule.numeric.Evaluator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values of derivation lines at a point, unevaluated ∂ nodes included, computed by an oracle that shares
 * no code with the engine: commons-math3 forward mode ({@link DualEvaluator}).
 *
 * <p>A node ∂body/∂c means the partial derivative of body — of its definition when body is a defined
 * name, as in the chain-rule line's ∂L/∂z — with respect to c, every other name held at its value at the
 * point. That is what a local derivative of {@link ChainRule} is, and for an expression without names it
 * is the ordinary partial derivative.
 */
final class StepOracle {
    private final Definitions defs;
    private final Evaluator evaluator;
    private final DualEvaluator dual;

    StepOracle(Definitions defs) {
        this.defs = defs;
        this.evaluator = new Evaluator(defs);
        this.dual = new DualEvaluator(defs);
    }

    /** The given values and the value of every definition at the point. */
    Map<String, Double> allValues(Map<String, Double> env) {
        Map<String, Double> all = new LinkedHashMap<>(env);
        Evaluator.Scope scope = evaluator.scope(env);
        for (String name : defs.asMap().keySet()) {
            all.put(name, scope.value(name));
        }
        return all;
    }

    /** The value of a line: each ∂ node by the oracle, the rest by the evaluator. */
    double value(Expr line, Map<String, Double> env) {
        Map<String, Double> all = allValues(env);
        Map<String, Double> point = new HashMap<>(env);
        int[] counter = {0};
        Expr replaced = Exprs.mapBottomUp(line, n -> {
            if (n instanceof Derivative d) {
                String slot = "∂slot" + counter[0]++;
                point.put(slot, partial(d, all));
                return new Var(slot);
            }
            return n;
        });
        return evaluator.eval(replaced, point);
    }

    /** ∂body/∂c with every other name held at its value. */
    double partial(Derivative d, Map<String, Double> all) {
        Expr body = d.body() instanceof Var p && defs.isDefined(p.name()) ? defs.get(p.name()) : d.body();
        return dual.partial(body, all, d.wrt().name());
    }

    /** The total derivative of {@code e} (through every definition) with respect to {@code v}. */
    double total(Expr e, Map<String, Double> env, String v) {
        return dual.partial(e, holding(defs, env, v), v);
    }

    /**
     * The point with a defined {@code v} given its value, so that forward mode treats it as an independent
     * node. (Without it DualEvaluator's stable forms look through v's definition — log p with p = σ(u) is
     * evaluated as log σ(u) — and the seed on v is lost: ∂L/∂p came out 0. Reported to numeric.)
     */
    static Map<String, Double> holding(Definitions defs, Map<String, Double> env, String v) {
        if (!defs.isDefined(v) || env.containsKey(v)) {
            return env;
        }
        Map<String, Double> held = new HashMap<>(env);
        held.put(v, new Evaluator(defs).eval(new Var(v), env));
        return held;
    }

    /**
     * True when a σ, tanh or softmax in {@code lines} or in the definitions is saturated at the point (σ or a
     * softmax output within 1e-6 of 1 or 0, |tanh| within 1e-6 of 1): there the engine's σ(1 − σ),
     * 1 − tanh² and s(1 − s) lose digits to cancellation (ε/(1 − σ) relative), while forward mode
     * differentiates the stable formulas — both right, but not to 1e-9. Such points are skipped, like kinks; so are
     * points where a sin or cos has an argument beyond 1e6, whose value its argument's rounding decides.
     */
    boolean saturated(java.util.Collection<Expr> lines, Map<String, Double> env) {
        java.util.List<Expr> all = new java.util.ArrayList<>(lines);
        all.addAll(defs.asMap().values());
        for (Expr e : all) {
            if (saturated(e, env)) {
                return true;
            }
        }
        return false;
    }

    private boolean saturated(Expr e, Map<String, Double> env) {
        // sin or cos of a huge argument (cos(exp(10^(3/2))) = cos(5·10¹³)): one ulp of the argument moves the value
        // by more than 1e-9, so two equal lines that compute the argument in another order need not agree
        if (e instanceof Expr.Call c && (c.fn() == dev.chainrule.expr.Fn.SIN || c.fn() == dev.chainrule.expr.Fn.COS)
                && !Exprs.containsDerivative(c)) {
            try {
                if (Math.abs(evaluator.eval(c.args().get(0), env)) > 1e6) {
                    return true;
                }
            } catch (dev.chainrule.numeric.EvaluationException ex) {
                // not a number here: the caller skips the point anyway
            }
        }
        if (e instanceof Expr.Call c && (c.fn() == dev.chainrule.expr.Fn.SIGMOID || c.fn() == dev.chainrule.expr.Fn.TANH
                || c.fn() == dev.chainrule.expr.Fn.SOFTMAX) && !Exprs.containsDerivative(c)) {
            try {
                double v = evaluator.eval(c, env);
                double distance = c.fn() == dev.chainrule.expr.Fn.TANH ? 1 - Math.abs(v) : Math.min(v, 1 - v);
                if (distance < SATURATION) {
                    return true;
                }
            } catch (dev.chainrule.numeric.EvaluationException ex) {
                // not a number here: the caller skips the point anyway
            }
        }
        for (Expr child : Exprs.children(e)) {
            if (saturated(child, env)) {
                return true;
            }
        }
        return false;
    }

    private static final double SATURATION = 1e-6;

    /** Equal up to rounding: relative 1e-9, or absolute 1e-9 near 0. */
    static boolean close(double a, double b, double tolerance) {
        if (a == b) {
            return true;
        }
        return Math.abs(a - b) <= tolerance * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }
}
