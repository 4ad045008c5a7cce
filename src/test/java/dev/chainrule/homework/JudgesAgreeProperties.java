package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.RandomNetworks;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Sample;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *
 * <p>Number claims: the true per-sample gradient printed to k significant digits is correct, one unit of the last
 * digit further away is incorrect, and full precision is correct within a relative 1e-6 and incorrect beyond. Symbol
 * slips: the true gradient times a network symbol on its path is an extra factor; a weight of the path replaced by
 * its transpose partner (W for Wᵀ) or the layer input a replaced by z is a wrong index, and the message names both.
 */
class JudgesAgreeProperties {
    private static final AtomicInteger tries = new AtomicInteger();
    private static final AtomicInteger agreed = new AtomicInteger();
    private static final AtomicInteger symjaUndecided = new AtomicInteger();
    private static final AtomicInteger numbersUndecided = new AtomicInteger();

    /** A slip a student makes, and the diagnosis it must get (null: no slip). */
    enum Slip {
        NONE(e -> e, null),
        SIGN(e -> Exprs.neg(e), Diagnosis.Kind.SIGN),
        DOUBLED(e -> Exprs.product(Exprs.num(2), e), Diagnosis.Kind.CONSTANT_FACTOR),
        HALVED(e -> Exprs.div(e, Exprs.num(2)), Diagnosis.Kind.CONSTANT_FACTOR);

        final UnaryOperator<Expr> apply;
        final Diagnosis.Kind kind;

        Slip(UnaryOperator<Expr> apply, Diagnosis.Kind kind) {
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
        if (numeric.verdict().equals(ClaimVerdict.UNDECIDED)) {
            numbersUndecided.incrementAndGet(); // every point on a kink, or the gradient 0 at all of them (a ReLU off)
            return;
        }
        assertEquals(slip == Slip.NONE ? ClaimVerdict.CORRECT : ClaimVerdict.INCORRECT, numeric.verdict(), text + " on " + shape);
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

    // ------------------------------------------------------------------------------------ number claims

    private static final AtomicInteger numberTries = new AtomicInteger();
    private static final AtomicInteger numberZero = new AtomicInteger();
    private static final AtomicInteger numberKink = new AtomicInteger();

    /** The true per-sample gradient of sample s (1-based): the gradient of the same network with that sample alone. */
    static double perSampleGradient(NetworkSpec spec, ParamId id, int s) {
        Sample only = spec.data().get(s - 1);
        return new NetworkAnalysis(spec.withData(List.of(only))).gradient()[spec.indexOf(id)];
    }

    /** Whether some ReLU or leaky ReLU argument at sample s is (numerically) at its kink. */
    static boolean nearKink(NetworkSpec spec, int s) {
        double[] a = spec.data().get(s - 1).x();
        for (LayerSpec layer : spec.layers()) {
            double[] next = new double[layer.units()];
            for (int i = 0; i < layer.units(); i++) {
                double z = layer.biasAt(i);
                for (int j = 0; j < a.length; j++) {
                    z += layer.weightAt(i, j) * a[j];
                }
                boolean kinked = layer.activation() == Activation.RELU || layer.activation() == Activation.LEAKY_RELU;
                if (kinked && Math.abs(z) < 1e-6) {
                    return true;
                }
                next[i] = switch (layer.activation()) {
                    case IDENTITY, SOFTMAX -> z; // softmax is only ever the last layer: its value is not used further
                    case SIGMOID -> 1 / (1 + Math.exp(-z));
                    case TANH -> Math.tanh(z);
                    case RELU -> Math.max(0, z);
                    case LEAKY_RELU -> z >= 0 ? z : layer.alpha() * z;
                    default -> throw new IllegalStateException("no forward pass here for " + layer.activation());
                };
            }
            a = next;
        }
        return false;
    }

    /** A number as a student writes it, every digit of d kept (so 1.2E+2 is 1.2e2, not 120, which has 3 digits). */
    static String written(BigDecimal d) {
        if (d.scale() >= 0) {
            return d.toPlainString();
        }
        String u = d.unscaledValue().abs().toString();
        int exponent = u.length() - 1 - d.scale();
        return (d.signum() < 0 ? "-" : "") + u.charAt(0) + (u.length() > 1 ? "." + u.substring(1) : "") + "e" + exponent;
    }

    private static ClaimVerdict numberVerdict(NetworkJudge judge, NetworkSpec spec, ParamId id, String number) {
        return judge.judge(ClaimParser.parse(id + " = " + number, spec)).verdict();
    }

    /** The sample's true gradient and a judge for number claims about it; null where the property does not apply. */
    private record NumberCase(NetworkSpec spec, ParamId id, int sample, double truth, NetworkJudge judge, String on) {
        ClaimVerdict verdict(String number) {
            return numberVerdict(judge, spec, id, number);
        }
    }

    private static NumberCase numberCase(RandomNetworks.Shape shape, int pick, int samplePick) {
        numberTries.incrementAndGet();
        NetworkSpec spec = shape.spec();
        ParamId id = spec.parameters().get(pick % spec.parameterCount());
        int s = 1 + samplePick % spec.data().size();
        if (nearKink(spec, s)) {
            numberKink.incrementAndGet(); // a kink on some path at this sample: the kink rule, not these properties
            return null;
        }
        double t = perSampleGradient(spec, id, s);
        NetworkJudge judge = new NetworkJudge(spec, Optional.of(s), NetworkJudge.Of.SAMPLE, 7);
        NumberCase c = new NumberCase(spec, id, s, t, judge, " for " + id + " at sample " + s + " (gradient " + t + ") on " + shape);
        if (Math.abs(t) <= 1e-9) {
            numberZero.incrementAndGet(); // a ReLU off on the path: the gradient is 0, and 0 is its only spelling
            assertEquals(ClaimVerdict.CORRECT, c.verdict("0"), "0" + c.on());
            assertEquals(ClaimVerdict.CORRECT, c.verdict("0.0"), "0.0" + c.on());
            return null;
        }
        return c;
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void numberClaimsRoundedToTheirOwnDigits(@ForAll("networks") RandomNetworks.Shape shape,
            @ForAll @IntRange(max = 999) int pick, @ForAll @IntRange(max = 999) int samplePick,
            @ForAll @IntRange(min = 1, max = 5) int digits, @ForAll boolean farNeighbour) {
        NumberCase c = numberCase(shape, pick, samplePick);
        if (c == null) {
            return;
        }
        BigDecimal exact = new BigDecimal(c.truth());
        BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_UP));
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-rounded.scale());
        BigDecimal half = unit.divide(BigDecimal.valueOf(2));
        if (exact.subtract(rounded).abs().subtract(half).abs().compareTo(unit.scaleByPowerOfTen(-6)) < 0) {
            return; // t (almost) half-way between two k-digit numbers: how to round it is not this property's question
        }
        String right = written(rounded);
        assertEquals(ClaimVerdict.CORRECT, c.verdict(right), right + " (" + digits + " digits)" + c.on());
        // one unit of the last digit further: on the side away from t (at least a unit from t), or on t's side
        // when that neighbour is clearly more than half a unit away
        boolean up = exact.compareTo(rounded) >= 0;
        BigDecimal away = up ? rounded.subtract(unit) : rounded.add(unit);
        BigDecimal near = up ? rounded.add(unit) : rounded.subtract(unit);
        boolean nearClear = near.subtract(exact).abs().compareTo(unit.multiply(new BigDecimal("0.6"))) > 0;
        BigDecimal wrong = farNeighbour || !nearClear ? away : near;
        String wrongText = wrong.signum() == 0 ? "0" : written(wrong);
        assertEquals(ClaimVerdict.INCORRECT, c.verdict(wrongText), wrongText + " (" + digits + " digits)" + c.on());
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void numberClaimsAtFullPrecision(@ForAll("networks") RandomNetworks.Shape shape,
            @ForAll @IntRange(max = 999) int pick, @ForAll @IntRange(max = 999) int samplePick, @ForAll boolean above) {
        NumberCase c = numberCase(shape, pick, samplePick);
        if (c == null) {
            return;
        }
        BigDecimal exact = new BigDecimal(c.truth());
        MathContext full = new MathContext(15, RoundingMode.HALF_EVEN);
        String close = written(exact.multiply(new BigDecimal(above ? "1.0000001" : "0.9999999")).round(full));
        assertEquals(ClaimVerdict.CORRECT, c.verdict(close), close + " (relative error 1e-7)" + c.on());
        String far = written(exact.multiply(new BigDecimal(above ? "1.00001" : "0.99999")).round(full));
        assertEquals(ClaimVerdict.INCORRECT, c.verdict(far), far + " (relative error 1e-5)" + c.on());
    }

    // ------------------------------------------------------------------------------------ symbol slips

    private static final AtomicInteger slipTries = new AtomicInteger();
    private static final AtomicInteger slipNotApplicable = new AtomicInteger();
    private static final AtomicInteger slipNumbersUndecided = new AtomicInteger();
    private static final AtomicInteger slipSymjaUndecided = new AtomicInteger();

    /** A slip in a symbol of the chain, and the kind it must get. */
    enum SymbolSlip {
        /** the gradient times a symbol on its path (a weight, a sigmoid/tanh/identity activation, an input) */
        EXTRA_SYMBOL(Diagnosis.Kind.EXTRA_FACTOR),
        /** a weight w[m,p,q] of the path replaced by w[m,q,p]: W for Wᵀ */
        W_FOR_WT(Diagnosis.Kind.WRONG_INDEX),
        /** the layer input a[l-1,j] of a weight's gradient replaced by z[l-1,j] (sigmoid or tanh below) */
        Z_FOR_A(Diagnosis.Kind.WRONG_INDEX);

        final Diagnosis.Kind kind;

        SymbolSlip(Diagnosis.Kind kind) {
            this.kind = kind;
        }
    }

    private static final Pattern WEIGHT = Pattern.compile("w\\[(\\d+),(\\d+),(\\d+)]");
    private static final Pattern ACTIVATION = Pattern.compile("a\\[(\\d+),(\\d+)]");

    /** The slipped expression and the two symbols involved (wrong, right), or null where the slip does not apply. */
    private record Slipped(Expr expr, String wrong, String right) {
    }

    static Slipped slip(SymbolSlip slip, Expr truth, ParamId id, NetworkSpec spec, int which) {
        List<String> vars = new ArrayList<>(new TreeSet<>(Exprs.variables(truth)));
        switch (slip) {
            case EXTRA_SYMBOL -> {
                List<String> candidates = new ArrayList<>();
                for (String v : vars) {
                    Matcher a = ACTIVATION.matcher(v);
                    boolean weight = WEIGHT.matcher(v).matches();
                    boolean input = spec.inputs().contains(v);
                    boolean smooth = false;
                    if (a.matches()) {
                        int l = Integer.parseInt(a.group(1));
                        Activation g = l >= 1 && l <= spec.layerCount() ? spec.layer(l).activation() : null;
                        smooth = g == Activation.SIGMOID || g == Activation.TANH || g == Activation.IDENTITY;
                        // a bias times an activation of the layer below is another weight's gradient
                        if (id.isBias() && l == id.layer() - 1) {
                            smooth = false;
                        }
                    }
                    if (input && id.isBias() && id.layer() == 1) {
                        input = false;
                    }
                    if (weight || smooth || input) {
                        candidates.add(v);
                    }
                }
                if (candidates.isEmpty()) {
                    return null;
                }
                String v = candidates.get(which % candidates.size());
                return new Slipped(Exprs.product(truth, new Var(v)), v, v);
            }
            case W_FOR_WT -> {
                List<String[]> candidates = new ArrayList<>();
                for (String v : vars) {
                    Matcher w = WEIGHT.matcher(v);
                    if (!w.matches()) {
                        continue;
                    }
                    int m = Integer.parseInt(w.group(1));
                    int p = Integer.parseInt(w.group(2));
                    int q = Integer.parseInt(w.group(3));
                    if (p != q && m <= spec.layerCount() && q <= spec.layer(m).units() && p <= spec.layer(m).fanIn()) {
                        candidates.add(new String[] {v, "w[" + m + "," + q + "," + p + "]"});
                    }
                }
                if (candidates.isEmpty()) {
                    return null;
                }
                String[] c = candidates.get(which % candidates.size());
                return new Slipped(Exprs.substitute(truth, Map.of(c[0], new Var(c[1]))), c[1], c[0]);
            }
            case Z_FOR_A -> {
                if (!id.isWeight() || id.layer() < 2) {
                    return null;
                }
                Activation below = spec.layer(id.layer() - 1).activation();
                String a = "a[" + (id.layer() - 1) + "," + id.input() + "]";
                if ((below != Activation.SIGMOID && below != Activation.TANH) || !vars.contains(a)) {
                    return null;
                }
                String z = "z[" + (id.layer() - 1) + "," + id.input() + "]";
                return new Slipped(Exprs.substitute(truth, Map.of(a, new Var(z))), z, a);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Index slips: W for Wᵀ, z for a. */
    enum IndexSlip {
        W_FOR_WT(SymbolSlip.W_FOR_WT), Z_FOR_A(SymbolSlip.Z_FOR_A);

        final SymbolSlip slip;

        IndexSlip(SymbolSlip slip) {
            this.slip = slip;
        }
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void extraSymbolIsAnExtraFactor(@ForAll("networks") RandomNetworks.Shape shape, @ForAll @IntRange(max = 999) int pick,
            @ForAll @IntRange(max = 999) int which) {
        symbolSlip(shape, pick, which, SymbolSlip.EXTRA_SYMBOL);
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void wrongIndexIsNamed(@ForAll("networks") RandomNetworks.Shape shape, @ForAll @IntRange(max = 999) int pick,
            @ForAll @IntRange(max = 999) int which, @ForAll IndexSlip slip) {
        symbolSlip(shape, pick, which, slip.slip);
    }

    private static void symbolSlip(RandomNetworks.Shape shape, int pick, int which, SymbolSlip kind) {
        slipTries.incrementAndGet();
        NetworkSpec spec = shape.spec();
        NetworkJudge judge = new NetworkJudge(spec, Optional.empty(), NetworkJudge.Of.SAMPLE, 7);
        // the picked parameter, or the next one (in canonical order, round) where the slip can be made
        ParamId id = null;
        Slipped slipped = null;
        for (int k = 0; k < spec.parameterCount() && slipped == null; k++) {
            id = spec.parameters().get((pick + k) % spec.parameterCount());
            slipped = slip(kind, new PathModel(judge.backprop(), id).explicit(), id, spec, which);
        }
        if (slipped == null) {
            slipNotApplicable.incrementAndGet();
            return;
        }
        String text = id + " = " + InputPrinter.str(slipped.expr());
        ClaimParser.Claim claim = ClaimParser.parse(text, spec);
        ClaimResult numeric = judge.judge(claim);
        if (numeric.verdict().equals(ClaimVerdict.UNDECIDED)) {
            slipNumbersUndecided.incrementAndGet(); // the gradient 0 at every point (a ReLU off on the path)
            return;
        }
        String on = text + " (" + kind + " " + slipped.wrong() + " for " + slipped.right() + ") on " + shape;
        assertEquals(ClaimVerdict.INCORRECT, numeric.verdict(), on);
        assertEquals(kind.kind, numeric.diagnosis().kind(), on + ": " + numeric.diagnosis().message());
        if (kind != SymbolSlip.EXTRA_SYMBOL) {
            String message = numeric.diagnosis().message();
            assertTrue(TrustNets.mentions(message, slipped.wrong()) && TrustNets.mentions(message, slipped.right()),
                    on + ": the message does not name both " + slipped.wrong() + " and " + slipped.right() + ": " + message);
        }
        SymbolicCheck symbolic = Symbolic.judge(Symbolic.networkPair(judge, claim));
        ClaimResult both = numeric.withSymbolic(symbolic);
        if (symbolic.outcome() == SymbolicCheck.Outcome.UNDECIDED) {
            slipSymjaUndecided.incrementAndGet();
            assertEquals(numeric.verdict(), both.verdict());
            return;
        }
        assertTrue(both.judgesAgree(), () -> "the judges disagree on " + on + ": " + symbolic.describe());
    }

    @AfterContainer
    static void report() {
        System.out.printf("judges agree: %d tries, %d agreed, Symja undecided %d, numbers undecided (kinks, dead ReLUs) %d%n",
                tries.get(), agreed.get(), symjaUndecided.get(), numbersUndecided.get());
        System.out.printf("number claims: %d tries, %d with gradient 0, %d skipped on a kink%n",
                numberTries.get(), numberZero.get(), numberKink.get());
        System.out.printf("symbol slips: %d tries, %d not applicable, numbers undecided %d, Symja undecided %d%n",
                slipTries.get(), slipNotApplicable.get(), slipNumbersUndecided.get(), slipSymjaUndecided.get());
        assertTrue(symjaUndecided.get() <= Math.max(2, tries.get() / 10), "Symja undecided too often");
        assertTrue(slipSymjaUndecided.get() <= Math.max(2, slipTries.get() / 10), "Symja undecided too often on symbol slips");
    }
}
