package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compiled program computes exactly what the evaluator computes, errors and kinks included. */
class CompiledProgramProperties {

    @Provide
    Arbitrary<RandomExprs.RandomProgram> programs() {
        return RandomExprs.programs(true);
    }

    @Provide
    Arbitrary<Expr> expressions() {
        return RandomExprs.expressions();
    }

    @Provide
    Arbitrary<Map<String, Double>> points() {
        return RandomExprs.points();
    }

    @Provide
    Arbitrary<Map<String, Double>> nearKinks() {
        return RandomExprs.pointsNearKinks();
    }

    /** A value or an error message, and the kink events as a sorted multiset. */
    record Outcome(String value, List<String> kinks) {
    }

    private static Outcome evaluator(RandomExprs.RandomProgram p, Expr e, Map<String, Double> point) {
        KinkLog log = new KinkLog();
        try {
            double v = new Evaluator(p.definitions()).eval(e, point, log);
            return new Outcome(Long.toHexString(Double.doubleToRawLongBits(v)), sorted(log));
        } catch (EvaluationException ex) {
            return new Outcome(ex.getMessage(), List.of());
        }
    }

    private static Outcome compiled(CompiledProgram c, Map<String, Double> point) {
        double[] in = new double[c.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = point.get(c.inputs().get(i));
        }
        KinkLog log = new KinkLog();
        try {
            double v = c.run(in, log)[0];
            return new Outcome(Long.toHexString(Double.doubleToRawLongBits(v)), sorted(log));
        } catch (EvaluationException ex) {
            return new Outcome(ex.getMessage(), List.of());
        }
    }

    private static List<String> sorted(KinkLog log) {
        List<String> out = new ArrayList<>();
        for (KinkEvent e : log.events()) {
            out.add(e.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Property(tries = 1500)
    void compiledProgramsAgreeWithTheEvaluator(@ForAll("programs") RandomExprs.RandomProgram p,
            @ForAll("points") Map<String, Double> point) {
        CompiledProgram named = CompiledProgram.compile(p.definitions(), p.variables(), List.of("L"));
        assertEquals(evaluator(p, p.target(), point), compiled(named, point));
        Expr body = p.definitions().get("L");
        CompiledProgram inline = CompiledProgram.compileExpressions(p.definitions(), p.variables(), List.of(body));
        assertEquals(evaluator(p, body, point), compiled(inline, point));
    }

    @Property(tries = 1500)
    void compiledExpressionsAgreeWithTheEvaluator(@ForAll("expressions") Expr e, @ForAll("nearKinks") Map<String, Double> point) {
        RandomExprs.RandomProgram p = new RandomExprs.RandomProgram(Definitions.none(), e, RandomExprs.VARIABLES);
        CompiledProgram c = CompiledProgram.compileExpressions(p.definitions(), p.variables(), List.of(e));
        assertEquals(evaluator(p, e, point), compiled(c, point));
        // and a definition holding it, so the expression is computed as a step
        Definitions defs = new Definitions(Map.of("E", e));
        CompiledProgram named = CompiledProgram.compile(defs, p.variables(), List.of("E"));
        RandomExprs.RandomProgram q = new RandomExprs.RandomProgram(defs, Exprs.var("E"), p.variables());
        assertEquals(evaluator(q, Exprs.var("E"), point), compiled(named, point));
    }
}
