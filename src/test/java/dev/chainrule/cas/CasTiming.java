package dev.chainrule.cas;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Parser;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Measures the figures quoted in the package documentation (not a test; run by hand):
 * {@code java -cp … dev.chainrule.cas.CasTiming [cold]}. With "cold" it does one equivalence check and
 * exits (for timing whole runs, e.g. with and without an AppCDS archive).
 */
public final class CasTiming {
    private CasTiming() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        Definitions bce = Parser.parseProgram("z = w1*x1 + b; yhat = sigmoid(z); L = -(y*log(yhat) + (1 - y)*log(1 - yhat))")
                .toDefinitions();
        Expr a = Parser.parseExpression("(-y/yhat + (1 - y)/(1 - yhat))*yhat*(1 - yhat)");
        Expr b = Parser.parseExpression("yhat - y");
        Cas.toSymja(b); // starts Symja
        long started = System.nanoTime();
        boolean eq = Cas.equivalent(Parser.parseExpression("D(L, w1)"), Parser.parseExpression("(yhat - y)*x1"), bce,
                Duration.ofSeconds(60));
        long first = System.nanoTime();
        System.out.printf("cold: Symja start-up %.0f ms, then first equivalence (BCE∘σ, %s) %.0f ms; "
                + "result %.0f ms after the first call, %d ms after JVM start%n", (started - t0) / 1e6, eq,
                (first - started) / 1e6, (first - t0) / 1e6, System.currentTimeMillis() - jvmStart);
        if (args.length > 0 && args[0].equals("cold")) {
            return;
        }
        Expr small = Parser.parseExpression("(t - sigmoid(w*x + b))^2");
        report("warm D of (t − σ(wx+b))²", () -> Cas.derivative(small, "w", Definitions.none()));
        Expr diffA = Exprs.sub(a, b);
        report("warm checkZero (a) ŷ a symbol", () -> Cas.checkZero(diffA, Duration.ofSeconds(60)));
        report("warm checkZero (b) ŷ = σ(w1x1+b) expanded", () -> Cas.checkEquivalentExpanded(a, b, bce, Duration.ofSeconds(60)));
        report("warm equivalentNodeLocal D(L,w1) vs (ŷ−y)x1", () -> Cas.checkEquivalentNodeLocal(
                Parser.parseExpression("D(L, w1)"), Parser.parseExpression("(yhat - y)*x1"), bce, Duration.ofSeconds(60)));
        report("warm equivalentExpanded D(L,w1) vs (ŷ−y)x1", () -> Cas.checkEquivalentExpanded(
                Parser.parseExpression("D(L, w1)"), Parser.parseExpression("(yhat - y)*x1"), bce, Duration.ofSeconds(60)));
        report("warm checkZero of a non-zero difference", () -> Cas.checkZero(
                Parser.parseExpression("(a + b)^2 - a^2 - b^2"), Duration.ofSeconds(60)));
        // raw PossibleZeroQ, as SYMJA.md measured it
        SymbolTable t = new SymbolTable();
        IExpr symA = Cas.toSymja(diffA, t);
        report("warm raw PossibleZeroQ (a)", () -> Cas.session().run(w -> w.eval(F.PossibleZeroQ(symA)), Duration.ofSeconds(60)));
        SymbolTable t2 = new SymbolTable();
        IExpr symB = Cas.toSymja(bce.expand(diffA), t2);
        report("warm raw PossibleZeroQ (b)", () -> Cas.session().run(w -> w.eval(F.PossibleZeroQ(symB)), Duration.ofSeconds(60)));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap used after GC: %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    private static void report(String what, Supplier<Object> job) {
        int n = 7;
        double[] ms = new double[n];
        Object last = null;
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            last = job.get();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-48s median %7.1f ms  (min %.1f, max %.1f)  → %s%n", what, ms[n / 2], ms[0], ms[n - 1],
                abbreviate(String.valueOf(last)));
    }

    private static String abbreviate(String s) {
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }
}
