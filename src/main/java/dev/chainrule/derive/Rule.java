package dev.chainrule.derive;

import dev.chainrule.expr.Fn;
import dev.chainrule.expr.Prose;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rule a derivation step can name. {@link #label()} is what a trace prints beside the step;
 * {@link #statement()} is the rule itself, for a legend.
 */
public enum Rule {
    CONSTANT("constant rule", "$∂c/∂w = 0$"),
    VARIABLE("variable rule", "$∂w/∂w = 1$"),
    SUM("sum rule", "$∂(f + g) = ∂f + ∂g$"),
    CONSTANT_MULTIPLE("constant multiple rule", "$∂(c·f) = c·∂f$"),
    PRODUCT("product rule", "$∂(f·g) = ∂f·g + f·∂g$"),
    QUOTIENT("quotient rule", "$∂(f/g) = (∂f·g − f·∂g)/g²$"),
    POWER("power rule", "$∂(uⁿ) = n·uⁿ⁻¹·∂u$"),
    EXPONENTIAL("exponential rule", "$∂(aᵘ) = aᵘ·log a·∂u$"),
    GENERAL_POWER("general power rule", "$∂(uᵛ) = uᵛ·(∂v·log u + v·∂u/u)$"),
    EXP("exp rule", "$exp′ = exp$"),
    LOG("log rule", "$log′(u) = 1/u$"),
    SQRT("square-root rule", "$√′(u) = 1/(2√u)$"),
    SIGMOID("sigmoid rule", "$σ′ = σ(1 − σ)$"),
    TANH("tanh rule", "$tanh′ = 1 − tanh²$"),
    RELU("ReLU rule", "$ReLU′(z) = [z > 0]$"),
    LEAKY_RELU("leaky ReLU rule", "$LReLU′(z) = 1$ if $z ≥ 0$, else $α$"),
    STEP("step rule", "$[z > 0]′ = 0$ away from the jump"),
    ABS("abs rule", "$|u|′ = sign(u)$"),
    SIN("sine rule", "$sin′ = cos$"),
    COS("cosine rule", "$cos′ = −sin$"),
    SOFTPLUS("softplus rule", "$softplus′(z) = σ(z)$"),
    ELU("ELU rule", "$ELU′(z) = 1$ if $z > 0$, else $α·eᶻ$"),
    GELU("GELU rule", "$GELU′(z) = Φ(z) + z·φ(z)$"),
    SILU("SiLU rule", "$SiLU′(z) = σ(z)(1 + z(1 − σ(z)))$"),
    NORMAL("normal distribution rule", "$Φ′ = φ$, $φ′(z) = −z·φ(z)$"),
    HUBER("Huber rule", "$huber′_δ(r) = r$ if $|r| ≤ δ$, else $δ·sign(r)$"),
    SOFTMAX("softmax rule", "$∂softmaxₖ/∂zᵢ = softmaxₖ·([k = i] − softmaxᵢ)$"),
    CHAIN("chain rule", "$∂f(u)/∂w = f′(u)·∂u/∂w$"),
    MULTIVARIABLE_CHAIN("chain rule", "$∂L/∂w = Σ$ over paths of the product of local derivatives"),
    SUBSTITUTE("substitute", "put the local derivatives in"),
    DEFINITION("definition", "write a named quantity out"),
    // simplification
    ARITHMETIC("arithmetic", "fold constants"),
    IDENTITY("drop ·1, +0", "$x·1 = x, x + 0 = x, x·0 = 0$"),
    REGROUP("regroup", "$a + (b + c) = a + b + c, a·(b·c) = a·b·c$"),
    COLLECT_POWERS("collect powers", "$x·x = x²$"),
    CANCEL("cancel", "$x/x = 1$"),
    COLLECT_TERMS("collect like terms", "$2x + 3x = 5x$"),
    DISTRIBUTE("distribute", "$a·(b + c) = a·b + a·c$"),
    EXPAND("expand", "multiply out"),
    FACTOR("factor out", "$a·x + b·x = (a + b)·x$"),
    RECOGNISE("recognise", "write a known quantity by its name"),
    TARGETS_SUM_TO_ONE("targets sum to 1", "$Σₖ yₖ = 1$");

    private final String label;
    private final Prose statement;

    /** {@code statement} marks its math with $…$ (the one place this markup is read). */
    Rule(String label, String statement) {
        this.label = label;
        List<Object> parts = new ArrayList<>();
        String[] pieces = statement.split("\\$", -1);
        for (int i = 0; i < pieces.length; i++) {
            parts.add(i % 2 == 1 ? Prose.math(pieces[i]) : pieces[i]);
        }
        this.statement = Prose.of(parts.toArray());
    }

    public String label() {
        return label;
    }

    /** The rule itself, as text output prints it: "ReLU′(z) = [z > 0]". */
    public String statement() {
        return statement.text();
    }

    /** The same with its math marked, for the documents. */
    public Prose statementProse() {
        return statement;
    }

    /** The rule that differentiates a call of {@code fn} (its local derivative is {@link Fn#partial}). */
    public static Rule of(Fn fn) {
        return switch (fn) {
            case EXP -> EXP;
            case LOG -> LOG;
            case SQRT -> SQRT;
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
            case RELU -> RELU;
            case LEAKY_RELU -> LEAKY_RELU;
            case STEP, LEAKY_STEP, SIGN -> STEP;
            case ABS -> ABS;
            case SIN -> SIN;
            case COS -> COS;
            case SOFTMAX -> SOFTMAX;
            case SOFTPLUS -> SOFTPLUS;
            case ELU, ELU_STEP -> ELU;
            case GELU -> GELU;
            case SILU -> SILU;
            case NORM_CDF, NORM_PDF -> NORMAL;
            case HUBER, HUBER_GRAD -> HUBER;
        };
    }

    public boolean isSimplification() {
        return ordinal() >= ARITHMETIC.ordinal();
    }
}
