package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinExamplesTest {

    @Test
    void xorIsTheNetworkOfSeed000() {
        NetworkSpec xor = BuiltinExamples.xor();
        assertEquals("XOR network", xor.name());
        assertEquals(List.of("x1", "x2"), xor.inputs());
        assertEquals(List.of("yhat"), xor.outputs());
        assertEquals(Activation.RELU, xor.layer(1).activation());
        assertArrayEquals(new double[][] {{1, 0.5}, {-0.5, 1}}, xor.layer(1).weights());
        assertArrayEquals(new double[] {1, 0.5}, xor.layer(1).biases());
        assertEquals(Activation.SIGMOID, xor.layer(2).activation());
        assertArrayEquals(new double[][] {{-1, 0.5}}, xor.layer(2).weights());
        assertArrayEquals(new double[] {1}, xor.layer(2).biases());
        assertEquals(Loss.BCE, xor.loss());
        assertEquals(Reduction.MEAN, xor.reduction());
        assertEquals(0.1, xor.learningRate());
        double[][] rows = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
        assertEquals(4, xor.data().size());
        for (int n = 0; n < rows.length; n++) {
            assertArrayEquals(new double[] {rows[n][0], rows[n][1]}, xor.data().get(n).x());
            assertArrayEquals(new double[] {rows[n][2]}, xor.data().get(n).y());
        }
        assertSame(xor, BuiltinExamples.xor(), "loaded once");
    }

    @Test
    void xorForwardPassMatchesTheTableOfTheNotes() {
        // z1(1) for the four rows is 1, 1.5, 2, 2.5 and yhat 0.562, 0.562, 0.27, 0.27 (seed 000)
        NetworkSpec xor = BuiltinExamples.xor();
        double[] expectedZ = {1, 1.5, 2, 2.5};
        double[] expectedYhat = {0.562, 0.562, 0.269, 0.269};
        for (int n = 0; n < 4; n++) {
            Sample s = xor.data().get(n);
            double[] h = new double[2];
            for (int i = 0; i < 2; i++) {
                double z = xor.layer(1).weightAt(i, 0) * s.xAt(0) + xor.layer(1).weightAt(i, 1) * s.xAt(1)
                        + xor.layer(1).biasAt(i);
                h[i] = Math.max(0, z);
                if (i == 0) {
                    assertEquals(expectedZ[n], z, 1e-12);
                }
            }
            LayerSpec out = xor.layer(2);
            double z2 = out.weightAt(0, 0) * h[0] + out.weightAt(0, 1) * h[1] + out.biasAt(0);
            assertEquals(expectedYhat[n], 1 / (1 + Math.exp(-z2)), 1e-3);
        }
    }

    @Test
    void linear1dIsTheOneNeuronExample() {
        NetworkSpec spec = BuiltinExamples.linear1d();
        assertEquals(List.of("x"), spec.inputs());
        assertArrayEquals(new double[] {0.1, 0}, spec.parameterVector());
        assertEquals(Activation.IDENTITY, spec.outputLayer().activation());
        assertEquals(Loss.SE, spec.loss());
        assertEquals(new Sample(new double[] {3}, new double[] {1}), spec.data().get(0));
    }
}
