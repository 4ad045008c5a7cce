package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.numeric.Evaluator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notation chainrule prints in text and students paste, each parsed to the tree its input spelling gives
 * (the right-hand column is plain input syntax), and what is refused, with a one-line message and a column.
 */
class NotationParserTest {
    private static Expr parse(String s) {
        return Parser.parseExpression(s);
    }

    private static Var v(String name) {
        return new Var(name);
    }

    @ParameterizedTest(name = "{0}  is  {1}")
    @CsvSource(delimiterString = "⇒", value = {
        // derivative helpers, as the notes and diagnoses write them
        "σ'(z) ⇒ sigmoid'(z)",
        "σ′(z) ⇒ sigmoid(z)*(1 - sigmoid(z))",
        "tanh′(z) ⇒ 1 - tanh(z)^2",
        "ReLU′(z) ⇒ step(z)",
        "relu′(z) ⇒ step(z)",
        "LReLU′(z) ⇒ leaky_step(z, 0.01)",
        "LReLU′(z; α=0.2) ⇒ leaky_step(z, 0.2)",
        "identity′(z) ⇒ 1",
        // what TextPrinter writes for each function
        "σ(z) ⇒ sigmoid(z)",
        "ReLU(z) ⇒ relu(z)",
        "LReLU(z; α=0.2) ⇒ leaky_relu(z, 0.2)",
        "[z₁⁽¹⁾ > 0] ⇒ step(z[1,1])",
        "[z − 1 > 0] ⇒ step(z - 1)",
        "(z ≥ 0 ? 1 : 0.01) ⇒ leaky_step(z, 0.01)",
        "(z ≥ 0 ? 1 : α) ⇒ leaky_step(z, alpha)",
        "softmax₁(z₁, z₂) ⇒ softmax(1, z1, z2)",
        "softmax₂(a, b, c) ⇒ softmax(2, a, b, c)",
        "|x| ⇒ abs(x)",
        "|y − ŷ| ⇒ abs(y - yhat)",
        "||x| − |y|| ⇒ abs(abs(x) - abs(y))",
        "|x − |y|| ⇒ abs(x - abs(y))",
        "|2·|x|| ⇒ abs(2*abs(x))",
        "2|x| ⇒ 2*abs(x)",
        "|x|(1 − x) ⇒ abs(x)*(1 - x)",
        "√x ⇒ sqrt(x)",
        "√(x + 1) ⇒ sqrt(x + 1)",
        "2√(x) ⇒ 2*sqrt(x)",
        "√(x)² ⇒ sqrt(x)^2",
        // powers
        "x² ⇒ x^2",
        "x³ ⇒ x^3",
        "x⁻¹ ⇒ x^-1",
        "x₁² ⇒ x1^2",
        "(a + b)² ⇒ (a + b)^2",
        "(a₁⁽¹⁾)² ⇒ a[1,1]^2",
        "x¹⁰ ⇒ x^10",
        "e^{-z} ⇒ exp(-z)",
        "e^{x + 1} ⇒ exp(x + 1)",
        // a function's name with a power before its argument: f^n(x) = (f(x))^n
        "tanh²(z) ⇒ tanh(z)^2",
        "1 - tanh^2(z) ⇒ 1 - tanh(z)^2",
        "1 − tanh²(z) ⇒ 1 - tanh(z)^2",
        "σ²(z) ⇒ sigmoid(z)^2",
        "sin^2(x) ⇒ sin(x)^2",
        "tanh(z)² ⇒ tanh(z)^2",
        // sech, cosh and sinh are written out in exponentials
        "sech(z) ⇒ 2/(exp(z) + exp(-z))",
        "sech(z)^2 ⇒ (2/(exp(z) + exp(-z)))^2",
        "sech²(z) ⇒ (2/(exp(z) + exp(-z)))^2",
        "cosh(z) ⇒ 1/2*(exp(z) + exp(-z))",
        "sinh(z) ⇒ 1/2*(exp(z) - exp(-z))",
        // fractions and numbers
        "½(y − ŷ)² ⇒ 1/2*(y - yhat)^2",
        "¾x ⇒ 3/4*x",
        "1.78e−6 ⇒ 0.00000178",
        // names pasted from chainrule's text
        "a₁⁽¹⁾ ⇒ a[1,1]",
        "w₁₁⁽²⁾ ⇒ w[2,1,1]",
        "w₁₂⁽¹⁾ ⇒ w[1,1,2]",
        "z₂⁽¹⁾ ⇒ z[1,2]",
        "b₁⁽²⁾ ⇒ b[2,1]",
        "δ₁⁽²⁾ ⇒ delta[2,1]",
        "h₁⁽¹⁾ ⇒ h[1,1]",
        "a₁₂⁽¹⁾ ⇒ a[1,12]",
        "w₁₂⁽¹⁰⁾ ⇒ w[10,1,2]",
        "w₁₂,₃⁽¹⁾ ⇒ w[1,12,3]",
        "w₁,₁₂⁽¹⁾ ⇒ w[1,1,12]",
        "x₁ ⇒ x1",
        "x₁₂ ⇒ x12",
        "y₁ ⇒ y1",
        "ŷ ⇒ yhat",
        "ŷ₁ ⇒ yhat1",
        "δ ⇒ delta",
        "wᵢⱼ ⇒ w_ij",
        "x₁₂,₁ ⇒ x[12,1]",
        // juxtaposition as the text printer writes products
        "w₁₁⁽²⁾a₁⁽¹⁾ + b₁⁽²⁾ ⇒ w[2,1,1]*a[1,1] + b[2,1]",
        "w₁x₁ + w₂x₂ ⇒ w1*x1 + w2*x2",
        "yŷ ⇒ y*yhat",
        "ŷv ⇒ yhat*v",
        "σx ⇒ sigma*x",
        "ŷ(1 − ŷ) ⇒ yhat*(1 - yhat)",
        "a₁⁽¹⁾(1 − a₁⁽¹⁾) ⇒ a[1,1]*(1 - a[1,1])",
        "x²(1 − x) ⇒ x^2*(1 - x)",
        "[z > 0](1 − a) ⇒ step(z)*(1 - a)",
        "(−1)[z > 0] ⇒ -1*step(z)",
        "2[z > 0] ⇒ 2*step(z)",
        "2∂L/∂w ⇒ 2*D(L, w)",
        // operators
        "a − b ⇒ a - b",
        "a·b × c ⋅ d ∙ e₁ ⇒ a*b*c*d*e1",
        "a ÷ b ⇒ a/b",
        "−y·log(ŷ) ⇒ -y*log(yhat)",
        "[z₁⁽¹⁾ − 1 > 0]·w₁₁⁽²⁾ ⇒ step(z[1,1] - 1)*w[2,1,1]",
        "[a·b > 0] ⇒ step(a*b)",
        "[2×x − 1 ≥ 0] ⇒ leaky_step(2*x - 1, 0)",
        // the derivative of a bracket, as derivations print it
        "∂/∂w (w·x + b) ⇒ D(w*x + b, w)",
        "∂/∂z₂ σ(z₂) ⇒ D(sigmoid(z2), z2)",
        "∂L/∂ŷ·∂ŷ/∂z₁⁽²⁾ ⇒ D(L, yhat)*D(yhat, z[2,1])",
    })
    void parsesToTheTreeOfItsInputSpelling(String text, String input) {
        assertEquals(parse(input), parse(text));
    }

    @Test
    void theTreesThemselves() {
        assertEquals(v("w[2,1,1]"), parse("w₁₁⁽²⁾"));
        assertEquals(v("delta[2,1]"), parse("δ₁⁽²⁾"));
        assertEquals(new Expr.Pow(new Expr.Call(Fn.TANH, v("z")), Num.TWO), parse("tanh²(z)"));
        assertEquals(new Expr.Call(Fn.ABS, v("x")), parse("|x|"));
        assertEquals(new Expr.Call(Fn.LEAKY_STEP, List.of(v("z"), Num.of(1, 5))), parse("(z ≥ 0 ? 1 : 0.2)"));
        assertEquals(new Expr.Call(Fn.SOFTMAX, List.of(Num.ONE, v("z1"), v("z2"))), parse("softmax₁(z₁, z₂)"));
        assertEquals(Exprs.product(Num.MINUS_ONE, v("y"), new Expr.Call(Fn.LOG, v("p"))), parse("-y*log(p)"));
        assertEquals(Exprs.product(v("yhat"), Exprs.sub(Num.ONE, v("yhat"))), parse("ŷ(1 − ŷ)"));
        // ŷ typed as y and a combining circumflex is the same name
        assertEquals(v("yhat"), parse("y\u0302"));
    }

    @Test
    void sechEvaluatesAndPrintsReadably() {
        Expr sech = parse("sech(z)");
        double z = 0.7;
        assertEquals(1 / Math.cosh(z), new Evaluator(Definitions.none()).eval(sech, Map.of("z", z)), 1e-15);
        assertEquals("2/(exp(z) + exp(−z))", TextPrinter.str(sech));
        Expr tanhPrime = parse("1 - tanh(z)^2");
        assertEquals(new Evaluator(Definitions.none()).eval(tanhPrime, Map.of("z", z)),
                new Evaluator(Definitions.none()).eval(parse("sech²(z)"), Map.of("z", z)), 1e-15);
    }

    @Test
    void printedFormsOfEveryFunctionParseBack() {
        Expr z = v("z[1,1]");
        List<Expr> calls = List.of(Exprs.call(Fn.EXP, z), Exprs.call(Fn.LOG, z), Exprs.call(Fn.SQRT, z),
                Exprs.call(Fn.SIGMOID, z), Exprs.call(Fn.TANH, z), Exprs.call(Fn.RELU, z),
                Exprs.call(Fn.LEAKY_RELU, z, Num.of(1, 100)), Exprs.call(Fn.STEP, z), Exprs.call(Fn.LEAKY_STEP, z, Num.of(1, 5)),
                Exprs.call(Fn.ABS, z), Exprs.call(Fn.SIGN, z), Exprs.call(Fn.SIN, z), Exprs.call(Fn.COS, z),
                Exprs.call(Fn.SOFTMAX, Num.TWO, z, v("z[1,2]")));
        for (Expr c : calls) {
            assertEquals(c, parse(TextPrinter.str(c)), TextPrinter.str(c));
            assertEquals(c, parse(InputPrinter.str(c)), InputPrinter.str(c));
        }
    }

    @Test
    void namesThatPrintLikeFunctionsOrWordsAreNotJuxtaposed() {
        // σ as a plain variable before a bracket would read as the sigmoid; wx as the name wx
        assertEquals("σ·(1 − x)", TextPrinter.str(parse("sigma*(1 - x)")));
        assertEquals("w·x", TextPrinter.str(parse("w*x")));
        assertEquals("cgpa·(1 − x)", TextPrinter.str(parse("cgpa*(1 - x)")));
        assertEquals("∂L/∂w·(1 − x)", TextPrinter.str(parse("D(L, w)*(1 - x)")));
        assertEquals("σ²·(1 − x)", TextPrinter.str(parse("sigma^2*(1 - x)")));
        assertEquals("2·|x|", TextPrinter.str(parse("2*abs(x)")));
        // what the notes write stays as it was
        assertEquals("w₁₁⁽²⁾a₁⁽¹⁾", TextPrinter.str(parse("w[2,1,1]*a[1,1]")));
        assertEquals("yŷ(1 − ŷ)", TextPrinter.str(parse("y*yhat*(1 - yhat)")));
        assertEquals("2x₁", TextPrinter.str(parse("2*x1")));
    }

    @Test
    void parseNameReadsOneName() {
        assertEquals(Optional.of("w[2,1,1]"), Parser.parseName("w₁₁⁽²⁾"));
        assertEquals(Optional.of("w[2,1,1]"), Parser.parseName("w[2,1,1]"));
        assertEquals(Optional.of("yhat"), Parser.parseName("ŷ"));
        assertEquals(Optional.empty(), Parser.parseName("w1*x1"));
        assertEquals(Optional.empty(), Parser.parseName("w₁₂₃⁽¹⁾"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "w₁₂₃⁽¹⁾",        // which two indices?
        "x₁⁽¹⁾",          // only network symbols carry a layer
        "a⁽¹⁾",           // a layer without a unit
        "aᵢ⁽¹⁾",          // a letter index with a layer
        "a₁⁽ˡ⁾",          // the layer is a number
        "a₁⁽¹",           // unclosed layer
        "₁",              // a subscript with no name
        "x⁻",             // ⁻ without digits
        "²",              // a power with nothing to raise
        "sin⁻¹(x)",       // inverse functions
        "sin^-1(x)",
        "σ^0.5(z)",
        "|x",             // an unclosed bar
        "||",
        "√",
        "(z ≥ 0 ? 2 : 0.1)", // only leaky ReLU′'s conditional
        "(z ≥ 0 ? 1 0.1)",
        "(z ≥ 0 : 1)",
        "tanh′",          // a helper without its argument
        "sech′(z)",       // no helper
        "sigmod(x)",      // unknown function, not a product
        "cgpa(x)",
        "w1 x1",          // a space between names is a missing operator
        "x₁ x₂",
        "∂L/∂σ(z)",       // a derivative takes a name
        "Wᵀ",
        "w₁₁⁽²⁾(x)y(",
    })
    void refusedWithOneLineAndAColumn(String bad) {
        ParseError e = assertThrows(ParseError.class, () -> Parser.parseExpression(bad), bad);
        assertTrue(e.getMessage().matches("column \\d+: .+"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void messagesSayWhatToWrite() {
        assertEquals("column 1: 'w₁₂₃⁽¹⁾' is ambiguous: write w[1,1,23] or w[1,12,3] (in text a comma separates "
                + "multi-digit indices: w₁₂,₃⁽¹⁾)", assertThrows(ParseError.class, () -> parse("w₁₂₃⁽¹⁾")).getMessage());
        assertTrue(assertThrows(ParseError.class, () -> parse("x + sin⁻¹(x)")).getMessage()
                .startsWith("column 8: a power written after a function name"));
        assertTrue(assertThrows(ParseError.class, () -> parse("2 + |x")).getMessage()
                .startsWith("column 7: expected '|' to close the '|' at column 5"));
        assertTrue(assertThrows(ParseError.class, () -> parse("sigmod(x)")).getMessage().contains("did you mean sigmoid?"));
    }

    @Test
    void dFractionsKeepUnicodeNames() {
        Parser.Syntax f = Parser.Syntax.DERIVATIVE_FRACTIONS;
        assertEquals(new Expr.Derivative(v("a[1,1]"), v("z[1,1]")), Parser.parseExpression("da₁⁽¹⁾/dz₁⁽¹⁾", f));
        assertEquals(new Expr.Derivative(v("yhat"), v("z[2,1]")), Parser.parseExpression("dŷ/dz₁⁽²⁾", f));
        assertEquals(new Expr.Derivative(v("L"), v("delta[2,1]")), Parser.parseExpression("dL/dδ₁⁽²⁾", f));
        assertEquals(new Expr.Derivative(v("a[1,1]"), v("z[1,1]")), Parser.parseExpression("∂a₁⁽¹⁾/∂z₁⁽¹⁾"));
    }
}
