package dev.chainrule;

import java.time.Duration;

/**
 * Work budgets of the README's "Limits and errors": a phase of symbolic work (a derivation, its simplification,
 * the evaluation of huge expressions) may create at most so many expression nodes and take at most so long; past
 * either it stops with a {@link Exceeded} (a {@link UserError}: one line naming the limit and what to do, exit 2)
 * instead of running on for minutes or exhausting memory.
 *
 * <p>Cheap by design: {@link #tick()} is called where expression nodes are made or visited and costs an increment;
 * one call in 1,024 looks at the current thread's phase (a thread-local), counts its nodes and reads the clock.
 * Threads without a phase (Symja's worker, tests that open none) are never stopped.
 */
public final class Budget {
    private static final int EVERY = 1 << 10;
    private static int ticks;
    private static final ThreadLocal<Phase> CURRENT = new ThreadLocal<>();

    private Budget() {
    }

    /** One node made or visited. */
    public static void tick() {
        if ((++ticks & (EVERY - 1)) == 0) {
            Phase p = CURRENT.get();
            if (p != null) {
                p.spend(EVERY);
            }
        }
    }

    /** Checks the current phase's clock now (between coarse steps that make no nodes). */
    public static void checkpoint() {
        Phase p = CURRENT.get();
        if (p != null) {
            p.spend(0);
        }
    }

    /**
     * Opens a phase on this thread, closed by {@link Phase#close()} (use try-with-resources); phases nest, an inner
     * one replacing the outer until it closes.
     *
     * @param what   the work, for the message: "the derivation"
     * @param nodes  at most this many expression nodes made or visited
     * @param time   at most this long
     * @param advice what the user can do, for the message: "differentiate a smaller expression"
     */
    public static Phase phase(String what, long nodes, Duration time, String advice) {
        Phase p = new Phase(what, nodes, time, advice, CURRENT.get());
        CURRENT.set(p);
        return p;
    }

    /**
     * {@link #phase} when this thread has none open, else null (try-with-resources skips a null resource): a step that
     * may explode on its own (one derivation) gets a budget where no command gave a larger one.
     */
    public static Phase phaseIfNone(String what, long nodes, Duration time, String advice) {
        return CURRENT.get() == null ? phase(what, nodes, time, advice) : null;
    }

    /** A phase's budget ran out. */
    public static final class Exceeded extends UserError {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }

    /** One phase of work with its budget. */
    public static final class Phase implements AutoCloseable {
        private final String what;
        private final long maxNodes;
        private final Duration time;
        private final long deadline;
        private final String advice;
        private final Phase outer;
        private long nodes;

        private Phase(String what, long maxNodes, Duration time, String advice, Phase outer) {
            this.what = what;
            this.maxNodes = maxNodes;
            this.time = time;
            this.deadline = System.nanoTime() + time.toNanos();
            this.advice = advice;
            this.outer = outer;
        }

        private void spend(int n) {
            nodes += n;
            if (nodes > maxNodes) {
                throw new Exceeded(String.format(java.util.Locale.ROOT,
                        "%s needs more than %,d expression nodes, the limit for it; %s", what, maxNodes, advice));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new Exceeded(String.format(java.util.Locale.ROOT,
                        "%s did not finish within %d s, the limit for it; %s", what, time.toSeconds(), advice));
            }
        }

        @Override
        public void close() {
            CURRENT.set(outer);
        }
    }
}
