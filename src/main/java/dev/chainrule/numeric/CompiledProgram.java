package dev.chainrule.numeric;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Derivative;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Pow;
import dev.chainrule.expr.Expr.Product;
import dev.chainrule.expr.Expr.Quotient;
import dev.chainrule.expr.Expr.Sum;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Definitions compiled once into a flat program over an array of double slots, for evaluating the same
 * network many times (training, finite differences over every parameter).
 *
 * <p>Every name is resolved to a slot at compile time; each definition the outputs need is computed once
 * per run, in dependency order, into its slot; expressions become small node objects, and a sum whose
 * terms are products of at most three names or constants ({@code Σ w_ij·a_j + b}) becomes one loop over
 * slot indices. No map is consulted at run time. Values agree bit for bit with {@link Evaluator} (same
 * stable formulas, same order of additions and multiplications) and errors carry the same messages.
 *
 * <p>An input whose name is also defined holds that node fixed, as a value given to {@link Evaluator}
 * does. Kink events are attributed to the same definitions as by {@link Evaluator}; their order is the
 * order of the steps (definitions in dependency order), which may differ from the evaluator's lazy order.
 *
 * <p>A program is immutable and may be shared between threads; a {@link Frame} belongs to one thread.
 */
public final class CompiledProgram {
    private static final int ONE = 0;

    private final List<String> inputs;
    private volatile List<String> outputs;
    private final List<? extends Expr> outputExprs;
    private final int[] inputSlots;
    private final Step[] steps;
    private final Node[] outputNodes;
    /**
     * When every output is one product of at most three slots (a gradient δ·a, a δ, a name): their slot indices,
     * three per output, so that a run computes them in one loop over arrays instead of one node call each; else
     * null.
     */
    private final int[] flatOutputs;
    private final double[] template;
    private final Map<String, Integer> slotByName;
    private final List<String> computed;

    private CompiledProgram(Compiler c, List<String> inputs, List<String> outputs, List<? extends Expr> outputExprs,
                            Node[] outputNodes) {
        this.inputs = List.copyOf(inputs);
        this.outputs = outputs == null ? null : List.copyOf(outputs);
        this.outputExprs = outputExprs;
        this.inputSlots = new int[inputs.size()];
        for (int i = 0; i < inputSlots.length; i++) {
            inputSlots[i] = c.slotOf.get(inputs.get(i));
        }
        this.steps = c.steps.toArray(new Step[0]);
        this.outputNodes = outputNodes;
        this.flatOutputs = flat(outputNodes);
        this.template = Arrays.copyOf(c.init, c.size);
        this.slotByName = Collections.unmodifiableMap(c.slotOf); // the compiler is not used again
        List<String> names = new ArrayList<>();
        for (Step s : steps) {
            names.add(s.unit.orElseThrow());
        }
        this.computed = Collections.unmodifiableList(names);
    }

    private static int[] flat(Node[] nodes) {
        int[] idx = new int[3 * nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] instanceof SumOfProducts sp && sp.idx.length == 3) {
                System.arraycopy(sp.idx, 0, idx, 3 * i, 3);
            } else if (nodes[i] instanceof Slot slot) {
                idx[3 * i] = slot.i; // s[i]·1·1 is s[i], bit for bit; a NaN passes as Slot.eval lets it
                idx[3 * i + 1] = ONE;
                idx[3 * i + 2] = ONE;
            } else {
                return null;
            }
        }
        return idx;
    }

    /**
     * Compiles the named outputs (defined names or inputs).
     *
     * @throws MissingValueException when a name the outputs need is neither an input nor defined
     * @throws IllegalStateException when a needed definition contains an unevaluated derivative
     */
    public static CompiledProgram compile(Definitions defs, List<String> inputs, List<String> outputs) {
        Compiler c = new Compiler(defs, inputs);
        Node[] nodes = new Node[outputs.size()];
        for (int i = 0; i < nodes.length; i++) {
            Var v = new Var(outputs.get(i));
            nodes[i] = new Slot(v, c.slotFor(v.name()));
        }
        return new CompiledProgram(c, inputs, outputs, null, nodes);
    }

    /** Compiles arbitrary expressions over the inputs and definitions; their labels are their input syntax. */
    public static CompiledProgram compileExpressions(Definitions defs, List<String> inputs, List<? extends Expr> outputs) {
        Compiler c = new Compiler(defs, inputs);
        Node[] nodes = new Node[outputs.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = c.compile(outputs.get(i));
        }
        // the labels are printed when first asked for: 100,000 gradients need not be printed to be computed
        return new CompiledProgram(c, inputs, null, List.copyOf(outputs), nodes);
    }

    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        List<String> o = outputs;
        if (o == null) {
            List<String> labels = new ArrayList<>(outputExprs.size());
            for (Expr e : outputExprs) {
                labels.add(Ops.quote(e));
            }
            o = Collections.unmodifiableList(labels);
            outputs = o;
        }
        return o;
    }

    /** The definitions computed by a run, in the order they are computed. */
    public List<String> computedDefinitions() {
        return computed;
    }

    /** Number of slots (constants, inputs, definitions). */
    public int slotCount() {
        return template.length;
    }

    /** The slot index of an input or computed definition, for {@link Frame#slot(int)}. */
    public int slotOf(String name) {
        Integer s = slotByName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("'" + name + "' is neither an input nor a definition this program computes");
        }
        return s;
    }

    public boolean hasSlot(String name) {
        return slotByName.containsKey(name);
    }

    /** Evaluates the outputs at the given input values (in the order of {@link #inputs()}). */
    public double[] run(double[] inputValues) {
        return run(inputValues, null);
    }

    public double[] run(double[] inputValues, KinkRecorder rec) {
        return newFrame(inputValues).run(rec).outputs();
    }

    /** A frame holding these input values; set inputs and run it as often as needed. */
    public Frame newFrame(double[] inputValues) {
        Frame f = new Frame();
        f.setAll(inputValues);
        return f;
    }

    /** The working memory of one evaluation: every slot, readable by name index after a run. */
    public final class Frame {
        private final double[] s = template.clone();
        private final double[] out = new double[outputNodes.length];

        private Frame() {
        }

        public CompiledProgram program() {
            return CompiledProgram.this;
        }

        public Frame set(int input, double value) {
            if (Double.isNaN(value)) {
                throw new EvaluationException("the value given for '" + inputs.get(input) + "' is not a number");
            }
            s[inputSlots[input]] = value;
            return this;
        }

        public Frame setAll(double[] values) {
            if (values.length != inputSlots.length) {
                throw new IllegalArgumentException("expected " + inputSlots.length + " input values, got " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                set(i, values[i]);
            }
            return this;
        }

        public double input(int i) {
            return s[inputSlots[i]];
        }

        public Frame run() {
            return run(null);
        }

        /** Computes every definition and output; kink events go to {@code rec} when it is not null. */
        public Frame run(KinkRecorder rec) {
            Ctx c = rec == null ? null : new Ctx(rec);
            double[] slots = s;
            for (Step st : steps) {
                if (c != null) {
                    c.unit = st.unit;
                }
                slots[st.slot] = st.node.eval(slots, c) + 0.0;
            }
            if (c != null) {
                c.unit = Optional.empty();
            }
            int[] flat = flatOutputs;
            if (flat != null) {
                // the same products as SumOfProducts.eval, one loop for all outputs
                double[] o = out;
                for (int i = 0, j = 0; i < o.length; i++, j += 3) {
                    double v = slots[flat[j]] * slots[flat[j + 1]] * slots[flat[j + 2]];
                    if (v != v) {
                        outputNodes[i].eval(slots, c); // throws naming the term
                    }
                    o[i] = v + 0.0;
                }
                return this;
            }
            for (int i = 0; i < outputNodes.length; i++) {
                out[i] = outputNodes[i].eval(slots, c) + 0.0;
            }
            return this;
        }

        public double output(int i) {
            return out[i];
        }

        public double[] outputs() {
            return out.clone();
        }

        /** The value in a slot after the last run (see {@link CompiledProgram#slotOf}). */
        public double slot(int index) {
            return s[index];
        }

        public double value(String name) {
            return s[slotOf(name)];
        }

        /** A copy of every slot after the last run, readable with {@link CompiledProgram#slotOf}. */
        public double[] snapshot() {
            return s.clone();
        }
    }

    // ------------------------------------------------------------------------------ compiler

    private record Step(int slot, Node node, Optional<String> unit) {
    }

    private static final class Compiler implements Expr.Visitor<Node> {
        final Definitions defs;
        final Map<String, Integer> inputIndex;
        final Map<String, Integer> slotOf;
        double[] init;
        int size;
        final Map<Long, Integer> constants = new HashMap<>();
        final List<Step> steps;

        Compiler(Definitions defs, List<String> inputs) {
            this.defs = Objects.requireNonNull(defs, "defs");
            // sized for the inputs and definitions at once: a large network has a slot per parameter
            int expected = inputs.size() + defs.asMap().size() + 16;
            inputIndex = new HashMap<>(inputs.size() * 4 / 3 + 16);
            slotOf = new HashMap<>(expected * 4 / 3 + 16);
            init = new double[expected];
            steps = new ArrayList<>(defs.asMap().size());
            newSlot(1.0); // slot ONE
            constants.put(Double.doubleToRawLongBits(1.0), ONE);
            for (int i = 0; i < inputs.size(); i++) {
                String name = inputs.get(i);
                if (inputIndex.put(name, i) != null) {
                    throw new IllegalArgumentException("input '" + name + "' listed twice");
                }
                slotOf.put(name, newSlot(0.0));
            }
        }

        int newSlot(double initial) {
            if (size == init.length) {
                init = Arrays.copyOf(init, 2 * size);
            }
            init[size] = initial;
            return size++;
        }

        int constSlot(double v) {
            return constants.computeIfAbsent(Double.doubleToRawLongBits(v), k -> newSlot(v));
        }

        /** The slot of an input or definition, compiling the definition (and what it needs) first. */
        int slotFor(String name) {
            Integer s = slotOf.get(name);
            if (s != null) {
                return s;
            }
            Expr body = defs.get(name);
            if (body == null) {
                throw new MissingValueException(name);
            }
            Node n = compile(body);
            int slot = newSlot(0.0);
            slotOf.put(name, slot);
            steps.add(new Step(slot, n, Optional.of(name)));
            return slot;
        }

        Node compile(Expr e) {
            return e.accept(this);
        }

        @Override
        public Node num(Num n) {
            return new Const(n, n.toDouble());
        }

        @Override
        public Node var(Var v) {
            return new Slot(v, slotFor(v.name()));
        }

        /** A name or a constant: something that lives in a slot. */
        private static boolean leaf(Expr e) {
            return e instanceof Var || e instanceof Num;
        }

        private int leafSlot(Expr e) {
            return e instanceof Num n ? constSlot(n.toDouble()) : slotFor(((Var) e).name());
        }

        /** A product of at most three leaves, or one leaf. */
        private static boolean simpleTerm(Expr t) {
            if (leaf(t)) {
                return true;
            }
            if (t instanceof Product p && p.factors().size() <= 3) {
                for (Expr f : p.factors()) {
                    if (!leaf(f)) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }

        private void addTerm(Expr t, int[] idx, int i) {
            idx[3 * i] = ONE;
            idx[3 * i + 1] = ONE;
            idx[3 * i + 2] = ONE;
            if (leaf(t)) {
                idx[3 * i] = leafSlot(t);
            } else {
                List<Expr> fs = ((Product) t).factors();
                for (int j = 0; j < fs.size(); j++) {
                    idx[3 * i + j] = leafSlot(fs.get(j));
                }
            }
        }

        @Override
        public Node sum(Sum s) {
            List<Expr> terms = s.terms();
            boolean simple = true;
            for (Expr t : terms) {
                simple &= simpleTerm(t);
            }
            if (simple) {
                int[] idx = new int[3 * terms.size()];
                for (int i = 0; i < terms.size(); i++) {
                    addTerm(terms.get(i), idx, i);
                }
                return new SumOfProducts(s, terms.toArray(new Expr[0]), idx);
            }
            return new SumNode(s, compileAll(terms, 0));
        }

        @Override
        public Node product(Product p) {
            if (simpleTerm(p)) {
                int[] idx = new int[3];
                addTerm(p, idx, 0);
                return new SumOfProducts(p, new Expr[] {p}, idx);
            }
            return new ProductNode(p, compileAll(p.factors(), 0));
        }

        private Node[] compileAll(List<Expr> es, int from) {
            Node[] out = new Node[es.size() - from];
            for (int i = from; i < es.size(); i++) {
                out[i - from] = compile(es.get(i));
            }
            return out;
        }

        @Override
        public Node pow(Pow p) {
            Node base = compile(p.base());
            Ops.PowSpec spec = Ops.PowSpec.of(p.exponent());
            if (spec != null) {
                return new PowConst(p, base, spec);
            }
            return new PowNode(p, base, compile(p.exponent()));
        }

        @Override
        public Node quotient(Quotient q) {
            Node a = compile(q.numerator());
            Node b = compile(q.denominator());
            return new QuotientNode(q, a, b);
        }

        @Override
        public Node call(Call c) {
            List<Expr> args = c.args();
            Fn fn = c.fn();
            if (fn == Fn.LOG) {
                Optional<StableForms.Match> m = StableForms.matchLog(args.get(0), defs, inputIndex::containsKey);
                if (m.isPresent()) {
                    return stableLog(c, m.get());
                }
            }
            if (fn == Fn.SOFTMAX) {
                return new SoftmaxNode(c, false, compile(args.get(0)), args.get(0), compileAll(args, 1));
            }
            Node x = compile(args.get(0));
            if (args.size() == 2) {
                return new Binary(c, fn, x, compile(args.get(1)));
            }
            return new Unary(c, fn, x);
        }

        private Node stableLog(Call c, StableForms.Match m) {
            Optional<String> unit = m.unit();
            switch (m.kind()) {
                case LOG_SIGMOID:
                    return new LogSigmoid(c, false, inUnit(unit, m.args().get(0)));
                case LOG_ONE_MINUS_SIGMOID:
                    return new LogSigmoid(c, true, inUnit(unit, m.args().get(0)));
                default:
                    Node k = inUnit(unit, m.args().get(0));
                    Node[] z = new Node[m.args().size() - 1];
                    for (int i = 1; i < m.args().size(); i++) {
                        z[i - 1] = inUnit(unit, m.args().get(i));
                    }
                    return new SoftmaxNode(c, true, k, m.args().get(0), z);
            }
        }

        /** Compiles {@code e}, attributing its kink events to {@code unit} as the evaluator does. */
        private Node inUnit(Optional<String> unit, Expr e) {
            Node n = compile(e);
            return unit.isPresent() && hasInlineKink(e) ? new WithUnit(e, unit, n) : n;
        }

        private static boolean hasInlineKink(Expr e) {
            if (e instanceof Call c && c.fn().hasKink()) {
                return true;
            }
            for (Expr k : Exprs.children(e)) {
                if (hasInlineKink(k)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Node derivative(Derivative d) {
            throw new IllegalStateException("cannot compile the unevaluated derivative " + Ops.quote(d)
                    + "; differentiate first");
        }
    }

    // ------------------------------------------------------------------------------ nodes

    /** What a run carries besides the slots: where kink events go and which definition is being computed. */
    private static final class Ctx {
        final KinkRecorder rec;
        Optional<String> unit = Optional.empty();

        Ctx(KinkRecorder rec) {
            this.rec = rec;
        }

        void kink(Fn fn, double z) {
            rec.record(new KinkEvent(fn, z, unit));
        }
    }

    private abstract static class Node {
        final Expr src;

        Node(Expr src) {
            this.src = src;
        }

        /** @param c null when no kinks are recorded */
        abstract double eval(double[] s, Ctx c);
    }

    private static final class Const extends Node {
        final double v;

        Const(Expr src, double v) {
            super(src);
            this.v = v;
        }

        @Override
        double eval(double[] s, Ctx c) {
            return v;
        }
    }

    private static final class Slot extends Node {
        final int i;

        Slot(Expr src, int i) {
            super(src);
            this.i = i;
        }

        @Override
        double eval(double[] s, Ctx c) {
            return s[i];
        }
    }

    /** Σ_i s[a_i]·s[b_i]·s[c_i], indices interleaved; unused factors point at the slot holding 1. */
    private static final class SumOfProducts extends Node {
        final Expr[] terms;
        final int[] idx;

        SumOfProducts(Expr src, Expr[] terms, int[] idx) {
            super(src);
            this.terms = terms;
            this.idx = idx;
        }

        @Override
        double eval(double[] s, Ctx c) {
            int[] x = idx;
            double acc = s[x[0]] * s[x[1]] * s[x[2]];
            for (int j = 3; j < x.length; j += 3) {
                acc += s[x[j]] * s[x[j + 1]] * s[x[j + 2]];
            }
            if (acc != acc) {
                throw whichNaN(s);
            }
            return acc;
        }

        private EvaluationException whichNaN(double[] s) {
            for (int i = 0; i < terms.length; i++) {
                double t = s[idx[3 * i]] * s[idx[3 * i + 1]] * s[idx[3 * i + 2]];
                if (t != t) {
                    return Ops.notANumber(terms[i]);
                }
            }
            return Ops.notANumber(src);
        }
    }

    private static final class SumNode extends Node {
        final Node[] terms;

        SumNode(Expr src, Node[] terms) {
            super(src);
            this.terms = terms;
        }

        @Override
        double eval(double[] s, Ctx c) {
            Node[] t = terms;
            double acc = t[0].eval(s, c);
            for (int i = 1; i < t.length; i++) {
                acc += t[i].eval(s, c);
            }
            return Ops.check(acc, src);
        }
    }

    private static final class ProductNode extends Node {
        final Node[] factors;

        ProductNode(Expr src, Node[] factors) {
            super(src);
            this.factors = factors;
        }

        @Override
        double eval(double[] s, Ctx c) {
            Node[] f = factors;
            double acc = f[0].eval(s, c);
            for (int i = 1; i < f.length; i++) {
                acc *= f[i].eval(s, c);
            }
            return Ops.check(acc, src);
        }
    }

    private static final class PowConst extends Node {
        final Node base;
        final Ops.PowSpec spec;

        PowConst(Pow src, Node base, Ops.PowSpec spec) {
            super(src);
            this.base = base;
            this.spec = spec;
        }

        @Override
        double eval(double[] s, Ctx c) {
            return Ops.check(Ops.pow(base.eval(s, c), spec, (Pow) src), src);
        }
    }

    private static final class PowNode extends Node {
        final Node base;
        final Node exponent;

        PowNode(Pow src, Node base, Node exponent) {
            super(src);
            this.base = base;
            this.exponent = exponent;
        }

        @Override
        double eval(double[] s, Ctx c) {
            double b = base.eval(s, c);
            double e = exponent.eval(s, c);
            return Ops.check(Ops.pow(b, e, (Pow) src), src);
        }
    }

    private static final class QuotientNode extends Node {
        final Node num;
        final Node den;

        QuotientNode(Quotient src, Node num, Node den) {
            super(src);
            this.num = num;
            this.den = den;
        }

        @Override
        double eval(double[] s, Ctx c) {
            double a = num.eval(s, c);
            double b = den.eval(s, c);
            return Ops.check(Ops.divide(a, b, den.src), src);
        }
    }

    private static final class Unary extends Node {
        final Fn fn;
        final Node arg;

        Unary(Call src, Fn fn, Node arg) {
            super(src);
            this.fn = fn;
            this.arg = arg;
        }

        @Override
        double eval(double[] s, Ctx c) {
            double x = arg.eval(s, c);
            if (c != null && fn.hasKink()) {
                c.kink(fn, x);
            }
            double r = Ops.unary(fn, x, arg.src);
            return Ops.check(r, src);
        }
    }

    /** leaky_relu(z, α), leaky_step(z, α), elu(z, α), elu_step(z, α), huber(r, δ) and huber_grad(r, δ). */
    private static final class Binary extends Node {
        final Fn fn;
        final Node z;
        final Node alpha;

        Binary(Call src, Fn fn, Node z, Node alpha) {
            super(src);
            this.fn = fn;
            this.z = z;
            this.alpha = alpha;
        }

        @Override
        double eval(double[] s, Ctx c) {
            double x = z.eval(s, c);
            double a = alpha.eval(s, c);
            double[] args = {x, a};
            if (c != null && Ops.kinked(fn, args)) {
                c.kink(fn, Ops.kinkArgument(fn, args));
            }
            return Ops.check(Ops.apply(fn, args, (Call) src), src);
        }
    }

    /** log σ(v), or log(1 − σ(v)) when {@code complement}. */
    private static final class LogSigmoid extends Node {
        final boolean complement;
        final Node v;

        LogSigmoid(Call src, boolean complement, Node v) {
            super(src);
            this.complement = complement;
            this.v = v;
        }

        @Override
        double eval(double[] s, Ctx c) {
            double x = v.eval(s, c);
            return Ops.check(complement ? Ops.logOneMinusSigmoid(x) : Ops.logSigmoid(x), src);
        }
    }

    /** softmax_k(z), or log softmax_k(z) when {@code log}. */
    private static final class SoftmaxNode extends Node {
        final boolean log;
        final Node k;
        final Expr kSrc;
        final Node[] z;

        SoftmaxNode(Call src, boolean log, Node k, Expr kSrc, Node[] z) {
            super(src);
            this.log = log;
            this.k = k;
            this.kSrc = kSrc;
            this.z = z;
        }

        @Override
        double eval(double[] s, Ctx c) {
            double kv = k.eval(s, c);
            double[] zs = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                zs[i] = z[i].eval(s, c);
            }
            int ki = Ops.softmaxIndex(kv, zs.length, kSrc);
            return Ops.check(log ? Ops.logSoftmax(ki, zs) : Ops.softmax(ki, zs), src);
        }
    }

    /** Evaluates a sub-expression of another definition (reached by a stable log) under that definition's name. */
    private static final class WithUnit extends Node {
        final Optional<String> unit;
        final Node inner;

        WithUnit(Expr src, Optional<String> unit, Node inner) {
            super(src);
            this.unit = unit;
            this.inner = inner;
        }

        @Override
        double eval(double[] s, Ctx c) {
            if (c == null) {
                return inner.eval(s, null);
            }
            Optional<String> saved = c.unit;
            c.unit = unit;
            try {
                return inner.eval(s, c);
            } finally {
                c.unit = saved;
            }
        }
    }
}
