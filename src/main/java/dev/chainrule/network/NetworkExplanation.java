package dev.chainrule.network;

import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.expr.Expr;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.numeric.Check;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code explain} shows, computed once; renderers print it and never recompute it.
 *
 * @param forward      per sample, the value of every named quantity (z, a, ŷ, L, δ) in definition order
 * @param loss         the reduced loss over all samples
 * @param parameters   the parameters asked for, in canonical order
 * @param layers       the matrix form per layer (for the samples shown)
 * @param samplesShown the samples whose numbers are written out (1-based)
 * @param fastCheck    for large networks, the random-direction check of the whole gradient
 * @param expandedLoss L written out in the weights alone (asked for with --expanded)
 * @param parametersAsked whether {@code parameters} were named with --param (else they are every parameter)
 */
public record NetworkExplanation(NetworkSpec spec, NetworkModel model, Backprop backprop,
                                 List<Map<String, Double>> forward, double loss, List<ParameterResult> parameters,
                                 List<LayerGradient> layers, List<Integer> samplesShown, CheckMode checkMode,
                                 Optional<DirectionalCheck> fastCheck, Optional<Expr> expandedLoss,
                                 boolean parametersAsked) {

    public enum CheckMode { ALL, FAST, NONE }

    /** One parameter: its δ form, the explicit chain (small networks), numbers per sample, the reduction, the check. */
    public record ParameterResult(ParamId id, double value, Expr deltaForm, Optional<ChainDerivation> chain,
                                  Expr explicit, List<SampleTerm> perSample, double gradient,
                                  Optional<Check> check, Optional<Integer> kinkSample, Optional<Penalty> penalty) {
    }

    /**
     * A weight's regularization term (λ/2)·w² + μ·|w| (the spec's numbers in), its own derivative λ·w + μ·sign(w)
     * and that derivative's value; {@code dataGradient} is the reduced gradient of the data loss alone, so
     * {@link ParameterResult#gradient} = dataGradient + value.
     */
    public record Penalty(Expr term, Expr derivative, double value, double dataGradient) {
    }

    /** The result with sample n's numbers put in, and its value. */
    public record SampleTerm(int sample, Expr substituted, double value) {
    }

    /**
     * Layer l: per sample shown δ^(l), a^(l−1) and ∇_W L_n = δ a^(l−1)ᵀ (∇_b L_n is δ), and the reduced gradients
     * of the whole data.
     */
    public record LayerGradient(int layer, List<double[]> deltaPerSample, List<double[]> inputPerSample,
                                List<double[][]> weightsPerSample, double[][] reducedWeights, double[] reducedBiases) {
    }

    /** g·v against the finite difference of L along v (torch gradcheck's fast mode). */
    public record DirectionalCheck(long seed, double analytic, double numeric, double relativeError,
                                   dev.chainrule.numeric.Verdict verdict, int sampledParameters) {
    }

    public boolean anyCheckFailed() {
        boolean params = parameters.stream().anyMatch(p -> p.check().map(c -> c.verdict() == dev.chainrule.numeric.Verdict.FAIL).orElse(false));
        boolean fast = fastCheck.map(f -> f.verdict() == dev.chainrule.numeric.Verdict.FAIL).orElse(false);
        return params || fast;
    }
}
