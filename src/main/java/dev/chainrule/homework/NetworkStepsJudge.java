package dev.chainrule.homework;

import dev.chainrule.UserError;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Prose;
import dev.chainrule.expr.Parser;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.NetworkSymbols;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worked steps on a network ({@code check SPEC --steps FILE}): the first line is the goal {@code dL/dw[2,1,1]}
 * (or {@code ∂L/∂w[2,1,1]}, {@code dL/db[1,2]}), then one expression per line, each equal to the one before. The
 * names are the network's own: a[l,i] (h[l,i]) and {@code tanh(z[l,i])} are the same quantity, ŷ is the output,
 * L the loss. A line may be the chain rule written out, a product of derivatives {@code dA/dB}, {@code ∂A/∂B} or
 * {@code d(A, B)}; each is the derivative of A with respect to B through the network's definitions (the derivation
 * engine's chain rule: a local derivative for neighbours such as ∂ŷ/∂z or ∂z/∂w, the whole chain for ∂L/∂w₁₁⁽¹⁾).
 *
 * <p>Since the goal is ∂L/∂param and every line equals the one before, every line must equal the true gradient:
 * each is judged as a claim about that parameter by {@link NetworkJudge} (at every sample, or sample N, and at random
 * parameters around the spec's, skipping ReLU kinks), so the first wrong line is found even when all later lines
 * follow from it, and it gets the claim's diagnosis (sign, constant factor, missing or extra factor, …).
 */
public final class NetworkStepsJudge {
    /** A derivation is a page, not a data file. */
    public static final int MAX_LINES = 200;
    /** {@code dL/dw[2,1,1]}, {@code ∂L/∂b[1,2]}, {@code d L / d w[2,1,1]}: the goal, with the parameter in group 1. */
    private static final Pattern GOAL = Pattern.compile(
            "\\s*[d∂]\\s*L\\s*/\\s*[d∂]\\s*([A-Za-z_ŷδ][A-Za-z0-9_]*(?:\\s*\\[[0-9\\s,]*])?)\\s*");
    /** The start of a goal line, for telling network steps from free-form ones. */
    private static final Pattern GOAL_START = Pattern.compile("\\s*(?:[d∂]\\s*L\\s*/\\s*[d∂]|d\\s*\\(\\s*L\\s*,).*");
    private static final Pattern DEFINITION = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*\\s*=[^=].*");
    /** The name the body of d(expr, v) gets while the chain rule differentiates it. */
    private static final String BODY = "(expression)";

    private final NetworkSpec spec;
    private final NetworkJudge judge;
    private final NetworkSymbols sym;
    private final Definitions forward;
    private final ChainRule chain;
    private final boolean oneSample;
    private final List<StepsJudge.Compared> pairs = new ArrayList<>();

    public NetworkStepsJudge(NetworkSpec spec, Optional<Integer> sample, long seed) {
        this.spec = spec;
        this.judge = new NetworkJudge(spec, sample, NetworkJudge.Of.SAMPLE, seed);
        this.sym = new NetworkSymbols(spec);
        this.forward = judge.backprop().model().forward();
        this.chain = new ChainRule(forward);
        this.oneSample = sample.isPresent() || spec.data().size() == 1;
    }

    /**
     * Whether the first line of worked steps is a goal dL/d… (∂L/∂…): without a SPEC such steps are judged on the
     * builtin network; steps that start with definitions (L = …) are free-form.
     */
    public static boolean startsWithGoal(String text) {
        for (String raw : text.split("\\R", -1)) {
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            return GOAL_START.matcher(s).matches();
        }
        return false;
    }

    /** How one ∂A/∂B of a line was read on the network. */
    enum Reading { DIRECT, THROUGH, NONE }

    /** A derivative factor: as written, what the engine made of it, and how A depends on B. */
    record Factor(Expr.Derivative written, Expr value, Reading reading, List<Var> through) {
        String text() {
            String d = TextPrinter.str(written);
            return switch (reading) {
                case NONE -> d + " = 0 (" + TextPrinter.str(written.body()) + " does not depend on "
                        + TextPrinter.str(written.wrt()) + ")";
                case THROUGH -> d + " = " + TextPrinter.str(value) + " (the whole chain, through "
                        + String.join(", ", through.stream().map(TextPrinter::str).toList()) + ")";
                case DIRECT -> d + " = " + TextPrinter.str(value);
            };
        }
    }

    /** One expression line: as written, in the network's names, and with every derivative factor evaluated. */
    record Line(int number, String text, Expr expr, Expr resolved, List<Factor> factors, boolean isNumber,
                NumberPolicy policy) {
    }

    /** A parsed file: the goal and the expression lines. */
    public record Parsed(ParamId goal, int goalLine, List<Line> lines) {
    }

    /** Reads the file; every error is one line naming the line of the file. */
    public Parsed parse(String text) {
        ParamId goal = null;
        int goalLine = 0;
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\\R", -1);
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i].strip();
            int n = i + 1;
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            List<String> parts = new ArrayList<>(splitAtEquals(s));
            if (parts.get(0).isBlank()) {
                parts.remove(0); // "= expr"
                if (goal == null) {
                    throw new UserError("--steps line " + n + ": the first line names the goal, e.g. dL/dw[2,1,1], before '= …'");
                }
            } else {
                Optional<ParamId> g = goalOf(parts.get(0), n, goal == null);
                if (g.isPresent() && (goal == null || parts.size() > 1)) {
                    if (goal == null) {
                        goal = g.get();
                        goalLine = n;
                    } else if (!g.get().equals(goal)) {
                        throw new UserError("--steps line " + n + ": ∂L/∂" + g.get() + " here, but the goal (line " + goalLine
                                + ") is ∂L/∂" + goal);
                    }
                    parts.remove(0);
                    if (parts.size() == 1 && parts.get(0).isBlank()) {
                        parts.clear(); // "dL/dw[2,1,1] =", the first step on the next line
                    }
                } else if (goal == null) {
                    throw new UserError("--steps line " + n + ": " + (DEFINITION.matcher(s).matches()
                            ? "'" + ClaimParser.clip(s) + "' defines a name, but on a network L, z, a and ŷ are the spec's own;"
                            + " start with the goal, e.g. dL/dw[2,1,1] (to check steps with definitions of your own, leave out the SPEC)"
                            : "the first line names the goal, e.g. dL/dw[2,1,1] or ∂L/∂b[1,2], then one expression per line"));
                } else if (parts.size() > 1) {
                    throw new UserError("--steps line " + n + ": one expression per line, each equal to the line before ('"
                            + ClaimParser.clip(parts.get(0).strip()) + " = …' states something else; the goal is ∂L/∂" + goal + ")");
                }
            }
            if (parts.isEmpty()) {
                continue; // the goal alone
            }
            if (parts.size() > 1) {
                throw new UserError("--steps line " + n + ": more than one '=': write one step per line");
            }
            String e = parts.get(0).strip();
            if (e.isEmpty()) {
                throw new UserError("--steps line " + n + ": nothing after '='");
            }
            if (lines.size() == MAX_LINES) {
                throw new UserError("--steps: more than " + MAX_LINES + " expression lines; a worked derivation is shorter");
            }
            lines.add(line(n, e));
        }
        if (goal == null) {
            throw new UserError("--steps: nothing to check (the file is empty or has only comments); expected a goal such as"
                    + " dL/dw[2,1,1], then one expression per line");
        }
        if (lines.isEmpty()) {
            throw new UserError("--steps: the goal ∂L/∂" + goal + " (line " + goalLine + ") is followed by no expression lines");
        }
        return new Parsed(goal, goalLine, lines);
    }

    /** "a = b" at the top level (not inside brackets, not ≤ ≥ == !=) in pieces. */
    static List<String> splitAtEquals(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == '=' && depth == 0) {
                char before = i > 0 ? s.charAt(i - 1) : ' ';
                char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                if (before == '<' || before == '>' || before == '!' || before == '=' || after == '=') {
                    continue;
                }
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** The parameter when {@code s} is ∂L/∂param; empty when it is not a derivative of L; an error for a wrong goal. */
    private Optional<ParamId> goalOf(String s, int n, boolean first) {
        String wrt;
        Matcher m = GOAL.matcher(s);
        if (m.matches()) {
            wrt = m.group(1).replace(" ", "");
        } else {
            Expr e;
            try {
                e = Parser.parseExpression(s, Parser.Syntax.DERIVATIVE_FRACTIONS);
            } catch (UserError ex) {
                return Optional.empty();
            }
            if (!(e instanceof Expr.Derivative d) || !(d.body() instanceof Var of) || !of.name().equals("L")) {
                return Optional.empty();
            }
            wrt = d.wrt().name();
        }
        ParamId id;
        try {
            id = ParamId.parse(wrt);
        } catch (UserError ex) {
            if (!first) {
                return Optional.empty();
            }
            Var known = renamed(wrt);
            throw new UserError("--steps line " + n + ": the goal ∂L/∂" + ClaimParser.clip(wrt) + " is not a parameter's gradient"
                    + (known != null ? " (" + wrt + " is a quantity of the network)" : "")
                    + ": name a weight w[l,i,j] or a bias b[l,i]; the network has " + parameterList());
        }
        if (!exists(id)) {
            throw new UserError("--steps line " + n + ": the goal ∂L/∂" + id + ": the network has no parameter " + id
                    + "; it has " + parameterList());
        }
        return Optional.of(id);
    }

    private boolean exists(ParamId id) {
        try {
            return spec.indexOf(id) >= 0;
        } catch (UserError e) {
            return false; // a layer the network does not have
        }
    }

    private String parameterList() {
        List<ParamId> ps = spec.parameters();
        if (ps.size() <= 24) {
            return String.join(", ", ps.stream().map(ParamId::toString).toList());
        }
        return ps.get(0) + ", " + ps.get(1) + " … " + ps.get(ps.size() - 1) + " (" + ps.size() + " parameters)";
    }

    private Line line(int n, String text) {
        Expr written;
        try {
            written = Parser.parseExpression(text, Parser.Syntax.DERIVATIVE_FRACTIONS);
        } catch (UserError e) {
            throw new UserError("--steps line " + n + ": " + e.getMessage());
        }
        Expr expr = canonical(written, n);
        boolean number = Exprs.variables(expr).isEmpty() && !Exprs.containsDerivative(expr);
        if (number && !oneSample) {
            throw new UserError("--steps line " + n + " is a number (" + ClaimParser.clip(text) + "): say which sample the"
                    + " derivation is for with --sample N (the data has " + spec.data().size() + " samples)");
        }
        List<Factor> factors = new ArrayList<>();
        Expr resolved = Exprs.mapBottomUp(expr, node -> node instanceof Expr.Derivative d ? factor(d, n, factors) : node);
        return new Line(n, text, expr, resolved, factors, number, NumberPolicy.of(text));
    }

    /** The network's names in canonical spelling (ClaimParser's renaming, and L the loss); others are an error. */
    private Expr canonical(Expr e, int n) {
        return Exprs.mapBottomUp(e, node -> {
            if (node instanceof Var v) {
                return name(v, n);
            }
            if (node instanceof Expr.Derivative d) {
                return new Expr.Derivative(d.body(), name(d.wrt(), n));
            }
            return node;
        });
    }

    private Var name(Var v, int n) {
        if (v.name().equals(sym.loss().name())) {
            return v;
        }
        Var c = renamed(v.name());
        if (c == null) {
            throw new UserError("--steps line " + n + ": unknown symbol '" + ClaimParser.clip(v.name()) + "'; the network's symbols are "
                    + ClaimParser.symbolList(sym) + ", L (the loss)");
        }
        return c;
    }

    /** ∂A/∂B through the network's definitions: 1, 0 (no dependency), a local derivative or the whole chain. */
    private Expr factor(Expr.Derivative d, int n, List<Factor> out) {
        Var wrt = d.wrt();
        Expr body = d.body();
        if (isDelta(wrt.name()) || Exprs.variables(body).stream().anyMatch(NetworkStepsJudge::isDelta)) {
            throw new UserError("--steps line " + n + ": " + TextPrinter.str(d) + ": δ is itself a derivative (δ = ∂L/∂z);"
                    + " a factor ∂A/∂B takes the network's quantities L, ŷ, a, z, x, y, w, b");
        }
        if (body.equals(wrt)) {
            out.add(new Factor(d, Num.ONE, Reading.DIRECT, List.of()));
            return Num.ONE;
        }
        if (!forward.dependsOn(body, wrt.name())) {
            out.add(new Factor(d, Num.ZERO, Reading.NONE, List.of()));
            return Num.ZERO;
        }
        Expr value;
        try {
            value = body instanceof Var v ? chain.derive(v, wrt).result()
                    : new ChainRule(Definitions.extend(forward, Map.of(BODY, body))).derive(new Var(BODY), wrt).result();
        } catch (UserError e) {
            throw new UserError("--steps line " + n + ": " + TextPrinter.str(d) + ": " + e.getMessage());
        }
        Expr of = body instanceof Var v && forward.isDefined(v.name()) ? forward.get(v.name()) : body;
        List<Var> through = new ArrayList<>();
        for (String u : Exprs.variables(of)) {
            if (!u.equals(wrt.name()) && forward.isDefined(u) && forward.dependsOn(u, wrt.name())) {
                through.add(new Var(u));
            }
        }
        boolean direct = Exprs.variables(of).contains(wrt.name()) || through.isEmpty();
        out.add(new Factor(d, value, direct ? Reading.DIRECT : Reading.THROUGH, through));
        return value;
    }

    /** ClaimParser's renaming; null for a name the network does not have (w[3,1,1] of a two-layer network too). */
    private Var renamed(String name) {
        try {
            return ClaimParser.rename(name, sym);
        } catch (UserError e) {
            return null;
        }
    }

    private static boolean isDelta(String name) {
        return NetworkSymbols.parse(name).filter(q -> q.kind() == NetworkSymbols.Kind.DELTA).isPresent();
    }

    // ------------------------------------------------------------------------------------------- judging

    /** What the last {@link #judge} gives Symja: each line against the gradient (the first wrong one alone if any). */
    public List<StepsJudge.Compared> compared() {
        return List.copyOf(pairs);
    }

    public ClaimResult judge(Parsed p) {
        pairs.clear();
        ParamId id = p.goal();
        List<Line> lines = p.lines();
        int count = lines.size();
        List<ClaimResult> verdicts = new ArrayList<>();
        for (Line l : lines) {
            verdicts.add(judge.judge(claim(id, l), l.isNumber(), false));
        }
        int wrong = -1;
        int undecided = -1;
        for (int i = 0; i < count; i++) {
            ClaimVerdict v = verdicts.get(i).verdict();
            if (v == ClaimVerdict.INCORRECT && wrong < 0) {
                wrong = i;
            }
            if (v == ClaimVerdict.UNDECIDED && undecided < 0) {
                undecided = i;
            }
        }
        boolean[] follows = new boolean[count];
        for (int i = 0; i < count; i++) {
            ClaimVerdict v = verdicts.get(i).verdict();
            ClaimVerdict before = i == 0 ? ClaimVerdict.CORRECT : verdicts.get(i - 1).verdict();
            if (v == ClaimVerdict.CORRECT && before == ClaimVerdict.CORRECT) {
                follows[i] = true;
            } else if (v == ClaimVerdict.CORRECT && before == ClaimVerdict.INCORRECT
                    || before == ClaimVerdict.CORRECT && v == ClaimVerdict.INCORRECT) {
                follows[i] = false;
            } else {
                follows[i] = i > 0 && same(lines.get(i - 1), lines.get(i));
            }
        }
        boolean finalCorrect = verdicts.get(count - 1).verdict() == ClaimVerdict.CORRECT;
        Var param = sym.param(id);
        Expr goalExpr = new Expr.Derivative(sym.loss(), param);
        String goalText = TextPrinter.str(goalExpr);
        Expr explicit = new PathModel(judge.backprop(), id).explicit();
        List<StepsTrace.Line> traced = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Line l = lines.get(i);
            traced.add(new StepsTrace.Line(l.number(), l.text(), l.expr(), verdicts.get(i).verdict(), follows[i],
                    l.factors().stream().map(Factor::text).toList()));
        }
        int firstWrong = wrong >= 0 ? lines.get(wrong).number() : 0;
        StepsTrace trace = new StepsTrace(id.toString(), goalExpr, p.goalLine(), traced, firstWrong, finalCorrect,
                goalText + " = " + TextPrinter.str(explicit));
        String compared = "each line compared with " + goalText + ", the true per-sample gradient, ";
        if (wrong >= 0) {
            Line l = lines.get(wrong);
            ClaimResult cr = judge.judge(claim(id, l), l.isNumber(), true);
            Prose head = wrong == 0
                    ? Prose.of("line " + l.number() + " is not ", goalExpr, p.goalLine() == l.number() ? "" : " (the goal, line " + p.goalLine() + ")")
                    : verdicts.get(wrong - 1).verdict() == ClaimVerdict.CORRECT
                    ? Prose.words("line " + l.number() + " does not follow from line " + lines.get(wrong - 1).number())
                    : Prose.of("line " + l.number() + " is not ", goalExpr);
            Prose message = head.plus(": ", factorNotes(l, cr.diagnosis()), laterLines(lines, verdicts, follows, wrong));
            Diagnosis d = new Diagnosis(cr.diagnosis().kind(), message, cr.diagnosis().factor(), cr.diagnosis().matched());
            if (!l.isNumber()) {
                pairs.add(new StepsJudge.Compared("line " + l.number(), Symbolic.networkPair(judge, l.resolved(), explicit)));
            }
            return new ClaimResult("line " + l.number(), l.text(), ClaimVerdict.INCORRECT, d, cr.expected(), cr.expectedExplicit(),
                    cr.derivation(), cr.pointsUsed(), cr.pointsSkipped(), compared + how(cr.note()),
                    cr.claimValue(), cr.trueValue(), cr.where())
                    .withWorked(new Worked(goalExpr, l.expr(), cr.worked().expected(), Optional.empty()))
                    .withSteps(trace);
        }
        for (Line l : lines) {
            if (!l.isNumber()) {
                pairs.add(new StepsJudge.Compared("line " + l.number(), Symbolic.networkPair(judge, l.resolved(), explicit)));
            }
        }
        if (undecided >= 0) {
            Line l = lines.get(undecided);
            ClaimResult cr = verdicts.get(undecided);
            return new ClaimResult("line " + l.number(), l.text(), ClaimVerdict.UNDECIDED, null, cr.expected(), cr.expectedExplicit(),
                    cr.derivation(), cr.pointsUsed(), cr.pointsSkipped(),
                    "line " + l.number() + ": " + cr.note(), cr.claimValue(), cr.trueValue(), cr.where())
                    .withWorked(new Worked(goalExpr, l.expr(), cr.worked().expected(), Optional.empty()))
                    .withSteps(trace);
        }
        Line last = lines.get(count - 1);
        ClaimResult cr = verdicts.get(count - 1);
        // the formulas' note (points compared), and which lines are numbers compared at the sample's own values
        int formula = count - 1;
        while (formula > 0 && lines.get(formula).isNumber()) {
            formula--;
        }
        List<String> numbers = lines.stream().filter(Line::isNumber).map(l -> String.valueOf(l.number())).toList();
        String note = lines.get(formula).isNumber() ? how(cr.note())
                : how(verdicts.get(formula).note()) + (numbers.isEmpty() ? "" : "; the number" + (numbers.size() > 1 ? "s (lines " : " (line ")
                + String.join(", ", numbers) + ") at " + cr.where() + ", to the digits written");
        return new ClaimResult("steps", count == 1 ? "1 line" : count + " lines", ClaimVerdict.CORRECT, null, cr.expected(),
                cr.expectedExplicit(), cr.derivation(), cr.pointsUsed(), cr.pointsSkipped(),
                compared + note, cr.claimValue(), cr.trueValue(), cr.where())
                .withWorked(new Worked(goalExpr, last.expr(), cr.worked().expected(), Optional.empty()))
                .withSteps(trace);
    }

    /** A claim's note ("compared at 44 points (…)") after "each line compared with ∂L/∂w, the true gradient, ". */
    private static String how(String note) {
        return note.replaceFirst("^compared ", "");
    }

    private static ClaimParser.Claim claim(ParamId id, Line l) {
        return new ClaimParser.Claim(id, l.text(), l.resolved(), l.policy(), false);
    }

    /**
     * The first wrong line's diagnosis, with what its derivative factors say: a factor of no dependency is 0 (the
     * likely slip itself), and a factor across several layers is the whole chain, which other factors may repeat.
     */
    private Prose factorNotes(Line l, Diagnosis d) {
        List<Prose> zero = new ArrayList<>();
        List<Prose> through = new ArrayList<>();
        for (Factor f : l.factors()) {
            if (f.reading() == Reading.NONE) {
                zero.add(zeroNote(f));
            } else if (f.reading() == Reading.THROUGH) {
                List<Expr> repeated = new ArrayList<>();
                for (Factor g : l.factors()) {
                    if (g != f && (between(g.written().body(), f) || between(g.written().wrt(), f))) {
                        repeated.add(g.written());
                    }
                }
                if (!repeated.isEmpty()) {
                    Prose t = Prose.of(f.written(), " = ", f.value(), " is already the whole chain through ");
                    for (int i = 0; i < f.through().size(); i++) {
                        t = t.plus(i == 0 ? "" : ", ", f.through().get(i));
                    }
                    t = t.plus(", so ");
                    for (int i = 0; i < repeated.size(); i++) {
                        t = t.plus(i == 0 ? "" : " and ", repeated.get(i));
                    }
                    through.add(t.plus(" count" + (repeated.size() == 1 ? "s" : "") + " a link of it twice"));
                }
            }
        }
        Prose sb = Prose.words("");
        if (!zero.isEmpty()) {
            for (int i = 0; i < zero.size(); i++) {
                sb = sb.plus(i == 0 ? "its factor " : "; its factor ", zero.get(i));
            }
            if (d.kind() != Diagnosis.Kind.OTHER) {
                sb = sb.plus("; ", asLine(d.prose()));
            }
        } else {
            sb = asLine(d.prose());
        }
        for (int i = 0; i < through.size(); i++) {
            sb = sb.plus(i == 0 ? "; note that " : "; and ", through.get(i));
        }
        return sb;
    }

    /** Whether {@code e} is a quantity strictly inside the chain of f (f's A depends on it, and it on f's B). */
    private boolean between(Expr e, Factor f) {
        if (!(e instanceof Var v) || !(f.written().body() instanceof Var top)) {
            return false;
        }
        Var bottom = f.written().wrt();
        return !v.equals(top) && !v.equals(bottom) && forward.dependsOn(top.name(), v.name()) && forward.dependsOn(v.name(), bottom.name());
    }

    /** "∂z₁⁽¹⁾/∂w₁₁⁽²⁾ is 0: z₁⁽¹⁾ does not depend on w₁₁⁽²⁾, which enters only z₁⁽²⁾". */
    private Prose zeroNote(Factor f) {
        Var wrt = f.written().wrt();
        List<Var> enters = new ArrayList<>();
        for (Map.Entry<String, Expr> e : forward.asMap().entrySet()) {
            if (Exprs.variables(e.getValue()).contains(wrt.name())) {
                enters.add(new Var(e.getKey()));
            }
        }
        Prose note = Prose.of(f.written(), " is 0: ", f.written().body(), " does not depend on ", wrt);
        if (enters.size() == 1) {
            note = note.plus(", which enters only ", enters.get(0));
        } else if (enters.size() > 1 && enters.size() <= 6) {
            note = note.plus(", which enters ");
            for (int i = 0; i < enters.size(); i++) {
                note = note.plus(i == 0 ? "" : ", ", enters.get(i));
            }
        }
        return note;
    }

    /** A claim's diagnosis said of a line: "your result lacks …" becomes "it lacks …". */
    private static Prose asLine(Prose message) {
        if (message.parts().isEmpty() || !(message.parts().get(0) instanceof Prose.Words w)) {
            return message;
        }
        List<Prose.Part> parts = new ArrayList<>(message.parts());
        parts.set(0, new Prose.Words(w.text().replaceFirst("^your result ", "it ").replaceFirst("^your number ", "the number ")));
        return new Prose(parts);
    }

    /** What the lines after the first wrong one do: right again (two slips cancel), or still wrong. */
    private static String laterLines(List<Line> lines, List<ClaimResult> verdicts, boolean[] follows, int wrong) {
        int n = lines.size();
        if (wrong == n - 1) {
            return "";
        }
        if (verdicts.get(n - 1).verdict() == ClaimVerdict.CORRECT) {
            int back = wrong + 1;
            while (verdicts.get(back).verdict() != ClaimVerdict.CORRECT) {
                back++;
            }
            return back == n - 1
                    ? "; the final line (line " + lines.get(n - 1).number() + ") equals the gradient again, but it does not follow"
                    + " from line " + lines.get(back - 1).number() + ": a second slip undoes the first"
                    : "; the final line (line " + lines.get(n - 1).number() + ") is right, but only because line "
                    + lines.get(back).number() + " does not follow from line " + lines.get(back - 1).number()
                    + ": a second slip undoes the first";
        }
        Set<Integer> breaks = new LinkedHashSet<>();
        for (int i = wrong + 1; i < n; i++) {
            if (!follows[i]) {
                breaks.add(lines.get(i).number());
            }
        }
        return breaks.isEmpty()
                ? "; every later line follows from it, so the final line (line " + lines.get(n - 1).number() + ") is wrong too"
                : "; the final line (line " + lines.get(n - 1).number() + ") is wrong too";
    }

    /**
     * Whether two lines agree where both are defined, off kinks: at every point, or at the spec's own values only
     * when one is a written number (rounded to its digits).
     */
    private boolean same(Line a, Line b) {
        NetworkJudge.Evaluated ea = judge.evaluate(a.resolved());
        NetworkJudge.Evaluated eb = judge.evaluate(b.resolved());
        boolean numbers = a.isNumber() || b.isNumber();
        Line number = a.isNumber() ? a : b;
        Line other = a.isNumber() ? b : a;
        double[] va = ea.values();
        double[] vb = eb.values();
        boolean[] valid = new boolean[va.length];
        int used = 0;
        for (int p = 0; p < va.length; p++) {
            if (numbers && !judge.isSpecPoint(p) || Double.isNaN(va[p]) || Double.isNaN(vb[p])) {
                continue;
            }
            if ((ea.kink()[p] || eb.kink()[p]) && !Numbers.close(va[p], vb[p], 1e-8)) {
                continue;
            }
            if (numbers && !number.policy().match(number == a ? va[p] : vb[p], number == a ? vb[p] : va[p]).matched()
                    && !(other.isNumber() && other.policy().match(other == a ? va[p] : vb[p], other == a ? vb[p] : va[p]).matched())) {
                return false;
            }
            valid[p] = true;
            used++;
        }
        return numbers ? used > 0 : Numbers.same(va, vb, valid);
    }
}
