package dev.chainrule.cas;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Parser;
import dev.chainrule.numeric.Evaluator;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Helpers shared by the Cas tests: parsing and numeric comparison with the project's Evaluator. */
final class CasTestSupport {
    static final Duration LIMIT = Duration.ofSeconds(20);

    private CasTestSupport() {
    }

    static Expr parse(String s) {
        return Parser.parseExpression(s);
    }

    static Definitions defs(String program) {
        return Parser.parseProgram(program).toDefinitions();
    }

    /** Asserts that two expressions agree at 25 random points with leaves in [lo, hi]. */
    static void assertAgree(Expr actual, Expr expected, Definitions defs, double lo, double hi) {
        Set<String> leaves = new LinkedHashSet<>();
        leaves.addAll(defs.leaves(actual));
        leaves.addAll(defs.leaves(expected));
        Evaluator ev = new Evaluator(defs);
        Random rnd = new Random(1234 + leaves.hashCode());
        int compared = 0;
        for (int i = 0; i < 25; i++) {
            Map<String, Double> env = new HashMap<>();
            for (String v : leaves) {
                env.put(v, lo + (hi - lo) * rnd.nextDouble());
            }
            double a = ev.eval(actual, env);
            double b = ev.eval(expected, env);
            double scale = Math.max(1e-12, Math.abs(a) + Math.abs(b));
            if (Math.abs(a - b) > 1e-9 * scale + 1e-12) {
                fail("differ at " + env + ": " + a + " vs " + b + "\n  actual:   " + actual + "\n  expected: " + expected);
            }
            compared++;
        }
        assertTrue(compared > 0);
    }

    static void assertAgree(Expr actual, Expr expected) {
        assertAgree(actual, expected, Definitions.none(), 0.1, 0.9);
    }

    static Expr sub(Expr a, Expr b) {
        return Exprs.sub(a, b);
    }
}
