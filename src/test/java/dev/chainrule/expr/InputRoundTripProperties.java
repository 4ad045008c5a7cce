package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Differentiator;
import dev.chainrule.derive.Step;
import dev.chainrule.numeric.EvaluationException;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.derive.RandomTrees;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * What {@link InputPrinter} writes parses back to the same function: for random expressions, their
 * derivatives (the {@code result} of {@code derive --format json}) the re-parsed expression has the same
 * value at a random point; every step of a derivation, D(…) nodes included, parses back.
 */
class InputRoundTripProperties {
    private static final AtomicInteger tries = new AtomicInteger();
    private static final AtomicInteger valued = new AtomicInteger();

    @Provide
    Arbitrary<Expr> expressions() {
        return Arbitraries.of(true, false).flatMap(RandomTrees::expressions);
    }

    @Provide
    Arbitrary<Map<String, Double>> points() {
        return RandomTrees.points();
    }

    @Provide
    Arbitrary<String> variables() {
        return Arbitraries.of(RandomTrees.VARIABLES);
    }

    @Property(tries = 1000)
    void inputSyntaxParsesBackToTheSameFunction(@ForAll("expressions") Expr e, @ForAll("points") Map<String, Double> point,
            @ForAll("variables") String v) {
        tries.incrementAndGet();
        var derivation = new Differentiator().derive(e, new Expr.Var(v));
        for (Step s : derivation.steps()) {
            // every line, D(…) nodes included, parses back (the JSON "expr" of a step)
            Parser.parseExpression(InputPrinter.str(s.expr()));
        }
        for (Expr x : new Expr[] {e, derivation.result()}) {
            String text = InputPrinter.str(x);
            Expr back = Parser.parseExpression(text);
            Evaluator ev = new Evaluator(Definitions.none());
            double a;
            double b;
            try {
                a = ev.eval(x, point);
                b = ev.eval(back, point);
            } catch (EvaluationException outsideTheDomain) {
                continue;
            }
            assertTrue(a == b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))
                    || Double.isNaN(a) && Double.isNaN(b), () -> text + " is " + a + " but parses back to " + b);
            valued.incrementAndGet();
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("input round trip: %d tries, %d expressions compared by value%n", tries.get(), valued.get());
    }
}
