package dev.chainrule.cas;

import dev.chainrule.expr.Parser;
import java.time.Duration;

/**
 * Run in a child JVM by {@link ThreadsAndLoadingTest}: uses Symja, abandons a worker that ignores the stop
 * request, and returns from main without System.exit — the JVM must end by itself.
 */
public final class ExitProbe {
    private ExitProbe() {
    }

    public static void main(String[] args) {
        ZeroCheck c = Cas.checkZero(Parser.parseExpression("(a + b)^2 - a^2 - 2*a*b - b^2"), Duration.ofSeconds(60));
        try {
            Cas.session().run(w -> {
                long end = System.nanoTime() + 30_000_000_000L; // ignores interrupts and the stop flag
                double x = 0;
                while (System.nanoTime() < end) {
                    x += Math.sqrt(x + 1);
                }
                return x;
            }, Duration.ofMillis(200));
        } catch (CasException.Timeout expected) {
            // abandoned
        }
        ZeroCheck after = Cas.checkZero(Parser.parseExpression("x - x"), Duration.ofSeconds(60));
        System.out.println("zero=" + c.zero().orElse(null) + " after=" + after.zero().orElse(null)
                + " abandoned=" + Cas.abandonedWorkers());
    }
}
