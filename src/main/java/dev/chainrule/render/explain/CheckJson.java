package dev.chainrule.render.explain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.numeric.Check;

/**
 * A parameter's finite-difference check in explain's JSON, as docs/reference.md §3 lists it: {@code finite_difference},
 * {@code check} (pass, fail, kink, unresolved), {@code relative_error}, {@code h} and, where the check met a kink,
 * {@code kink} ({@code function}, {@code unit}, {@code argument}, {@code left_derivative}, {@code right_derivative},
 * {@code message}) — the keys the dense renderer streams, for the renderers that build a tree (conv, rnn) — and the
 * text line those renderers print for it.
 */
final class CheckJson {
    private CheckJson() {
    }

    /** "check   finite difference (L(p + h) − L(p − h))/2h, h = 1e-6 → −0.0851115   relative error 6e-11   ✓ pass". */
    static String textLine(Check c) {
        StringBuilder sb = new StringBuilder("check   finite difference (L(p + h) − L(p − h))/2h, h = ")
                .append(dev.chainrule.expr.Fmt.small(c.h())).append(" → ").append(dev.chainrule.expr.Fmt.num(c.numeric(), 8));
        String error = "   relative error " + dev.chainrule.expr.Fmt.small(c.relativeError());
        switch (c.verdict()) {
            case PASS -> sb.append(error).append("   ✓ pass");
            case FAIL -> sb.append(error).append("   ✗ FAIL");
            case UNRESOLVED -> sb.append(error).append("   ? unresolved");
            case KINK -> {
                sb.append("   ~ kink: cannot judge here");
                c.kink().ifPresent(k -> sb.append("\n          ").append(k.describe()));
            }
        }
        return sb.toString();
    }

    static void put(ObjectNode o, Check c) {
        o.put("finite_difference", c.numeric());
        o.put("check", c.verdict().jsonName());
        o.put("relative_error", c.relativeError());
        o.put("h", c.h());
        c.kink().ifPresent(k -> {
            ObjectNode kink = o.putObject("kink");
            kink.put("function", k.fn().inputName());
            k.unit().ifPresent(u -> kink.put("unit", u));
            kink.put("argument", k.argument());
            kink.put("left_derivative", k.leftDerivative());
            kink.put("right_derivative", k.rightDerivative());
            kink.put("message", k.describe());
        });
    }
}
