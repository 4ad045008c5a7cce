package dev.chainrule.robustness;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.chainrule.UserError;
import dev.chainrule.homework.ClaimParser;
import dev.chainrule.homework.ClaimResult;
import dev.chainrule.homework.NetworkJudge;
import dev.chainrule.homework.NetworkStepsJudge;
import dev.chainrule.homework.StepsJudge;
import dev.chainrule.homework.Symbolic;
import dev.chainrule.homework.SymbolicCheck;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing the homework checker with what students paste: claims about the XOR network glued from its symbols,
 * functions and stray characters, and worked-steps files. Every input is judged (correct, incorrect or
 * undecided) or refused with a one-line {@link UserError}; Symja, given the claims that parse, answers or
 * says it cannot, and never throws.
 */
class HomeworkFuzzProperties {
    private static final NetworkSpec XOR = BuiltinExamples.xor();
    private static final NetworkJudge JUDGE = new NetworkJudge(XOR, Optional.empty(), NetworkJudge.Of.SAMPLE, 7);
    private static final AtomicInteger CLAIMS = new AtomicInteger();
    private static final AtomicInteger JUDGED = new AtomicInteger();
    private static final AtomicInteger STEPS = new AtomicInteger();
    private static final AtomicInteger STEPS_JUDGED = new AtomicInteger();
    private static final AtomicInteger SYMJA = new AtomicInteger();

    private static final List<String> LHS = List.of("w[1,1,1] = ", "b[2,1] = ", "dL/dw[2,1,1] = ", "∂L/∂b[1,2] = ",
            "w[3,1,1] = ", "w[1,1] = ", "b[2,1]", "w[1,2,1]=", "", "W[1,1,1] = ", "w[0,1,1] = ");
    private static final List<String> TOKENS = List.of(
            "yhat", "y", "x1", "x2", "z[1,1]", "a[1,2]", "h[1,1]", "w[2,1,1]", "b[1,1]", "delta[1,1]", "delta[2,1]",
            "ŷ", "δ[1,1]", "σ(", "sigmoid(", "sigmoid'(", "relu(", "relu'(", "relu′(", "step(", "tanh(", "exp(", "log(",
            "[z[1,1] > 0]", "(", ")", "+", "-", "*", "/", "^", " ", "1", "2", "0.5", "-0.562", "1/2", "=", ",", "[",
            "]", "q", "Run(", "\"", "\\", "$", ";", "\n");

    private static final List<String> ATOMS = List.of("yhat", "y", "x1", "x2", "z[1,1]", "a[1,2]", "h[1,1]", "w[2,1,1]",
            "b[1,1]", "delta[1,1]", "delta[2,1]", "ŷ", "(yhat - y)", "sigmoid(z[2,1])", "sigmoid'(z[2,1])",
            "relu'(z[1,1])", "[z[1,2] > 0]", "(1 - yhat)", "2", "0.5", "exp(-z[2,1])", "log(yhat)", "tanh(x1)", "1/2");
    private static final List<String> OPS = List.of("*", "*", " + ", " - ", "/", "^2*");

    @Provide
    Arbitrary<String> claims() {
        Arbitrary<String> garbage = Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("", l));
        // well-formed products and sums of the network's symbols: most of these parse and get judged
        Arbitrary<String> formed = Arbitraries.of(ATOMS).list().ofMinSize(1).ofMaxSize(7).flatMap(atoms ->
                Arbitraries.of(OPS).list().ofSize(atoms.size()).map(ops -> {
                    StringBuilder sb = new StringBuilder(atoms.get(0));
                    for (int i = 1; i < atoms.size(); i++) {
                        sb.append(ops.get(i)).append(atoms.get(i));
                    }
                    return sb.toString();
                }));
        Arbitrary<String> rhs = Arbitraries.oneOf(garbage, formed, formed);
        return Arbitraries.of(LHS).flatMap(l -> rhs.map(r -> l + r));
    }

    @Provide
    Arbitrary<String> stepsFiles() {
        Arbitrary<String> line = Arbitraries.of(List.of("L = (y - w*x)^2", "dL/dw", "d L / d w", "2*(y - w*x)",
                "2*(y - w*x) * d(y - w*x, w)", "-2*(y - w*x)*x", "2*(y - w*x)*x", "= -2*x*(y - w*x)", "# a comment", "",
                "L = ", "d(", "w*x", "dq/dw", "z = w*x; L = (y - z)^2", "dL/dz", ")", "2*(y - z)")).list()
                .ofMinSize(1).ofMaxSize(6).map(l -> String.join("\n", l));
        return line;
    }

    @Property(tries = 1500)
    void everyClaimIsJudgedOrRefused(@ForAll("claims") String text) {
        CLAIMS.incrementAndGet();
        ClaimParser.Claim claim;
        ClaimResult r;
        try {
            claim = ClaimParser.parse(text, XOR);
            r = JUDGE.judge(claim);
        } catch (UserError refused) {
            ParserFuzzProperties.assertOneLine(refused);
            return;
        }
        assertNotNull(r.verdict());
        JUDGED.incrementAndGet();
        if (!claim.isNumber() && JUDGED.get() % 15 == 0) { // Symja is slower: every 15th judged claim
            SymbolicCheck s = Symbolic.judge(Symbolic.networkPair(JUDGE, claim));
            assertNotNull(r.withSymbolic(s).verdict());
            SYMJA.incrementAndGet();
        }
    }

    @Property(tries = 800)
    void everyStepsFileIsJudgedOrRefused(@ForAll("stepsFiles") String text) {
        STEPS.incrementAndGet();
        StepsJudge judge = new StepsJudge(Optional.empty(), Optional.empty(), 7);
        try {
            assertNotNull(judge.judge(text).verdict());
            STEPS_JUDGED.incrementAndGet();
        } catch (UserError refused) {
            ParserFuzzProperties.assertOneLine(refused);
        }
    }

    private static final AtomicInteger NET_STEPS = new AtomicInteger();
    private static final AtomicInteger NET_STEPS_JUDGED = new AtomicInteger();

    /** Worked steps on the XOR network: goals (some of parameters it lacks), chains of dA/dB and ∂A/∂B, garbage. */
    @Provide
    Arbitrary<String> networkStepsFiles() {
        Arbitrary<String> goal = Arbitraries.of(List.of("dL/dw[2,1,1]", "∂L/∂w[1,1,1]", "dL/db[1,2]", "d L / d w[2,1,1]",
                "dL/dw[1,2,2] = (yhat - y)*w[2,1,2]*[z[1,2] > 0]*x2", "dL/dw[3,1,1]", "dL/dz[2,1]", "# a comment", ""));
        Arbitrary<String> line = Arbitraries.of(List.of("dL/dw[2,1,1]", "∂L/∂w[1,1,1]", "= dL/dyhat * dyhat/dz[2,1] * dz[2,1]/dw[2,1,1]",
                "= ∂L/∂z[2,1] · ∂z[2,1]/∂a[1,1] · ∂a[1,1]/∂z[1,1] · ∂z[1,1]/∂w[1,1,1]", "= d(L, z[1,2])", "= (yhat - y)*a[1,1]",
                "= (y - yhat)*relu(z[1,1])", "= delta[1,2]", "= dz[1,1]/dw[2,1,1]", "= d(yhat - y, z[2,1])", "= 0.56", "= 0",
                "= dL/ddelta[1,1]", "= dq/dw[1,1,1]", "= dL/dyhat = 2", "# a comment", "", "L = (y - yhat)^2", "d(", "= )",
                "= ∂/∂w[2,1,1] (z[2,1])", "= dL/dx1 * dx1/dw[1,1,1]", "= [z[1,2] > 0]*x2*w[2,1,2]*(yhat - y)")).list()
                .ofMinSize(0).ofMaxSize(5).map(l -> String.join("\n", l));
        return goal.flatMap(g -> line.map(l -> g + "\n" + l));
    }

    @Property(tries = 400)
    void everyNetworkStepsFileIsJudgedOrRefused(@ForAll("networkStepsFiles") String text) {
        NET_STEPS.incrementAndGet();
        NetworkStepsJudge judge = new NetworkStepsJudge(XOR, Optional.empty(), 7);
        try {
            ClaimResult r = judge.judge(judge.parse(text));
            assertNotNull(r.verdict());
            assertNotNull(r.steps());
            NET_STEPS_JUDGED.incrementAndGet();
        } catch (UserError refused) {
            ParserFuzzProperties.assertOneLine(refused);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("homework fuzz: %d claims tried, %d judged (%d also by Symja), the rest refused with one line;"
                + " %d steps files tried, %d judged; %d network steps files tried, %d judged%n", CLAIMS.get(), JUDGED.get(),
                SYMJA.get(), STEPS.get(), STEPS_JUDGED.get(), NET_STEPS.get(), NET_STEPS_JUDGED.get());
    }
}
