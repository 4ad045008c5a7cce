package dev.chainrule.network.spec;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML's resolver, with a shortcut for the plain decimals that make up a large spec's weights
 * ({@code -0.0047543982265914955}, {@code 1.5e-3}): digits, one '.', optional digits and exponent. Its regular
 * expressions tag exactly these {@code !!float} too (its int pattern has no '.', its float pattern's first
 * alternative takes them), so only the time changes; every other scalar goes through them as before.
 */
final class DecimalResolver extends Resolver {

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
        if (kind == NodeId.scalar && implicit && isPlainDecimal(value)) {
            return Tag.FLOAT;
        }
        return super.resolve(kind, value, implicit);
    }

    /** {@code [-+]?[0-9]+\.[0-9]*([eE][-+]?[0-9]+)?}, matched by hand. */
    static boolean isPlainDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits || i >= n || s.charAt(i) != '.') {
            return false;
        }
        i++;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != 'e' && s.charAt(i) != 'E') {
            return false;
        }
        i++;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int exponent = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        return i > exponent && i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
