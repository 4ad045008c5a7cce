package dev.chainrule.expr;

/**
 * The functions of the lecture notes. Each knows its input name (what the parser accepts and the input
 * syntax prints) and its arity; its derivative lives in the derivation engine, its value in the evaluator.
 *
 * <p>{@code STEP(z)} is the Iverson bracket [z &gt; 0] (ReLU′); {@code LEAKY_STEP(z, α)} is leaky ReLU′:
 * 1 for z ≥ 0, else α. {@code SOFTMAX(k, z₁…z_K)} is the k-th softmax output; its first argument is the
 * constant index k.
 */
public enum Fn {
    EXP("exp", 1, 1),
    LOG("log", 1, 1),
    SQRT("sqrt", 1, 1),
    SIGMOID("sigmoid", 1, 1),
    TANH("tanh", 1, 1),
    RELU("relu", 1, 1),
    LEAKY_RELU("leaky_relu", 2, 2),
    STEP("step", 1, 1),
    LEAKY_STEP("leaky_step", 2, 2),
    ABS("abs", 1, 1),
    SIGN("sign", 1, 1),
    SIN("sin", 1, 1),
    COS("cos", 1, 1),
    SOFTMAX("softmax", 3, Integer.MAX_VALUE);

    private final String inputName;
    private final int minArity;
    private final int maxArity;

    Fn(String inputName, int minArity, int maxArity) {
        this.inputName = inputName;
        this.minArity = minArity;
        this.maxArity = maxArity;
    }

    public String inputName() {
        return inputName;
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
        return this == RELU || this == LEAKY_RELU || this == ABS || this == STEP || this == LEAKY_STEP || this == SIGN;
    }
}
