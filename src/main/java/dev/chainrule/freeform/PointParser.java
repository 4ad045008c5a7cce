package dev.chainrule.freeform;

import dev.chainrule.UserError;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.ParseError;
import dev.chainrule.expr.Parser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code --at} and {@code --wrt} arguments: comma lists and/or repeated options
 * ({@code t=2,w1=1 --at b=0}; {@code w1,w2 --wrt b}). Names are read as the expression parser reads them,
 * so {@code w_{1}} and {@code w_1} are the same name and {@code ŷ} is {@code yhat}.
 */
public final class PointParser {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PointParser() {
    }

    /** {@code NAME=VALUE} pairs in the order given; a name given twice, a non-number, NaN or ∞ is an error. */
    public static Map<String, Double> point(List<String> args) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String arg : args) {
            for (String item : splitList(arg)) {
                int eq = item.indexOf('=');
                if (eq < 0) {
                    throw new UserError("--at " + item + ": expected NAME=VALUE, e.g. --at w1=0.5,x1=2");
                }
                String name = name(item.substring(0, eq), "--at " + item);
                String raw = item.substring(eq + 1).strip().replace('−', '-');
                double value = number(raw, "--at " + item);
                if (out.containsKey(name)) {
                    throw new UserError("--at gives " + name + " twice");
                }
                out.put(name, value);
            }
        }
        return out;
    }

    /** Variable names, comma lists allowed, duplicates dropped, order kept. */
    public static List<String> names(List<String> args, String option) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            for (String item : splitList(arg)) {
                String n = name(item, option + " " + item);
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
        }
        if (out.isEmpty()) {
            throw new UserError(option + " needs a variable name");
        }
        return out;
    }

    /** Splits at commas that are not inside an index list such as w[1,2,1]. */
    private static List<String> splitList(String arg) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                add(out, arg.substring(start, i));
                start = i + 1;
            }
        }
        add(out, arg.substring(start));
        return out;
    }

    private static void add(List<String> out, String item) {
        String s = item.strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    private static String name(String raw, String where) {
        String s = raw.strip();
        if (s.isEmpty()) {
            throw new UserError(where + ": the variable name is missing");
        }
        Expr e;
        try {
            e = Parser.parseExpression(s);
        } catch (ParseError ex) {
            throw new UserError(where + ": '" + s + "' is not a variable name");
        }
        if (!(e instanceof Expr.Var v)) {
            throw new UserError(where + ": '" + s + "' is not a variable name");
        }
        return v.name();
    }

    private static double number(String raw, String where) {
        if (raw.isEmpty()) {
            throw new UserError(where + ": the value is missing");
        }
        if (!NUMBER.matcher(raw).matches()) {
            throw new UserError(where + ": '" + raw + "' is not a number (write e.g. 0.5, -2 or 1e-3)");
        }
        double d = new BigDecimal(raw).doubleValue();
        if (!Double.isFinite(d)) {
            throw new UserError(where + ": " + raw + " is too large");
        }
        return d + 0.0; // no −0
    }
}
