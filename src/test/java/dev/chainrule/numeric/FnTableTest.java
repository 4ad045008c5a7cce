package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Fn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Fn table against itself: every entry's {@link Fn#partial} agrees with a central difference of its value
 * ({@code Ops.apply}) for every argument it is differentiable in, at points away from any kink.
 */
class FnTableTest {
    private final Evaluator ev = new Evaluator(Definitions.none());

    /** Sample arguments per function: names u0, u1, … for the differentiable ones, constants elsewhere. */
    private static List<Expr> args(Fn fn) {
        return switch (fn) {
            case LEAKY_RELU, LEAKY_STEP, ELU, ELU_STEP, HUBER, HUBER_GRAD -> List.of(new Var("u0"), new Var("u1"));
            case SOFTMAX -> List.of(Num.of(2), new Var("u1"), new Var("u2"), new Var("u3"));
            case EXP, LOG, SQRT, SIGMOID, TANH, RELU, STEP, ABS, SIGN, SIN, COS, SOFTPLUS, GELU, SILU, NORM_CDF,
                    NORM_PDF -> List.of(new Var("u0"));
        };
    }

    @Test
    void everyPartialMatchesACentralDifferenceOfTheValue() {
        for (Fn fn : Fn.values()) {
            for (double[] point : new double[][] {{0.7, 0.1, -0.4, 1.3}, {1.9, 0.2, 0.8, -1.1}, {-0.6, 0.05, 0.3, 0.2},
                    {-0.3, 0.5, 0.1, -0.2}}) {
                if (point[0] < 0 && (fn == Fn.LOG || fn == Fn.SQRT)) {
                    continue;
                }
                List<Expr> a = args(fn);
                Map<String, Double> env = new HashMap<>();
                for (int i = 0; i < a.size(); i++) {
                    env.put("u" + i, point[i]);
                }
                Expr call = new Call(fn, a);
                for (int i = 0; i < a.size(); i++) {
                    if (!(a.get(i) instanceof Var v)) {
                        continue;
                    }
                    if (fn.acceptsArity(2) && fn != Fn.SOFTMAX) {
                        if (i == 1) {
                            int arg = i;
                            assertThrows(Fn.NotDifferentiable.class, () -> fn.partial(a, arg), fn + " slope");
                            continue;
                        }
                    }
                    double h = 1e-6;
                    Map<String, Double> up = new HashMap<>(env);
                    Map<String, Double> down = new HashMap<>(env);
                    up.put(v.name(), point[i] + h);
                    down.put(v.name(), point[i] - h);
                    double fd = (ev.eval(call, up) - ev.eval(call, down)) / (2 * h);
                    double exact = ev.eval(fn.partial(a, i), env);
                    assertEquals(fd, exact, 1e-6 * Math.max(1, Math.abs(fd)), fn + " ∂/∂arg" + i + " at " + env);
                }
            }
        }
    }

    /**
     * The activations of issue 14 at hand-worked points: softplus(0) = log 2; ELU(−1; α=½) = ½(e⁻¹ − 1);
     * ELU′(0; α) = α (torch's convention: the α·eᶻ branch at 0), ELU′(2) = 1; Φ(1) = 0.8413447460685429 (the
     * normal table), so GELU(1) = Φ(1) and GELU′(1) = Φ(1) + φ(1) = 0.8413447 + e^(−½)/√(2π) = 1.0833154705876864;
     * SiLU(1) = σ(1) = 0.7310585786300049, SiLU′(1) = σ(1)(1 + 1 − σ(1)) = 0.9276705118714866.
     */
    @Test
    void theNewActivationsAtHandWorkedPoints() {
        Var z = new Var("z");
        Map<String, Double> one = Map.of("z", 1.0);
        assertEquals(Math.log(2), ev.eval(new Call(Fn.SOFTPLUS, z), Map.of("z", 0.0)), 1e-15);
        assertEquals(0.5 * (Math.exp(-1) - 1), ev.eval(new Call(Fn.ELU, List.of(z, Num.HALF)), Map.of("z", -1.0)), 1e-15);
        assertEquals(0.5, ev.eval(new Call(Fn.ELU_STEP, List.of(z, Num.HALF)), Map.of("z", 0.0)), 1e-15);
        assertEquals(1.0, ev.eval(new Call(Fn.ELU_STEP, List.of(z, Num.HALF)), Map.of("z", 2.0)), 1e-15);
        assertEquals(0.8413447460685429, ev.eval(new Call(Fn.GELU, z), one), 1e-12);
        assertEquals(1.0833154705876864, ev.eval(Fn.GELU.partial(List.of(z), 0), one), 1e-12);
        assertEquals(0.7310585786300049, ev.eval(new Call(Fn.SILU, z), one), 1e-15);
        assertEquals(0.9276705118714866, ev.eval(Fn.SILU.partial(List.of(z), 0), one), 1e-15);
        assertEquals(7.619853024160527e-24, ev.eval(new Call(Fn.NORM_CDF, z), Map.of("z", -10.0)),
                1e-35, "Φ keeps the far tail");
        assertEquals(800.0, ev.eval(new Call(Fn.SOFTPLUS, z), Map.of("z", 800.0)), 1e-12, "no overflow");
    }

    @Test
    void softmaxIndexHasNoDerivative() {
        List<Expr> a = new ArrayList<>(args(Fn.SOFTMAX));
        assertThrows(Fn.NotDifferentiable.class, () -> Fn.SOFTMAX.partial(a, 0));
    }

    @Test
    void everyFunctionHasAValueAndANamePerFormat() {
        for (Fn fn : Fn.values()) {
            Map<String, Double> env = Map.of("u0", 0.5, "u1", 0.1, "u2", 0.2, "u3", 0.3);
            double v = ev.eval(new Call(fn, args(fn)), env);
            assertEquals(false, Double.isNaN(v), fn + " has a value");
            assertEquals(false, fn.textName().isEmpty() || fn.latexName().isEmpty() || fn.inputName().isEmpty(), fn.name());
        }
    }
}
