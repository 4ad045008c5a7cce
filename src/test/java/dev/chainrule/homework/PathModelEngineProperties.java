package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Step;
import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.derive.Rule;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.Backprop;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.NetworkModel;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.OutputDelta;
import dev.chainrule.network.RandomNetworks;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.numeric.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check}'s paths come from the same engine as {@code explain}: on the notes' networks, the homework test
 * networks and random ones, for every parameter, Σ over the paths of Π factors is backprop's gradient at random
 * points, each factor is the engine's local derivative of its edge (or backprop's output δ), its rule label names
 * only rules that derivation applied, and the displayed derivation's chain line and result are explain's.
 */
class PathModelEngineProperties {
    private static final double TOLERANCE = 1e-9;

    static Stream<Path> specs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("notes", "src/test/resources/homework")) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void everyParameterOfTheCorpus(Path file) {
        NetworkSpec spec = SpecLoader.load(file);
        Backprop bp = new Backprop(new NetworkModel(spec));
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        NetworkExplanation explained = analysis.explain(List.of(), Optional.empty(), CheckMode.NONE, 1);
        for (ParamId id : spec.parameters()) {
            PathModel pm = new PathModel(bp, id);
            assertTrue(pm.hasPaths(), id + " of " + file);
            assertFromTheEngine(bp, pm, id, 11);
            NetworkExplanation.ParameterResult r = explained.parameters().stream().filter(p -> p.id().equals(id))
                    .findFirst().orElseThrow();
            assertDerivationIsExplains(bp, pm, id, r);
        }
    }

    @Provide
    Arbitrary<RandomNetworks.Shape> networks() {
        return RandomNetworks.shapes();
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void randomNetworks(@ForAll("networks") RandomNetworks.Shape shape, @ForAll @IntRange(max = 999) int pick) {
        NetworkSpec spec = shape.spec();
        Backprop bp = new Backprop(new NetworkModel(spec));
        List<ParamId> ids = spec.parameters();
        // the first parameter (deepest, most paths), the last (output layer) and one drawn
        for (ParamId id : new LinkedHashSet<>(List.of(ids.get(0), ids.get(ids.size() - 1), ids.get(pick % ids.size())))) {
            PathModel pm = new PathModel(bp, id);
            assertTrue(pm.hasPaths(), id + " on " + shape);
            assertFromTheEngine(bp, pm, id, shape.seed());
        }
    }

    /** Σ paths = backprop's gradient numerically; every factor the engine's, with the engine's rules. */
    static void assertFromTheEngine(Backprop bp, PathModel pm, ParamId id, long seed) {
        NetworkModel model = bp.model();
        NetworkSymbols sym = model.symbols();
        ChainRule engine = new ChainRule(model.forward()); // an instance of its own: nothing shared with PathModel
        String where = id + " of " + model.spec().name();

        // the paths are the engine's, in its order (a softmax's K paths through the ŷ_j meet again in δ_k)
        List<List<Var>> enginePaths = engine.paths(sym.loss(), sym.param(id), Integer.MAX_VALUE).orElseThrow();
        assertEquals(enginePaths.size(), pm.paths().size() * (model.isSoftmaxOutput() ? sym.width(sym.layers()) : 1), where);
        assertEquals(pm.paths().size(), pm.units().size(), where);
        if (!model.isSoftmaxOutput()) {
            for (int p = 0; p < enginePaths.size(); p++) {
                List<Var> path = enginePaths.get(p);
                List<Factor> factors = pm.paths().get(p);
                assertEquals(path.size() - 1, factors.size(), where);
                for (int i = 0; i < factors.size(); i++) {
                    assertEquals(path.get(i), factors.get(i).of(), where);
                    assertEquals(path.get(i + 1), factors.get(i).wrt(), where);
                }
            }
        }

        for (List<Factor> path : pm.paths()) {
            assertEquals(sym.param(id), path.get(path.size() - 1).wrt(), where);
            for (Factor f : path) {
                Set<String> used = new LinkedHashSet<>();
                if (f.kind() == Factor.Kind.OUTPUT_ERROR) {
                    assertTrue(model.isSoftmaxOutput(), where);
                    int k = Integer.parseInt(f.wrt().name().replaceAll(".*,(\\d+)]$", "$1"));
                    OutputDelta od = bp.outputDeltas().get(k - 1);
                    assertEquals(sym.z(sym.layers(), k), f.wrt(), where);
                    assertEquals(od.result(), f.expr(), where + ": δ" + k + " is backprop's");
                    od.derivation().rules().forEach(r -> used.add(r.label()));
                    od.extraSteps().forEach(s -> s.rules().forEach(r -> used.add(r.label())));
                } else {
                    assertTrue(Exprs.variables(model.forward().get(f.of().name())).contains(f.wrt().name()),
                            where + ": " + f.partial() + " is an edge of the forward definitions");
                    LocalDerivative local = engine.local(f.of(), f.wrt());
                    assertEquals(local.derivation().result(), f.expr(), where + ": " + f.partial() + " is the engine's");
                    local.derivation().rules().forEach(r -> used.add(r.label()));
                }
                assertRuleLabel(f, used, where);
                assertKind(f, sym, id, where);
            }
        }

        // numerically: Σ paths, the explicit result and the δ form agree at random points
        Evaluator ev = new Evaluator(bp.definitions());
        SplittableRandom r = new SplittableRandom(seed);
        Expr sum = pm.sum(pm.paths());
        Expr explicit = pm.explicit();
        Expr truth = bp.gradient(id);
        for (int point = 0; point < 6; point++) {
            Map<String, Double> env = randomPoint(model, r);
            double want = ev.eval(truth, env);
            assertClose(want, ev.eval(sum, env), where + ": Σ paths at " + env);
            assertClose(want, ev.eval(explicit, env), where + ": explicit at " + env);
        }
    }

    /** The label's rule names, e.g. "sum rule, constant multiple rule" or "ReLU rule: ReLU′(z) = [z > 0]". */
    static void assertRuleLabel(Factor f, Set<String> engineRules, String where) {
        assertFalse(f.rule().isEmpty(), where + ": " + f.partial() + " names its rule");
        List<String> names = new ArrayList<>();
        for (Rule r : Rule.values()) {
            String label = r.label();
            if (f.rule().equals(label + ": " + r.statement())) {
                names = List.of(label);
                break;
            }
        }
        if (names.isEmpty()) {
            names = List.of(f.rule().split(", "));
        }
        for (String n : names) {
            assertTrue(engineRules.contains(n), where + ": " + f.partial() + " is labelled '" + f.rule() + "', but the engine's "
                    + "derivation of that edge applied " + engineRules);
        }
    }

    /** The kind follows from the definitions the edge connects. */
    static void assertKind(Factor f, NetworkSymbols sym, ParamId id, String where) {
        Set<String> zs = new java.util.HashSet<>();
        Set<String> as = new java.util.HashSet<>();
        for (int l = 1; l <= sym.layers(); l++) {
            for (int i = 1; i <= sym.width(l); i++) {
                zs.add(sym.z(l, i).name());
                as.add(sym.a(l, i).name());
            }
        }
        Factor.Kind want;
        if (f.of().equals(sym.loss())) {
            want = zs.contains(f.wrt().name()) ? Factor.Kind.OUTPUT_ERROR : Factor.Kind.LOSS;
        } else if (as.contains(f.of().name())) {
            want = Factor.Kind.ACTIVATION;
        } else {
            want = f.wrt().equals(sym.param(id)) ? Factor.Kind.INPUT : Factor.Kind.WEIGHT;
        }
        assertEquals(want, f.kind(), where + ": " + f.partial());
        if (want == Factor.Kind.ACTIVATION) {
            assertEquals("act:" + f.of().name(), f.key(), where);
            if (f.isOne()) {
                assertNull(f.activation(), where);
            } else {
                assertEquals(f.of(), f.activation(), where + ": σ(z) in place of σ′(z) is the activation");
                assertTrue(f.name().contains("′"), where + ": " + f.name());
            }
        } else {
            assertNull(f.activation(), where);
        }
    }

    /** The check's derivation: the engine's chain line, each local derivative, explain's result. */
    static void assertDerivationIsExplains(Backprop bp, PathModel pm, ParamId id, NetworkExplanation.ParameterResult r) {
        NetworkSymbols sym = bp.model().symbols();
        List<Step> eqs = Derivations.equations(pm, sym, id);
        String where = id + " of " + bp.model().spec().name();
        if (pm.paths().size() > Derivations.MAX_LISTED) {
            assertEquals(1, eqs.size(), where);
            return;
        }
        Step last = eqs.get(eqs.size() - 1);
        assertTrue(last.conclusion(), where);
        assertEquals(TextPrinter.str(pm.explicit()), TextPrinter.str(last.expr()), where);
        if (r.chain().isPresent()) {
            ChainDerivation cd = r.chain().get();
            assertEquals(TextPrinter.str(cd.steps().get(0).expr()), TextPrinter.str(eqs.get(0).expr()), where + ": the chain line");
            assertEquals(TextPrinter.str(r.explicit()), TextPrinter.str(last.expr()), where + ": explain's result");
            Map<String, String> locals = new HashMap<>();
            for (LocalDerivative l : cd.locals()) {
                locals.put(TextPrinter.str(new Expr.Derivative(l.of(), l.wrt())), TextPrinter.str(l.derivation().result()));
            }
            for (Step eq : eqs.subList(1, 1 + locals.size())) {
                assertEquals(locals.get(TextPrinter.str(eq.lhs())), TextPrinter.str(eq.expr()), where + ": " + TextPrinter.str(eq.lhs()));
            }
        } else {
            assertTrue(bp.model().isSoftmaxOutput() || bp.model().spec().parameterCount() > NetworkAnalysis.MAX_EXPLICIT_PARAMETERS, where);
        }
        assertNotNull(eqs.get(0).lhs(), where + ": the chain line is an equation of the goal");
    }

    /** Random parameters and inputs around the spec's; one sample's targets (one-hot stays one-hot). */
    static Map<String, Double> randomPoint(NetworkModel model, SplittableRandom r) {
        NetworkSpec spec = model.spec();
        NetworkSymbols sym = model.symbols();
        Map<String, Double> env = new HashMap<>();
        for (ParamId p : spec.parameters()) {
            env.put(p.toString(), spec.parameter(p) + r.nextDouble(-0.5, 0.5));
        }
        for (int j = 1; j <= spec.inputCount(); j++) {
            env.put(sym.input(j).name(), r.nextDouble(-2, 2));
        }
        Sample s = spec.data().get(r.nextInt(spec.data().size()));
        for (int k = 1; k <= spec.outputCount(); k++) {
            env.put(sym.target(k).name(), s.yAt(k - 1));
        }
        return env;
    }

    static void assertClose(double want, double got, String what) {
        if (Double.isNaN(want) && Double.isNaN(got)) {
            return;
        }
        double tol = TOLERANCE * Math.max(1, Math.max(Math.abs(want), Math.abs(got)));
        assertTrue(Math.abs(want - got) <= tol, what + ": expected " + want + " but was " + got);
    }
}
