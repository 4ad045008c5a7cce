package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step preservation ({@link StepPreservationProperties}) for the examples of the notes and the contract:
 * every line of each derivation keeps the value, at 8 random points each, and the result agrees with
 * forward mode.
 */
class FixedExamplesStepsTest {
    static List<Arguments> examples() {
        return List.of(
                Arguments.of("(t - (w1*x1 + w2*x2 + b))^2", "w1,w2,b,t"),
                Arguments.of("L = (t - z)^2; z = w1*x1 + w2*x2 + b", "w1,b,z"),
                Arguments.of("L = (y - w1*x)^2", "w1"),
                Arguments.of("L = -y*log(yhat) - (1 - y)*log(1 - yhat); yhat = sigmoid(z); z = w1*x1 + w2*x2 + b",
                        "w1,b,z,yhat"),
                Arguments.of("L = -y*log(yhat) - (1-y)*log(1-yhat); yhat = sigmoid(z2); z2 = v1*h1 + v2*h2 + c;"
                        + " h1 = relu(z1); z1 = w11*x1 + w12*x2 + b1; h2 = relu(q); q = w21*x1 + w22*x2 + b2",
                        "w11,b1,v1,c,w22"),
                Arguments.of("L = 1/2*(y - a)^2; a = tanh(z); z = w*x + b", "w,b"),
                Arguments.of("L = -(y1*log(p1) + y2*log(p2)); p1 = softmax(1, z1, z2); p2 = softmax(2, z1, z2);"
                        + " z1 = w1*x; z2 = w2*x", "w1,w2"),
                Arguments.of("(x^2 + 1)/(x - y) + sqrt(1 + x*y) - exp(-x)*sin(y)", "x,y"),
                Arguments.of("L = (y - yhat)^2; yhat = w2*h + b2; h = sigmoid(w1*x + b1)", "w1,b1,w2"),
                Arguments.of("leaky_relu(w*x + b, 0.1)^2 + abs(w - 1)", "w,b"),
                Arguments.of("x^y + 2^x", "x,y"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyStepKeepsTheValue(String source, String wrt) {
        Program p = Parser.parseProgram(source);
        Definitions defs = p.toDefinitions();
        ChainRule engine = new ChainRule(defs);
        Random random = new Random(source.hashCode());
        List<String> leaves = List.copyOf(defs.leaves(p.target()));
        int compared = 0;
        for (String w : wrt.split(",")) {
            Var v = new Var(w);
            for (int i = 0; i < 8; i++) {
                Map<String, Double> point = new LinkedHashMap<>();
                for (String leaf : leaves) {
                    point.put(leaf, 0.25 + 1.5 * random.nextDouble()); // positive: x^y, sqrt, log stay defined
                }
                if (p.expression().isPresent()) {
                    Expr e = p.expression().get();
                    Derivation d = engine.differentiator().derive(e, v);
                    compared += StepPreservationProperties.assertStepsKeepValue(new StepOracle(defs), d.goal(), d.steps(), point);
                } else {
                    ChainDerivation c = engine.derive((Var) p.target(), v);
                    compared += StepPreservationProperties.assertChainKeepsValue(defs, c, point);
                }
            }
        }
        assertTrue(compared > 0, "nothing compared");
    }
}
