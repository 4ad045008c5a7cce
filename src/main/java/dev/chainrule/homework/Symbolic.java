package dev.chainrule.homework;

import dev.chainrule.cas.Cas;
import dev.chainrule.cas.ZeroCheck;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import java.time.Duration;
import java.util.List;

/**
 * The second, independent judge of a claim: Symja, started lazily, gets the claim and the truth as trees
 * (never text) with a short time limit. {@link ClaimResult#withSymbolic} combines its answer with the numeric
 * one.
 */
public final class Symbolic {
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    private Symbolic() {
    }

    /** What to compare: both sides in the same names, and the definitions of the intermediates. */
    public record Pair(Expr claim, Expr truth, Definitions defs) {
    }

    static Pair networkPair(NetworkJudge judge, ClaimParser.Claim claim, PathModel pm) {
        return networkPair(judge, claim.expr(), judge.perSampleTruth(claim, pm.explicit()));
    }

    /**
     * A claim about a network and its truth, for Symja. With a softmax output, cross-entropy and targets that sum
     * to 1 (one-hot or probabilities), the truth ŷₖ − yₖ holds only because Σⱼ yⱼ = 1, which Symja does not know: the
     * last target is written 1 − y₁ − … − y_{K−1} on both sides (and in the definitions), so that ŷₖ·(y₁ + … + y_K) − yₖ
     * is equivalent there too.
     */
    static Pair networkPair(NetworkJudge judge, Expr claim, Expr truth) {
        dev.chainrule.network.NetworkModel model = judge.backprop().model();
        Definitions defs = judge.definitions();
        int k = model.spec().outputCount();
        if (!(model.isSoftmaxOutput() && model.spec().loss() == dev.chainrule.network.spec.Loss.CE && model.targetsSumToOne() && k > 1)) {
            return new Pair(claim, truth, defs);
        }
        dev.chainrule.network.NetworkSymbols sym = model.symbols();
        List<Expr> rest = new java.util.ArrayList<>();
        rest.add(Expr.Num.ONE);
        for (int j = 1; j < k; j++) {
            rest.add(dev.chainrule.expr.Exprs.neg(sym.target(j)));
        }
        java.util.Map<String, Expr> last = java.util.Map.of(sym.target(k).name(), dev.chainrule.expr.Exprs.sum(rest));
        java.util.Map<String, Expr> substituted = new java.util.LinkedHashMap<>();
        defs.asMap().forEach((name, body) -> substituted.put(name, dev.chainrule.expr.Exprs.substitute(body, last)));
        return new Pair(dev.chainrule.expr.Exprs.substitute(claim, last), dev.chainrule.expr.Exprs.substitute(truth, last),
                new Definitions(substituted));
    }

    public static Pair networkPair(NetworkJudge judge, ClaimParser.Claim claim) {
        return networkPair(judge, claim, new PathModel(judge.backprop(), claim.id()));
    }

    /**
     * Symja's judgement of claim ≡ truth: first with the intermediates (z, ŷ, δ …) kept as symbols, which is
     * fast and robust, then, if that did not decide, with every definition substituted.
     */
    public static SymbolicCheck judge(Pair p) {
        try {
            ZeroCheck local = Cas.checkEquivalentNodeLocal(p.claim(), p.truth(), p.defs(), TIMEOUT);
            if (local.provedZero()) {
                return new SymbolicCheck(SymbolicCheck.Outcome.EQUIVALENT, local.method(), local.elapsed().toMillis());
            }
            if (local.provedNonZero()) {
                return new SymbolicCheck(SymbolicCheck.Outcome.DIFFERENT, local.method(), local.elapsed().toMillis());
            }
            ZeroCheck expanded = Cas.checkEquivalentExpanded(p.claim(), p.truth(), p.defs(), TIMEOUT);
            long ms = local.elapsed().toMillis() + expanded.elapsed().toMillis();
            if (expanded.provedZero()) {
                return new SymbolicCheck(SymbolicCheck.Outcome.EQUIVALENT, expanded.method() + ", definitions expanded", ms);
            }
            if (expanded.provedNonZero()) {
                return new SymbolicCheck(SymbolicCheck.Outcome.DIFFERENT, expanded.method() + ", definitions expanded", ms);
            }
            return new SymbolicCheck(SymbolicCheck.Outcome.UNDECIDED, local.method() + "; expanded: " + expanded.method(), ms);
        } catch (RuntimeException | LinkageError e) {
            return new SymbolicCheck(SymbolicCheck.Outcome.UNAVAILABLE, e.getClass().getSimpleName(), -1);
        }
    }

    /**
     * Symja on several pairs that must all be equivalent (each line of worked steps and the one before): equivalent
     * when every pair is, different as soon as one is (naming it), else undecided.
     */
    public static SymbolicCheck judgeAll(List<StepsJudge.Compared> pairs) {
        return judgeAll(pairs, Long.MAX_VALUE, "steps");
    }

    /**
     * The same within {@code budgetNanos} of Symja's time; the pairs left when it is spent are not compared, and the
     * answer is undecided unless one pair already differed. {@code what} names the pairs in the answer ("steps",
     * "lines").
     */
    public static SymbolicCheck judgeAll(List<StepsJudge.Compared> pairs, long budgetNanos, String what) {
        long ms = 0;
        SymbolicCheck undecided = null;
        long start = System.nanoTime();
        int done = 0;
        for (StepsJudge.Compared p : pairs) {
            if (System.nanoTime() - start > budgetNanos) {
                return new SymbolicCheck(SymbolicCheck.Outcome.UNDECIDED, "its " + budgetNanos / 1_000_000_000L
                        + " s for this run ran out after " + done + " of " + pairs.size() + " " + what + "; the numbers decide", ms);
            }
            done++;
            SymbolicCheck c = judge(p.pair());
            ms += Math.max(0, c.millis());
            if (c.outcome() == SymbolicCheck.Outcome.DIFFERENT) {
                return new SymbolicCheck(c.outcome(), p.line() + ": " + c.method(), ms);
            }
            if (c.outcome() != SymbolicCheck.Outcome.EQUIVALENT && undecided == null) {
                undecided = new SymbolicCheck(c.outcome(), p.line() + ": " + c.method(), -1);
            }
        }
        if (undecided != null) {
            return new SymbolicCheck(undecided.outcome(), undecided.method(), ms);
        }
        return new SymbolicCheck(SymbolicCheck.Outcome.EQUIVALENT, pairs.size() == 1
                ? (what.equals("steps") ? "the step shown" : "the line shown")
                : (pairs.size() == 2 ? "both " : "all " + pairs.size() + " ") + what, ms);
    }
}
