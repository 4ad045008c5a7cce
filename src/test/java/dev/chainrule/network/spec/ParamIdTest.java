package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParamIdTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "w[1,1,1]        | w[1,1,1]",
        "b[2,1]          | b[2,1]",
        "' w [ 1 , 2 , 3 ] ' | w[1,2,3]",
        "b[ 10, 7 ]      | b[10,7]",
        "w[12,34,56]     | w[12,34,56]",
        "k[1,2,1,1,2]    | k[1,2,1,1,2]",
        "u[1,2,1]        | u[1,2,1]",
        "' u [ 1 , 3 , 2 ] ' | u[1,3,2]",
        "' k [ 3 , 1 ,2, 10 , 4 ] ' | k[3,1,2,10,4]"})
    void parsesAndPrintsBack(String text, String canonical) {
        ParamId id = ParamId.parse(text);
        assertEquals(canonical, id.toString());
        assertEquals(id, ParamId.parse(id.toString()));
    }

    @Test
    void partsAreOneBased() {
        ParamId w = ParamId.parse("w[2,1,3]");
        assertEquals(ParamId.Kind.WEIGHT, w.kind());
        assertEquals(2, w.layer());
        assertEquals(1, w.neuron());
        assertEquals(3, w.input());
        ParamId b = ParamId.parse("b[1,2]");
        assertTrue(b.isBias());
        assertEquals(0, b.input());
        assertEquals(ParamId.bias(1, 2), b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "w", "w[1,1]", "b[1,1,1]", "w[0,1,1]", "b[1,0]", "W[1,1,1]", "w(1,1,1)",
        "w[1,1,1]x", "w[-1,1,1]", "k[1,1,1,1]", "k[1,1,1,1,1,1]", "k[1,1,1,0,1]", "K[1,1,1,1,1]", "k[]", "w[1.5,1,1]", "w[99999999999,1,1]", "w[a,b,c]", "w[1,\n1,1]x", "x1"})
    void rejectsAnythingElseWithOneLine(String text) {
        UserError e = assertThrows(UserError.class, () -> ParamId.parse(text));
        assertTrue(e.getMessage().startsWith("bad parameter name '"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void messagesSayWhatIsExpected() {
        assertEquals("bad parameter name 'w[1,1]': a weight needs three indices, w[l,i,j]",
                assertThrows(UserError.class, () -> ParamId.parse("w[1,1]")).getMessage());
        assertEquals("bad parameter name 'b[0,1]': indices are 1-based (w[1,1,1] is the first weight)",
                assertThrows(UserError.class, () -> ParamId.parse("b[0,1]")).getMessage());
        assertEquals("bad parameter name 'theta': expected w[l,i,j] (the weight of layer l, neuron i, input j),"
                        + " b[l,i] (the bias of layer l, neuron i), u[l,i,j] (the recurrent weight of rnn layer l, unit i,"
                        + " from unit j of the step before) or k[l,f,ch,p,q] (the kernel weight of conv2d"
                        + " layer l, filter f, channel ch, row p, column q), 1-based, e.g. w[1,2,1], b[2,1], u[1,1,2] or k[1,1,1,2,2]",
                assertThrows(UserError.class, () -> ParamId.parse("theta")).getMessage());
        assertThrows(UserError.class, () -> ParamId.parse(null));
    }

    @Test
    void recurrentIdsAreLayerUnitFromUnit() {
        ParamId u = ParamId.parse("u[1,2,3]");
        assertEquals(ParamId.recurrent(1, 2, 3), u);
        assertTrue(u.isRecurrent());
        assertEquals("recurrent", u.kind().spelling());
        assertEquals(2, u.neuron());
        assertEquals(3, u.input());
        assertEquals("bad parameter name 'u[1,1]': a recurrent weight needs three indices, u[l,i,j]",
                assertThrows(UserError.class, () -> ParamId.parse("u[1,1]")).getMessage());
        List<ParamId> ids = new ArrayList<>(List.of(ParamId.bias(1, 1), ParamId.recurrent(1, 1, 2),
                ParamId.weight(2, 1, 1), ParamId.weight(1, 2, 1), ParamId.recurrent(1, 1, 1)));
        Collections.sort(ids);
        assertEquals(List.of(ParamId.weight(1, 2, 1), ParamId.recurrent(1, 1, 1), ParamId.recurrent(1, 1, 2),
                ParamId.bias(1, 1), ParamId.weight(2, 1, 1)), ids);
    }

    @Test
    void kernelPartsAreFilterChannelRowColumn() {
        ParamId k = ParamId.parse("k[2,3,1,4,5]");
        assertTrue(k.isKernel());
        assertFalse(k.isWeight() || k.isBias());
        assertEquals(List.of(2, 3, 1), List.of(k.layer(), k.neuron(), k.input()));
        assertEquals(List.of(4, 5), k.window());
        assertEquals(ParamId.kernel(2, 3, 1, 4, 5), k);
        assertEquals("kernel", k.kind().spelling());
        assertEquals(List.of(), ParamId.parse("w[1,1,1]").window());
    }

    @Test
    void kernelMessagesMentionK() {
        assertEquals("bad parameter name 'k[1,1,1]': a kernel weight needs five indices, k[l,f,ch,p,q]",
                assertThrows(UserError.class, () -> ParamId.parse("k[1,1,1]")).getMessage());
        assertEquals("bad parameter name 'k[1,1,1,1,0]': indices are 1-based (w[1,1,1] is the first weight)",
                assertThrows(UserError.class, () -> ParamId.parse("k[1,1,1,1,0]")).getMessage());
        assertTrue(assertThrows(UserError.class, () -> ParamId.parse("kk[1]")).getMessage()
                .contains("k[l,f,ch,p,q]"));
    }

    @Test
    void kernelsSortFilterChannelRowColumnThenBiases() {
        List<ParamId> canonical = List.of(ParamId.weight(1, 2, 2), ParamId.bias(1, 2),
                ParamId.kernel(2, 1, 1, 1, 1), ParamId.kernel(2, 1, 1, 1, 2), ParamId.kernel(2, 1, 1, 2, 1),
                ParamId.kernel(2, 1, 2, 1, 1), ParamId.kernel(2, 2, 1, 1, 1), ParamId.bias(2, 1), ParamId.bias(2, 2),
                ParamId.weight(3, 1, 1));
        List<ParamId> shuffled = new ArrayList<>(canonical);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);
        assertEquals(canonical, shuffled);
    }

    @Test
    void sortsCanonically() {
        List<ParamId> canonical = BuiltinExamples.xor().parameters();
        List<ParamId> shuffled = new ArrayList<>(canonical);
        Collections.shuffle(shuffled, new java.util.Random(1));
        Collections.sort(shuffled);
        assertEquals(canonical, shuffled);
    }

    @Test
    void constructorRejectsInconsistentParts() {
        assertThrows(IllegalArgumentException.class, () -> ParamId.weight(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ParamId(ParamId.Kind.BIAS, 1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> ParamId.bias(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ParamId.kernel(1, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParamId(ParamId.Kind.KERNEL, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParamId(ParamId.Kind.WEIGHT, 1, 1, 1, List.of(1, 1)));
    }
}
