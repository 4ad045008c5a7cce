package dev.chainrule.numeric;

import dev.chainrule.expr.Fn;
import java.util.Objects;
import java.util.Optional;

/**
 * A kink met by a finite difference: a function with a kink whose argument changed side of 0 between the
 * evaluations at v − h, v and v + h, or lay within the step of 0. There the central difference averages two
 * one-sided slopes and cannot judge the analytic derivative.
 *
 * @param fn              the function (relu, leaky_relu, abs, step, leaky_step, sign)
 * @param unit            the defined name whose definition holds the call ({@code z[1,1]}), if any
 * @param index           position of the call among the kink events of one evaluation (0-based)
 * @param argument        the argument at v
 * @param argumentPlus    the argument at v + h
 * @param argumentMinus   the argument at v − h
 * @param rightDerivative (f(v + h) − f(v)) / h
 * @param leftDerivative  (f(v) − f(v − h)) / h
 * @param count           how many kink events of the evaluation were met (this is the first)
 */
public record Kink(Fn fn, Optional<String> unit, int index, double argument, double argumentPlus,
        double argumentMinus, double rightDerivative, double leftDerivative, int count) {

    public Kink {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(unit, "unit");
    }

    /** One line: "relu in z[1,1]: argument 0 (−1e-06 at v − h, 1e-06 at v + h); one-sided slopes 1 and 0". */
    public String describe() {
        StringBuilder sb = new StringBuilder(fn.inputName());
        unit.ifPresent(u -> sb.append(" in ").append(u));
        sb.append(": argument ").append(Ops.fmt(argument))
                .append(" (").append(Ops.fmt(argumentMinus)).append(" at v − h, ")
                .append(Ops.fmt(argumentPlus)).append(" at v + h); one-sided slopes ")
                .append(Ops.fmt(leftDerivative)).append(" (left) and ").append(Ops.fmt(rightDerivative)).append(" (right)");
        if (count > 1) {
            sb.append("; ").append(count - 1).append(count == 2 ? " more kink" : " more kinks");
        }
        return sb.toString();
    }
}
