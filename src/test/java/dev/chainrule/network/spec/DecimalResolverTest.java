package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The decimal shortcut tags every scalar as SnakeYAML's own resolver does. */
class DecimalResolverTest {
    private static final List<String> SCALARS = List.of("0.5", "-0.0047543982265914955", "+1.", "1.5e-3", "2.E+10",
            "1e5", ".5", "-.5", "1_000.5", "0x1F", "017", "1", "-3", "1.2.3", "1.5e", "1.5e+", "e1", "-", "+", "",
            ".", "1:30.5", ".inf", ".nan", "true", "null", "~", "1.0 ", " 1.0", "1.0x", "١.٥", "12.5E-07", "0.");

    @Test
    void tagsAsTheDefaultResolver() {
        Resolver plain = new Resolver();
        DecimalResolver fast = new DecimalResolver();
        for (String s : SCALARS) {
            for (boolean implicit : new boolean[] {true, false}) {
                assertEquals(plain.resolve(NodeId.scalar, s, implicit), fast.resolve(NodeId.scalar, s, implicit), s);
            }
        }
    }
}
