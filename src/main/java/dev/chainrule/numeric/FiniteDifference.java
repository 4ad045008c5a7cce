package dev.chainrule.numeric;

import dev.chainrule.expr.Expr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Central differences as the contract defines them: (f(v + h) − f(v − h)) / 2h with h = 1e-6·max(1, |v|),
 * plus f(v) for the one-sided slopes and kink detection.
 *
 * <p>A kink is reported when any recorded kink function (relu, leaky_relu, abs, step, leaky_step, sign)
 * has its argument on different sides of 0 at v − h, v and v + h, or has its argument at v closer to 0
 * than the step moved it. Events of the three evaluations are matched by their position in evaluation
 * order, which depends only on the expression, not on the values.
 *
 * <p>f is evaluated at v + h, v − h and then v (so a {@link CompiledProgram.Frame} ends at v). When the
 * point v itself is outside the domain its error is thrown unchanged; when only v ± h is, the error says
 * the difference stepped out of the domain.
 */
public final class FiniteDifference {
    /** h = RELATIVE_STEP·max(1, |v|). */
    public static final double RELATIVE_STEP = 1e-6;

    private FiniteDifference() {
    }

    /** The step for a variable at {@code v}: 1e-6·max(1, |v|). */
    public static double step(double v) {
        return RELATIVE_STEP * Math.max(1.0, Math.abs(v));
    }

    /**
     * @param point      v
     * @param h          the step
     * @param value      f(v)
     * @param plus       f(v + h)
     * @param minus      f(v − h)
     * @param derivative (f(v + h) − f(v − h)) / 2h
     * @param kink       the first kink met, if any
     */
    public record Result(double point, double h, double value, double plus, double minus, double derivative,
            Optional<Kink> kink) {

        /** (f(v + h) − f(v)) / h. */
        public double rightDerivative() {
            return (plus - value) / h;
        }

        /** (f(v) − f(v − h)) / h. */
        public double leftDerivative() {
            return (value - minus) / h;
        }

        public boolean hasKink() {
            return kink.isPresent();
        }
    }

    /** A function of one variable that reports its kink events (to a recorder that may be null). */
    @FunctionalInterface
    public interface Probe {
        double apply(double v, KinkRecorder rec);
    }

    /** f(v) and its kink events, computed once and reused for many variables of one program. */
    public record Baseline(double value, List<KinkEvent> events) {
        public Baseline {
            events = List.copyOf(events);
        }
    }

    /** A plain function: no kink information. */
    public static Result central(DoubleUnaryOperator f, double v) {
        return central((x, rec) -> f.applyAsDouble(x), v, "the variable");
    }

    public static Result central(Probe f, double v) {
        return central(f, v, "the variable");
    }

    /**
     * Differentiates {@code e} with respect to {@code variable} at the point {@code env} (which must give
     * the variable a value, or define it: a defined name is then held at its value and perturbed as a node).
     */
    public static Result central(Evaluator ev, Expr e, Map<String, Double> env, String variable) {
        double v = ev.scope(env).value(variable);
        Map<String, Double> point = new HashMap<>(env);
        Probe f = (x, rec) -> {
            point.put(variable, x);
            return ev.eval(e, point, rec);
        };
        return central(f, v, "'" + variable + "'");
    }

    /** Differentiates output {@code output} of a compiled program with respect to input {@code input}. */
    public static Result central(CompiledProgram.Frame frame, int input, int output) {
        double v = frame.input(input);
        try {
            return central((x, rec) -> frame.set(input, x).run(rec).output(output), v,
                    "'" + frame.program().inputs().get(input) + "'");
        } finally {
            frame.set(input, v);
        }
    }

    /** The baseline of a frame at its current inputs, for {@link #central(CompiledProgram.Frame, int, int, Baseline)}. */
    public static Baseline baseline(CompiledProgram.Frame frame, int output) {
        KinkLog log = new KinkLog();
        double value = frame.run(log).output(output);
        return new Baseline(value, log.events());
    }

    /**
     * As {@link #central(CompiledProgram.Frame, int, int)} but with f(v) taken from {@code base}: two runs
     * instead of three. The input is restored afterwards; the frame's other slots then hold the values at
     * v − h (run it again before reading them).
     */
    public static Result central(CompiledProgram.Frame frame, int input, int output, Baseline base) {
        double v = frame.input(input);
        double h = step(v);
        KinkLog plus = new KinkLog();
        KinkLog minus = new KinkLog();
        double fp;
        double fm;
        try {
            fp = frame.set(input, v + h).run(plus).output(output);
            fm = frame.set(input, v - h).run(minus).output(output);
        } catch (EvaluationException ex) {
            throw steppedOut("'" + frame.program().inputs().get(input) + "'", h, ex);
        } finally {
            frame.set(input, v);
        }
        return result(v, h, base.value(), fp, fm, base.events(), plus.events(), minus.events());
    }

    private static Result central(Probe f, double v, String what) {
        double h = step(v);
        KinkLog plus = new KinkLog();
        KinkLog minus = new KinkLog();
        KinkLog at = new KinkLog();
        double fp;
        double fm;
        try {
            fp = f.apply(v + h, plus);
            fm = f.apply(v - h, minus);
        } catch (EvaluationException ex) {
            f.apply(v, null); // the point itself is out of the domain: that error, unchanged
            throw steppedOut(what, h, ex);
        }
        double f0 = f.apply(v, at);
        return result(v, h, f0, fp, fm, at.events(), plus.events(), minus.events());
    }

    /** (f(v + h) − f(v − h)) / 2h at a step of the caller's choosing, no kink detection. */
    public static double at(Probe f, double v, double h) {
        return (f.apply(v + h, null) - f.apply(v - h, null)) / ((v + h) - (v - h));
    }

    private static EvaluationException steppedOut(String what, double h, EvaluationException ex) {
        return new EvaluationException("the finite difference for " + what + " (h = " + Ops.fmt(h)
                + ") steps outside the domain: " + ex.getMessage(), ex.expression().orElse(null));
    }

    private static Result result(double v, double h, double f0, double fp, double fm,
            List<KinkEvent> at, List<KinkEvent> plus, List<KinkEvent> minus) {
        double d = (fp - fm) / (2 * h);
        Optional<Kink> kink = detectKink(at, plus, minus, (fp - f0) / h, (f0 - fm) / h);
        return new Result(v, h, f0, fp, fm, d, kink);
    }

    /**
     * The first kink met between three evaluations' events (matched by position), with the count of all.
     * When the lists differ in length (an evaluation that branched on values), the first unmatched event
     * counts as a kink.
     */
    public static Optional<Kink> detectKink(List<KinkEvent> at, List<KinkEvent> plus, List<KinkEvent> minus,
            double rightDerivative, double leftDerivative) {
        int n = Math.min(at.size(), Math.min(plus.size(), minus.size()));
        int first = -1;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (crosses(at.get(i), plus.get(i), minus.get(i))) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        int longest = Math.max(at.size(), Math.max(plus.size(), minus.size()));
        if (longest > n) {
            count += longest - n;
            if (first < 0) {
                first = n;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        KinkEvent e0 = pick(at, plus, minus, first);
        double a0 = first < at.size() ? at.get(first).argument() : Double.NaN;
        double ap = first < plus.size() ? plus.get(first).argument() : Double.NaN;
        double am = first < minus.size() ? minus.get(first).argument() : Double.NaN;
        return Optional.of(new Kink(e0.fn(), e0.unit(), first, a0, ap, am, rightDerivative, leftDerivative, count));
    }

    private static KinkEvent pick(List<KinkEvent> at, List<KinkEvent> plus, List<KinkEvent> minus, int i) {
        return i < at.size() ? at.get(i) : i < plus.size() ? plus.get(i) : minus.get(i);
    }

    private static boolean crosses(KinkEvent at, KinkEvent plus, KinkEvent minus) {
        if (at.fn() != plus.fn() || at.fn() != minus.fn()) {
            return true;
        }
        if (at.side() != plus.side() || at.side() != minus.side()) {
            return true;
        }
        double moved = Math.max(Math.abs(plus.argument() - at.argument()), Math.abs(minus.argument() - at.argument()));
        return Math.abs(at.argument()) < moved;
    }
}
