package dev.chainrule.robustness;

import dev.chainrule.UserError;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.Program;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing the parser and the engine behind it with what students type: fragments of real expressions
 * glued at random, plus raw random characters. Every input either parses (and then differentiates, prints
 * and parses back) or is refused with a {@link UserError}; nothing else may escape, and nothing may hang.
 */
class ParserFuzzProperties {
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger PARSED = new AtomicInteger();

    private static final List<String> TOKENS = List.of(
            "w1", "x1", "w[1,1,1]", "b[2,1]", "yhat", "y", "t", "z", "sigma", "eta", "w_11", "a[1,2]",
            "+", "-", "*", "/", "^", "**", "(", ")", "(", ")", "[", "]", ",", ";", "=", " ", "\n",
            "exp(", "log(", "sqrt(", "sigmoid(", "tanh(", "relu(", "leaky_relu(", "max(0,", "abs(", "step(",
            "sigmoid'(", "relu'(", "softmax(1,", "D(", "[z > 0]", "0", "1", "2", "0.5", "1e-3", "1e400", ".5",
            "-0", "σ(", "ŷ", "·", "−", "≥", "2x", "e^", "'", "\"", "\\", "$", "{", "}", "%", "#", "\t",
            // what chainrule prints in text and students paste
            "w₁₁⁽²⁾", "a₁⁽¹⁾", "δ₁⁽²⁾", "x₁", "ŷ₁", "₁", "₁₂,₃", "⁽", "⁾", "⁽²⁾", "²", "⁻¹", "ᵢⱼ", "|", "√", "∂", "∂L/∂",
            "½", "σ′(", "tanh²(", "sech(", "LReLU(", "; α=", "softmax₁(", "?", ":", " ≥ 0 ? 1 : ", "×", "dL/d", "′");

    @Provide
    Arbitrary<String> studentInput() {
        Arbitrary<String> glued = Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(25)
                .map(l -> String.join("", l));
        Arbitrary<String> raw = Arbitraries.strings().withCharRange(' ', '~').withChars("σŷ·−≥∂\n\t\u0000₁²⁽⁾|√½′ᵢ")
                .ofMaxLength(40);
        return Arbitraries.oneOf(glued, glued, raw);
    }

    @Property(tries = 5000)
    void everyInputParsesOrIsRefusedWithAUserError(@ForAll("studentInput") String input) {
        TRIED.incrementAndGet();
        Program p;
        try {
            p = Parser.parseProgram(input);
        } catch (UserError expected) {
            assertOneLine(expected);
            return;
        }
        PARSED.incrementAndGet();
        // what parses must differentiate and print back to something that parses to the same value shape
        try {
            ChainRule chain = new ChainRule(p.toDefinitions());
            Expr target = p.target();
            for (String v : Exprs.variables(p.expression().orElse(target))) {
                if (target instanceof Expr.Var of && p.definitions().containsKey(of.name())) {
                    if (p.toDefinitions().dependsOn(of.name(), v) && !p.definitions().containsKey(v)) {
                        chain.derive(of, new Expr.Var(v));
                    }
                } else {
                    chain.differentiator().derive(target, new Expr.Var(v));
                }
                break;
            }
            String printed = InputPrinter.str(target);
            Parser.parseExpression(printed);
        } catch (UserError expected) {
            assertOneLine(expected);
        }
    }

    static void assertOneLine(UserError e) {
        if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
            throw new AssertionError("a user error must be one non-empty line: " + e.getMessage());
        }
    }

    @Property(tries = 50)
    void deepNestingIsRefusedNotOverflowed(@ForAll("depths") int depth) {
        String input = "(".repeat(depth) + "x" + ")".repeat(depth);
        try {
            Parser.parseExpression(input);
            if (depth > Parser.MAX_DEPTH) {
                throw new AssertionError("nesting " + depth + " should be refused");
            }
        } catch (UserError e) {
            assertOneLine(e);
        }
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 20_000);
    }

    @AfterContainer
    static void report() {
        System.out.println("parser fuzz: " + TRIED.get() + " inputs tried, " + PARSED.get()
                + " parsed and differentiated, the rest refused with a one-line error; no other failure");
    }
}
