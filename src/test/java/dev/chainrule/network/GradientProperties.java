package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.NetworkExplanation.SampleTerm;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.numeric.DualEvaluator;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import java.util.ArrayList;
import net.jqwik.api.statistics.Statistics;

/**
 * Backprop's gradients on random networks (see {@link RandomNetworks}) against three independent computations:
 * forward-mode differentiation (commons-math3 DerivativeStructure) of the model's own definitions, forward mode
 * straight from the spec's arrays, and the central finite differences of {@code explain}'s checks.
 */
class GradientProperties {
    /** Forward mode and backprop agree to rounding: ~1e-9 relative to the gradient's size. */
    static final double RELATIVE = 1e-9;

    @Provide
    Arbitrary<RandomNetworks.Shape> networks() {
        return RandomNetworks.shapes();
    }

    @Provide
    Arbitrary<RandomNetworks.Shape> extendedNetworks() {
        return RandomNetworks.extendedShapes();
    }

    static void assertClose(double expected, double actual, double scale, String what) {
        double tolerance = RELATIVE * Math.max(Math.max(Math.abs(expected), Math.abs(actual)), scale) + 1e-300;
        assertTrue(Math.abs(expected - actual) <= tolerance,
                what + ": expected " + expected + " but was " + actual + " (|Δ| = " + Math.abs(expected - actual) + ")");
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Per-sample losses differentiated by DualEvaluator through the model's forward definitions, then reduced. */
    static double[] dualGradient(NetworkAnalysis analysis) {
        NetworkModel model = analysis.model();
        NetworkSpec spec = model.spec();
        List<String> wrt = spec.parameters().stream().map(ParamId::toString).toList();
        DualEvaluator dual = new DualEvaluator(model.forward());
        double[] g = new double[wrt.size()];
        for (int s = 1; s <= spec.data().size(); s++) {
            Map<String, Double> env = new HashMap<>(model.sampleValues(s));
            DualEvaluator.Result r = dual.evaluate(model.symbols().loss(), env, wrt);
            double[] gs = r.gradient();
            for (int p = 0; p < g.length; p++) {
                g[p] += gs[p];
            }
        }
        if (spec.reduction() == Reduction.MEAN) {
            for (int p = 0; p < g.length; p++) {
                g[p] /= spec.data().size();
            }
        }
        return g;
    }

    /** The same with softplus, ELU, GELU and SiLU layers (issue 14) among the choices. */
    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void backpropEqualsForwardModeWithTheNewActivations(@ForAll("extendedNetworks") RandomNetworks.Shape shape) {
        backpropEqualsForwardMode(shape);
    }

    /** With a random regularization {l2: λ, l1: μ} (issue 14): the penalty's gradient joins the reduced one. */
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void backpropEqualsForwardModeWithRegularization(@ForAll("extendedNetworks") RandomNetworks.Shape shape,
                                                     @ForAll("penalties") dev.chainrule.network.spec.Regularization r) {
        NetworkSpec spec = shape.spec().withRegularization(r);
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        double[] backprop = analysis.gradient();
        SpecForwardMode.Result direct = SpecForwardMode.evaluate(spec);
        double scale = maxAbs(direct.gradient());
        assertClose(direct.loss(), analysis.loss(), 0, shape + " " + r + " loss");
        List<ParamId> ids = spec.parameters();
        for (int p = 0; p < ids.size(); p++) {
            assertClose(direct.gradient()[p], backprop[p], scale * 1e-3, shape + " " + r + " " + ids.get(p));
        }
        NetworkExplanation e = analysis.explain(List.of(), Optional.empty(), CheckMode.ALL, shape.seed());
        assertFalse(e.anyCheckFailed(), shape + " " + r);
        for (ParameterResult pr : e.parameters()) {
            assertEquals(backprop[spec.indexOf(pr.id())], pr.gradient(), 1e-12 * (1 + Math.abs(pr.gradient())));
            assertEquals(pr.id().isWeight() && !r.isNone(), pr.penalty().isPresent(), pr.id() + " penalty term");
        }
    }

    @Provide
    Arbitrary<dev.chainrule.network.spec.Regularization> penalties() {
        Arbitrary<Double> weight = net.jqwik.api.Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Arbitraries.just(0.0)),
                net.jqwik.api.Tuple.of(3, net.jqwik.api.Arbitraries.doubles().between(0.001, 0.5).ofScale(4)));
        return net.jqwik.api.Combinators.combine(weight, weight).as(dev.chainrule.network.spec.Regularization::new);
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void explainChecksNeverFailWithTheNewActivations(@ForAll("extendedNetworks") RandomNetworks.Shape shape) {
        explainChecksNeverFail(shape);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void backpropEqualsForwardMode(@ForAll("networks") RandomNetworks.Shape shape) {
        NetworkSpec spec = shape.spec();
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        double[] backprop = analysis.gradient();
        double[] dual = dualGradient(analysis);
        SpecForwardMode.Result direct = SpecForwardMode.evaluate(spec);
        double scale = maxAbs(direct.gradient());
        List<ParamId> ids = spec.parameters();
        assertEquals(ids.size(), backprop.length);
        assertClose(direct.loss(), analysis.loss(), 0, shape + " loss");
        for (int p = 0; p < ids.size(); p++) {
            assertClose(dual[p], backprop[p], scale * 1e-3, shape + " " + ids.get(p) + " (DualEvaluator)");
            assertClose(direct.gradient()[p], backprop[p], scale * 1e-3, shape + " " + ids.get(p) + " (spec forward mode)");
        }
        Statistics.label("layers").collect(spec.layerCount());
        Statistics.label("head").collect(shape.head());
        Statistics.label("parameters").collect(spec.parameterCount() <= 10 ? "≤10" : spec.parameterCount() <= 30 ? "≤30" : ">30");
    }

    @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
    void explainChecksNeverFail(@ForAll("networks") RandomNetworks.Shape shape) {
        NetworkSpec spec = shape.spec();
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        NetworkExplanation e = analysis.explain(List.of(), Optional.empty(), CheckMode.ALL, shape.seed());
        assertFalse(e.anyCheckFailed(), shape.toString());
        assertTrue(e.fastCheck().isEmpty());
        double[] g = analysis.gradient();
        int kinks = 0;
        for (ParameterResult r : e.parameters()) {
            Verdict v = r.check().orElseThrow().verdict();
            assertNotEquals(Verdict.FAIL, v, shape + " " + r.id() + " " + r.check());
            if (v == Verdict.KINK) {
                kinks++;
                assertTrue(shape.hasKinks(), shape + ": a kink in a network without relu/leaky_relu at " + r.id());
                assertTrue(r.kinkSample().isPresent(), shape + " " + r.id());
            }
            // explain's gradient is gradient()'s, and its check compares that number
            assertEquals(g[spec.indexOf(r.id())], r.gradient(), 0.0, shape + " " + r.id());
            assertEquals(r.gradient(), r.check().orElseThrow().analytic(), 0.0);
        }
        Statistics.label("kinks").collect(kinks == 0 ? "none" : "some");
        Statistics.label("relu/leaky").collect(shape.hasKinks());
    }

    @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
    void explicitChainAgreesWithDeltaFormPerSample(@ForAll("networks") RandomNetworks.Shape shape) {
        NetworkSpec spec = shape.spec();
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        NetworkExplanation e = analysis.explain(List.of(), Optional.empty(), CheckMode.NONE, 0);
        Evaluator ev = new Evaluator(analysis.definitions());
        int n = spec.data().size();
        assertEquals(n, e.samplesShown().size());
        int explicit = 0;
        for (ParameterResult r : e.parameters()) {
            if (r.chain().isPresent()) {
                explicit++;
            }
            double sum = 0;
            assertEquals(n, r.perSample().size());
            for (SampleTerm t : r.perSample()) {
                double delta = ev.scope(analysis.model().sampleValues(t.sample())).eval(r.deltaForm());
                double scale = Math.abs(delta) + 1e-12;
                assertClose(delta, t.value(), scale * 1e-3, shape + " " + r.id() + " sample " + t.sample()
                        + ": explicit " + r.explicit() + " vs δ form " + r.deltaForm());
                sum += t.value();
            }
            double reduced = spec.reduction() == Reduction.MEAN ? sum / n : sum;
            assertClose(reduced, r.gradient(), Math.abs(reduced) + 1e-12, shape + " " + r.id() + " reduction");
        }
        Statistics.label("explicit chains").collect(explicit == 0 ? "none" : explicit == e.parameters().size() ? "all" : "some");
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void perSampleGradientsMatchOneSampleNetworks(@ForAll("networks") RandomNetworks.Shape shape) {
        // --sample N shows sample N's own ∂L_N/∂p: the gradient of the same network with that sample alone
        NetworkSpec spec = shape.spec();
        int n = spec.data().size();
        int pick = 1 + (int) Math.floorMod(shape.seed(), (long) n);
        NetworkExplanation e = new NetworkAnalysis(spec).explain(List.of(), Optional.of(pick), CheckMode.NONE, 0);
        assertEquals(List.of(pick), e.samplesShown());
        Sample only = spec.data().get(pick - 1);
        double[] alone = new NetworkAnalysis(spec.withData(List.of(only))).gradient();
        for (ParameterResult r : e.parameters()) {
            assertEquals(1, r.perSample().size());
            double v = r.perSample().get(0).value();
            assertClose(alone[spec.indexOf(r.id())], v, Math.abs(v) + 1e-12, shape + " " + r.id());
        }
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void reluExactlyAtZeroIsAKinkOrUnbentNeverAFailure(@ForAll("networks") RandomNetworks.Shape shape,
                                              @ForAll boolean leaky) {
        // put z[1,1] exactly at 0 for sample 1: x = 0 and b[1,1] = 0, with a (leaky) ReLU first layer
        NetworkSpec base = shape.spec();
        List<LayerSpec> layers = new ArrayList<>(base.layers());
        LayerSpec first = layers.get(0);
        if (first.activation() == Activation.SOFTMAX) {
            return; // a 1-layer softmax network has no ReLU to put at 0
        }
        Activation relu = leaky ? Activation.LEAKY_RELU : Activation.RELU;
        double[] biases = first.biases();
        biases[0] = 0;
        layers.set(0, new LayerSpec(first.units(), relu, 0.1, first.weights(), biases));
        if (layers.size() == 1 && base.loss() != dev.chainrule.network.spec.Loss.SE
                && base.loss() != dev.chainrule.network.spec.Loss.HALF_SE) {
            return; // bce/ce need a sigmoid or softmax output
        }
        List<Sample> data = new ArrayList<>(base.data());
        data.set(0, new Sample(new double[base.inputCount()], data.get(0).y()));
        NetworkSpec spec = new NetworkSpec(base.inputs(), null, layers, base.loss(), base.reduction(), 0.1, data, "kink");
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        double[] backprop = analysis.gradient();
        SpecForwardMode.Result direct = SpecForwardMode.evaluate(spec);
        double scale = maxAbs(direct.gradient());
        for (int p = 0; p < backprop.length; p++) {
            // relu′(0) = 0 and leaky_relu′(0) = 1, in backprop as in the contract
            assertClose(direct.gradient()[p], backprop[p], scale * 1e-3, shape + " " + spec.parameters().get(p));
        }
        NetworkExplanation e = analysis.explain(List.of(ParamId.bias(1, 1)), Optional.empty(), CheckMode.ALL, 0);
        ParameterResult r = e.parameters().get(0);
        // a kink L bends at cannot be judged; where the unit's slope change is lost downstream (a 0 weight above,
        // other samples' slopes dwarfing it) the one-sided slopes agree and the check judges as on a smooth point
        Verdict v = r.check().orElseThrow().verdict();
        if (v == Verdict.KINK) {
            assertEquals(Optional.of(1), r.kinkSample());
        } else {
            assertEquals(Verdict.PASS, v, shape + " " + r.check());
            // the central difference against forward mode: a difference is good to ~1e-10 absolute here, 1e-7 leaves room
            double direct1 = direct.gradient()[spec.indexOf(ParamId.bias(1, 1))];
            assertEquals(direct1, r.check().orElseThrow().numeric(), 1e-7 * (1 + Math.abs(direct1)), shape + " unbent");
        }
        Statistics.label("verdict").collect(v);
        assertFalse(e.anyCheckFailed());
        Statistics.label("kind").collect(leaky ? "leaky_relu" : "relu");
    }
}
