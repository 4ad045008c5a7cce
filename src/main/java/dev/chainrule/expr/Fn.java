package dev.chainrule.expr;

import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Quotient;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of the lecture notes, one table: each entry names the function for input, text and LaTeX,
 * says how many arguments it takes and whether its derivative jumps, and {@link #partial} gives its
 * derivative with respect to each argument. The value lives in {@code numeric.Ops#apply} (one exhaustive
 * switch), the Symja form in {@code cas.ToSymja}, the rule a trace names in {@code derive.Rule#of}; every
 * switch over Fn is exhaustive without a default, so a new entry is guided by javac to each of them.
 *
 * <p>{@code STEP(z)} is the Iverson bracket [z &gt; 0] (ReLU′); {@code LEAKY_STEP(z, α)} is leaky ReLU′:
 * 1 for z ≥ 0, else α. {@code SOFTMAX(k, z₁…z_K)} is the k-th softmax output; its first argument is the
 * constant index k. {@code ELU(z, α)} is z for z &gt; 0, else α(eᶻ − 1); {@code ELU_STEP(z, α)} is ELU′: 1 for
 * z &gt; 0, else α·eᶻ. {@code NORM_CDF} is the standard normal distribution function Φ(z) = ½(1 + erf(z/√2)),
 * {@code NORM_PDF} its density φ(z) = e^(−z²/2)/√(2π); GELU(z) = z·Φ(z), SiLU(z) = z·σ(z).
 * {@code HUBER(r, δ)} is ½r² for |r| ≤ δ, else δ(|r| − ½δ); {@code HUBER_GRAD(r, δ)} its derivative, r clipped
 * to [−δ, δ], whose kink is at |r| = δ (its kink events carry |r| − δ).
 */
public enum Fn {
    // input name, arity (min, max), text name, LaTeX name, kink, other names the parser accepts
    EXP("exp", 1, 1, "exp", "\\exp", false),
    LOG("log", 1, 1, "log", "\\log", false, "ln"),
    SQRT("sqrt", 1, 1, "√", "\\sqrt", false),
    SIGMOID("sigmoid", 1, 1, "σ", "\\sigma", false, "sigma", "logistic"),
    TANH("tanh", 1, 1, "tanh", "\\tanh", false),
    RELU("relu", 1, 1, "ReLU", "\\operatorname{ReLU}", true),
    LEAKY_RELU("leaky_relu", 2, 2, "LReLU", "\\operatorname{LReLU}", true, "leakyrelu", "lrelu"),
    STEP("step", 1, 1, "step", "\\operatorname{step}", true, "heaviside"),
    LEAKY_STEP("leaky_step", 2, 2, "LReLU′", "\\operatorname{LReLU}'", true),
    ABS("abs", 1, 1, "abs", "\\operatorname{abs}", true),
    SIGN("sign", 1, 1, "sign", "\\operatorname{sign}", true, "sgn"),
    SIN("sin", 1, 1, "sin", "\\sin", false),
    COS("cos", 1, 1, "cos", "\\cos", false),
    SOFTMAX("softmax", 3, Integer.MAX_VALUE, "softmax", "\\operatorname{softmax}", false),
    SOFTPLUS("softplus", 1, 1, "softplus", "\\operatorname{softplus}", false),
    ELU("elu", 2, 2, "ELU", "\\operatorname{ELU}", true),
    ELU_STEP("elu_step", 2, 2, "ELU′", "\\operatorname{ELU}'", true),
    GELU("gelu", 1, 1, "GELU", "\\operatorname{GELU}", false),
    SILU("silu", 1, 1, "SiLU", "\\operatorname{SiLU}", false, "swish"),
    NORM_CDF("normcdf", 1, 1, "Φ", "\\Phi", false, "phi_cdf"),
    NORM_PDF("normpdf", 1, 1, "φ", "\\varphi", false, "phi_pdf", "phi"),
    HUBER("huber", 2, 2, "huber", "\\operatorname{huber}", false),
    HUBER_GRAD("huber_grad", 2, 2, "huber′", "\\operatorname{huber}'", true);

    private final String inputName;
    private final int minArity;
    private final int maxArity;
    private final String textName;
    private final String latexName;
    private final boolean kink;
    private final List<String> aliases;

    Fn(String inputName, int minArity, int maxArity, String textName, String latexName, boolean kink, String... aliases) {
        this.inputName = inputName;
        this.minArity = minArity;
        this.maxArity = maxArity;
        this.textName = textName;
        this.latexName = latexName;
        this.kink = kink;
        this.aliases = List.of(aliases);
    }

    /** What the parser accepts and the input syntax prints. */
    public String inputName() {
        return inputName;
    }

    /** Other spellings the parser accepts (ln, sigma, sgn …). */
    public List<String> aliases() {
        return aliases;
    }

    /** The name text output writes before the bracket (σ, ReLU, √); STEP and ABS print as brackets instead. */
    public String textName() {
        return textName;
    }

    /** The LaTeX command of the same (\sigma, \operatorname{ReLU}). */
    public String latexName() {
        return latexName;
    }

    public boolean acceptsArity(int n) {
        return n >= minArity && n <= maxArity;
    }

    public String arityText() {
        if (minArity == maxArity) {
            return minArity == 1 ? "one argument" : minArity + " arguments";
        }
        return "at least " + minArity + " arguments";
    }

    /** Functions whose derivative jumps: a finite difference across their kink cannot be trusted. */
    public boolean hasKink() {
        return kink;
    }

    /**
     * ∂f(args)/∂(argument i), the local derivative the chain rule multiplies by ∂argᵢ/∂w: σ′(u) = σ(u)(1 − σ(u)),
     * ReLU′(u) = [u &gt; 0], ∂softmaxₖ/∂zᵢ = softmaxₖ([k = i] − softmaxᵢ), …; 0 for the steps away from their jump.
     *
     * @throws NotDifferentiable for an argument no derivative is defined for (softmax's index, a leaky slope α)
     */
    public Expr partial(List<Expr> args, int i) {
        Call self = new Call(this, args);
        Expr u = args.get(0);
        if (i > 0 && this != SOFTMAX) {
            throw new NotDifferentiable(this, i);
        }
        return switch (this) {
            case EXP -> self;
            case LOG -> new Quotient(Num.ONE, u);
            case SQRT -> new Quotient(Num.ONE, Exprs.product(Num.TWO, self));
            case SIGMOID -> Exprs.product(self, Exprs.sub(Num.ONE, self));
            case TANH -> Exprs.sub(Num.ONE, new Expr.Pow(self, Num.TWO));
            case RELU -> new Call(STEP, u);
            case LEAKY_RELU -> new Call(LEAKY_STEP, args);
            case STEP, LEAKY_STEP, SIGN -> Num.ZERO;
            case ABS -> new Call(SIGN, u);
            case SIN -> new Call(COS, u);
            case COS -> Exprs.neg(new Call(SIN, u));
            case SOFTPLUS -> new Call(SIGMOID, u);
            case ELU -> new Call(ELU_STEP, args);
            // ELU′ is constant 1 for z > 0 and α·eᶻ (its own value) below: ELU″ = ELU′ − [z > 0]
            case ELU_STEP -> Exprs.sub(self, new Call(STEP, u));
            case GELU -> Exprs.sum(new Call(NORM_CDF, u), Exprs.product(u, new Call(NORM_PDF, u)));
            case SILU -> {
                Expr s = new Call(SIGMOID, u);
                yield Exprs.product(s, Exprs.sum(Num.ONE, Exprs.product(u, Exprs.sub(Num.ONE, s))));
            }
            case NORM_CDF -> new Call(NORM_PDF, u);
            case NORM_PDF -> Exprs.neg(Exprs.product(u, self));
            case HUBER -> new Call(HUBER_GRAD, args);
            // 1 inside [−δ, δ], 0 outside: 1 − [|r| − δ > 0]
            case HUBER_GRAD -> Exprs.sub(Num.ONE, new Call(STEP, Exprs.sub(new Call(ABS, u), args.get(1))));
            case SOFTMAX -> {
                if (i == 0) {
                    throw new NotDifferentiable(this, 0);
                }
                int k = ((Num) args.get(0)).value().intValue();
                List<Expr> other = new ArrayList<>(args);
                other.set(0, Num.of(i));
                yield Exprs.product(self, Exprs.sub(Num.of(i == k ? 1 : 0), new Call(SOFTMAX, other)));
            }
        };
    }

    /** Asked for a derivative with respect to an argument that has none (softmax's index, leaky ReLU's slope α). */
    public static final class NotDifferentiable extends RuntimeException {
        private final transient Fn fn;
        private final int argument;

        NotDifferentiable(Fn fn, int argument) {
            super(fn == SOFTMAX ? "softmax's index k is a constant" : "cannot differentiate " + fn.inputName
                    + " with respect to its " + (fn == HUBER || fn == HUBER_GRAD ? "threshold δ" : "slope α"));
            this.fn = fn;
            this.argument = argument;
        }

        public Fn fn() {
            return fn;
        }

        public int argument() {
            return argument;
        }
    }
}
