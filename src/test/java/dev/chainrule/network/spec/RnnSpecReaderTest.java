package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RnnSpecReaderTest {
    private static String spec(String rnnExtra, String data) {
        return """
                inputs: [x]
                layers:
                  - type: rnn
                    units: 1
                    activation: tanh
                    weights: [[0.5]]
                    recurrent: [[0.8]]
                    biases: [0]
                %s
                  - units: 1
                    activation: identity
                    weights: [[2]]
                    biases: [0]
                loss: se
                data:
                %s
                """.formatted(rnnExtra, data);
    }

    private static String error(String yaml) {
        String m = assertThrows(SpecError.class, () -> SpecLoader.parseRnn(yaml, "s.yaml")).getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("s.yaml:"), m);
        return m;
    }

    @Test
    void withOneInputAStepMayBeASingleNumber() {
        RnnNetSpec s = SpecLoader.parseRnn(spec("", "  - {x: [1, [2], -1], y: 0}"), "s.yaml");
        assertEquals(3, s.data().get(0).steps());
        assertEquals(2, s.data().get(0).xAt(1, 0));
        assertEquals(0.8, s.rnn().uAt(0, 0));
    }

    @Test
    void anEmptySequenceIsRefused() {
        assertEquals("s.yaml:16: data[0].x: sample 1: expected at least one step, got an empty sequence",
                error(spec("", "  - {x: [], y: 0}")));
    }

    @Test
    void otherLayerTypesAndSoftmaxAreRefused() {
        assertTrue(error(spec("  - type: flatten", "  - {x: [1], y: 0}"))
                .contains("a flatten layer cannot be combined with an rnn layer"));
        assertTrue(error(spec("", "  - {x: [1], y: 0}").replace("activation: tanh", "activation: softmax"))
                .contains("softmax belongs on the output layer"));
        assertTrue(error(spec("", "  - {x: [1], y: 0}").replace("weights: [[0.5]]", "weights: [[0.5, 1]]"))
                .contains("W is 1×1"));
        assertTrue(error("init: {seed: 1}\n" + spec("", "  - {x: [1], y: 0}"))
                .contains("init is not available for rnn networks"));
    }

    @Test
    void theOtherCommandsRefuseAValidSpecInOneLine() {
        String m = assertThrows(SpecError.class, () -> SpecLoader.parse(spec("", "  - {x: [1], y: 0}"), "s.yaml"))
                .getMessage();
        assertTrue(m.contains("rnn networks are explained (every format but dot) and judged as number claims"), m);
    }

    @Test
    void nearMissesAreReadAsRnnSpecsAndNamed() {
        String ok = spec("", "  - {x: [1], y: 0}");
        assertTrue(error(ok.replace("type: rnn", "type: RNN")).contains("unknown layer type 'RNN'"));
        assertTrue(error(ok.replace("type: rnn", "type: rnnn")).contains("did you mean rnn?"));
        assertTrue(error(ok.replace("recurrent:", "recurent:")).contains("(did you mean recurrent?)"));
        assertTrue(error(ok.replace("  - type: rnn\n    units: 1", "  - units: 1"))
                .contains("a dense layer has no key recurrent"), ok);
    }
}
