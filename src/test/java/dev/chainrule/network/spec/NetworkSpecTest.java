package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSpecTest {
    private final NetworkSpec xor = BuiltinExamples.xor();

    @Test
    void countsAndNamesParametersCanonically() {
        assertEquals(2, xor.inputCount());
        assertEquals(1, xor.outputCount());
        assertEquals(2, xor.fanIn(1));
        assertEquals(2, xor.fanIn(2));
        assertEquals(9, xor.parameterCount());
        assertEquals("[w[1,1,1], w[1,1,2], w[1,2,1], w[1,2,2], b[1,1], b[1,2], w[2,1,1], w[2,1,2], b[2,1]]",
                xor.parameters().toString());
        assertArrayEquals(new double[] {1, 0.5, -0.5, 1, 1, 0.5, -1, 0.5, 1}, xor.parameterVector());
    }

    @Test
    void indexAndValueAgreeWithTheVector() {
        double[] flat = xor.parameterVector();
        List<ParamId> ids = xor.parameters();
        for (int k = 0; k < ids.size(); k++) {
            assertEquals(k, xor.indexOf(ids.get(k)));
            assertEquals(flat[k], xor.parameter(ids.get(k)));
        }
    }

    @Test
    void withParameterReturnsANewSpec() {
        NetworkSpec changed = xor.withParameter(ParamId.parse("w[1,2,1]"), 7);
        assertEquals(7, changed.parameter(ParamId.weight(1, 2, 1)));
        assertEquals(-0.5, xor.parameter(ParamId.weight(1, 2, 1)), "the original is unchanged");
        assertEquals(xor, changed.withParameter(ParamId.weight(1, 2, 1), -0.5));
        NetworkSpec bias = xor.withParameter(ParamId.bias(2, 1), 1.056);
        assertEquals(1.056, bias.outputLayer().biasAt(0));
    }

    @Test
    void withParametersReplacesAllInCanonicalOrder() {
        double[] flat = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        NetworkSpec replaced = xor.withParameters(flat);
        assertArrayEquals(flat, replaced.parameterVector());
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, replaced.layer(1).weights());
        assertArrayEquals(new double[] {5, 6}, replaced.layer(1).biases());
        assertEquals(xor.data(), replaced.data());
        assertThrows(IllegalArgumentException.class, () -> xor.withParameters(new double[8]));
    }

    @Test
    void withDataKeepsEverythingElse() {
        List<Sample> one = List.of(new Sample(new double[] {1, 1}, new double[] {0}));
        NetworkSpec fewer = xor.withData(one);
        assertEquals(one, fewer.data());
        assertEquals(xor.layers(), fewer.layers());
        assertThrows(IllegalArgumentException.class,
                () -> xor.withData(List.of(new Sample(new double[] {1}, new double[] {0}))));
    }

    @Test
    void unknownParametersAreUserErrors() {
        assertEquals("no parameter w[3,1,1] in this network: the network has 2 layers",
                assertThrows(UserError.class, () -> xor.indexOf(ParamId.weight(3, 1, 1))).getMessage());
        assertEquals("no parameter b[2,2] in this network: layer 2 has 1 neuron",
                assertThrows(UserError.class, () -> xor.parameter(ParamId.bias(2, 2))).getMessage());
        assertEquals("no parameter w[1,1,3] in this network: each neuron of layer 1 has 2 inputs",
                assertThrows(UserError.class, () -> xor.withParameter(ParamId.weight(1, 1, 3), 0)).getMessage());
        assertEquals("no parameter k[1,1,1,1,1] in this network: layer 1 is a dense layer (its parameters are"
                        + " w[1,i,j] and b[1,i]); kernel weights k[l,f,ch,p,q] belong to conv2d layers",
                assertThrows(UserError.class, () -> xor.indexOf(ParamId.kernel(1, 1, 1, 1, 1))).getMessage());
        assertEquals("no parameter k[3,1,1,1,1] in this network: the network has 2 layers",
                assertThrows(UserError.class, () -> xor.parameter(ParamId.kernel(3, 1, 1, 1, 1))).getMessage());
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[][] w = {{1, 2}};
        double[] b = {3};
        LayerSpec layer = new LayerSpec(1, Activation.SIGMOID, w, b);
        w[0][0] = 99;
        b[0] = 99;
        layer.weights()[0][1] = 99;
        layer.biases()[0] = 99;
        assertEquals(new LayerSpec(1, Activation.SIGMOID, new double[][] {{1, 2}}, new double[] {3}), layer);

        double[] x = {1};
        Sample s = new Sample(x, new double[] {0});
        x[0] = 5;
        s.x()[0] = 5;
        assertEquals(1, s.xAt(0));
    }

    @Test
    void recordsHaveValueEquality() {
        assertEquals(BuiltinExamples.xor(), SpecLoader.parse(BuiltinExamples.xorYaml(), "again.yaml"));
        assertEquals(BuiltinExamples.xor().hashCode(),
                SpecLoader.parse(BuiltinExamples.xorYaml(), "again.yaml").hashCode());
        assertNotEquals(xor, xor.withParameter(ParamId.bias(1, 1), 0));
    }

    @Test
    void constructorsCheckShapes() {
        LayerSpec twoIn = new LayerSpec(1, Activation.IDENTITY, new double[][] {{1, 2}}, new double[] {0});
        Sample sample = new Sample(new double[] {1}, new double[] {1});
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec(2, Activation.IDENTITY, new double[][] {{1, 2}, {3}}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec(0, Activation.IDENTITY, new double[0][], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(List.of("x"), null, List.of(twoIn),
                Loss.SE, Reduction.MEAN, 0.1, List.of(sample), null), "fan-in 2 on 1 input");
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(List.of("x1", "x2"), List.of("a", "b"),
                List.of(twoIn), Loss.SE, Reduction.MEAN, 0.1, List.of(), null));
        NetworkSpec ok = new NetworkSpec(List.of("x1", "x2"), null, List.of(twoIn), Loss.SE, Reduction.MEAN, 0.1,
                List.of(new Sample(new double[] {1, 2}, new double[] {1})), null);
        assertEquals(List.of("yhat"), ok.outputs());
    }
}
