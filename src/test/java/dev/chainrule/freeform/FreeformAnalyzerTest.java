package dev.chainrule.freeform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.Parser;
import dev.chainrule.numeric.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreeformAnalyzerTest {
    private static final String ISSUE = "(t - (w1*x1 + w2*x2 + b))^2";
    private static final Map<String, Double> ISSUE_POINT = point("t", 2, "w1", 1, "w2", 0, "b", 2, "x1", 1, "x2", 0);

    static Map<String, Double> point(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    static FreeformAnalysis at(String src, String wrt, Map<String, Double> p) {
        return FreeformAnalyzer.analyze(DeriveRequest.at(src, List.of(wrt.split(",")), p));
    }

    static String error(String src, List<String> wrt, Map<String, Double> p) {
        DeriveRequest r = new DeriveRequest(src, wrt, Optional.ofNullable(p), false);
        UserError e = assertThrows(UserError.class, () -> FreeformAnalyzer.analyze(r));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void theIssueExample() {
        FreeformAnalysis a = at(ISSUE, "w1", ISSUE_POINT);
        assertEquals("f", a.name());
        assertFalse(a.namedByUser());
        assertEquals(List.of("t", "w1", "x1", "w2", "x2", "b"), a.variables());
        DerivativeAnalysis d = a.derivatives().get(0);
        assertFalse(d.viaChainRule());
        assertEquals("-2*(t - (w1*x1 + w2*x2 + b))*x1", InputPrinter.str(d.result()));
        assertEquals("power rule, chain rule", d.ruleLabels().get(0));
        assertEquals("arithmetic", d.ruleLabels().get(d.ruleLabels().size() - 1));
        NumericCheck n = d.numbers().orElseThrow();
        assertEquals(2.0, n.value(), 0);
        assertEquals(2.0, n.finiteDifference(), 1e-8);
        assertEquals(1e-6, n.h(), 0);
        assertEquals(Verdict.PASS, n.verdict());
        assertEquals(NumericCheck.Method.CENTRAL, n.method());
        assertEquals(1.0, a.point().orElseThrow().value(), 0);
        assertFalse(a.anyCheckFailed());
    }

    @Test
    void withoutAPointTheAnalysisIsSymbolic() {
        FreeformAnalysis a = FreeformAnalyzer.analyze(DeriveRequest.symbolic(ISSUE, List.of("w1", "b")));
        assertTrue(a.point().isEmpty());
        assertEquals(2, a.derivatives().size());
        assertTrue(a.derivatives().stream().allMatch(d -> d.numbers().isEmpty()));
        assertEquals("-2*(t - (w1*x1 + w2*x2 + b))", InputPrinter.str(a.derivatives().get(1).result()));
    }

    @Test
    void definitionsGoThroughTheChainRuleWithForwardValues() {
        FreeformAnalysis a = at("L = (t - z)^2; z = w1*x1 + w2*x2 + b", "w1,b,z", ISSUE_POINT);
        assertEquals("L", a.name());
        assertTrue(a.namedByUser());
        assertEquals(List.of("L", "z"), a.definitions().stream().map(Definition::name).toList());
        Point p = a.point().orElseThrow();
        assertEquals(List.of("z", "L"), p.forward().stream().map(ForwardValue::name).toList());
        assertEquals(3.0, p.forward().get(0).value(), 0);
        assertEquals(1.0, p.value(), 0);
        DerivativeAnalysis w1 = a.derivatives().get(0);
        assertTrue(w1.viaChainRule());
        assertEquals(List.of(List.of(new Var("L"), new Var("z"), new Var("w1"))), w1.paths());
        assertEquals("chain rule", w1.chainLine().label());
        assertEquals(List.of("L→z", "z→w1"), w1.locals().stream().map(l -> l.of().name() + "→" + l.wrt().name()).toList());
        assertEquals("-2*(t - z)*x1", InputPrinter.str(w1.result()));
        assertEquals(2.0, w1.numbers().orElseThrow().value(), 0);
        assertEquals(Verdict.PASS, w1.numbers().orElseThrow().verdict());
        DerivativeAnalysis z = a.derivatives().get(2);
        assertFalse(z.viaChainRule()); // L uses z directly: ∂L/∂z is a plain derivation of L's definition
        assertEquals("-2*(t - z)", InputPrinter.str(z.result()));
        assertEquals(2.0, z.numbers().orElseThrow().value(), 0);
        assertEquals(Verdict.PASS, z.numbers().orElseThrow().verdict());
    }

    @Test
    void aBareExpressionWithDefinitionsGetsAName() {
        FreeformAnalysis a = at("(t - z)^2; z = w*x", "w", point("t", 1, "w", 2, "x", 3));
        assertEquals("f", a.name());
        assertEquals(List.of("f", "z"), a.definitions().stream().map(Definition::name).toList());
        assertEquals(30.0, a.derivatives().get(0).numbers().orElseThrow().value(), 1e-12);
        assertEquals("F", at("f*x^2", "x", point("f", 2, "x", 1)).name());
    }

    @Test
    void unusedDefinitionsAreLeftOut() {
        FreeformAnalysis a = FreeformAnalyzer.analyze(DeriveRequest.symbolic("L = (t - z)^2; z = w*x; q = 3*w", List.of("w")));
        assertEquals(List.of("L", "z"), a.definitions().stream().map(Definition::name).toList());
    }

    @Test
    void expandWritesTheDefinitionsOut() {
        FreeformAnalysis a = FreeformAnalyzer.analyze(new DeriveRequest("L = (t - z)^2; z = w1*x1 + w2*x2 + b",
                List.of("w1"), Optional.of(ISSUE_POINT), true));
        assertTrue(a.expanded());
        assertTrue(a.definitions().isEmpty());
        assertEquals("(t - (w1*x1 + w2*x2 + b))^2", InputPrinter.str(a.expression()));
        DerivativeAnalysis d = a.derivatives().get(0);
        assertFalse(d.viaChainRule());
        assertEquals("-2*(t - (w1*x1 + w2*x2 + b))*x1", InputPrinter.str(d.result()));
        assertEquals(2.0, d.numbers().orElseThrow().value(), 0);
    }

    @Test
    void aKinkIsReportedNotFailed() {
        FreeformAnalysis a = at("relu(w*x + b)^2 + relu(w)", "w", point("w", 0, "x", 2, "b", 1));
        NumericCheck n = a.derivatives().get(0).numbers().orElseThrow();
        assertEquals(Verdict.KINK, n.verdict());
        KinkSite k = n.kink().orElseThrow();
        assertEquals(Fn.RELU, k.kink().fn());
        assertEquals(Optional.of(new Var("w")), k.argument());
        assertEquals(4.0, n.value(), 1e-12); // relu′(0) = 0: 2·relu(1)·[1 > 0]·2 + [0 > 0]
        assertEquals(4.0, k.kink().leftDerivative(), 1e-5);
        assertEquals(5.0, k.kink().rightDerivative(), 1e-5);
        assertFalse(a.anyCheckFailed());
    }

    @Test
    void nearTheEdgeOfTheDomainTheStepShrinks() {
        NumericCheck sqrt = at("sqrt(x)", "x", point("x", 1e-7)).derivatives().get(0).numbers().orElseThrow();
        assertEquals(NumericCheck.Method.DOMAIN_EDGE, sqrt.method());
        assertEquals(Verdict.PASS, sqrt.verdict());
        assertTrue(sqrt.h() < 1e-9);
        NumericCheck pole = at("1/x^10", "x", point("x", 1e-5)).derivatives().get(0).numbers().orElseThrow();
        assertEquals(NumericCheck.Method.FINER, pole.method());
        assertEquals(Verdict.PASS, pole.verdict());
    }

    @Test
    void theRequestIsCheckedAgainstTheExpression() {
        assertEquals("--wrt q: q does not occur in the expression; its variables are t, w1, x1, w2, x2, b",
                error(ISSUE, List.of("q"), null));
        assertEquals("--wrt w: w does not occur in L (it occurs in the definition of Z, which L does not use);"
                + " its variables are t, z", error("L = (t - z)^2; Z = w*x", List.of("w"), null));
        assertTrue(error("L = (t - z)^2; z = w*x", List.of("L"), null).contains("L is the quantity being differentiated"));
        assertEquals("--at gives no value for x2, b (needed for the numbers; the expression uses t, w1, x1, w2, x2, b)",
                error(ISSUE, List.of("w1"), point("t", 2, "w1", 1, "w2", 0, "x1", 1)));
        assertEquals("--at x9: x9 does not occur in the expression; its variables are t, w1, x1, w2, x2, b",
                error(ISSUE, List.of("w1"), point("t", 2, "w1", 1, "w2", 0, "x1", 1, "x2", 0, "b", 2, "x9", 1)));
        assertEquals("--at z: z is defined (z = w*x); give values to the variables it uses instead",
                error("L = (t - z)^2; z = w*x", List.of("w"), point("t", 1, "w", 1, "x", 1, "z", 3)));
        assertTrue(error("D(x^2, x)", List.of("x"), null).startsWith("D(…) inside the expression"));
        assertTrue(error("L = z; z = L + x", List.of("x"), null).startsWith("circular definition"));
        assertTrue(error("(x + 1", List.of("x"), null).startsWith("column 7: expected ')'"));
        assertTrue(error("foo(x)", List.of("x"), null).contains("unknown function 'foo'"));
    }

    @Test
    void pointsOutsideTheDomainAreErrors() {
        assertEquals("division by zero at the given point: the denominator (x - 1) is 0",
                error("1/(x - 1)", List.of("x"), point("x", 1)));
        assertTrue(error("log(x)", List.of("x"), point("x", -1)).startsWith("log of a negative number at the given point"));
        assertTrue(error("log(x)", List.of("x"), point("x", 0)).contains("is −∞"));
        assertTrue(error("sqrt(x)", List.of("x"), point("x", 0)).startsWith("∂f/∂x = 1/(2*sqrt(x)) has no value"));
    }

    @Test
    void expandRefusesADefinedName() {
        DeriveRequest r = new DeriveRequest("L = (t - z)^2; z = w*x", List.of("z"), Optional.empty(), true);
        UserError e = assertThrows(UserError.class, () -> FreeformAnalyzer.analyze(r));
        assertTrue(e.getMessage().contains("--expand writes it out"), e.getMessage());
    }

    @Test
    void aFailedCheckIsReported() {
        FreeformAnalysis ok = at("x^2", "x", point("x", 3));
        DerivativeAnalysis d = ok.derivatives().get(0);
        NumericCheck wrong = new NumericCheck(7.0, 6.0, 1e-6, NumericCheck.Method.CENTRAL, 1.0 / 13, Verdict.FAIL,
                Optional.empty());
        DerivativeAnalysis failed = new DerivativeAnalysis(d.of(), d.wrt(), d.goal(), false, d.paths(), d.locals(),
                d.steps(), Parser.parseExpression("2*x + 1"), Optional.of(wrong));
        FreeformAnalysis a = new FreeformAnalysis(ok.source(), ok.name(), false, ok.expression(), List.of(),
                ok.variables(), false, ok.point(), List.of(failed));
        assertTrue(a.anyCheckFailed());
        assertFalse(ok.anyCheckFailed());
    }

    @Test
    void everyDerivativeOfTheNotesAgreesWithItsCheck() {
        String net = "L = -y*log(yhat) - (1-y)*log(1-yhat); yhat = sigmoid(z2); z2 = v*h + c; h = relu(z1); z1 = w*x + b";
        FreeformAnalysis a = at(net, "w,b,v,c,z1,z2,yhat,h", point("y", 1, "v", -1, "c", 1, "w", 1, "x", 0.5, "b", 0.25));
        for (DerivativeAnalysis d : a.derivatives()) {
            assertEquals(Verdict.PASS, d.numbers().orElseThrow().verdict(), d.wrt().name());
        }
        Expr result = a.derivatives().get(0).result();
        assertEquals("(yhat - y)*v*step(z1)*x", InputPrinter.str(result));
    }
}
