package dev.chainrule.freeform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointParserTest {
    @Test
    void commaListsAndRepeatedOptionsKeepTheOrderGiven() {
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("t", 2.0);
        expected.put("w1", 1.0);
        expected.put("b", -0.5);
        expected.put("x1", 1e-3);
        Map<String, Double> p = PointParser.point(List.of("t=2,w1=1", "b = −0.5", " x1=1e-3 "));
        assertEquals(expected, p);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(p.keySet()));
    }

    @Test
    void namesAreReadAsTheParserReadsThem() {
        Map<String, Double> p = PointParser.point(List.of("w[1,1,2]=0.5,w_{11}=1,ŷ=0.25"));
        assertEquals(Map.of("w[1,1,2]", 0.5, "w_11", 1.0, "yhat", 0.25), p);
        assertEquals(List.of("w1", "w2", "b"), PointParser.names(List.of("w1,w2", "b", "w1"), "--wrt"));
    }

    @Test
    void valuesMustBeFiniteNumbers() {
        for (String bad : List.of("x=nan", "x=NaN", "x=inf", "x=Infinity", "x=-inf", "x=1/2", "x=abc", "x=", "x=1e999",
                "x=0x10", "x=2,x=3", "x", "=2", "2x=1", "x+y=1")) {
            UserError e = assertThrows(UserError.class, () -> PointParser.point(List.of(bad)), bad);
            assertTrue(!e.getMessage().contains("\n") && !e.getMessage().isBlank(), e.getMessage());
        }
        assertTrue(assertThrows(UserError.class, () -> PointParser.point(List.of("x=nan"))).getMessage()
                .contains("'nan' is not a number"));
        assertTrue(assertThrows(UserError.class, () -> PointParser.point(List.of("x=1e999"))).getMessage()
                .contains("too large"));
    }
}
