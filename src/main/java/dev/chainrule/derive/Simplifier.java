package dev.chainrule.derive;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Pow;
import dev.chainrule.expr.Expr.Product;
import dev.chainrule.expr.Expr.Quotient;
import dev.chainrule.expr.Expr.Sum;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.expr.TextPrinter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Makes a derivative readable, one named step at a time: drop ·1 and +0, regroup, fold constants, collect
 * powers and cancel, collect like terms, recognise named quantities (σ(z) → ŷ). Then it tries the moves a
 * lecturer makes to reach a short form — distribute a product over a sum, multiply out — and keeps them
 * only when the result is smaller (this is how (−y/ŷ + (1 − y)/(1 − ŷ))·ŷ(1 − ŷ) becomes ŷ − y), so it
 * never expands what reads better factored.
 */
public final class Simplifier {
    private static final int MAX_PASSES = 200;
    private static final int MAX_EXPANDED_TERMS = 256;
    private static final int MAX_TRIALS = 24;

    private final Map<String, String> recognisable = new LinkedHashMap<>();
    private final Map<String, Expr> bodies = new HashMap<>();

    /** {@code defs}: named quantities whose definitions are written back as their names. */
    public Simplifier(Definitions defs) {
        for (Map.Entry<String, Expr> d : defs.asMap().entrySet()) {
            Expr body = d.getValue();
            if (body instanceof Var || body instanceof Num) {
                continue;
            }
            Expr norm = quiet(prepare(body));
            recognisable.putIfAbsent(Canonical.key(norm), d.getKey());
            bodies.put(d.getKey(), body);
        }
    }

    /** The simplification steps of {@code e} (empty when it is already simple). */
    public List<Step> simplify(Expr e) {
        List<Step> steps = new ArrayList<>();
        Expr cur = prepare(e);
        cur = normalize(cur, steps);
        for (int i = 0; i < MAX_PASSES; i++) {
            Optional<List<Step>> shrink = tryShrink(cur);
            if (shrink.isEmpty()) {
                break;
            }
            steps.addAll(shrink.get());
            cur = steps.get(steps.size() - 1).expr();
        }
        return mergeInvisible(e, steps);
    }

    /**
     * Steps that print the same as the line before (a regrouping the notation does not show) are merged
     * into their neighbour, so that every printed line differs from the one before.
     */
    static List<Step> mergeInvisible(Expr start, List<Step> steps) {
        List<Step> out = new ArrayList<>();
        String prev = TextPrinter.str(start);
        for (Step s : steps) {
            String text = TextPrinter.str(s.expr());
            if (text.equals(prev)) {
                if (!out.isEmpty()) {
                    Step last = out.remove(out.size() - 1);
                    out.add(last.withExpr(s.expr()));
                }
                // a first step that prints like the input is silent: the notation already shows it
                continue;
            }
            out.add(s);
            prev = text;
        }
        return out;
    }

    /** The simplified form without steps. */
    public Expr simplified(Expr e) {
        List<Step> s = simplify(e);
        return s.isEmpty() ? e : s.get(s.size() - 1).expr();
    }

    /** Normal form without recording steps (used to compare and to recognise). */
    private Expr quiet(Expr e) {
        List<Step> ignored = new ArrayList<>();
        return normalizeWith(e, ignored, false);
    }

    private Expr normalize(Expr e, List<Step> steps) {
        return normalizeWith(e, steps, true);
    }

    private Expr normalizeWith(Expr e, List<Step> steps, boolean recognise) {
        Expr cur = e;
        for (int i = 0; i < MAX_PASSES; i++) {
            Expr before = cur;
            cur = pass(cur, steps, Rule.IDENTITY, this::identity);
            cur = pass(cur, steps, Rule.REGROUP, this::regroup);
            cur = pass(cur, steps, Rule.ARITHMETIC, this::arithmetic);
            cur = passPowers(cur, steps);
            cur = passTerms(cur, steps);
            if (recognise && !recognisable.isEmpty()) {
                cur = passRecognise(cur, steps);
            }
            if (cur.equals(before)) {
                break;
            }
        }
        return cur;
    }

    private interface NodeRule {
        Expr apply(Expr node);
    }

    private Expr pass(Expr e, List<Step> steps, Rule rule, NodeRule f) {
        Expr next = Exprs.mapBottomUp(e, f::apply);
        if (!next.equals(e)) {
            steps.add(new Step(next, List.of(rule)));
        }
        return next;
    }

    // ---------------------------------------------------------------- quotients are negative powers inside

    /** a/b is a·b⁻¹ (printers show it as a/b again); done silently since it prints the same. */
    static Expr prepare(Expr e) {
        return Exprs.mapBottomUp(e, n -> {
            if (n instanceof Quotient q) {
                Expr inv = new Pow(q.denominator(), Num.MINUS_ONE);
                if (q.numerator() instanceof Num one && one.isOne()) {
                    return inv;
                }
                return Exprs.product(q.numerator(), inv);
            }
            return n;
        });
    }

    // ---------------------------------------------------------------- x·1, x + 0, x·0, x¹, x⁰

    private Expr identity(Expr n) {
        if (n instanceof Sum s) {
            List<Expr> kept = s.terms().stream().filter(t -> !(t instanceof Num c && c.isZero())).toList();
            return kept.size() == s.terms().size() ? n : Exprs.sum(kept);
        }
        if (n instanceof Product p) {
            if (p.factors().stream().anyMatch(f -> f instanceof Num c && c.isZero())) {
                return Num.ZERO;
            }
            List<Expr> kept = p.factors().stream().filter(f -> !(f instanceof Num c && c.isOne())).toList();
            return kept.size() == p.factors().size() ? n : Exprs.product(kept);
        }
        if (n instanceof Pow p && p.exponent() instanceof Num e) {
            if (e.isOne()) {
                return p.base();
            }
            if (e.isZero()) {
                return Num.ONE;
            }
        }
        if (n instanceof Pow p && p.base() instanceof Num b && b.isOne()) {
            return Num.ONE;
        }
        return n;
    }

    // ---------------------------------------------------------------- a + (b + c), a·(b·c)

    private Expr regroup(Expr n) {
        if (n instanceof Sum s && s.terms().stream().anyMatch(t -> t instanceof Sum)) {
            List<Expr> out = new ArrayList<>();
            for (Expr t : s.terms()) {
                if (t instanceof Sum inner) {
                    out.addAll(inner.terms());
                } else {
                    out.add(t);
                }
            }
            return new Sum(out);
        }
        if (n instanceof Product p && p.factors().stream().anyMatch(f -> f instanceof Product)) {
            List<Expr> out = new ArrayList<>();
            for (Expr f : p.factors()) {
                if (f instanceof Product inner) {
                    out.addAll(inner.factors());
                } else {
                    out.add(f);
                }
            }
            return new Product(out);
        }
        if (n instanceof Pow p && p.base() instanceof Pow inner && p.exponent() instanceof Num a && a.isInteger()
                && inner.exponent() instanceof Num b && b.isInteger()) {
            return new Pow(inner.base(), new Num(a.value().multiply(b.value())));
        }
        return n;
    }

    // ---------------------------------------------------------------- numbers

    private Expr arithmetic(Expr n) {
        if (n instanceof Sum s) {
            int nums = 0;
            int first = -1;
            BigFraction total = BigFraction.ZERO;
            for (int i = 0; i < s.terms().size(); i++) {
                if (s.terms().get(i) instanceof Num c) {
                    nums++;
                    total = total.add(c.value());
                    first = first < 0 ? i : first;
                }
            }
            if (nums < 2) {
                return n;
            }
            List<Expr> out = new ArrayList<>();
            for (int i = 0; i < s.terms().size(); i++) {
                Expr t = s.terms().get(i);
                if (i == first) {
                    if (total.getNumerator().signum() != 0) {
                        out.add(new Num(total));
                    }
                } else if (!(t instanceof Num)) {
                    out.add(t);
                }
            }
            return Exprs.sum(out);
        }
        if (n instanceof Product p) {
            int nums = 0;
            BigFraction coeff = BigFraction.ONE;
            List<Expr> rest = new ArrayList<>();
            for (Expr f : p.factors()) {
                if (f instanceof Num c) {
                    nums++;
                    coeff = coeff.multiply(c.value());
                } else {
                    rest.add(f);
                }
            }
            boolean leading = p.factors().get(0) instanceof Num;
            if (nums == 0 || nums == 1 && leading) {
                return n;
            }
            if (coeff.getNumerator().signum() == 0) {
                return Num.ZERO;
            }
            if (!coeff.equals(BigFraction.ONE)) {
                rest.add(0, new Num(coeff));
            }
            return Exprs.product(rest);
        }
        if (n instanceof Pow p && p.base() instanceof Num b && p.exponent() instanceof Num e && e.isInteger()) {
            int k = e.value().intValue();
            if (Math.abs(k) <= 64 && !(b.isZero() && k < 0) && b.value().getNumerator().bitLength() < 64
                    && b.value().getDenominator().bitLength() < 64) {
                BigFraction r = b.value().pow(Math.abs(k));
                return new Num(k < 0 ? r.reciprocal() : r);
            }
        }
        if (n instanceof Pow p && p.base() instanceof Num b && p.exponent() instanceof Num e
                && e.value().equals(BigFraction.ONE_HALF) && !b.isNegative()) {
            BigInteger[] num = b.value().getNumerator().sqrtAndRemainder();
            BigInteger[] den = b.value().getDenominator().sqrtAndRemainder();
            if (num[1].signum() == 0 && den[1].signum() == 0) {
                return new Num(new BigFraction(num[0], den[0]));
            }
        }
        if (n instanceof Call c && c.args().stream().allMatch(a -> a instanceof Num)) {
            return foldCall(c);
        }
        return n;
    }

    /** Calls at constant arguments that have an exact value. */
    private static Expr foldCall(Call c) {
        BigFraction x = ((Num) c.args().get(0)).value();
        int sign = x.getNumerator().signum();
        return switch (c.fn()) {
            case EXP -> sign == 0 ? Num.ONE : c;
            case LOG -> x.equals(BigFraction.ONE) ? Num.ZERO : c;
            case SIGMOID -> sign == 0 ? Num.HALF : c;
            case TANH, SIN -> sign == 0 ? Num.ZERO : c;
            case COS -> sign == 0 ? Num.ONE : c;
            case RELU -> sign > 0 ? new Num(x) : Num.ZERO;
            case LEAKY_RELU -> sign >= 0 ? new Num(x) : new Num(x.multiply(((Num) c.args().get(1)).value()));
            case STEP -> sign > 0 ? Num.ONE : Num.ZERO;
            case LEAKY_STEP -> sign >= 0 ? Num.ONE : c.args().get(1);
            case ABS -> new Num(x.abs());
            case SIGN -> Num.of(sign);
            case SQRT -> {
                BigInteger[] num = x.getNumerator().sqrtAndRemainder();
                BigInteger[] den = x.getDenominator().sqrtAndRemainder();
                yield sign >= 0 && num[1].signum() == 0 && den[1].signum() == 0 ? new Num(new BigFraction(num[0], den[0])) : c;
            }
            case SOFTPLUS, GELU, NORM_CDF, NORM_PDF, SOFTMAX, HUBER, HUBER_GRAD -> c;
            case SILU -> sign == 0 ? Num.ZERO : c;
            case ELU -> sign > 0 ? new Num(x) : sign == 0 ? Num.ZERO : c;
            case ELU_STEP -> sign > 0 ? Num.ONE : sign == 0 ? c.args().get(1) : c;
        };
    }

    // ---------------------------------------------------------------- x·x = x², x·x⁻¹ = 1

    private Expr passPowers(Expr e, List<Step> steps) {
        boolean[] cancelled = {false};
        Expr next = Exprs.mapBottomUp(e, n -> n instanceof Product p ? collectPowers(p, cancelled) : n);
        if (!next.equals(e)) {
            steps.add(new Step(next, List.of(cancelled[0] ? Rule.CANCEL : Rule.COLLECT_POWERS)));
        }
        return next;
    }

    private Expr collectPowers(Product p, boolean[] cancelled) {
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        Map<String, BigFraction> exponent = new HashMap<>();
        Map<String, Expr> base = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        List<Object> order = new ArrayList<>();
        for (Expr f : p.factors()) {
            Expr b = f;
            BigFraction k = BigFraction.ONE;
            if (f instanceof Pow pw && pw.exponent() instanceof Num en && en.isInteger()) {
                b = pw.base();
                k = en.value();
            }
            if (f instanceof Num || b instanceof Num) {
                order.add(f);
                continue;
            }
            String key = Canonical.key(b);
            if (!firstIndex.containsKey(key)) {
                firstIndex.put(key, order.size());
                order.add(key);
                base.put(key, b);
                exponent.put(key, k);
                count.put(key, 1);
            } else {
                exponent.put(key, exponent.get(key).add(k));
                count.put(key, count.get(key) + 1);
            }
        }
        if (count.values().stream().allMatch(c -> c == 1)) {
            return p;
        }
        List<Expr> out = new ArrayList<>();
        for (Object o : order) {
            if (o instanceof Expr f) {
                out.add(f);
                continue;
            }
            String key = (String) o;
            BigFraction k = exponent.get(key);
            if (k.getNumerator().signum() == 0) {
                cancelled[0] = true;
                continue;
            }
            if (count.get(key) > 1 && k.compareTo(BigFraction.ZERO) > 0 && hasNegative(p, key)) {
                cancelled[0] = true;
            }
            out.add(k.equals(BigFraction.ONE) ? base.get(key) : new Pow(base.get(key), new Num(k)));
        }
        return Exprs.product(out);
    }

    private static boolean hasNegative(Product p, String key) {
        for (Expr f : p.factors()) {
            if (f instanceof Pow pw && pw.exponent() instanceof Num en && en.isNegative() && Canonical.key(pw.base()).equals(key)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- 2x + 3x = 5x

    private Expr passTerms(Expr e, List<Step> steps) {
        boolean[] reordered = {false};
        boolean[] collected = {false};
        Expr next = Exprs.mapBottomUp(e, n -> n instanceof Sum s ? collectTerms(s, collected, reordered) : n);
        if (!next.equals(e)) {
            steps.add(new Step(next, List.of(collected[0] ? Rule.COLLECT_TERMS : Rule.REGROUP)));
        }
        return next;
    }

    private Expr collectTerms(Sum s, boolean[] collected, boolean[] reordered) {
        Map<String, BigFraction> coeff = new LinkedHashMap<>();
        Map<String, Expr> rest = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (Expr t : s.terms()) {
            BigFraction c = Exprs.coefficient(t);
            Expr r = withoutCoefficient(t);
            String key = Canonical.key(r);
            coeff.merge(key, c, BigFraction::add);
            rest.putIfAbsent(key, r);
            count.merge(key, 1, Integer::sum);
        }
        List<Expr> out = new ArrayList<>();
        boolean any = count.values().stream().anyMatch(c -> c > 1);
        if (any) {
            for (Map.Entry<String, BigFraction> en : coeff.entrySet()) {
                BigFraction c = en.getValue();
                if (c.getNumerator().signum() == 0) {
                    continue;
                }
                out.add(times(c, rest.get(en.getKey())));
            }
            collected[0] = true;
        } else {
            out.addAll(s.terms());
        }
        // a sum reads better starting with a positive term: −y + ŷ is ŷ − y
        if (out.size() > 1 && Exprs.isNegativeTerm(out.get(0))) {
            for (int i = 1; i < out.size(); i++) {
                Expr t = out.get(i);
                if (!Exprs.isNegativeTerm(t) && (t instanceof Var || t instanceof Num)) {
                    out.add(0, out.remove(i));
                    reordered[0] = true;
                    break;
                }
            }
        }
        Expr r = Exprs.sum(out);
        return r.equals(s) ? s : r;
    }

    private static Expr withoutCoefficient(Expr t) {
        if (t instanceof Num) {
            return Num.ONE;
        }
        if (t instanceof Product p && p.factors().get(0) instanceof Num) {
            return Exprs.product(p.factors().subList(1, p.factors().size()));
        }
        return t;
    }

    private static Expr times(BigFraction c, Expr rest) {
        if (rest instanceof Num r && r.isOne()) {
            return new Num(c);
        }
        if (c.equals(BigFraction.ONE)) {
            return rest;
        }
        List<Expr> fs = new ArrayList<>();
        fs.add(new Num(c));
        if (rest instanceof Product p) {
            fs.addAll(p.factors());
        } else {
            fs.add(rest);
        }
        return new Product(fs);
    }

    // ---------------------------------------------------------------- σ(z) → ŷ

    private Expr passRecognise(Expr e, List<Step> steps) {
        List<String> names = new ArrayList<>();
        Expr next = recognise(e, names);
        if (!next.equals(e)) {
            StringBuilder note = new StringBuilder();
            for (String n : names.stream().distinct().toList()) {
                note.append(note.length() == 0 ? "" : ", ").append('$').append(TextPrinter.str(new Var(n))).append(" = ")
                        .append(TextPrinter.str(bodies.get(n))).append('$');
            }
            steps.add(new Step(next, List.of(Rule.RECOGNISE), note.toString()));
        }
        return next;
    }

    private Expr recognise(Expr e, List<String> names) {
        if (!(e instanceof Var) && !(e instanceof Num)) {
            String name = recognisable.get(Canonical.key(e));
            if (name != null) {
                names.add(name);
                return new Var(name);
            }
        }
        List<Expr> kids = Exprs.children(e);
        if (kids.isEmpty()) {
            return e;
        }
        List<Expr> out = new ArrayList<>(kids.size());
        boolean changed = false;
        for (Expr k : kids) {
            Expr r = recognise(k, names);
            changed |= r != k;
            out.add(r);
        }
        return changed ? Exprs.withChildren(e, out) : e;
    }

    // ---------------------------------------------------------------- distribute / expand, kept if smaller

    /** The shortest of: multiply everything out, or distribute one product over one of its sums. */
    private Optional<List<Step>> tryShrink(Expr cur) {
        int best = Exprs.size(cur);
        List<Step> bestTrial = null;
        Optional<Expr> expanded = expand(cur);
        if (expanded.isPresent() && !expanded.get().equals(cur)) {
            List<Step> trial = new ArrayList<>();
            trial.add(new Step(expanded.get(), List.of(Rule.EXPAND)));
            Expr result = normalize(expanded.get(), trial);
            if (Exprs.size(result) < best) {
                best = Exprs.size(result);
                bestTrial = trial;
            }
        }
        List<Sum> sums = new ArrayList<>();
        collectSums(cur, sums);
        for (Sum sum : sums) {
            Optional<Expr> factored = factorOut(sum);
            if (factored.isEmpty()) {
                continue;
            }
            Expr candidate = replace(cur, sum, factored.get());
            List<Step> trial = new ArrayList<>();
            trial.add(new Step(candidate, List.of(Rule.FACTOR)));
            Expr result = normalize(candidate, trial);
            if (Exprs.size(result) < best) {
                best = Exprs.size(result);
                bestTrial = trial;
            }
        }
        List<Product> candidates = new ArrayList<>();
        collectDistributable(cur, candidates);
        int tried = 0;
        for (Product p : candidates) {
            for (int i = 0; i < p.factors().size(); i++) {
                if (!(p.factors().get(i) instanceof Sum) || ++tried > MAX_TRIALS) {
                    continue;
                }
                Expr distributed = replace(cur, p, distribute(p, i));
                List<Step> trial = new ArrayList<>();
                trial.add(new Step(distributed, List.of(Rule.DISTRIBUTE)));
                Expr result = normalize(distributed, trial);
                if (Exprs.size(result) < best) {
                    best = Exprs.size(result);
                    bestTrial = trial;
                }
            }
        }
        return Optional.ofNullable(bestTrial);
    }

    private static void collectSums(Expr e, List<Sum> out) {
        if (e instanceof Sum s) {
            out.add(s);
        }
        for (Expr c : Exprs.children(e)) {
            collectSums(c, out);
        }
    }

    /** a·x + b·x = (a + b)·x: the factors every term shares, taken out. */
    private static Optional<Expr> factorOut(Sum s) {
        List<Expr> first = factorsOf(s.terms().get(0));
        List<Expr> common = new ArrayList<>();
        for (Expr f : first) {
            if (f instanceof Num) {
                continue;
            }
            String key = Canonical.key(f);
            boolean inAll = s.terms().stream().allMatch(t -> factorsOf(t).stream().anyMatch(g -> Canonical.key(g).equals(key)));
            if (inAll && common.stream().noneMatch(c -> Canonical.key(c).equals(key))) {
                common.add(f);
            }
        }
        if (common.isEmpty()) {
            return Optional.empty();
        }
        List<Expr> inner = new ArrayList<>();
        for (Expr t : s.terms()) {
            List<Expr> fs = new ArrayList<>(factorsOf(t));
            for (Expr c : common) {
                String key = Canonical.key(c);
                for (int i = 0; i < fs.size(); i++) {
                    if (Canonical.key(fs.get(i)).equals(key)) {
                        fs.remove(i);
                        break;
                    }
                }
            }
            inner.add(Exprs.product(fs));
        }
        List<Expr> out = new ArrayList<>();
        out.add(new Sum(inner));
        out.addAll(common);
        return Optional.of(new Product(out));
    }

    private static List<Expr> factorsOf(Expr t) {
        return t instanceof Product p ? p.factors() : List.of(t);
    }

    private static void collectDistributable(Expr e, List<Product> out) {
        if (e instanceof Product p && p.factors().stream().anyMatch(f -> f instanceof Sum)) {
            out.add(p);
        }
        for (Expr c : Exprs.children(e)) {
            collectDistributable(c, out);
        }
    }

    /** The factors other than the i-th, multiplied into each term of the i-th (a sum). */
    private static Expr distribute(Product p, int i) {
        Sum s = (Sum) p.factors().get(i);
        List<Expr> others = new ArrayList<>(p.factors());
        others.remove(i);
        List<Expr> terms = new ArrayList<>();
        for (Expr t : s.terms()) {
            List<Expr> fs = new ArrayList<>();
            fs.add(t);
            fs.addAll(others);
            terms.add(new Product(fs));
        }
        return new Sum(terms);
    }

    private static Expr replace(Expr e, Expr target, Expr with) {
        if (e == target) {
            return with;
        }
        List<Expr> kids = Exprs.children(e);
        if (kids.isEmpty()) {
            return e;
        }
        List<Expr> out = new ArrayList<>();
        boolean changed = false;
        for (Expr k : kids) {
            Expr r = replace(k, target, with);
            changed |= r != k;
            out.add(r);
        }
        return changed ? Exprs.withChildren(e, out) : e;
    }

    /** Multiplies every product of sums out; empty when that would make too many terms. */
    static Optional<Expr> expand(Expr e) {
        try {
            return Optional.of(Exprs.mapBottomUp(e, Simplifier::expandNode));
        } catch (TooLarge ex) {
            return Optional.empty();
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private static Expr expandNode(Expr n) {
        if (n instanceof Pow p && p.base() instanceof Sum s && p.exponent() instanceof Num k && k.isInteger()
                && k.value().intValue() >= 2 && k.value().intValue() <= 4) {
            List<Expr> fs = new ArrayList<>();
            for (int i = 0; i < k.value().intValue(); i++) {
                fs.add(s);
            }
            return expandNode(new Product(fs));
        }
        if (!(n instanceof Product p) || p.factors().stream().noneMatch(f -> f instanceof Sum)) {
            return n;
        }
        List<List<Expr>> partial = new ArrayList<>();
        partial.add(new ArrayList<>());
        for (Expr f : p.factors()) {
            List<Expr> options = f instanceof Sum s ? s.terms() : List.of(f);
            List<List<Expr>> next = new ArrayList<>();
            for (List<Expr> pre : partial) {
                for (Expr o : options) {
                    List<Expr> l = new ArrayList<>(pre);
                    if (o instanceof Product op) {
                        l.addAll(op.factors());
                    } else {
                        l.add(o);
                    }
                    next.add(l);
                }
            }
            if (next.size() > MAX_EXPANDED_TERMS) {
                throw new TooLarge();
            }
            partial = next;
        }
        List<Expr> terms = new ArrayList<>();
        for (List<Expr> t : partial) {
            BigFraction c = BigFraction.ONE;
            List<Expr> rest = new ArrayList<>();
            for (Expr f : t) {
                if (f instanceof Num k) {
                    c = c.multiply(k.value());
                } else {
                    rest.add(f);
                }
            }
            if (c.getNumerator().signum() != 0) {
                terms.add(times(c, Exprs.product(rest)));
            }
        }
        return Exprs.sum(terms);
    }

    /** Exposed for the network module: is {@code name} one of the quantities this simplifier recognises? */
    public boolean recognises(String name) {
        return bodies.containsKey(name);
    }

}
