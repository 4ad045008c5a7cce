package dev.chainrule.cas;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * One Symja evaluator, confined to one worker thread (Symja keeps its engine in a thread-local). Created on
 * that thread; every method is called on it.
 */
final class Worker {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private final ExprEvaluator evaluator;
    private final EvalEngine engine;
    private volatile boolean cancelled;

    Worker() {
        evaluator = new ExprEvaluator();
        engine = evaluator.getEvalEngine();
        quiet();
    }

    private void quiet() {
        engine.setQuietMode(true);
        engine.setOutPrintStream(NOWHERE);
        engine.setErrorPrintStream(NOWHERE);
    }

    /** Called on the worker thread before each job. */
    void begin() {
        Thread.interrupted();
        cancelled = false;
        EvalEngine.setReset(engine);
        quiet();
    }

    /** Called from the waiting thread when a job ran out of time. */
    void cancel() {
        cancelled = true;
        engine.stopRequest();
    }

    /** Throws when the current job was cancelled; call between steps. */
    void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Symja job cancelled");
        }
    }

    /** Evaluates an expression built with F.* (never a string). */
    IExpr eval(IExpr e) {
        checkCancelled();
        IExpr r = evaluator.eval(e);
        checkCancelled();
        return r;
    }

    /** Rebuilds bottom-up, applying {@code f} after the children; {@code f} returns null to keep a node. */
    static IExpr mapBottomUp(IExpr e, Function<IExpr, IExpr> f) {
        IExpr node = e;
        if (e.isAST()) {
            IAST a = (IAST) e;
            IExpr head = mapBottomUp(a.head(), f);
            boolean changed = head != a.head();
            List<IExpr> args = new ArrayList<>(a.argSize());
            for (int i = 1; i <= a.argSize(); i++) {
                IExpr x = a.get(i);
                IExpr y = mapBottomUp(x, f);
                changed |= y != x;
                args.add(y);
            }
            if (changed) {
                node = F.ast(head, args);
            }
        }
        IExpr r = f.apply(node);
        return r == null ? node : r;
    }

    /** Rebuilds top-down: where {@code f} returns non-null the node is replaced and not descended into. */
    static IExpr mapTopDown(IExpr e, Function<IExpr, IExpr> f) {
        IExpr r = f.apply(e);
        if (r != null) {
            return r;
        }
        if (!e.isAST()) {
            return e;
        }
        IAST a = (IAST) e;
        boolean changed = false;
        List<IExpr> args = new ArrayList<>(a.argSize());
        for (int i = 1; i <= a.argSize(); i++) {
            IExpr x = a.get(i);
            IExpr y = mapTopDown(x, f);
            changed |= y != x;
            args.add(y);
        }
        return changed ? F.ast(a.head(), args) : e;
    }
}
