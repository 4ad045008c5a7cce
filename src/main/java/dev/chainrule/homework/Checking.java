package dev.chainrule.homework;

import dev.chainrule.cas.Cas;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code check} computes, for each kind of request (docs/reference.md, "check"): claims or worked steps,
 * on a network or free-form. Every input is parsed before Symja starts (rejected text never reaches it); Symja
 * then starts in the background, so its start-up overlaps the numeric judgement, and its verdict is attached
 * to each numeric one within one time budget for the whole run. The command checks which options go together
 * and renders; this class judges.
 */
public final class Checking {
    /**
     * Symja's time for one run, all claims together: each comparison has its own limit, and this bounds a file of
     * fifty hard claims; claims after it is spent are judged by the numbers alone, and say so.
     */
    public static final long SYMJA_BUDGET_NANOS = 20_000_000_000L;

    /**
     * The verdicts, and on a network which parameters they are about (the feedback sheet pictures their paths);
     * {@code goal} is true when the one parameter is the goal of worked steps.
     */
    public record Outcome(List<ClaimResult> results, Optional<NetworkSpec> network, List<ParamId> about, boolean goal) {
        public Outcome {
            results = List.copyOf(results);
            about = List.copyOf(about);
        }
    }

    private final boolean symbolic;
    private final long seed;
    private long symjaSpent;

    /** {@code symbolic}: ask Symja too (both judges must agree); {@code seed}: of the random points. */
    public Checking(boolean symbolic, long seed) {
        this.symbolic = symbolic;
        this.seed = seed;
    }

    /** Worked steps on a network: a goal line dL/dw[…], then one expression per line. */
    public Outcome networkSteps(NetworkSpec net, String steps, Optional<Integer> sample) {
        NetworkStepsJudge judge = new NetworkStepsJudge(net, sample, seed);
        NetworkStepsJudge.Parsed parsed = judge.parse(steps);
        startSymja();
        ClaimResult r = judge.judge(parsed);
        if (symbolic) {
            List<StepsJudge.Compared> pairs = judge.compared();
            r = r.withSymbolic(pairs.isEmpty() ? SymbolicCheck.notRun("the lines are numbers, compared by value")
                    : Symbolic.judgeAll(pairs, SYMJA_BUDGET_NANOS, "lines"));
        }
        return new Outcome(List.of(r), Optional.of(net), List.of(parsed.goal()), true);
    }

    /** Free-form worked steps: definitions (in the text or {@code expr}), an optional goal, one expression per line. */
    public Outcome freeformSteps(Optional<String> expr, Optional<String> wrt, String steps) {
        StepsJudge judge = new StepsJudge(expr, wrt, seed);
        ClaimResult r = judge.judge(steps);
        startSymja();
        if (symbolic && !judge.compared().isEmpty() && r.verdict() != ClaimVerdict.UNDECIDED) {
            r = r.withSymbolic(Symbolic.judgeAll(judge.compared()));
        }
        return new Outcome(List.of(r), Optional.empty(), List.of(), false);
    }

    /** Free-form claims about ∂f/∂{@code wrt} of the program {@code expr}. */
    public Outcome freeformClaims(String expr, String wrt, List<String> claims) {
        FreeformJudge judge = new FreeformJudge(expr, wrt, seed);
        List<Optional<Symbolic.Pair>> pairs = claims.stream().map(judge::symbolicPair).toList(); // parses every claim
        startSymja();
        List<ClaimResult> results = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            results.add(withSymbolic(judge.judge(claims.get(i)), pairs.get(i)));
        }
        return new Outcome(results, Optional.empty(), List.of(), false);
    }

    /** Claims 'ID = EXPR' about a network's per-sample (or, {@code of} batch, reduced) gradient. */
    public Outcome networkClaims(NetworkSpec net, List<String> claims, Optional<Integer> sample, NetworkJudge.Of of) {
        List<ClaimParser.Claim> parsed = claims.stream().map(c -> ClaimParser.parse(c, net)).toList();
        startSymja();
        NetworkJudge judge = new NetworkJudge(net, sample, of, seed);
        List<ClaimResult> results = new ArrayList<>();
        for (ClaimParser.Claim c : parsed) {
            ClaimResult r = judge.judge(c);
            if (!symbolic) {
                results.add(r);
            } else if (c.isNumber()) {
                results.add(r.withSymbolic(SymbolicCheck.notRun("a number is compared with the gradient's value")));
            } else {
                // with --of batch the claim is still a per-sample formula (averaged or summed by the numbers):
                // Symja compares it with the per-sample gradient, which is the stronger statement
                results.add(withSymbolic(r, Optional.of(Symbolic.networkPair(judge, c))));
            }
        }
        return new Outcome(results, Optional.of(net), parsed.stream().map(ClaimParser.Claim::id).distinct().toList(), false);
    }

    private void startSymja() {
        if (symbolic) {
            Cas.startInBackground();
        }
    }

    private ClaimResult withSymbolic(ClaimResult r, Optional<Symbolic.Pair> pair) {
        if (!symbolic) {
            return r;
        }
        if (symjaSpent > SYMJA_BUDGET_NANOS) {
            return r.withSymbolic(SymbolicCheck.notRun("Symja's 20 s for this run are spent; the numbers decide"));
        }
        long start = System.nanoTime();
        SymbolicCheck s = pair.map(Symbolic::judge).orElse(SymbolicCheck.notRun("nothing to compare symbolically"));
        symjaSpent += System.nanoTime() - start;
        return r.withSymbolic(s);
    }
}
