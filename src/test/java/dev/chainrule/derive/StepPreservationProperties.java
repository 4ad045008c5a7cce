package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.numeric.EvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every line of every derivation has the value of the line before it, at random points: the rules and the
 * simplifier never change what a line is worth. Unevaluated ∂ nodes are valued by forward mode
 * ({@link StepOracle}); through definitions, ∂L/∂z is the partial of L's definition with the other names
 * held fixed, the chain-rule line must equal the total derivative, and each ∂p/∂c in it the result of its
 * local derivation. Points where a line leaves the domain, or where σ, tanh or softmax saturate (see
 * {@link StepOracle#saturated}), are skipped; the counts of tries really checked are printed.
 */
class StepPreservationProperties {
    /** Lines are the same number computed in different orders: they agree to rounding. */
    static final double TOLERANCE = 1e-9;

    private static final AtomicInteger exprTries = new AtomicInteger();
    private static final AtomicInteger exprLines = new AtomicInteger();
    private static final AtomicInteger exprChecked = new AtomicInteger();
    private static final AtomicInteger progChecked = new AtomicInteger();
    private static final AtomicInteger progTries = new AtomicInteger();
    private static final AtomicInteger progLines = new AtomicInteger();

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

    @Provide
    Arbitrary<RandomTrees.Program> programs() {
        return RandomTrees.programs();
    }

    @Property(tries = 2000)
    void everyStepOfADerivationKeepsTheValue(@ForAll("expressions") Expr e, @ForAll("points") Map<String, Double> point,
            @ForAll("variables") String v) {
        exprTries.incrementAndGet();
        Derivation d = new Differentiator().derive(e, new Var(v));
        int lines = assertStepsKeepValue(new StepOracle(Definitions.none()), d.goal(), d.steps(), point);
        exprLines.addAndGet(lines);
        exprChecked.addAndGet(lines > 0 ? 1 : 0);
    }

    @Property(tries = 2000)
    void everyStepOfAChainDerivationKeepsTheValue(@ForAll("programs") RandomTrees.Program program,
            @ForAll("points") Map<String, Double> point, @ForAll @IntRange(max = 99) int pick) {
        progTries.incrementAndGet();
        Var target = program.target();
        String v = program.dependency(pick); // a variable or an intermediate (∂L/∂u1 with u1's inputs fixed)
        if (v == null) {
            return;
        }
        ChainDerivation c = new ChainRule(program.definitions()).derive(target, new Var(v));
        int lines = assertChainKeepsValue(program.definitions(), c, point);
        progLines.addAndGet(lines);
        progChecked.addAndGet(lines > 0 ? 1 : 0);
    }

    /**
     * Asserts goal = step₁ = … = stepₙ at the point; returns the number of lines compared (0 when the point
     * is outside the domain of some line: such points are skipped).
     */
    static int assertStepsKeepValue(StepOracle oracle, Expr goal, List<Step> steps, Map<String, Double> point) {
        List<Expr> lines = new ArrayList<>();
        lines.add(goal);
        steps.forEach(s -> lines.add(s.expr()));
        if (oracle.saturated(lines, point)) {
            return 0;
        }
        double[] values = new double[lines.size()];
        try {
            for (int i = 0; i < lines.size(); i++) {
                values[i] = oracle.value(lines.get(i), point);
            }
        } catch (EvaluationException outsideTheDomain) {
            return 0;
        }
        for (int i = 1; i < lines.size(); i++) {
            int k = i;
            if (!Double.isFinite(values[k - 1]) || !Double.isFinite(values[k])) {
                return 0;
            }
            assertTrue(StepOracle.close(values[k - 1], values[k], TOLERANCE), () -> "step " + k + " ("
                    + steps.get(k - 1).label() + ") changes the value from " + values[k - 1] + " to " + values[k]
                    + "\nbefore: " + InputPrinter.str(lines.get(k - 1)) + "\nafter:  " + InputPrinter.str(lines.get(k))
                    + "\nat " + point);
        }
        return lines.size();
    }

    /** The checks of a chain derivation (see the class comment); returns the number of lines compared. */
    static int assertChainKeepsValue(Definitions defs, ChainDerivation c, Map<String, Double> point) {
        StepOracle oracle = new StepOracle(defs);
        if (c.isDirect()) {
            return assertStepsKeepValue(oracle, c.direct().goal(), c.direct().steps(), point);
        }
        int compared = 0;
        List<Expr> everyLine = new ArrayList<>();
        c.steps().forEach(s -> everyLine.add(s.expr()));
        c.locals().forEach(l -> l.derivation().steps().forEach(s -> everyLine.add(s.expr())));
        if (oracle.saturated(everyLine, point)) {
            return 0;
        }
        Map<String, Double> all;
        double total;
        try {
            all = oracle.allValues(point);
            total = oracle.total(c.of(), point, c.wrt().name());
        } catch (EvaluationException outsideTheDomain) {
            return 0;
        }
        for (LocalDerivative l : c.locals()) {
            compared += assertStepsKeepValue(oracle, l.derivation().goal(), l.derivation().steps(), point);
            try {
                double byOracle = oracle.partial(new Derivative(l.of(), l.wrt()), all);
                double byEngine = oracle.value(l.derivation().result(), point);
                if (Double.isFinite(byOracle) && Double.isFinite(byEngine)) {
                    assertTrue(StepOracle.close(byOracle, byEngine, TOLERANCE), () -> "local ∂" + l.of().name() + "/∂"
                            + l.wrt().name() + " = " + InputPrinter.str(l.derivation().result()) + " is " + byEngine
                            + " but the partial with the other names fixed is " + byOracle + "\nat " + point);
                }
            } catch (EvaluationException outsideTheDomain) {
                // skipped
            }
        }
        // the chain-rule line is the total derivative; every later line keeps its value
        int lines = assertStepsKeepValue(oracle, c.steps().get(0).expr(), c.steps().subList(1, c.steps().size()), point);
        if (lines > 0 && Double.isFinite(total)) {
            double chainLine = oracle.value(c.steps().get(0).expr(), point);
            assertTrue(StepOracle.close(total, chainLine, TOLERANCE), () -> "the chain-rule line "
                    + InputPrinter.str(c.steps().get(0).expr()) + " is " + chainLine + " but ∂" + c.of().name() + "/∂"
                    + c.wrt().name() + " is " + total + "\nat " + point);
        }
        return compared + lines;
    }

    @AfterContainer
    static void report() {
        System.out.printf("step preservation: expressions %d tries, %d checked (%d lines compared); programs (chain rule)"
                + " %d tries, %d checked (%d lines compared)%n", exprTries.get(), exprChecked.get(), exprLines.get(),
                progTries.get(), progChecked.get(), progLines.get());
    }
}
