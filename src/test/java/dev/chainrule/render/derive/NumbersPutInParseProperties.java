package dev.chainrule.render.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.NotationTrees;
import dev.chainrule.expr.ParseError;
import dev.chainrule.expr.Parser;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The "value" and "forward" lines of derive and explain ({@link DeriveNumberPrinter}: every name with a value
 * replaced by it, 6 significant digits, 1.78e−6 for small ones) parse too: what is left are the names without
 * a value. (Compared by names, not by value: the numbers are rounded.)
 */
class NumbersPutInParseProperties {
    @Provide
    Arbitrary<Expr> trees() {
        return NotationTrees.expressions();
    }

    /** Values for a random half of the names: ordinary, zero, ±1, tiny and huge (printed as 1.78e−6, 1.23457e+12). */
    @Provide
    Arbitrary<Map<String, Double>> values() {
        double[] special = {0.0, 1.0, -1.0, 1.78e-6, -2.5e-9, 1.23456789e12};
        return Arbitraries.randomValue(r -> {
            Map<String, Double> m = new HashMap<>();
            for (String n : NotationTrees.NAMES) {
                if (r.nextBoolean()) {
                    m.put(n, r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : -3 + 6 * r.nextDouble());
                }
            }
            return m;
        });
    }

    @Property(tries = 1000)
    void valuesPutInParse(@ForAll("trees") Expr e, @ForAll("values") Map<String, Double> values) {
        String text = DeriveNumberPrinter.str(e, values);
        Expr back;
        try {
            back = Parser.parseExpression(text);
        } catch (ParseError err) {
            throw new AssertionError(text + " (from " + e + ") does not parse: " + err.getMessage(), err);
        }
        Set<String> left = new java.util.HashSet<>(Exprs.variables(e));
        left.removeAll(values.keySet());
        Set<String> wrt = new java.util.HashSet<>();
        Exprs.mapBottomUp(e, n -> {
            if (n instanceof Expr.Derivative d) {
                wrt.add(d.wrt().name()); // ∂/∂w keeps the name w even when w has a value
            }
            return n;
        });
        Set<String> got = new java.util.HashSet<>(Exprs.variables(back));
        got.removeAll(wrt);
        left.removeAll(wrt);
        assertEquals(left, got, text);
        assertTrue(text.indexOf('\n') < 0);
    }
}
