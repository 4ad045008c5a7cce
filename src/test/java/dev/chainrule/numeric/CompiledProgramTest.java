package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompiledProgramTest {

    private static CompiledProgram compile(String src, List<String> inputs, String... outputs) {
        return CompiledProgram.compile(Parser.parseProgram(src).toDefinitions(), inputs, List.of(outputs));
    }

    @Test
    void evaluatesDefinitionsInOrder() {
        CompiledProgram p = compile("L = (t - yhat)^2; yhat = sigmoid(z); z = w*x + b", List.of("w", "x", "b", "t"), "L", "z");
        assertEquals(List.of("z", "yhat", "L"), p.computedDefinitions());
        double[] out = p.run(new double[] {0.5, 2, -1, 1});
        assertEquals(0.0, out[1]);
        assertEquals(0.25, out[0]);
        CompiledProgram.Frame f = p.newFrame(new double[] {0.5, 2, -1, 1}).run();
        assertEquals(0.5, f.value("yhat"));
        assertEquals(0.5, f.slot(p.slotOf("yhat")));
        assertEquals(1.0, f.set(1, 4).run().output(1));
    }

    @Test
    void stableFormsAreCompiled() {
        CompiledProgram p = compile(EvaluatorTest.BCE, List.of("z", "y"), "L");
        assertEquals(1000.0, p.run(new double[] {1000, 0})[0]);
        assertEquals(1000.0, p.run(new double[] {-1000, 1})[0]);
        assertEquals(0.0, p.run(new double[] {1000, 1})[0]);
        CompiledProgram ce = compile("L = -log(a2); a2 = softmax(2, z1, z2)", List.of("z1", "z2"), "L");
        assertEquals(2000.0, ce.run(new double[] {1000, -1000})[0]);
    }

    @Test
    void errorsMatchTheEvaluator() {
        CompiledProgram p = compile("L = 1/(x - 2)", List.of("x"), "L");
        EvaluationException e = assertThrows(EvaluationException.class, () -> p.run(new double[] {2}));
        assertEquals("division by zero at the given point: the denominator (x - 2) is 0", e.getMessage());
        CompiledProgram q = compile("L = a*x + b*y; a = exp(x); b = -exp(x)", List.of("x", "y"), "L");
        EvaluationException nan = assertThrows(EvaluationException.class, () -> q.run(new double[] {1000, 1000}));
        assertEquals(Ops.notANumber(Parser.parseExpression("a*x + b*y")).getMessage(), nan.getMessage());
        MissingValueException m = assertThrows(MissingValueException.class, () -> compile("L = w*x", List.of("w"), "L"));
        assertEquals("no value for 'x'", m.getMessage());
        assertThrows(IllegalStateException.class, () -> compile("L = D(w*x, w)", List.of("w", "x"), "L"));
    }

    @Test
    void kinksAreRecordedWithUnits() {
        CompiledProgram p = compile("L = h1 + h2; h1 = relu(x); h2 = relu(-x)", List.of("x"), "L");
        KinkLog log = new KinkLog();
        p.run(new double[] {1.5}, log);
        assertEquals(List.of(new KinkEvent(dev.chainrule.expr.Fn.RELU, 1.5, Optional.of("h1")),
                new KinkEvent(dev.chainrule.expr.Fn.RELU, -1.5, Optional.of("h2"))), log.events());
    }

    @Test
    void aSumOfOneHundredThousandProductsTakesAboutAMillisecond() {
        int n = 100_000;
        List<Expr> terms = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        double[] values = new double[2 * n];
        for (int i = 0; i < n; i++) {
            terms.add(Exprs.product(Exprs.var("w" + i), Exprs.var("x" + i)));
            inputs.add("w" + i);
            inputs.add("x" + i);
            values[2 * i] = Math.sin(i);
            values[2 * i + 1] = Math.cos(i);
        }
        Definitions defs = new Definitions(Map.of("L", Exprs.sum(terms)));
        long t0 = System.nanoTime();
        CompiledProgram p = CompiledProgram.compile(defs, inputs, List.of("L"));
        long compileNs = System.nanoTime() - t0;
        CompiledProgram.Frame f = p.newFrame(values);
        double expected = 0;
        for (int i = 0; i < n; i++) {
            expected += values[2 * i] * values[2 * i + 1];
        }
        for (int i = 0; i < 200; i++) {
            f.run();
        }
        int runs = 500;
        long t1 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            f.run();
        }
        double msPerRun = (System.nanoTime() - t1) / 1e6 / runs;
        Map<String, Double> env = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            env.put(inputs.get(i), values[i]);
        }
        long t2 = System.nanoTime();
        double viaEvaluator = new Evaluator(defs).eval(Exprs.var("L"), env);
        double evaluatorMs = (System.nanoTime() - t2) / 1e6;
        System.out.printf("sum of %d products: compile %.1f ms, run %.3f ms (evaluator %.1f ms)%n",
                n, compileNs / 1e6, msPerRun, evaluatorMs);
        assertEquals(expected, f.output(0));
        assertEquals(viaEvaluator, f.output(0));
        assertTrue(msPerRun < 10, "run took " + msPerRun + " ms");
    }

    @Test
    void expressionsCanBeCompiledAsOutputs() {
        Program prog = Parser.parseProgram("z = w*x + b");
        CompiledProgram p = CompiledProgram.compileExpressions(prog.toDefinitions(), List.of("w", "x", "b"),
                List.of(Parser.parseExpression("relu(z)"), Parser.parseExpression("z^2")));
        assertArrayEquals(new double[] {0.0, 1.0}, p.run(new double[] {1, -2, 1}));
        assertEquals(List.of("relu(z)", "z^2"), p.outputs());
    }
}
