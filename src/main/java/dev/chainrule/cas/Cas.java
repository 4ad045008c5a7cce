package dev.chainrule.cas;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The only door to Symja, the independent computer-algebra oracle.
 *
 * <p><b>Lazy.</b> Nothing in this class touches a Symja class until the first call of a method other than
 * {@link #isLoaded()}; that call configures Symja (log4j's simple logger, {@code Config.JAS_NO_THREADS},
 * no file system, no desktop) and starts it, which costs 2–3 s cold (see the package documentation).
 * Commands that do not need algebra must not call it.
 *
 * <p><b>Safe.</b> Expressions go to Symja only as trees built with its {@code F.*} factory, never as text for
 * its parser; every variable becomes a generated dummy symbol ({@link SymbolTable}). Whatever a user types as
 * a name ({@code Run}, {@code Import}, {@code x;Quit[]}) is never seen by Symja, so no Symja function can be
 * reached from user input.
 *
 * <p><b>Threads.</b> All Symja work runs on one daemon worker thread; methods are synchronized (one job at a
 * time, enough for a CLI). Time limits abandon a stuck worker (a daemon, so the JVM still exits) and start a
 * fresh one for the next call. Symja's start-up is not counted against a time limit.
 */
public final class Cas {
    /** Limit for the methods that take none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static volatile boolean loaded;

    private Cas() {
    }

    /** Holder idiom: initialised on the first call that needs Symja. */
    private static final class Holder {
        static final SymjaSession SESSION;
        /** Why Symja could not start (then every call throws a CasException), or null. */
        static final Throwable FAILURE;

        static {
            loaded = true;
            SymjaSession s = null;
            Throwable failure = null;
            try {
                s = SymjaSession.start();
            } catch (RuntimeException | LinkageError e) {
                failure = e;
            }
            SESSION = s;
            FAILURE = failure;
        }
    }

    /** The session (starting Symja if needed); package-private for tests. */
    static SymjaSession session() {
        if (Holder.FAILURE != null) {
            throw new CasException("Symja could not start: " + Holder.FAILURE, Holder.FAILURE);
        }
        return Holder.SESSION;
    }

    /**
     * Starts Symja on a daemon thread and returns at once, so that its start-up (~1–3 s) overlaps the caller's
     * own work; the first call that needs Symja then waits only for what is left. Calling it again does nothing.
     */
    public static void startInBackground() {
        if (loaded) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                session();
            } catch (RuntimeException | LinkageError e) {
                // reported to whoever calls session() next
            }
        }, "chainrule-symja-start");
        t.setDaemon(true);
        t.start();
    }

    /** True once Symja has been (or is being) started in this JVM. */
    public static boolean isLoaded() {
        return loaded;
    }

    /** Number of worker threads given up on after a time limit (each may still be computing, as a daemon). */
    public static synchronized int abandonedWorkers() {
        return loaded ? session().abandonedWorkers() : 0;
    }

    // ---- conversion ---------------------------------------------------------------------------------

    /**
     * Our expression as an unevaluated Symja expression, variables mapped through {@code table} (which
     * grows). Derivative nodes become {@code D(body, v)}.
     */
    public static synchronized IExpr toSymja(Expr e, SymbolTable table) {
        return Jobs.toSymja(session(), e, table);
    }

    /** As {@link #toSymja(Expr, SymbolTable)} with a fresh table (use the other form to convert back). */
    public static IExpr toSymja(Expr e) {
        return toSymja(e, new SymbolTable());
    }

    /**
     * A Symja expression (as Symja returns it: evaluated or not) back in our tree.
     *
     * @throws CasException for forms that have no counterpart (unknown functions, complex numbers, floats,
     *     symbols not in {@code table}, …)
     */
    public static synchronized Expr fromSymja(IExpr e, SymbolTable table) {
        return Jobs.fromSymja(session(), e, table);
    }

    /** Evaluates {@code toSymja(e)} in Symja and converts the result back (a round trip through the CAS). */
    public static synchronized Expr evaluate(Expr e, Duration timeout) {
        return Jobs.evaluate(session(), e, timeout);
    }

    // ---- derivatives --------------------------------------------------------------------------------

    /** {@link #derivative(Expr, String, Definitions, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static Expr derivative(Expr e, String wrt, Definitions defs) {
        return derivative(e, wrt, defs, DEFAULT_TIMEOUT);
    }

    /**
     * Symja's ∂e/∂wrt with every definition substituted (except {@code wrt} itself, if it is a defined name:
     * then it is held as the variable), in our tree. An independent oracle for tests; no simplification is
     * promised beyond what D does. |x|′ comes back as sign(x), relu′ as step, tanh′ as 1 − tanh².
     *
     * @throws CasException when Symja's answer cannot be converted, or on timeout
     */
    public static synchronized Expr derivative(Expr e, String wrt, Definitions defs, Duration timeout) {
        Definitions rest = defs == null ? Definitions.none() : defs;
        if (rest.isDefined(wrt)) {
            Map<String, Expr> m = new LinkedHashMap<>(rest.asMap());
            m.remove(wrt);
            rest = new Definitions(m);
        }
        return Jobs.derivative(session(), e, wrt, rest, timeout);
    }

    // ---- zero tests ---------------------------------------------------------------------------------

    /**
     * Whether {@code difference} is identically zero, with every name a plain independent symbol (Derivative
     * nodes are differentiated first).
     *
     * <ul>
     *   <li>{@code Optional.of(true)}: Symja showed it is zero — it evaluated to 0, or ExpandAll / Together
     *       (over atoms standing for the non-rational parts, which is sound) gave 0, or PossibleZeroQ said
     *       True, or Simplify gave 0; Piecewise parts (relu, step) are split into cases, judged almost
     *       everywhere.</li>
     *   <li>{@code Optional.of(false)}: Symja's own numeric evaluation at a concrete random point gave a value
     *       clearly non-zero relative to the size of the terms. A symbolic "False" from PossibleZeroQ alone is
     *       <em>never</em> reported: it has been seen to be wrong (SYMJA.md: BCE∘σ written with exp gave
     *       False for a difference of −5.6e-17). Callers should still confirm a false with their own
     *       numeric check before telling a user "wrong".</li>
     *   <li>{@code Optional.empty()}: undecided, timed out, or Symja failed.</li>
     * </ul>
     */
    public static Optional<Boolean> isZero(Expr difference, Duration timeout) {
        return checkZero(difference, timeout).zero();
    }

    /** {@link #isZero} with how it was decided and how long it took. */
    public static synchronized ZeroCheck checkZero(Expr difference, Duration timeout) {
        return zeroCheck(difference, null, ToSymja.Mode.PLAIN, timeout);
    }

    /**
     * a ≡ b judged at the level of named intermediates: defined names stay single symbols (ŷ, z), a
     * derivative goes through them by the chain rule (∂/∂v of a body = direct part + Σ ∂body/∂n · dn/dv),
     * and sub-expressions equal to a definition's body are replaced by the name. Works far better than
     * expanding (measured: BCE∘σ expanded with exp → wrong False after 3.7 s; node-local → True in 0.1 s).
     * Numeric checks give names the values their definitions give, so a false here is a real difference.
     */
    public static Optional<Boolean> equivalentNodeLocal(Expr a, Expr b, Definitions defs, Duration timeout) {
        return checkEquivalentNodeLocal(a, b, defs, timeout).zero();
    }

    /** {@link #equivalentNodeLocal} with details. */
    public static synchronized ZeroCheck checkEquivalentNodeLocal(Expr a, Expr b, Definitions defs, Duration timeout) {
        return zeroCheck(Exprs.sub(a, b), defs, ToSymja.Mode.NODE_LOCAL, timeout);
    }

    /** a ≡ b with every definition substituted first; results as for {@link #isZero}. */
    public static Optional<Boolean> equivalentExpanded(Expr a, Expr b, Definitions defs, Duration timeout) {
        return checkEquivalentExpanded(a, b, defs, timeout).zero();
    }

    /** {@link #equivalentExpanded} with details. */
    public static synchronized ZeroCheck checkEquivalentExpanded(Expr a, Expr b, Definitions defs, Duration timeout) {
        return zeroCheck(Exprs.sub(a, b), defs, ToSymja.Mode.EXPANDED, timeout);
    }

    /**
     * True only when Symja shows a ≡ b: node-local first, then (if undecided, with the time left) with
     * definitions expanded. False means "not shown" — different, undecided or timed out.
     */
    public static synchronized boolean equivalent(Expr a, Expr b, Definitions defs, Duration timeout) {
        long start = System.nanoTime();
        ZeroCheck local = checkEquivalentNodeLocal(a, b, defs, timeout);
        if (local.zero().isPresent()) {
            return local.zero().get();
        }
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        if (left.isNegative() || left.isZero()) {
            return false;
        }
        return checkEquivalentExpanded(a, b, defs, left).provedZero();
    }

    private static ZeroCheck zeroCheck(Expr difference, Definitions defs, ToSymja.Mode mode, Duration timeout) {
        SymjaSession s = session(); // start-up is not counted
        long start = System.nanoTime();
        Definitions d = defs == null ? Definitions.none() : defs;
        try {
            ZeroCheck.Outcome o = Jobs.zeroTest(s, difference, d, mode,
                    mode == ToSymja.Mode.NODE_LOCAL ? reachableNames(difference, d) : Set.of(), timeout);
            return new ZeroCheck(o.zero(), o.method(), Duration.ofNanos(System.nanoTime() - start));
        } catch (CasException.Timeout e) {
            return new ZeroCheck(Optional.empty(), "timeout", Duration.ofNanos(System.nanoTime() - start));
        } catch (CasException e) {
            return new ZeroCheck(Optional.empty(), "failed: " + e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static Set<String> reachableNames(Expr e, Definitions defs) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String v : Exprs.variables(e)) {
            if (defs.isDefined(v)) {
                out.add(v);
            }
            for (String u : defs.transitiveVariables(v)) {
                if (defs.isDefined(u)) {
                    out.add(u);
                }
            }
        }
        return out;
    }
}
