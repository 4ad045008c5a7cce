package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecGeneratorTest {

    @Test
    void sameArgumentsSameSpec() {
        NetworkSpec a = SpecGenerator.mlp(new int[] {3, 4, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CE, 5, 7);
        NetworkSpec b = SpecGenerator.mlp(new int[] {3, 4, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CE, 5, 7);
        assertEquals(a, b);
        assertNotEquals(a, SpecGenerator.mlp(new int[] {3, 4, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CE, 5, 8));
        assertEquals("3-4-2", a.shape());
        assertEquals(List.of("x1", "x2", "x3"), a.inputs());
        assertEquals(List.of("yhat1", "yhat2"), a.outputs());
    }

    @Test
    void weightsWithinOneOverSqrtFanIn() {
        NetworkSpec spec = SpecGenerator.mlp(new int[] {16, 9, 1}, Activation.RELU, Activation.IDENTITY, Loss.SE, 3, 1);
        for (int l = 1; l <= spec.layerCount(); l++) {
            double bound = 1 / Math.sqrt(spec.fanIn(l));
            for (double[] row : spec.layer(l).weights()) {
                for (double w : row) {
                    assertTrue(Math.abs(w) <= bound);
                }
            }
        }
    }

    @Test
    void targetsSuitTheLoss() {
        NetworkSpec ce = SpecGenerator.mlp(new int[] {2, 4}, Activation.RELU, Activation.SOFTMAX, Loss.CE, 50, 3);
        for (Sample s : ce.data()) {
            double sum = 0;
            for (double y : s.y()) {
                assertTrue(y == 0 || y == 1);
                sum += y;
            }
            assertEquals(1, sum, "one-hot");
        }
        NetworkSpec bce = SpecGenerator.mlp(new int[] {2, 3}, Activation.RELU, Activation.SIGMOID, Loss.BCE, 50, 3);
        bce.data().forEach(s -> {
            for (double y : s.y()) {
                assertTrue(y == 0 || y == 1);
            }
        });
        NetworkSpec se = SpecGenerator.mlp(new int[] {2, 1}, Activation.RELU, Activation.IDENTITY, Loss.SE, 50, 3);
        assertTrue(se.data().stream().anyMatch(s -> s.yAt(0) != Math.rint(s.yAt(0))), "real targets");
    }

    @Test
    void roundTripsThroughYaml() {
        for (Loss loss : Loss.values()) {
            Activation out = switch (loss) {
                case CE -> Activation.SOFTMAX;
                case BCE -> Activation.SIGMOID;
                default -> Activation.TANH;
            };
            for (Activation hidden : List.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH,
                    Activation.RELU, Activation.LEAKY_RELU)) {
                NetworkSpec spec = SpecGenerator.mlp(new int[] {3, 5, 4, 2}, hidden, out, loss, 6, loss.ordinal());
                assertEquals(spec, SpecLoader.parse(SpecGenerator.toYaml(spec), "gen.yaml"), loss + "/" + hidden);
            }
        }
    }

    @Test
    void roundTripsAwkwardNumbersAndNames() {
        NetworkSpec base = SpecGenerator.mlp(new int[] {2, 2, 1}, Activation.LEAKY_RELU, Activation.IDENTITY,
                Loss.HALF_SE, 2, 11);
        double[] flat = {-0.0, 1e-300, 4.9e-324, 1e300, -1.7976931348623157e308, 0.1 + 0.2, 1e15, 123456789012345678.0,
            -3};
        NetworkSpec odd = new NetworkSpec(List.of("on", "Null"), List.of("yes"), base.withParameters(flat).layers(),
                Loss.HALF_SE, Reduction.SUM, 1e-3, base.data(), "quotes \" and 'colons': # not a comment\nnewline");
        String yaml = SpecGenerator.toYaml(odd);
        assertEquals(odd, SpecLoader.parse(yaml, "odd.yaml"), yaml);
        LayerSpec alpha = new LayerSpec(1, Activation.RELU, 0.3, new double[][] {{1}}, new double[] {0});
        NetworkSpec withAlpha = new NetworkSpec(List.of("x"), null, List.of(alpha), Loss.SE, Reduction.MEAN, 0.1,
                List.of(new Sample(new double[] {1}, new double[] {2})), null);
        assertEquals(withAlpha, SpecLoader.parse(SpecGenerator.toYaml(withAlpha), "alpha.yaml"));
    }

    @Test
    void bigNetworksRoundTripWithinTheLimits() {
        NetworkSpec spec = SpecGenerator.mlp(new int[] {784, 128, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CE,
                3, 2024);
        assertEquals(784 * 128 + 128 + 128 * 10 + 10, spec.parameterCount());
        String yaml = SpecGenerator.toYaml(spec);
        assertTrue(yaml.length() < SpecLoader.MAX_FILE_BYTES, "yaml size " + yaml.length());
        assertEquals(spec, SpecLoader.parse(yaml, "mnist.yaml"));
    }

    @Test
    void refusesWhatTheLoaderWouldRefuse() {
        assertThrows(IllegalArgumentException.class,
                () -> SpecGenerator.mlp(new int[] {2, 3}, Activation.RELU, Activation.IDENTITY, Loss.CE, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> SpecGenerator.mlp(new int[] {2, 3, 2}, Activation.SOFTMAX, Activation.SOFTMAX, Loss.CE, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> SpecGenerator.mlp(new int[] {2, 1}, Activation.RELU, Activation.RELU, Loss.BCE, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> SpecGenerator.mlp(new int[] {2}, Activation.RELU, Activation.RELU, Loss.SE, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> SpecGenerator.mlp(new int[] {2, 0}, Activation.RELU, Activation.RELU, Loss.SE, 1, 1));
    }
}
