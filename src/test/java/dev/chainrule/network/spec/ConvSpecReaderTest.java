package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.UserError;
import org.junit.jupiter.api.Test;

class ConvSpecReaderTest {
    private static final String CONV = """
            input_shape: [1, 4, 4]
            layers:
              - type: conv2d
                filters: 1
                kernel: KERNEL
                padding: PAD
                activation: relu
                weights: WEIGHTS
                biases: [0]
              - type: flatten
              - units: 1
                activation: sigmoid
                weights: [DENSE]
                biases: [0]
            loss: bce
            data:
              - x: [[1, 2, 0, 1], [0, 1, 3, 1], [2, 0, 1, 0], [1, 1, 0, 2]]
                y: [1]
            """;

    private static String conv(int k, int pad) {
        StringBuilder kernel = new StringBuilder("[[[");
        for (int p = 0; p < k; p++) {
            kernel.append(p == 0 ? "" : ", ").append("[").append("1, ".repeat(k - 1)).append("1]");
        }
        kernel.append("]]]");
        int out = 4 + 2 * pad - k + 1;
        String dense = "[" + "0.1, ".repeat(Math.max(out * out - 1, 0)) + "0.1]";
        return CONV.replace("KERNEL", "[" + k + ", " + k + "]").replace("PAD", String.valueOf(pad))
                .replace("WEIGHTS", kernel).replace("DENSE", dense);
    }

    private static String message(String yaml) {
        return assertThrows(UserError.class, () -> SpecLoader.parse(yaml, "s.yaml")).getMessage();
    }

    @Test
    void paddingMakesRoomForALargerKernel() {
        // 4x4 padded by 1 is 6x6: a 5x5 kernel fits (2x2 out), so only "not yet derived" is left
        assertEquals("s.yaml:3: layers: " + "the spec is valid, but this command builds dense layers only: conv2d, pooling and flatten layers are explained (every format but dot) and judged as number claims (check --claim 'ID = NUMBER'), not yet trained or checked otherwise (issue 14)",
                message(conv(5, 1)));
        assertEquals("s.yaml:5: layers[0].kernel: kernel 7x7 of layer 1 is larger than its padded input 6x6"
                + " (4x4 with padding 1)", message(conv(7, 1)));
    }

    @Test
    void anUnknownTypeIsNamedWithASuggestion() {
        assertEquals("s.yaml:3: layers[0].type: unknown layer type 'conv2' (expected one of dense, conv2d,"
                + " maxpool2d, avgpool2d, flatten); did you mean conv2d?",
                message(conv(2, 0).replace("type: conv2d", "type: conv2")));
    }

    @Test
    void anExplicitDenseTypeIsTheDefault() {
        String dense = """
                inputs: [x1, x2]
                layers:
                  - type: dense
                    units: 1
                    activation: sigmoid
                    weights: [[1, -1]]
                    biases: [0]
                loss: bce
                data:
                  - {x: [0, 1], y: [1]}
                """;
        assertEquals(1, SpecLoader.parse(dense, "d.yaml").layerCount());
    }
}
