package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import dev.chainrule.expr.Exprs;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimParserTest {
    private final NetworkSpec xor = BuiltinExamples.xor();

    @Test
    void namesBecomeTheNetworksCanonicalNames() {
        ClaimParser.Claim c = ClaimParser.parse("∂L/∂w[1, 1, 2] = h[1,1]*a[2,1]*a[0,2]*δ[2,1]*ŷ", xor);
        assertEquals(ParamId.weight(1, 1, 2), c.id());
        assertEquals(Set.of("a[1,1]", "yhat", "x2", "delta[2,1]"), Exprs.variables(c.expr()));
    }

    @Test
    void unknownNamesListTheNetworksSymbols() {
        UserError e = assertThrows(UserError.class, () -> ClaimParser.parse("b[2,1] = q", xor));
        assertTrue(e.getMessage().contains("unknown symbol 'q'"), e.getMessage());
        assertTrue(e.getMessage().contains("x1, x2, y, yhat, z[l,i]"), e.getMessage());
        assertThrows(UserError.class, () -> ClaimParser.parse("b[2,1] = z[3,1]", xor));
        assertThrows(UserError.class, () -> ClaimParser.parse("b[2,1] = w[2,1,3]", xor));
        assertThrows(UserError.class, () -> ClaimParser.parse("b[2,1] = Run(x1)", xor));
        assertThrows(UserError.class, () -> ClaimParser.parse("b[3,1] = yhat", xor));
    }

    @Test
    void decimalsOfAWrittenNumber() {
        assertEquals(Optional.of(3), NumberPolicy.of("-0.562").significantDigits());
        assertEquals(Optional.of(1), NumberPolicy.of("4").significantDigits());
        assertEquals(Optional.empty(), NumberPolicy.of("yhat - y").significantDigits());
        assertEquals(Optional.of(1), NumberPolicy.of("1e-3").significantDigits());
    }

    @Test
    void ratios() {
        boolean[] all = {true, true, true};
        assertEquals(-1.0, Numbers.ratio(new double[] {-1, -2, 3}, new double[] {1, 2, -3}, all).getAsDouble());
        assertEquals(0.25, Numbers.ratio(new double[] {0.25, 0.5, 0}, new double[] {1, 2, 0}, all).getAsDouble());
        assertTrue(Numbers.ratio(new double[] {1, 1, 1}, new double[] {1, 2, 3}, all).isEmpty());
        assertEquals("1/4", Numbers.fraction(0.25));
    }
}
