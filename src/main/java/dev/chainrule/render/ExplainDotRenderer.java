package dev.chainrule.render;

import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Notation;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.numeric.Verdict;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code explain --format dot}: Graphviz source of the computational graph, as micrograd's draw_dot draws it:
 * a box per named quantity with its forward value (the first sample shown) and, where the explanation has it,
 * its gradient (δ = ∂L/∂z for pre-activations, ∂L/∂p for the parameters asked for, reduced over the samples),
 * an operation node per definition, and the dependency paths of the parameters asked for drawn in red.
 */
public final class ExplainDotRenderer {
    private ExplainDotRenderer() {
    }

    public static String render(NetworkExplanation x) {
        Map<String, Expr> defs = x.model().forward().asMap();
        Map<String, Double> values = x.forward().isEmpty() ? Map.of() : x.forward().get(0);
        int sample = x.samplesShown().isEmpty() ? 1 : x.samplesShown().get(0);
        Map<String, ParameterResult> params = new HashMap<>();
        for (ParameterResult p : x.parameters()) {
            params.put(p.id().toString(), p);
        }
        Set<String> onPath = new HashSet<>();
        for (ParameterResult p : x.parameters()) {
            p.chain().ifPresent(cd -> cd.paths().forEach(path -> {
                for (int i = 0; i + 1 < path.size(); i++) {
                    onPath.add(path.get(i + 1).name() + "->" + path.get(i).name());
                }
            }));
        }
        Set<String> nodes = new LinkedHashSet<>();
        for (Map.Entry<String, Expr> d : defs.entrySet()) {
            nodes.addAll(Exprs.variables(d.getValue()));
            nodes.add(d.getKey());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("// chainrule explain --format dot: render with  dot -Tsvg graph.dot -o graph.svg\n");
        sb.append("digraph chainrule {\n  graph [rankdir=LR, label=\"").append(esc(ExplainTextRenderer.title(x.spec())
                + " · values of sample " + sample)).append("\", labelloc=t, fontname=\"Helvetica\"];\n");
        sb.append("  node [fontname=\"Helvetica\", fontsize=11];\n  edge [color=\"#6b7280\"];\n");
        // a parameter's gradient is that of the reduced loss; the values and δ's are those of one sample
        String batch = (x.spec().reduction() == dev.chainrule.network.spec.Reduction.MEAN ? "mean" : "sum")
                + " over " + x.spec().data().size();
        for (String n : nodes) {
            StringBuilder label = new StringBuilder(esc(Notation.text(n)));
            Double v = values.get(n);
            if (v == null) {
                v = leafValue(x, n, sample);
            }
            if (v != null) {
                label.append("\\ndata ").append(Fmt.num(v));
            }
            String color = "#374151";
            ParameterResult p = params.get(n);
            if (p != null) {
                label.append("\\ngrad ").append(Fmt.num(p.gradient())).append(" (").append(batch).append(')');
                boolean kink = p.check().map(c -> c.verdict() == Verdict.KINK).orElse(false);
                color = kink ? "#d97706" : p.gradient() < 0 ? "#2563eb" : p.gradient() > 0 ? "#dc2626" : "#374151";
                if (kink) {
                    label.append(" (kink)");
                }
            } else if (n.startsWith("z[")) {
                Double delta = values.get("delta" + n.substring(1));
                if (delta != null) {
                    label.append("\\ngrad δ = ").append(Fmt.num(delta));
                }
            }
            sb.append("  \"").append(esc(n)).append("\" [shape=box, style=rounded, color=\"").append(color)
                    .append("\", penwidth=").append(p != null ? "2" : "1").append(", label=\"").append(label).append("\"];\n");
        }
        for (Map.Entry<String, Expr> d : defs.entrySet()) {
            String op = "op " + d.getKey();
            sb.append("  \"").append(esc(op)).append("\" [shape=circle, width=0.3, fixedsize=false, label=\"")
                    .append(esc(d.getKey().equals("L") ? x.spec().loss().yamlName().toUpperCase(java.util.Locale.ROOT)
                            : opName(d.getValue()))).append("\"];\n");
            sb.append("  \"").append(esc(op)).append("\" -> \"").append(esc(d.getKey())).append("\"")
                    .append(onPathTo(onPath, d.getKey()) ? " [color=\"#dc2626\", penwidth=2]" : "").append(";\n");
            for (String v : new LinkedHashSet<>(Exprs.variables(d.getValue()))) {
                sb.append("  \"").append(esc(v)).append("\" -> \"").append(esc(op)).append("\"")
                        .append(onPath.contains(v + "->" + d.getKey()) ? " [color=\"#dc2626\", penwidth=2]" : "").append(";\n");
            }
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static boolean onPathTo(Set<String> onPath, String name) {
        for (String e : onPath) {
            if (e.endsWith("->" + name)) {
                return true;
            }
        }
        return false;
    }

    /** Inputs, targets and parameters of sample {@code sample}: from the spec. */
    private static Double leafValue(NetworkExplanation x, String n, int sample) {
        List<String> inputs = x.spec().inputs();
        int j = inputs.indexOf(n);
        if (j >= 0) {
            return x.spec().data().get(sample - 1).x()[j];
        }
        if (x.spec().outputCount() == 1 && n.equals("y")) {
            return x.spec().data().get(sample - 1).y()[0];
        }
        if (n.matches("y\\d+")) {
            int k = Integer.parseInt(n.substring(1));
            if (k >= 1 && k <= x.spec().outputCount()) {
                return x.spec().data().get(sample - 1).y()[k - 1];
            }
        }
        try {
            return x.spec().parameter(dev.chainrule.network.spec.ParamId.parse(n));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String opName(Expr e) {
        if (e instanceof Expr.Sum) {
            return "+";
        }
        if (e instanceof Expr.Call c) {
            return switch (c.fn()) {
                case SIGMOID -> "σ";
                case RELU -> "ReLU";
                case LEAKY_RELU -> "LReLU";
                default -> c.fn().inputName();
            };
        }
        if (e instanceof Expr.Product || e instanceof Expr.Quotient) {
            return "·";
        }
        return "f";
    }

    /** A DOT double-quoted string: backslash and quote escaped, control characters dropped. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c < 32 ? ' ' : c);
        }
        return sb.toString();
    }
}
