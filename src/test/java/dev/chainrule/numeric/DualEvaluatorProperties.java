package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Forward mode agrees with central differences on smooth random expressions, and with itself on D nodes. */
class DualEvaluatorProperties {

    @Provide
    Arbitrary<Expr> smooth() {
        return RandomExprs.smoothExpressions();
    }

    @Provide
    Arbitrary<RandomExprs.RandomProgram> programs() {
        return RandomExprs.programs(false);
    }

    @Provide
    Arbitrary<Expr> kinky() {
        return RandomExprs.expressions();
    }

    @Provide
    Arbitrary<RandomExprs.RandomProgram> kinkyPrograms() {
        return RandomExprs.programs(true);
    }

    @Provide
    Arbitrary<Map<String, Double>> nearKinks() {
        return RandomExprs.pointsNearKinks();
    }

    @Provide
    Arbitrary<Map<String, Double>> points() {
        return RandomExprs.points();
    }

    /** Where no kink is reported, the difference must agree with forward mode: kink detection misses none that matter. */
    private static void agreesAwayFromKinks(Definitions defs, Expr e, Map<String, Double> point) {
        Evaluator ev = new Evaluator(defs);
        DualEvaluator dual = new DualEvaluator(defs);
        for (String v : RandomExprs.VARIABLES) {
            double analytic;
            FiniteDifference.Result fd;
            try {
                analytic = dual.partial(e, point, v);
                fd = FiniteDifference.central(ev, e, point, v);
            } catch (EvaluationException ex) {
                Statistics.collect("outside the domain");
                continue;
            }
            Check c = Verdicts.check(analytic, fd);
            Statistics.collect(c.verdict());
            // as in agreesWithFiniteDifferences: a steep smooth function (σ of 10⁴·y near y = 0) can leave the
            // difference at h off by its curvature; only a difference the trust test accepts must pass
            if (c.verdict() == Verdict.FAIL
                    && DifferenceTrust.read(ev, e, point, v, analytic, fd.derivative()) != DifferenceTrust.Reading.TRUSTED) {
                Statistics.collect("difference swamped by rounding, curvature or oscillation");
                continue;
            }
            if (c.verdict() != Verdict.KINK) {
                assertEquals(Verdict.PASS, c.verdict(), () -> "d/d" + v + " of " + (defs.asMap().isEmpty() ? "" : defs.asMap() + " ")
                        + dev.chainrule.expr.InputPrinter.str(e) + " at " + point + ": " + c + ", fd " + fd);
            }
        }
    }

    @Property(tries = 1500)
    void differencesWithoutAKinkAgreeWithForwardMode(@ForAll("kinky") Expr e, @ForAll("nearKinks") Map<String, Double> point) {
        agreesAwayFromKinks(Definitions.none(), e, point);
    }

    @Property(tries = 1000)
    void differencesWithoutAKinkAgreeWithForwardModeThroughDefinitions(@ForAll("kinkyPrograms") RandomExprs.RandomProgram p,
            @ForAll("nearKinks") Map<String, Double> point) {
        agreesAwayFromKinks(p.definitions(), p.target(), point);
    }

    private static void agreesWithFiniteDifferences(Definitions defs, Expr e, Map<String, Double> point) {
        Evaluator ev = new Evaluator(defs);
        DualEvaluator dual = new DualEvaluator(defs);
        DualEvaluator.Result r;
        try {
            r = dual.evaluate(e, point, RandomExprs.VARIABLES);
        } catch (EvaluationException ex) {
            Statistics.collect("outside the domain");
            Assume.that(false);
            return;
        }
        Assume.that(Double.isFinite(r.value()));
        assertEquals(ev.eval(e, point), r.value(), 1e-12 * Math.max(1, Math.abs(r.value())));
        for (String v : RandomExprs.VARIABLES) {
            FiniteDifference.Result fd;
            try {
                fd = FiniteDifference.central(ev, e, point, v);
            } catch (EvaluationException ex) {
                Statistics.collect("difference outside the domain");
                continue;
            }
            Check c = Verdicts.check(r.partial(v), fd);
            if (c.verdict() != Verdict.PASS
                    && DifferenceTrust.read(ev, e, point, v, r.partial(v), fd.derivative()) != DifferenceTrust.Reading.TRUSTED) {
                Statistics.collect("difference swamped by rounding, curvature or oscillation");
                continue;
            }
            assertEquals(Verdict.PASS, c.verdict(), () -> "d/d" + v + " of " + (defs.asMap().isEmpty() ? "" : defs.asMap() + " ")
                    + dev.chainrule.expr.InputPrinter.str(e) + " at " + point + ": " + c + ", fd " + fd);
        }
        Statistics.collect("checked");
    }

    @Property(tries = 2000)
    void forwardModeAgreesWithCentralDifferences(@ForAll("smooth") Expr e, @ForAll("points") Map<String, Double> point) {
        agreesWithFiniteDifferences(Definitions.none(), e, point);
    }

    @Property(tries = 1000)
    void forwardModeAgreesWithCentralDifferencesThroughDefinitions(@ForAll("programs") RandomExprs.RandomProgram p,
            @ForAll("points") Map<String, Double> point) {
        agreesWithFiniteDifferences(p.definitions(), p.target(), point);
    }

    @Property(tries = 1000)
    void derivativeNodesEvaluateToForwardModePartials(@ForAll("smooth") Expr e, @ForAll("points") Map<String, Double> point) {
        DualEvaluator dual = new DualEvaluator(Definitions.none());
        for (String v : RandomExprs.VARIABLES) {
            double expected;
            try {
                expected = dual.partial(e, point, v);
            } catch (EvaluationException ex) {
                return;
            }
            Expr withD = Exprs.sum(Exprs.product(Expr.Num.TWO, new Expr.Derivative(e, Exprs.var(v))), Expr.Num.ONE);
            assertEquals(2 * expected + 1, dual.value(withD, point));
        }
    }
}
