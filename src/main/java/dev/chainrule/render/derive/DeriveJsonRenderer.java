package dev.chainrule.render.derive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Rule;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.InputPrinter;
import dev.chainrule.expr.LatexPrinter;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.freeform.Definition;
import dev.chainrule.freeform.DerivativeAnalysis;
import dev.chainrule.freeform.ForwardValue;
import dev.chainrule.freeform.FreeformAnalysis;
import dev.chainrule.freeform.KinkSite;
import dev.chainrule.freeform.NumericCheck;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code derive --format json}: the contract's {@code derivatives[]} ({@code wrt}, {@code result} in the
 * input syntax, {@code value}, {@code finite_difference}, {@code check}, {@code steps}) plus
 * {@code relative_error}, {@code kink}, {@code paths}, {@code locals}, and every expression in three
 * forms: {@code expr} (input syntax, parses back), {@code text} (Unicode) and {@code latex}. The numbers
 * keys are present only when {@code --at} was given. Full double precision. Prints the records; computes
 * nothing.
 */
public final class DeriveJsonRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DeriveJsonRenderer() {
    }

    public static String render(FreeformAnalysis a) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode ds = root.putArray("derivatives");
        for (DerivativeAnalysis d : a.derivatives()) {
            ds.add(derivative(d));
        }
        root.put("input", a.source());
        root.put("name", a.name());
        root.put("named_by_user", a.namedByUser());
        expr(root.putObject("expression"), a.expression());
        ArrayNode defs = root.putArray("definitions");
        for (Definition d : a.definitions()) {
            ObjectNode o = defs.addObject();
            o.put("name", d.name());
            expr(o, d.body());
        }
        ArrayNode vars = root.putArray("variables");
        a.variables().forEach(vars::add);
        root.put("expanded", a.expanded());
        a.point().ifPresent(p -> {
            ObjectNode at = root.putObject("at");
            p.given().forEach((k, v) -> number(at, k, v));
            ObjectNode forward = root.putObject("forward");
            for (ForwardValue f : p.forward()) {
                number(forward, f.name(), f.value());
            }
            number(root, "function_value", p.value());
        });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode derivative(DerivativeAnalysis d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("wrt", d.wrt().name());
        o.put("of", d.of().name());
        o.put("result", InputPrinter.str(d.result()));
        o.put("result_text", TextPrinter.str(d.result()));
        o.put("result_latex", LatexPrinter.str(d.result()));
        d.numbers().ifPresent(n -> numbers(o, n));
        d.symja().ifPresent(s -> {
            ObjectNode sy = o.putObject("symja");
            sy.put("result", s.outcome().key());
            if (s.derivative() == null) {
                sy.putNull("derivative");
            } else {
                sy.put("derivative", InputPrinter.str(s.derivative()));
            }
            sy.put("method", s.method());
            sy.put("ms", s.millis());
        });
        ObjectNode goal = o.putObject("goal");
        expr(goal, d.goal());
        goal.put("text", DeriveTextRenderer.goalText(d.goal()));
        o.put("via_chain_rule", d.viaChainRule());
        ArrayNode paths = o.putArray("paths");
        for (List<Var> p : d.paths()) {
            ArrayNode a = paths.addArray();
            p.forEach(v -> a.add(v.name()));
        }
        ArrayNode locals = o.putArray("locals");
        for (LocalDerivative l : d.locals()) {
            ObjectNode lo = locals.addObject();
            lo.put("of", l.of().name());
            lo.put("wrt", l.wrt().name());
            lo.put("result", InputPrinter.str(l.derivation().result()));
            ObjectNode lg = lo.putObject("goal");
            expr(lg, l.derivation().goal());
            lg.put("text", DeriveTextRenderer.goalText(l.derivation().goal()));
            steps(lo.putArray("steps"), l.derivation().steps());
        }
        steps(o.putArray("steps"), d.steps());
        return o;
    }

    private static void numbers(ObjectNode o, NumericCheck n) {
        number(o, "value", n.value());
        number(o, "finite_difference", n.finiteDifference());
        o.put("check", n.verdict().jsonName());
        number(o, "relative_error", n.relativeError());
        number(o, "h", n.h());
        o.put("finite_difference_method", n.method().name().toLowerCase(Locale.ROOT));
        n.kink().ifPresent(k -> kink(o.putObject("kink"), k));
    }

    private static void kink(ObjectNode o, KinkSite site) {
        o.put("function", site.kink().fn().inputName());
        site.kink().unit().ifPresentOrElse(u -> o.put("in", u), () -> o.putNull("in"));
        site.argument().ifPresentOrElse(a -> o.put("argument", InputPrinter.str(a)), () -> o.putNull("argument"));
        number(o, "argument_value", site.kink().argument());
        number(o, "left_derivative", site.kink().leftDerivative());
        number(o, "right_derivative", site.kink().rightDerivative());
        o.put("count", site.kink().count());
    }

    private static void steps(ArrayNode out, List<Step> steps) {
        for (Step s : steps) {
            ObjectNode o = out.addObject();
            o.put("rule", s.label());
            ArrayNode rules = o.putArray("rules");
            Set<String> labels = new LinkedHashSet<>();
            for (Rule r : s.rules()) {
                labels.add(r.label());
            }
            labels.forEach(rules::add);
            if (!s.noteText().isEmpty()) {
                o.put("note", s.noteText());
            }
            expr(o, s.expr());
        }
    }

    private static void expr(ObjectNode o, Expr e) {
        o.put("expr", InputPrinter.str(e));
        o.put("text", TextPrinter.str(e));
        o.put("latex", LatexPrinter.str(e));
    }

    /** A number, or null when it is not finite (JSON has no ∞). */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
