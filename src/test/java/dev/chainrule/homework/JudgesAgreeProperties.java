package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.network.RandomNetworks;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The two judges of {@code check} agree on random networks: the true gradient, written out as a student would
 * (the explicit chain-rule product, printed and parsed back as a claim), is judged correct by the numbers and
 * proved equivalent by Symja; the same with a sign slip or a factor 2 or ½ is judged incorrect by the numbers,
 * with the right diagnosis, and found different by Symja.
 */
class JudgesAgreeProperties {
    private static final AtomicInteger tries = new AtomicInteger();
    private static final AtomicInteger agreed = new AtomicInteger();
    private static final AtomicInteger symjaUndecided = new AtomicInteger();
    private static final AtomicInteger numbersUndecided = new AtomicInteger();

    /** A slip a student makes, and the diagnosis it must get (null: no slip). */
    enum Slip {
        NONE(e -> e, null),
        SIGN(e -> Exprs.neg(e), Diagnosis.SIGN),
        DOUBLED(e -> Exprs.product(Exprs.num(2), e), Diagnosis.CONSTANT_FACTOR),
        HALVED(e -> Exprs.div(e, Exprs.num(2)), Diagnosis.CONSTANT_FACTOR);

        final UnaryOperator<Expr> apply;
        final String kind;

        Slip(UnaryOperator<Expr> apply, String kind) {
            this.apply = apply;
            this.kind = kind;
        }
    }

    @Provide
    Arbitrary<RandomNetworks.Shape> networks() {
        return RandomNetworks.shapes();
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void numbersAndSymjaAgree(@ForAll("networks") RandomNetworks.Shape shape, @ForAll @IntRange(max = 999) int pick,
            @ForAll Slip slip) {
        tries.incrementAndGet();
        NetworkSpec spec = shape.spec();
        List<ParamId> ids = spec.parameters();
        ParamId id = ids.get(pick % ids.size());
        NetworkJudge judge = new NetworkJudge(spec, Optional.empty(), NetworkJudge.Of.SAMPLE, 7);
        Expr truth = new PathModel(judge.backprop(), id).explicit();
        String text = id + " = " + InputPrinter.str(slip.apply.apply(truth));
        ClaimParser.Claim claim = ClaimParser.parse(text, spec);

        ClaimResult numeric = judge.judge(claim);
        if (numeric.verdict().equals(ClaimResult.UNDECIDED)) {
            numbersUndecided.incrementAndGet(); // every point on a kink, or the gradient 0 at all of them (a ReLU off)
            return;
        }
        assertEquals(slip == Slip.NONE ? ClaimResult.CORRECT : ClaimResult.INCORRECT, numeric.verdict(), text + " on " + shape);
        if (slip != Slip.NONE) {
            assertEquals(slip.kind, numeric.diagnosis().kind(), text + " on " + shape);
        }
        SymbolicCheck symbolic = Symbolic.judge(Symbolic.networkPair(judge, claim));
        ClaimResult both = numeric.withSymbolic(symbolic);
        if (symbolic.outcome() == SymbolicCheck.Outcome.UNDECIDED) {
            symjaUndecided.incrementAndGet(); // allowed (a time limit), but counted and bounded below
            assertEquals(numeric.verdict(), both.verdict());
            return;
        }
        assertTrue(both.judgesAgree(), () -> "the judges disagree on " + text + " on " + shape + ": " + symbolic.describe());
        agreed.incrementAndGet();
    }

    @AfterContainer
    static void report() {
        System.out.printf("judges agree: %d tries, %d agreed, Symja undecided %d, numbers undecided (kinks, dead ReLUs) %d%n",
                tries.get(), agreed.get(), symjaUndecided.get(), numbersUndecided.get());
        assertTrue(symjaUndecided.get() <= Math.max(2, tries.get() / 10), "Symja undecided too often");
    }
}
