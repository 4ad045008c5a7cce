package dev.chainrule.render.explain;

import dev.chainrule.render.doc.NetworkNames;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Notation;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.ParameterResult;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.numeric.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The computational graph of an explanation, as {@link ExplainDotRenderer} and {@link SvgComputationGraph} draw
 * it: a node per named quantity (inputs, parameters, targets, z, a, ŷ, L) with its forward value in the first
 * sample shown and, where the explanation has one, its gradient (δ for a pre-activation, ∂L/∂p reduced over the
 * samples for a parameter asked for); an operation per definition; edges flagged when they lie on a dependency
 * path of the highlighted parameters. Collected from the records; nothing is recomputed.
 *
 * @param sample the sample whose values (and δ's) the nodes carry, 1-based
 * @param batch  how parameter gradients were reduced, e.g. "mean over 4"
 */
public record ComputationGraph(String title, int sample, String batch, List<Node> nodes, List<Op> ops) {

    public enum Kind { INPUT, TARGET, PARAMETER, QUANTITY }

    /**
     * A named quantity. {@code value} and {@code gradient} are null where unknown; {@code asked} marks a parameter
     * whose gradient ∂L/∂p the explanation computed, {@code kink} one whose check met a kink.
     */
    public record Node(String id, String label, Kind kind, Double value, Double gradient, boolean asked, boolean kink) {
    }

    /** An edge between a node and an operation; {@code onPath}: on a highlighted dependency path. */
    public record Edge(String from, String to, boolean onPath) {
    }

    /** The operation defining {@code out.to()}: its symbol, the edge to its result and those from its operands. */
    public record Op(String id, String label, Edge out, List<Edge> in) {
    }

    /** Every node and operation; the paths of all the parameters asked for are highlighted. */
    public static ComputationGraph of(NetworkExplanation x) {
        return of(x, x.parameters());
    }

    /** The same with only the paths of {@code highlighted} flagged. */
    public static ComputationGraph of(NetworkExplanation x, List<ParameterResult> highlighted) {
        Map<String, Expr> defs = x.model().forward().asMap();
        Map<String, Double> values = x.forward().isEmpty() ? Map.of() : x.forward().get(0);
        int sample = x.samplesShown().isEmpty() ? 1 : x.samplesShown().get(0);
        Map<String, ParameterResult> params = new HashMap<>();
        for (ParameterResult p : x.parameters()) {
            params.put(p.id().toString(), p);
        }
        Set<String> onPath = new HashSet<>();
        for (ParameterResult p : highlighted) {
            p.chain().ifPresent(cd -> cd.paths().forEach(path -> {
                for (int i = 0; i + 1 < path.size(); i++) {
                    onPath.add(path.get(i + 1).name() + "->" + path.get(i).name());
                }
            }));
        }
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, Expr> d : defs.entrySet()) {
            names.addAll(Exprs.variables(d.getValue()));
            names.add(d.getKey());
        }
        List<Node> nodes = new ArrayList<>();
        for (String n : names) {
            Double v = values.get(n);
            if (v == null) {
                v = leafValue(x, n, sample);
            }
            ParameterResult p = params.get(n);
            Double gradient = null;
            boolean kink = false;
            if (p != null) {
                gradient = p.gradient();
                kink = p.check().map(c -> c.verdict() == Verdict.KINK).orElse(false);
            } else {
                // the error signal of a pre-activation z[l,i] is delta[l,i]
                gradient = NetworkSymbols.parse(n)
                        .filter(q -> q.kind() == NetworkSymbols.Kind.Z)
                        .map(q -> values.get(NetworkSymbols.Quantity.of(NetworkSymbols.Kind.DELTA, q.layer(), q.i()).name()))
                        .orElse(null);
            }
            nodes.add(new Node(n, Notation.text(n), kind(x, n, defs), v, gradient, p != null, kink));
        }
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, Expr> d : defs.entrySet()) {
            String out = d.getKey();
            String id = "op " + out;
            String label = out.equals("L") ? lossName(x) : opName(d.getValue());
            List<Edge> in = new ArrayList<>();
            for (String v : new LinkedHashSet<>(Exprs.variables(d.getValue()))) {
                in.add(new Edge(v, id, onPath.contains(v + "->" + out)));
            }
            ops.add(new Op(id, label, new Edge(id, out, onPathTo(onPath, out)), List.copyOf(in)));
        }
        String batch = x.spec().reduction().yamlName() + " over " + x.spec().data().size();
        return new ComputationGraph(NetworkNames.title(x.spec()), sample, batch, List.copyOf(nodes), List.copyOf(ops));
    }

    /** Nodes and operations together. */
    public int size() {
        return nodes.size() + ops.size();
    }

    private static Kind kind(NetworkExplanation x, String n, Map<String, Expr> defs) {
        if (defs.containsKey(n)) {
            return Kind.QUANTITY;
        }
        if (x.spec().inputs().contains(n)) {
            return Kind.INPUT;
        }
        try {
            x.spec().parameter(ParamId.parse(n));
            return Kind.PARAMETER;
        } catch (RuntimeException e) {
            return Kind.TARGET;
        }
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
            return x.spec().parameter(ParamId.parse(n));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** SE, ½SE, BCE, CE */
    private static String lossName(NetworkExplanation x) {
        return x.spec().loss() == dev.chainrule.network.spec.Loss.HALF_SE ? "½SE"
                : x.spec().loss().yamlName().toUpperCase(Locale.ROOT);
    }

    private static String opName(Expr e) {
        if (e instanceof Expr.Sum) {
            return "+";
        }
        if (e instanceof Expr.Call c) {
            return c.fn().textName();
        }
        if (e instanceof Expr.Product || e instanceof Expr.Quotient) {
            return "·";
        }
        return e instanceof Expr.Var ? "id" : "f"; // an identity activation: ŷ = z
    }
}
