package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.numeric.Evaluator;
import dev.chainrule.numeric.KinkEvent;
import dev.chainrule.numeric.KinkLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-worked example: a 1-channel 4×4 image, one 2×2 kernel, stride 1, ReLU, maxpool 2 → flatten → dense 1
 * sigmoid, BCE. Worked by hand: z = [[1.1, 11.6, 1.6], [−1.9, −0.4, 2.6], [3.6, −5.9, 4.1]], the pool's one
 * window (rows and columns 1–2) has its maximum 11.6 at (1, 2), so ŷ = σ(0.5·11.6 − 1) = σ(4.8) and
 * L = −log ŷ; δ of the dense z is ŷ − 1, of the winning conv output (ŷ − 1)·0.5 (ReLU′ = 1 there), of every other
 * conv output 0: ∂L/∂k[1,1,1,p,q] = (ŷ − 1)·0.5·x[1, 1+p−1, 2+q−1].
 */
class ConvModelTest {
    static final double[][][] X = {{{1, 2, -3, -1}, {0, 1, 3, 1}, {2, -1, 1, 0}, {1, 0, -2, 2}}};
    static final ConvReference.Net NET = new ConvReference.Net(new double[][][][] {{{{1, -1}, {0.5, 2}}}},
            new double[] {0.1}, 1, 0, true, 2, false, new double[][] {{0.5}}, new double[] {-1}, true);
    static final double YHAT = 1 / (1 + Math.exp(-4.8));

    private final ConvModel model = new ConvModel(ConvNets.spec(NET, X, new double[] {1}));

    @Test
    void lossIsTheHandWorkedOne() {
        assertEquals(-Math.log(YHAT), ConvNets.loss(model), 1e-12);
        assertEquals(0.008196067338267759, ConvNets.loss(model), 1e-12);
        assertEquals(new ConvReference().loss(NET, X, new double[] {1}), ConvNets.loss(model), 1e-12);
    }

    /** The backward pass's ∂L/∂x against central differences of the reference in each pixel. */
    @Test
    void inputGradientOfThePassIsTheReferencesSlope() {
        ConvAnalysis.Pass pass = new ConvAnalysis(ConvNets.spec(NET, X, new double[] {1})).passes().get(0);
        ConvReference ref = new ConvReference();
        double h = 1e-6;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double[][][] plus = copy(X);
                double[][][] minus = copy(X);
                plus[0][i][j] += h;
                minus[0][i][j] -= h;
                double fd = (ref.loss(NET, plus, new double[] {1}) - ref.loss(NET, minus, new double[] {1})) / (2 * h);
                assertEquals(fd, pass.lossByInput()[0][i][j], 1e-7, "x[1," + (i + 1) + "," + (j + 1) + "]");
            }
        }
        // only the winner's window (rows and columns 1–2 of x, under output (1, 2)) gets a gradient: δ·k
        double delta = (YHAT - 1) * 0.5;
        assertEquals(delta * -1, pass.lossByInput()[0][0][2], 1e-12);
        assertEquals(0.0, pass.lossByInput()[0][3][3], 0.0);
    }

    private static double[][][] copy(double[][][] x) {
        double[][][] c = new double[x.length][][];
        for (int i = 0; i < x.length; i++) {
            c[i] = new double[x[i].length][];
            for (int j = 0; j < x[i].length; j++) {
                c[i][j] = x[i][j].clone();
            }
        }
        return c;
    }

    @Test
    void kernelGradientsAreTheHandWorkedOnes() {
        double delta = (YHAT - 1) * 0.5;
        double[][] window = {{2, -3}, {1, 3}}; // x under the kernel at the winning output (1, 2)
        for (int p = 1; p <= 2; p++) {
            for (int q = 1; q <= 2; q++) {
                ParamId k = ParamId.kernel(1, 1, 1, p, q);
                assertEquals(delta * window[p - 1][q - 1], ConvNets.gradient(model, k), 1e-9, k.toString());
                assertEquals(delta * window[p - 1][q - 1], ConvNets.sharedSum(model, k), 1e-9, k.toString());
            }
        }
        assertEquals(0.012243856729739822, ConvNets.gradient(model, ParamId.kernel(1, 1, 1, 1, 2)), 1e-9);
        assertEquals(delta, ConvNets.gradient(model, ParamId.bias(1, 1)), 1e-9);
        assertEquals((YHAT - 1) * 11.6, ConvNets.gradient(model, ParamId.weight(4, 1, 1)), 1e-9);
        assertEquals(YHAT - 1, ConvNets.gradient(model, ParamId.bias(4, 1)), 1e-9);
    }

    @Test
    void aKernelWeightTouchesEveryOutputPositionOfItsFilter() {
        List<ConvModel.SharedTerm> terms = model.sharedTerms(ParamId.kernel(1, 1, 1, 2, 1));
        assertEquals(9, terms.size());
        assertEquals("z[1,1,1,1]", terms.get(0).z().name());
        assertEquals("x[1,2,1]", terms.get(0).input().name());
        assertEquals("z[1,1,3,3]", terms.get(8).z().name());
        assertEquals("x[1,4,3]", terms.get(8).input().name());
    }

    @Test
    void paddingPositionsAddNoTerm() {
        ConvReference.Net padded = new ConvReference.Net(NET.kernels(), NET.convBias(), 1, 1, false, 0, false,
                new double[][] {new double[25]}, new double[] {0}, true);
        ConvModel m = new ConvModel(ConvNets.spec(padded, X, new double[] {1}));
        // k[1,1,1,1,1] sits at the top left: on the 5×5 outputs of a padded 4×4 image it meets a pixel at 4×4 of them
        assertEquals(16, m.sharedTerms(ParamId.kernel(1, 1, 1, 1, 1)).size());
        assertEquals("x[1,1,1]", m.sharedTerms(ParamId.kernel(1, 1, 1, 1, 1)).get(0).input().name());
        assertEquals("z[1,1,2,2]", m.sharedTerms(ParamId.kernel(1, 1, 1, 1, 1)).get(0).z().name());
    }

    @Test
    void aTieInAMaxPoolWindowIsAKink() {
        double[][][] flatImage = {{{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}}};
        ConvModel m = new ConvModel(ConvNets.spec(NET, flatImage, new double[] {1}));
        KinkLog log = new KinkLog();
        new Evaluator(m.forward()).eval(m.loss(), m.sampleValues(1), log);
        // every conv output is 2.6: the pool's window ties, and the ties are ReLU kinks of the pool's a[2,1,1,1]
        assertTrue(log.events().stream().anyMatch(e -> e.side() == KinkEvent.Side.ZERO
                && e.unit().equals(java.util.Optional.of("a[2,1,1,1]"))), log.events().toString());
    }

    @Test
    void parametersAreNamedPerLayerCountingPoolAndFlatten() {
        ConvNetSpec spec = model.spec();
        assertEquals(List.of(ParamId.kernel(1, 1, 1, 1, 1), ParamId.kernel(1, 1, 1, 1, 2), ParamId.kernel(1, 1, 1, 2, 1),
                ParamId.kernel(1, 1, 1, 2, 2), ParamId.bias(1, 1), ParamId.weight(4, 1, 1), ParamId.bias(4, 1)),
                spec.parameters());
        assertEquals(2.0, spec.parameter(ParamId.kernel(1, 1, 1, 2, 2)));
        assertEquals("no parameter k[4,1,1,1,1] in this network: layer 4 is dense with 1 neuron of 1 input"
                + " (w[4,i,j], b[4,i])", assertThrows(UserError.class,
                        () -> spec.parameter(ParamId.kernel(4, 1, 1, 1, 1))).getMessage());
        assertEquals("no parameter k[1,1,1,3,1] in this network: layer 1 is conv2d with 1 filter of 1x2x2"
                + " (k[1,f,ch,p,q], b[1,f])", assertThrows(UserError.class,
                        () -> spec.parameter(ParamId.kernel(1, 1, 1, 3, 1))).getMessage());
        assertEquals("no parameter w[2,1,1] in this network: layer 2 is maxpool2d, which has no parameters",
                assertThrows(UserError.class, () -> spec.parameter(ParamId.weight(2, 1, 1))).getMessage());
    }
}
