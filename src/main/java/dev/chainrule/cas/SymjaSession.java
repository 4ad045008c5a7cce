package dev.chainrule.cas;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.matheclipse.core.basic.Config;

/**
 * Runs Symja jobs on one daemon worker thread, each with a time limit.
 *
 * <p>Time limits: the waiting thread gives up after the limit, then asks Symja to stop (the engine's stop
 * flag, which its evaluation loop polls, plus a thread interrupt, which JAS polynomial code polls once
 * preemption is allowed). If the worker still has not returned after a short grace period, it is abandoned:
 * it is a daemon thread, so it cannot keep the JVM alive, and the next job gets a fresh worker with a fresh
 * engine. (Symja's long JAS gcd loops do not always poll; {@code Thread.stop} is not used because a
 * ThreadDeath inside a class initializer poisons that class for the rest of the run — measured.)
 *
 * <p>Symja's own initialisation (~2–3 s cold) is not counted against a job's limit.
 */
final class SymjaSession {
    private static final long GRACE_MILLIS = 300;
    private static final long INIT_TIMEOUT_SECONDS = 120;
    /** Deep recursion in Symja's evaluator wants more than the default stack. */
    private static final long WORKER_STACK_BYTES = 32L * 1024 * 1024;

    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private ExecutorService executor;
    private Worker worker;
    private Thread workerThread;

    private SymjaSession() {
    }

    /** Configures Symja before any of its classes initialise, then starts the first worker. */
    static SymjaSession start() {
        configure();
        SymjaSession s = new SymjaSession();
        s.ensureWorker();
        return s;
    }

    static void configure() {
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        if (System.getProperty("org.apache.logging.log4j.simplelog.StatusLogger.level") == null) {
            System.setProperty("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
        }
        // Symja's failures are handled by the callers (they fall back); its log lines would only be noise.
        // Set -Dorg.apache.logging.log4j.simplelog.level=DEBUG to see them.
        if (System.getProperty("org.apache.logging.log4j.simplelog.level") == null) {
            System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
        }
        // Config is a plain holder of static fields; setting them does not initialise the engine (F).
        Config.JAS_NO_THREADS = true;
        Config.TIMECONSTRAINED_NO_THREAD = true;
        Config.FILESYSTEM_ENABLED = false;
        Config.JAVA_AWT_DESKTOP_AVAILABLE = false;
        Config.THREAD_FACTORY = daemonFactory("chainrule-symja-aux", 0);
    }

    /** Largest AST (number of arguments) Symja may build once started; see {@link #limitSizes()}. */
    static final int MAX_AST_SIZE = 20_000;
    /** Largest exact integer/fraction, in bits, once started. */
    static final int MAX_BIT_LENGTH = 1_000_000;

    /**
     * Limits set after Symja's start-up (its initialisation may need more): an expansion into more than
     * {@value #MAX_AST_SIZE} terms or a number beyond {@value #MAX_BIT_LENGTH} bits fails fast (Symja turns
     * the limit exception into an unevaluated result) instead of running on, unstoppable, after a time limit
     * (measured: ExpandAll of a degree-16 identity in 6 variables ignored the stop request and was abandoned;
     * degree 8 took 8.6 s). And JAS polynomial rings created from now on poll the thread's interrupt flag
     * (Symja switches that off).
     */
    private static void limitSizes() {
        Config.MAX_AST_SIZE = MAX_AST_SIZE;
        Config.MAX_BIT_LENGTH = MAX_BIT_LENGTH;
        edu.jas.kern.PreemptStatus.setAllow();
    }

    private static ThreadFactory daemonFactory(String name, long stack) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, name + "-" + n.incrementAndGet(), stack);
            t.setDaemon(true);
            return t;
        };
    }

    private synchronized void ensureWorker() {
        if (executor != null) {
            return;
        }
        int gen = generation.incrementAndGet();
        Thread[] made = new Thread[1];
        ThreadFactory base = daemonFactory("chainrule-cas-" + gen, WORKER_STACK_BYTES);
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = base.newThread(r);
            made[0] = t;
            return t;
        });
        Future<Worker> f = ex.submit(() -> {
            Worker w = new Worker();
            limitSizes();
            return w;
        });
        try {
            worker = f.get(INIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            ex.shutdownNow();
            Thread.currentThread().interrupt();
            throw new CasException("interrupted while starting Symja", e);
        } catch (ExecutionException | TimeoutException e) {
            ex.shutdownNow();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new CasException("Symja failed to start: " + cause, cause);
        }
        executor = ex;
        workerThread = made[0];
    }

    /** Workers given up on so far (each is a daemon thread that may still be computing). */
    int abandonedWorkers() {
        return abandoned.get();
    }

    /**
     * Runs {@code job} on the worker and waits at most {@code timeout}.
     *
     * @throws CasException.Timeout when the limit passed
     * @throws CasException when the job failed
     */
    <T> T run(Function<Worker, T> job, Duration timeout) {
        ensureWorker();
        final ExecutorService ex;
        final Worker w;
        final Thread th;
        synchronized (this) {
            ex = executor;
            w = worker;
            th = workerThread;
        }
        Future<T> f = ex.submit(() -> {
            w.begin();
            return job.apply(w);
        });
        long nanos = Math.max(1, timeout.toNanos());
        try {
            return f.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(ex, w, th, f);
            throw new CasException.Timeout("Symja did not finish within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            abort(ex, w, th, f);
            Thread.currentThread().interrupt();
            throw new CasException("interrupted while waiting for Symja", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CasException ce) {
                throw ce;
            }
            if (cause instanceof CancellationException) {
                throw new CasException.Timeout("Symja job was cancelled");
            }
            throw new CasException("Symja failed: " + cause, cause);
        }
    }

    private void abort(ExecutorService ex, Worker w, Thread th, Future<?> f) {
        w.cancel();
        if (th != null) {
            th.interrupt();
        }
        try {
            f.get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // handled below
        }
        if (!f.isDone()) {
            synchronized (this) {
                if (executor == ex) {
                    executor = null;
                    worker = null;
                    workerThread = null;
                }
            }
            ex.shutdownNow();
            abandoned.incrementAndGet();
        }
    }
}
