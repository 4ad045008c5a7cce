package dev.chainrule.numeric;

import dev.chainrule.expr.Fn;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation of a function with a kink ({@link Fn#hasKink()}): which function, its (first) argument,
 * the side of 0 the argument was on, and the defined name whose definition was being evaluated
 * ({@code z[1,1]}), empty when the call sits in the evaluated expression itself.
 */
public record KinkEvent(Fn fn, double argument, Side side, Optional<String> unit) {

    /** Where an argument lies relative to the kink at 0. */
    public enum Side {
        NEGATIVE, ZERO, POSITIVE;

        public static Side of(double x) {
            return x > 0 ? POSITIVE : x < 0 ? NEGATIVE : ZERO;
        }
    }

    public KinkEvent {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(unit, "unit");
    }

    public KinkEvent(Fn fn, double argument, Optional<String> unit) {
        this(fn, argument, Side.of(argument), unit);
    }
}
