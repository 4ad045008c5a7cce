package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.cli.CliTestSupport;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trust corpus: claims whose verdicts are known by construction, on ten networks, through the CLI with
 * {@code --format json}. Number claims probe the rule at its borders (a claim is right when it is the true value
 * rounded to its own significant digits, or within 1e-6 relative; a written 0 only for |g| ≤ 1e-9) and the kink
 * rule (a ReLU kink makes a claim undecided only where the claimed parameter's own path crosses it); formula claims
 * are right in many notations and wrong in every diagnosed way. The true values come from {@code chainrule explain}
 * and are re-derived here by a finite difference of a forward pass of this test's own ({@link TrustNets}).
 *
 * <p>Expected: {@code correct}, {@code undecided}, {@code incorrect} (a mis-rounded number: any diagnosis), or the
 * diagnosis kind of an incorrect claim. Mention: symbols the message must name (either spelling, w[2,1,2] or
 * w₁₂⁽²⁾), {@code sum} (the message names the spec's reduction), {@code !sum} or {@code !mean} (the message must
 * not say the reduction is the one the spec does not have).
 */
class TrustCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String XOR = TrustNets.XOR;
    static final String TANH = "tanh_231_half_se.yaml";
    static final String SIG2 = "sigmoid_322_se.yaml";
    static final String DEEP = "deep_2221_bce.yaml";
    static final String LEAKY = "leaky_221_se.yaml";
    static final String SOFT = "softmax_323_ce.yaml";
    static final String LINREG = "linreg_mean3.yaml";
    static final String LOGSUM = "logistic_sum3.yaml";
    static final String KINK = "relu_kink.yaml";
    static final String ROUND = "rounding_1d.yaml";

    static final List<String> KINDS = List.of("sign", "constant_factor", "missing_factor", "extra_factor",
            "activation_not_derivative", "wrong_parameter", "missing_path", "wrong_index", "other");

    /** What each case did, for the report written after the run (target/trust-corpus-report.txt). */
    private static final Map<String, String> OUTCOMES = new ConcurrentSkipListMap<>();

    private static Arguments c(String net, String claim, String options, String expected) {
        return Arguments.of(net, claim, options, expected, "");
    }

    private static Arguments c(String net, String claim, String options, String expected, String mention) {
        return Arguments.of(net, claim, options, expected, mention);
    }

    static Stream<Arguments> corpus() {
        String s1 = "--sample 1";
        String s2 = "--sample 2";
        String s3 = "--sample 3";
        String batch = "--of batch";
        return Stream.of(
                // ================= XOR (builtin: ReLU 2, sigmoid 1, BCE, mean of 4)
                // sample 1: dL/dw[2,1,1] = 0.5621765008857981, dL/db[1,2] = 0.28108825044289903, dL/dw[1,1,1] = 0 (x1 = 0)
                c(XOR, "w[2,1,1] = 1", s1, "incorrect"),
                c(XOR, "b[1,2] = 0", s1, "incorrect"),
                c(XOR, "w[2,1,1] = 0.6", s1, "correct"),
                c(XOR, "w[2,1,1] = 0.56", s1, "correct"),
                c(XOR, "w[2,1,1] = 0.562", s1, "correct"),
                c(XOR, "w[2,1,1] = 0.5622", s1, "correct"),
                c(XOR, "w[2,1,1] = 0.5621", s1, "incorrect"),
                c(XOR, "w[2,1,1] = 0.563", s1, "incorrect"),
                c(XOR, "w[2,1,1] = 0.5621765852122732", s1, "correct"),      // relative error 1.5e-7
                c(XOR, "w[2,1,1] = 0.5621793", s1, "incorrect"),             // relative error 5e-6, 7 digits
                c(XOR, "w[2,1,1] = 0.5621770", s1, "correct"),               // 7 digits, relative error 8.9e-7
                c(XOR, "w[2,1,1] = 0.5621772", s1, "incorrect"),             // 7 digits, relative error 1.24e-6
                c(XOR, "b[1,2] = 0.3", s1, "correct"),
                c(XOR, "b[1,2] = 0.2811", s1, "correct"),
                c(XOR, "b[1,2] = 0.2810", s1, "incorrect"),                  // 4 significant digits: 0.2811
                c(XOR, "w[1,1,1] = 0", s1, "correct"),
                c(XOR, "w[1,1,1] = 0.0", s1, "correct"),
                c(XOR, "w[1,1,1] = -0", s1, "correct"),
                c(XOR, "w[2,1,1] = -0.562", s1, "sign"),
                c(XOR, "b[1,1] = −0.56218", s1, "correct"),
                // sample 4 (x = (1, 1), both units on): dL/dw[1,2,1] = 0.13447071068499755
                c(XOR, "w[1,2,1] = 0", "--sample 4", "incorrect"),
                c(XOR, "w[1,2,1] = 0.1345", "--sample 4", "correct"),
                // sample 3 (x = (1, 0)): z[1,2] = 0 exactly, z[1,1] = 2; dL/dw[2,1,1] = -1.4621171572600098,
                // dL/db[2,1] = -0.7310585786300049, dL/dw[1,1,1] = dL/db[1,1] = 0.7310585786300049, dL/dw[1,1,2] = 0 (x2 = 0),
                // dL/dw[2,1,2] = δ·a[1,2] = 0 (a[1,2] = relu(0) is continuous: no kink on this parameter's path)
                c(XOR, "w[2,1,1] = -1.462", s3, "correct"),
                c(XOR, "w[2,1,1] = -1.463", s3, "incorrect"),
                c(XOR, "b[2,1] = -0.7311", s3, "correct"),
                c(XOR, "b[2,1] = -0.7310", s3, "incorrect"),
                c(XOR, "w[1,1,1] = 0.73", s3, "correct"),
                c(XOR, "w[1,1,1] = 0.74", s3, "incorrect"),
                c(XOR, "w[1,1,2] = 0", s3, "correct"),
                c(XOR, "w[1,1,2] = 0.0", s3, "correct"),
                c(XOR, "w[1,1,2] = 0.5", s3, "incorrect"),
                c(XOR, "b[1,1] = 0.731", s3, "correct"),
                c(XOR, "b[1,1] = -0.731", s3, "sign"),
                c(XOR, "w[2,1,2] = 0", s3, "correct"),
                c(XOR, "w[2,1,2] = 0.1", s3, "incorrect"),
                // ... but ReLU′(z[1,2]) is on the path of w[1,2,1] and b[1,2]: 0 from the left, -0.3655 from the right
                c(XOR, "w[1,2,1] = 0", s3, "undecided"),
                // on the kink's path, but x₂ = 0 multiplies δ₂⁽¹⁾: the derivative is 0 from both sides, so it is defined
                c(XOR, "w[1,2,2] = 0", s3, "correct"),
                c(XOR, "w[1,2,2] = 0.1", s3, "incorrect"),
                c(XOR, "w[1,2,1] = -0.3655", s3, "undecided"),
                c(XOR, "b[1,2] = 0", s3, "undecided"),
                c(XOR, "b[1,2] = -0.3655", s3, "undecided"),
                c(XOR, "w[2,1,1] = (yhat - y)*a[1,1]", s3, "correct"),
                c(XOR, "b[1,1] = (y - yhat)*w[2,1,1]*[z[1,1] > 0]", s3, "sign"),
                c(XOR, "w[1,1,1] = (yhat - y)*w[2,1,1]*x1", s3, "missing_factor"),
                // the batch gradient (mean of 4): w[1,1,1] 0.11552928931500245, b[2,1] -0.08444103887210341,
                // w[2,1,2] -0.026676394214602203, w[2,1,1] -0.22108058790513174; b[1,2] has the kink of sample 3
                c(XOR, "w[1,1,1] = 0.1155", batch, "correct"),
                c(XOR, "w[1,1,1] = 0.1156", batch, "incorrect"),
                c(XOR, "b[2,1] = -0.08444", batch, "correct"),
                c(XOR, "b[2,1] = -0.09", batch, "incorrect"),
                c(XOR, "w[2,1,2] = -0.02668", batch, "correct"),
                c(XOR, "w[2,1,1] = -0.2211", batch, "correct"),
                c(XOR, "b[1,2] = 0.04916", batch, "undecided"),
                c(XOR, "w[2,1,1] = (yhat - y)*a[1,1]", batch, "correct"),
                c(XOR, "b[2,1] = (yhat - y)/N", batch, "correct"),
                c(XOR, "b[2,1] = (yhat - y)/4", batch, "constant_factor", "!sum"),
                // formulas
                c(XOR, "w[1,1,1] = (ŷ − y)·w₁₁⁽²⁾·[z₁⁽¹⁾ > 0]·x₁", "", "correct"),
                c(XOR, "w[1,1,1] = δ₁⁽²⁾·w₁₁⁽²⁾·[z₁⁽¹⁾ > 0]·x₁", "", "correct"),
                c(XOR, "w[1,1,1] = δ₁⁽¹⁾·x₁", "", "correct"),
                c(XOR, "w[2,1,1] = (ŷ − y) × a₁⁽¹⁾", "", "correct"),
                c(XOR, "b[2,1] = −(y − ŷ)", "", "correct"),
                c(XOR, "b[2,1] = σ(z₁⁽²⁾) − y", "", "correct"),
                // one notation at a time (so that a failure names the notation)
                c(XOR, "w[2,1,1] = (yhat - y)·a[1,1]", "", "correct"),
                c(XOR, "w[2,1,1] = (yhat - y) × a[1,1]", "", "correct"),
                c(XOR, "w[2,1,1] = (yhat - y)*a₁⁽¹⁾", "", "correct"),
                c(XOR, "w[1,1,1] = (yhat - y)*w₁₁⁽²⁾*[z[1,1] > 0]*x1", "", "correct"),
                c(XOR, "w[1,1,1] = (yhat - y)*w[2,1,1]*[z₁⁽¹⁾ > 0]*x1", "", "correct"),
                c(XOR, "w[1,1,1] = (yhat - y)*w[2,1,1]*[z[1,1] > 0]*x₁", "", "correct"),
                c(XOR, "b[1,1] = δ[2,1]*w[2,1,1]*[z[1,1] > 0]", "", "correct"),
                c(XOR, "b[1,1] = δ₁⁽²⁾*w[2,1,1]*[z[1,1] > 0]", "", "correct"),
                c(XOR, "b[1,1] = (yhat - y)*w[2,1,1]*relu'(z[1,1])", "", "correct"),
                c(XOR, "b[1,1] = (yhat - y)*w[2,1,1]*relu(z[1,1])", "", "activation_not_derivative"),
                c(XOR, "w[2,1,2] = (yhat - y)*z[1,2]", "", "wrong_index", "z[1,2] a[1,2]"),
                c(XOR, "w[1,2,1] = (yhat - y)*w[2,1,1]*[z[1,2] > 0]*x1", "", "wrong_index", "w[2,1,1] w[2,1,2]"),
                c(XOR, "w[2,1,1] = (yhat - y) + a[1,1]", "", "other"),

                // ================= 2-3-1 tanh / identity, half squared error: δ(2) = ŷ − y
                c(TANH, "w[1,1,1] = (ŷ − y)·w₁₁⁽²⁾(1 − (a₁⁽¹⁾)²)·x₁", "", "correct"),
                c(TANH, "w[1,1,1] = (yhat - y)*w[2,1,1]*(1 - tanh^2(z[1,1]))*x1", "", "correct"),
                c(TANH, "w[1,1,1] = (ŷ − y)·w₁₁⁽²⁾·(1 − tanh²(z₁⁽¹⁾))·x₁", "", "correct"),
                c(TANH, "w[1,1,1] = (yhat - y)*w[2,1,1]*sech(z[1,1])^2*x1", "", "correct"),
                c(TANH, "b[1,2] = (yhat - y)*w[2,1,2]*tanh'(z[1,2])", "", "correct"),
                c(TANH, "b[1,3] = delta[2,1]*w[2,1,3]*(1 - h[1,3])*(1 + h[1,3])", "", "correct"),
                c(TANH, "w[2,1,3] = (yhat - y)*h[1,3]", "", "correct"),
                c(TANH, "b[1,1] = (yhat - y)*w[2,1,1]*(1 - tanh²(z[1,1]))", "", "correct"),
                c(TANH, "b[1,1] = (yhat - y)*w[2,1,1]*(1 - tanh(z[1,1])^2)", "", "correct"),
                c(TANH, "b[1,1] = (yhat - y)*w[2,1,1]*sech(z[1,1])^2", "", "correct"),
                c(TANH, "b[2,1] = y − ŷ", "", "sign"),
                c(TANH, "w[2,1,2] = 2*(yhat - y)*a[1,2]", "", "constant_factor"),
                c(TANH, "w[1,2,2] = (yhat - y)*w[2,1,2]*x2", "", "missing_factor"),
                c(TANH, "w[1,2,2] = (yhat - y)*w[2,1,2]*tanh(z[1,2])*x2", "", "activation_not_derivative"),
                c(TANH, "w[2,1,2] = (yhat - y)*a[1,2]*a[1,1]", "", "extra_factor"),
                c(TANH, "w[1,2,1] = (yhat - y)*w[2,1,2]*(1 - a[1,1]^2)*x1", "", "wrong_index", "a[1,1] a[1,2]"),
                c(TANH, "w[1,3,2] = (yhat - y)*w[2,1,3]*(1 - a[1,3]^2)*x1", "", "wrong_index", "x1 x2"),
                c(TANH, "b[2,1] = exp(yhat - y)", "", "other"),
                // sample 2: dL/db[2,1] = 1.03881566387; sample 1: dL/dw[2,1,1] = -0.553937437566
                c(TANH, "b[2,1] = 1.039", s2, "correct"),
                c(TANH, "b[2,1] = 1.038", s2, "incorrect"),
                c(TANH, "w[2,1,1] = -0.5539", s1, "correct"),

                // ================= 3-2-2 sigmoid / sigmoid, squared error, two outputs
                c(SIG2, "w[1,1,1] = (−2(y₁ − ŷ₁)·ŷ₁(1 − ŷ₁)·w₁₁⁽²⁾ − 2(y₂ − ŷ₂)·ŷ₂(1 − ŷ₂)·w₂₁⁽²⁾)·a₁⁽¹⁾(1 − a₁⁽¹⁾)·x₁", "", "correct"),
                c(SIG2, "w[1,1,1] = (δ₁⁽²⁾·w₁₁⁽²⁾ + δ₂⁽²⁾·w₂₁⁽²⁾)·σ′(z₁⁽¹⁾)·x₁", "", "correct"),
                c(SIG2, "w[1,2,3] = (2*(yhat1 - y1)*sigmoid'(z[2,1])*w[2,1,2] + 2*(yhat2 - y2)*sigmoid'(z[2,2])*w[2,2,2])"
                        + "*sigmoid'(z[1,2])*x3", "", "correct"),
                c(SIG2, "b[2,2] = 2*(yhat2 - y2)*a[2,2]*(1 - a[2,2])", "", "correct"),
                c(SIG2, "w[2,1,2] = 2*(yhat1 - y1)*σ'(z[2,1])*h[1,2]", "", "correct"),
                c(SIG2, "b[2,1] = 2*(yhat1 - y1)*σ'(z[2,1])", "", "correct"),
                c(SIG2, "b[2,1] = 2*(yhat1 - y1)*σ′(z[2,1])", "", "correct"),
                c(SIG2, "b[2,1] = 2*(ŷ₁ - y₁)*sigmoid'(z[2,1])", "", "correct"),
                c(SIG2, "b[2,1] = 2*(y1 - yhat1)*yhat1*(1 - yhat1)", "", "sign"),
                c(SIG2, "b[2,2] = (yhat2 - y2)*yhat2*(1 - yhat2)", "", "constant_factor"),
                c(SIG2, "w[1,1,2] = 2*(yhat1 - y1)*yhat1*(1 - yhat1)*w[2,1,1]*a[1,1]*(1 - a[1,1])*x2", "", "missing_path"),
                c(SIG2, "w[1,2,1] = (delta[2,1]*w[2,1,2] + delta[2,2]*w[2,2,2])*x1", "", "missing_factor"),
                c(SIG2, "w[1,2,1] = (delta[2,1]*w[2,1,2] + delta[2,2]*w[2,2,2])*sigmoid(z[1,2])*x1", "", "activation_not_derivative"),
                c(SIG2, "w[1,1,3] = (delta[2,1]*w[2,1,1] + delta[2,2]*w[2,1,2])*a[1,1]*(1 - a[1,1])*x3", "", "wrong_index",
                        "w[2,1,2] w[2,2,1]"),
                c(SIG2, "w[2,2,1] = delta[2,2]*a[1,1]*w[2,1,1]*a[1,2]", "", "extra_factor"),
                c(SIG2, "w[1,2,2] = delta[1,1]*x2", "", "wrong_parameter"),
                // sample 1: dL/db[2,2] = 0.240058372892
                c(SIG2, "b[2,2] = 0.2401", s1, "correct"),
                c(SIG2, "b[2,2] = 0.2400", s1, "incorrect"),
                c(SIG2, "b[2,2] = 0.24", s1, "correct"),

                // ================= 2-2-2-1 ReLU / sigmoid / sigmoid, BCE: the first layer's δ goes back through W(2)ᵀ
                c(DEEP, "w[1,1,1] = (w₁₁⁽³⁾a₁⁽²⁾(1 − a₁⁽²⁾)·w₁₁⁽²⁾ + w₁₂⁽³⁾a₂⁽²⁾(1 − a₂⁽²⁾)·w₂₁⁽²⁾)·(ŷ − y)·[z₁⁽¹⁾ > 0]·x₁", "", "correct"),
                c(DEEP, "w[1,1,1] = (delta[2,1]*w[2,1,1] + delta[2,2]*w[2,2,1])*[z[1,1] > 0]*x1", "", "correct"),
                c(DEEP, "w[1,2,2] = (δ₁⁽²⁾·w₁₂⁽²⁾ + δ₂⁽²⁾·w₂₂⁽²⁾)·relu'(z₂⁽¹⁾)·x₂", "", "correct"),
                c(DEEP, "w[2,1,2] = (yhat - y)*w[3,1,1]*sigmoid'(z[2,1])*a[1,2]", "", "correct"),
                c(DEEP, "b[2,2] = (-y/yhat + (1 - y)/(1 - yhat))*yhat*(1 - yhat)*w[3,1,2]*a[2,2]*(1 - a[2,2])", "", "correct"),
                c(DEEP, "w[1,1,1] = (delta[2,1]*w[2,1,1] + delta[2,2]*w[2,1,2])*[z[1,1] > 0]*x1", "", "wrong_index",
                        "w[2,1,2] w[2,2,1]"),
                c(DEEP, "w[1,2,1] = delta[2,1]*w[2,1,2]*[z[1,2] > 0]*x1", "", "missing_path"),
                c(DEEP, "w[2,1,1] = (yhat - y)*w[3,1,1]*a[1,1]", "", "missing_factor"),
                c(DEEP, "w[2,2,2] = (yhat - y)*w[3,1,2]*sigmoid(z[2,2])*a[1,2]", "", "activation_not_derivative"),
                c(DEEP, "w[1,1,2] = (delta[2,1]*w[2,1,1] + delta[2,2]*w[2,2,1])*relu(z[1,1])*x2", "", "activation_not_derivative"),
                c(DEEP, "w[2,1,1] = delta[2,1]*a[1,1]*x2", "", "extra_factor"),
                c(DEEP, "b[3,1] = y - yhat", "", "sign"),
                c(DEEP, "b[3,1] = (yhat - y)*yhat*(1 - yhat)", "", "extra_factor"),
                c(DEEP, "w[3,1,2] = (yhat - y)*a[2,1]", "", "wrong_index"),
                // sample 2: ReLU unit 1 is off (z = -0.6): its gradients are 0; sample 1: dL/dw[1,1,1] = -0.000813599581125
                c(DEEP, "w[1,1,1] = 0", s2, "correct"),
                c(DEEP, "w[1,1,1] = 0.0", s2, "correct"),
                c(DEEP, "w[2,1,1] = 0", s2, "correct"),
                c(DEEP, "w[1,1,1] = -8.136e-4", s1, "correct"),
                c(DEEP, "w[1,1,1] = -0.0008", s1, "correct"),
                c(DEEP, "w[1,1,1] = 0", s1, "incorrect"),
                c(DEEP, "w[1,1,1] = -0.001", s1, "incorrect"),

                // ================= 2-2-1 leaky ReLU (α = 0.1) / identity, squared error
                c(LEAKY, "w[1,1,1] = −2(y − ŷ)·w₁₁⁽²⁾(z₁⁽¹⁾ ≥ 0 ? 1 : 0.1)·x₁", "", "correct"),
                c(LEAKY, "w[1,1,1] = 2*(yhat - y)*w[2,1,1]*leaky_relu'(z[1,1], 0.1)*x1", "", "correct"),
                c(LEAKY, "b[1,1] = 2*(yhat - y)*w[2,1,1]*leaky_step(z[1,1], 0.1)", "", "correct"),
                c(LEAKY, "b[1,1] = 2*(yhat - y)*w[2,1,1]*(z[1,1] ≥ 0 ? 1 : 0.1)", "", "correct"),
                c(LEAKY, "w[1,1,2] = 2*(yhat - y)*w[2,1,1]*x2", "", "missing_factor"),
                c(LEAKY, "w[1,1,2] = 2*(yhat - y)*w[2,1,1]*leaky_relu(z[1,1], 0.1)*x2", "", "activation_not_derivative"),
                c(LEAKY, "w[2,1,1] = 2*(yhat - y)*z[1,1]", "", "wrong_index", "z[1,1] a[1,1]"),
                c(LEAKY, "b[2,1] = yhat - y", "", "constant_factor"),
                c(LEAKY, "w[2,1,2] = 2*(yhat - y)*a[1,2]*x1", "", "extra_factor"),
                // sample 2: dL/dw[1,1,1] = 0.03523, dL/db[1,1] = 0.07046 (unit 1 on the α side)
                c(LEAKY, "w[1,1,1] = 0.0352", s2, "correct"),
                c(LEAKY, "w[1,1,1] = 0.0353", s2, "incorrect"),
                c(LEAKY, "b[1,1] = 0.07046", s2, "correct"),

                // ================= 3-2-3 tanh / softmax, cross-entropy: δ(2)ₖ = ŷₖ − yₖ
                c(SOFT, "b[2,3] = ŷ₃ − y₃", "", "correct"),
                c(SOFT, "w[2,2,1] = (ŷ₂ − y₂)·a₁⁽¹⁾", "", "correct"),
                c(SOFT, "w[1,1,2] = ((yhat1 - y1)*w[2,1,1] + (yhat2 - y2)*w[2,2,1] + (yhat3 - y3)*w[2,3,1])*(1 - a[1,1]^2)*x2", "", "correct"),
                c(SOFT, "b[1,2] = (δ₁⁽²⁾·w₁₂⁽²⁾ + δ₂⁽²⁾·w₂₂⁽²⁾ + δ₃⁽²⁾·w₃₂⁽²⁾)·(1 − tanh²(z₂⁽¹⁾))", "", "correct"),
                c(SOFT, "b[2,1] = y1 - yhat1", "", "sign"),
                c(SOFT, "b[2,2] = (yhat2 - y2)*yhat2*(1 - yhat2)", "", "extra_factor"),
                c(SOFT, "w[1,1,1] = (yhat1 - y1)*w[2,1,1]*(1 - a[1,1]^2)*x1", "", "missing_path"),
                c(SOFT, "w[2,3,2] = (yhat3 - y3)*a[1,1]", "", "wrong_index"),
                c(SOFT, "w[1,2,1] = ((yhat1 - y1)*w[2,1,2] + (yhat2 - y2)*w[2,2,2] + (yhat3 - y3)*w[2,3,2])*(1 - a[1,1]^2)*x1", "",
                        "wrong_index", "a[1,1] a[1,2]"),
                c(SOFT, "w[1,2,3] = ((yhat1 - y1)*w[2,1,2] + (yhat2 - y2)*w[2,2,2] + (yhat3 - y3)*w[2,3,2])*tanh(z[1,2])*x3", "",
                        "activation_not_derivative"),
                c(SOFT, "w[1,1,1] = ((yhat1 - y1)*w[2,1,1] + (yhat2 - y2)*w[2,2,1] + (yhat3 - y3)*w[2,3,1])*x1", "", "missing_factor"),
                // sample 1: dL/db[2,1] = ŷ₁ = 0.651795196816
                c(SOFT, "b[2,1] = 0.6518", s1, "correct"),
                c(SOFT, "b[2,1] = 0.6517", s1, "incorrect"),

                // ================= linear regression, squared error, 3 samples, reduction mean
                c(LINREG, "w[1,1,1] = 2*(yhat - y)*x1", "", "correct"),
                c(LINREG, "w[1,1,1] = 2·w₁₁⁽¹⁾·x₁² + 2·(w₁₂⁽¹⁾·x₂ + b₁⁽¹⁾ − y)·x₁", "", "correct"),
                c(LINREG, "w[1,1,1] = 2*w[1,1,1]*x1² + 2*(w[1,1,2]*x2 + b[1,1] - y)*x1", "", "correct"),
                c(LINREG, "w[1,1,1] = -2*(y - yhat)*x1", "", "correct"),
                // the slip inside ŷ written out (x₁ for x₂ in one place of z) is not among the swaps tried: named "other"
                c(LINREG, "w[1,1,2] = 2*(w[1,1,1]*x1 + w[1,1,2]*x1 + b[1,1] - y)*x2", "", "other"),
                // one symbol swapped that gives another parameter's whole gradient: wrong_index, naming both
                c(LINREG, "w[1,1,2] = 2*(yhat - y)*x1", "", "wrong_index", "x1 x2"),
                // another parameter's whole gradient, more than one symbol off: wrong_parameter
                c(TANH, "w[1,1,1] = delta[1,2]*x2", "", "wrong_parameter"),
                c(LINREG, "b[1,1] = 2*(y - yhat)", "", "sign"),
                c(LINREG, "b[1,1] = 2*(yhat + y)", "", "other"),
                c(LINREG, "w[1,1,1] = (yhat - y)*x1", "", "constant_factor"),
                c(LINREG, "w[1,1,1] = 2*(yhat - y)*x1*x2", "", "extra_factor"),
                c(LINREG, "b[1,1] = 2*(yhat - y)", batch, "correct"),
                c(LINREG, "b[1,1] = 2*(yhat - y)/N", batch, "correct"),
                c(LINREG, "b[1,1] = (2/N)·(ŷ − y)", batch, "correct"),
                c(LINREG, "b[1,1] = 2*(yhat - y)/3", batch, "constant_factor", "!sum"),
                c(LINREG, "w[1,1,1] = 2*(yhat - y)*x1/3", batch, "constant_factor", "!sum"),
                // batch (mean): dL/db = -0.45, dL/dw[1,1,1] = -0.11666…; sample 1: dL/dw[1,1,2] = -0.8
                c(LINREG, "b[1,1] = -0.45", batch, "correct"),
                c(LINREG, "w[1,1,1] = -0.1167", batch, "correct"),
                c(LINREG, "w[1,1,1] = -0.116", batch, "incorrect"),
                c(LINREG, "w[1,1,1] = -0.35", batch, "constant_factor"),     // the sum, not the mean: 3 times
                c(LINREG, "w[1,1,2] = -0.8", s1, "correct"),
                c(LINREG, "w[1,1,2] = -0.80", s1, "correct"),

                // ================= logistic regression, BCE, 3 samples, reduction sum
                c(LOGSUM, "b[1,1] = yhat - y", batch, "correct"),
                c(LOGSUM, "w[1,1,1] = (yhat - y)*x1", batch, "correct"),
                c(LOGSUM, "b[1,1] = (yhat - y)/N", batch, "constant_factor", "sum"),
                c(LOGSUM, "w[1,1,1] = (ŷ − y)·x₁/N", batch, "constant_factor", "sum"),
                c(LOGSUM, "w[1,1,2] = (y - yhat)*x2", batch, "sign"),
                c(LOGSUM, "w[1,1,2] = 3*(yhat - y)*x2", batch, "constant_factor", "!mean"),
                c(LOGSUM, "b[1,1] = |ŷ| − y", "", "correct"),
                c(LOGSUM, "b[1,1] = (√ŷ)² − y", "", "correct"),
                c(LOGSUM, "b[1,1] = |yhat| - y", "", "correct"),
                c(LOGSUM, "b[1,1] = √(yhat)^2 - y", "", "correct"),
                c(LOGSUM, "w[1,1,1] = (yhat - y)*yhat*(1 - yhat)*x1", "", "extra_factor"),
                c(LOGSUM, "w[1,1,2] = (yhat - y)*x1", "", "wrong_index"),
                // sample 1: ŷ = σ(0) = 0.5, dL/db = -0.5
                c(LOGSUM, "b[1,1] = -0.5", s1, "correct"),
                c(LOGSUM, "b[1,1] = -1/2", s1, "correct"),

                // ================= 2-2-1 ReLU / identity, se: sample 1 on hidden unit 1's kink (z[1,1] = 0 exactly)
                // sample 1: dL/dw[2,1,1] = δ·a[1,1] = 0, dL/db[1,2] = 3.355, dL/dw[1,2,1] = 1.6775, dL/db[2,1] = -3.05,
                // dL/dw[2,1,2] = -2.2875; dL/db[1,1] is 0 from the left and -2.135 from the right
                c(KINK, "w[1,1,1] = 0", s1, "undecided"),
                c(KINK, "b[1,1] = 0", s1, "undecided"),
                c(KINK, "b[1,1] = -2.135", s1, "undecided"),
                c(KINK, "w[2,1,1] = 0", s1, "correct"),
                c(KINK, "w[2,1,1] = 0.1", s1, "incorrect"),
                c(KINK, "b[1,2] = 3.355", s1, "correct"),
                c(KINK, "b[1,2] = 3.4", s1, "correct"),
                c(KINK, "b[1,2] = 3.3", s1, "incorrect"),
                c(KINK, "w[1,2,1] = 1.68", s1, "correct"),
                c(KINK, "w[1,2,1] = 1.67", s1, "incorrect"),
                c(KINK, "b[2,1] = -3.05", s1, "correct"),
                c(KINK, "b[2,1] = -3", s1, "correct"),
                c(KINK, "b[2,1] = -3.06", s1, "incorrect"),
                c(KINK, "w[2,1,2] = -2.29", s1, "correct"),
                c(KINK, "w[2,1,2] = -2.28", s1, "incorrect"),
                // batch (mean of 2): b[1,2] 1.27875, w[2,1,1] 0.271875, b[2,1] -1.1625; unit 1's parameters have the kink
                c(KINK, "b[1,1] = 0.2538", batch, "undecided"),
                c(KINK, "w[1,1,2] = 0.06344", batch, "undecided"),
                c(KINK, "b[1,2] = 1.279", batch, "correct"),
                c(KINK, "w[2,1,1] = 0.2719", batch, "correct"),
                c(KINK, "b[2,1] = -1.16", batch, "correct"),
                c(KINK, "b[2,1] = -1.17", batch, "incorrect"),
                c(KINK, "w[1,2,1] = 2*(yhat - y)*w[2,1,2]*[z[1,2] > 0]*x1", "", "correct"),
                c(KINK, "w[2,1,2] = 2*(yhat - y)*z[1,2]", "", "wrong_index", "z[1,2] a[1,2]"),
                c(KINK, "b[1,1] = 2*(yhat - y)*w[2,1,1]", "", "missing_factor"),

                // ================= one identity unit (w = 1, b = 0), se: dL/db = 2(x − y) next to the borders of rounding
                // 1 digit: 0.250001
                c(ROUND, "b[1,1] = 0.3", s1, "correct"),
                c(ROUND, "b[1,1] = 0.2", s1, "incorrect"),
                c(ROUND, "b[1,1] = 0.25", s1, "correct"),
                c(ROUND, "b[1,1] = 0.2501", s1, "incorrect"),
                c(ROUND, "b[1,1] = -0.3", s1, "sign"),
                // 2 digits: -0.0344999
                c(ROUND, "b[1,1] = -0.034", s2, "correct"),
                c(ROUND, "b[1,1] = -0.035", s2, "incorrect"),
                // 4 digits: 12.345001
                c(ROUND, "b[1,1] = 12.35", s3, "correct"),
                c(ROUND, "b[1,1] = 12.34", s3, "incorrect"),
                c(ROUND, "b[1,1] = 1e1", s3, "correct"),
                // 7 digits and full precision: 5
                c(ROUND, "b[1,1] = 5.000004", "--sample 4", "correct"),        // relative error 8e-7
                c(ROUND, "b[1,1] = 4.999996", "--sample 4", "correct"),
                c(ROUND, "b[1,1] = 5.000006", "--sample 4", "incorrect"),      // 1.2e-6
                c(ROUND, "b[1,1] = 5.00000075", "--sample 4", "correct"),      // 1.5e-7
                c(ROUND, "b[1,1] = 5.000025", "--sample 4", "incorrect"),      // 5e-6, 7 digits
                c(ROUND, "b[1,1] = 5", "--sample 4", "correct"),
                c(ROUND, "b[1,1] = 4.9", "--sample 4", "incorrect"),
                // a true 3e-10 (and dL/dw = 4.5e-20): 0 in every spelling is right
                c(ROUND, "b[1,1] = 0", "--sample 5", "correct"),
                c(ROUND, "b[1,1] = 0.0", "--sample 5", "correct"),
                c(ROUND, "b[1,1] = -0", "--sample 5", "correct"),
                c(ROUND, "b[1,1] = 3e-10", "--sample 5", "correct"),
                c(ROUND, "w[1,1,1] = 0", "--sample 5", "correct"),
                c(ROUND, "w[1,1,1] = 0.000", "--sample 5", "correct"),
                // a true 4e-8: no spelling of 0 is right
                c(ROUND, "b[1,1] = 0", "--sample 6", "incorrect"),
                c(ROUND, "b[1,1] = 0.0", "--sample 6", "incorrect"),
                c(ROUND, "b[1,1] = 0.000", "--sample 6", "incorrect"),
                c(ROUND, "b[1,1] = 4e-8", "--sample 6", "correct"),
                c(ROUND, "b[1,1] = 4.0e-8", "--sample 6", "correct"),
                c(ROUND, "b[1,1] = 0.00000004", "--sample 6", "correct"),
                c(ROUND, "b[1,1] = 5e-8", "--sample 6", "incorrect"),
                // 123: "120" has 3 significant digits
                c(ROUND, "b[1,1] = 120", "--sample 7", "incorrect"),
                c(ROUND, "b[1,1] = 1.2e2", "--sample 7", "correct"),
                c(ROUND, "b[1,1] = 1.23e2", "--sample 7", "correct"),
                c(ROUND, "b[1,1] = 123", "--sample 7", "correct"),
                c(ROUND, "b[1,1] = 123.0", "--sample 7", "correct"),
                // 100.4: "100" has 3, "100.0" has 4
                c(ROUND, "b[1,1] = 100", "--sample 8", "correct"),
                c(ROUND, "b[1,1] = 100.0", "--sample 8", "incorrect"),
                // 0.00313648
                c(ROUND, "b[1,1] = 3.1365e-3", "--sample 9", "correct"),
                c(ROUND, "b[1,1] = 3.136e-3", "--sample 9", "correct"),
                c(ROUND, "b[1,1] = 3.137e-3", "--sample 9", "incorrect"),
                c(ROUND, "b[1,1] = 0.0031", "--sample 9", "correct"),
                c(ROUND, "b[1,1] = 0.0032", "--sample 9", "incorrect"),
                c(ROUND, "b[1,1] = 0.003", "--sample 9", "correct"),
                // 0.5049: "0.50" has 2, "0.500" has 3
                c(ROUND, "b[1,1] = 0.50", "--sample 10", "correct"),
                c(ROUND, "b[1,1] = 0.5", "--sample 10", "correct"),
                c(ROUND, "b[1,1] = 0.500", "--sample 10", "incorrect"),
                c(ROUND, "b[1,1] = 0.505", "--sample 10", "correct"));
    }

    static List<String> args(String net, String claim, String options) {
        return CheckCorpusTest.args(net.equals(XOR) ? null : TrustNets.resource(net), claim, options);
    }

    private static String key(String net, String claim, String options) {
        return String.format("%-22s %-12s %s", net, options.isEmpty() ? "-" : options, claim);
    }

    @ParameterizedTest(name = "{0}: {1} {2} → {3}")
    @MethodSource("corpus")
    void judged(String net, String claim, String options, String expected, String mention) throws Exception {
        String key = key(net, claim, options);
        CliTestSupport.Result r = CliTestSupport.run(args(net, claim, options).toArray(String[]::new));
        if (r.exitCode() == 2) {
            OUTCOMES.put(key, "FAIL expected " + expected + ", actual: rejected as bad input: " + r.err().strip());
            fail("rejected as bad input (expected " + expected + "): " + r.err());
        }
        JsonNode c = JSON.readTree(r.out()).get("claims").get(0);
        String verdict = c.get("verdict").asText();
        JsonNode diagnosis = c.get("diagnosis");
        String kind = diagnosis == null || diagnosis.isNull() ? null : diagnosis.get("kind").asText();
        String message = kind == null ? "" : diagnosis.get("message").asText();
        String actual = verdict + (kind == null ? "" : " (" + kind + ")");
        List<String> problems = new ArrayList<>();
        switch (expected) {
            case "correct", "undecided" -> {
                if (!verdict.equals(expected)) {
                    problems.add("verdict " + verdict);
                }
            }
            default -> {
                if (!verdict.equals("incorrect")) {
                    problems.add("verdict " + verdict);
                } else if (!expected.equals("incorrect") && !expected.equals(kind)) {
                    problems.add("kind " + kind);
                } else if (!KINDS.contains(kind)) {
                    problems.add("kind " + kind + " is none of the listed kinds");
                }
            }
        }
        if (problems.isEmpty() && !mention.isEmpty()) {
            problems.addAll(mentionProblems(message, mention));
        }
        int exit = verdict.equals("correct") ? 0 : 1;
        if (problems.isEmpty() && r.exitCode() != exit) {
            problems.add("exit " + r.exitCode());
        }
        String shown = message.isEmpty() ? "" : " — " + (message.length() > 160 ? message.substring(0, 157) + "…" : message);
        OUTCOMES.put(key, (problems.isEmpty() ? "pass " : "FAIL ") + "expected " + expected
                + (mention.isEmpty() ? "" : " [" + mention + "]") + ", actual " + actual + shown);
        assertTrue(problems.isEmpty(), () -> String.join("; ", problems) + " (expected " + expected + ")\n" + c.toPrettyString());
        assertFalse(c.get("expected").asText().isBlank());
    }

    /** What the message lacks (or says wrongly) of what it must mention. */
    static List<String> mentionProblems(String message, String mention) {
        List<String> out = new ArrayList<>();
        if (mention.equals("sum")) {
            if (!message.contains("sum")) {
                out.add("the message does not name the reduction (sum): " + message);
            }
        } else if (mention.equals("!mean")) {
            for (String wrong : List.of("reduction: mean", "reduction is mean", "loss is their mean", "loss is the mean",
                    "divide by N")) {
                if (message.contains(wrong)) {
                    out.add("the message says the reduction is mean (\"" + wrong + "\"), but it is sum: " + message);
                }
            }
        } else if (mention.equals("!sum")) {
            for (String wrong : List.of("reduction: sum", "reduction is sum", "reduction is the sum", "loss is the sum",
                    "sum over samples (reduction")) {
                if (message.contains(wrong)) {
                    out.add("the message says the reduction is sum (\"" + wrong + "\"), but it is mean: " + message);
                }
            }
        } else {
            for (String symbol : mention.split(" ")) {
                if (!TrustNets.mentions(message, symbol)) {
                    out.add("the message does not name " + String.join(" or ", TrustNets.spellings(symbol)) + ": " + message);
                }
            }
        }
        return out;
    }

    @AfterAll
    static void report() throws IOException {
        if (OUTCOMES.isEmpty()) {
            return;
        }
        Path out = Path.of("target", "trust-corpus-report.txt");
        Files.createDirectories(out.getParent());
        StringBuilder b = new StringBuilder();
        long failed = OUTCOMES.values().stream().filter(v -> v.startsWith("FAIL")).count();
        b.append(OUTCOMES.size()).append(" cases, ").append(failed).append(" failed\n");
        OUTCOMES.forEach((k, v) -> b.append(v.startsWith("FAIL") ? "FAIL " : "pass ").append(k).append("\n      ")
                .append(v.substring(5)).append('\n'));
        Files.writeString(out, b.toString(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------ the corpus itself

    /** At least 60 claims on at least 6 networks; every kind at least twice, on at least two networks. */
    @Test
    void corpusCoversEveryKindOnSeveralNetworks() {
        List<Arguments> all = corpus().toList();
        assertTrue(all.size() >= 60, all.size() + " claims");
        Set<String> nets = new HashSet<>();
        Map<String, Set<String>> kindNets = new TreeMap<>();
        Map<String, Integer> kindCount = new HashMap<>();
        for (Arguments a : all) {
            Object[] v = a.get();
            nets.add((String) v[0]);
            kindNets.computeIfAbsent((String) v[3], k -> new HashSet<>()).add((String) v[0]);
            kindCount.merge((String) v[3], 1, Integer::sum);
        }
        assertTrue(nets.size() >= 7, nets.toString());
        for (String k : KINDS) {
            assertTrue(kindCount.getOrDefault(k, 0) >= 2, k + ": " + kindCount.get(k));
            assertTrue(kindNets.getOrDefault(k, Set.of()).size() >= 2, k + " on " + kindNets.get(k));
        }
        for (String v : List.of("correct", "undecided", "incorrect")) {
            assertTrue(kindCount.getOrDefault(v, 0) >= 2, v);
        }
        System.out.printf("trust corpus: %d claims on %d networks; %s%n", all.size(), nets.size(), new TreeMap<>(kindCount));
    }

    /**
     * Every number claim's expectation follows from the rule and the true gradient, re-derived here by a central
     * difference of this test's own forward pass (kinked ones excepted: a difference straddles the kink).
     */
    @Test
    void numberExpectationsFollowFromTheTrueGradients() {
        int checked = 0;
        for (Arguments a : corpus().toList()) {
            Object[] v = a.get();
            String net = (String) v[0];
            String claim = (String) v[1];
            String options = (String) v[2];
            String expected = (String) v[3];
            String rhs = claim.substring(claim.indexOf('=') + 1).strip();
            if (TrustNets.plainNumber(rhs).isEmpty() || expected.equals("undecided")) {
                continue;
            }
            NetworkSpec spec = TrustNets.spec(net);
            ParamId id = ParamId.parse(claim.substring(0, claim.indexOf('=')).strip());
            int sample = options.startsWith("--sample") ? Integer.parseInt(options.substring("--sample ".length())) : 0;
            double truth = TrustNets.finiteDifference(spec, id, sample);
            boolean right = TrustNets.numberIsRight(rhs, truth);
            assertEquals(expected.equals("correct"), right, net + " " + options + " " + claim + ": the gradient is " + truth);
            checked++;
        }
        assertTrue(checked >= 80, checked + " number claims");
    }

    /** The reference values written in the comments above are the true gradients (finite differences agree). */
    @Test
    void referenceValuesAreTheTrueGradients() {
        Object[][] refs = {
                {XOR, "w[2,1,1]", 1, 0.5621765008857981}, {XOR, "b[1,2]", 1, 0.28108825044289903},
                {XOR, "w[2,1,1]", 3, -1.4621171572600098}, {XOR, "b[2,1]", 3, -0.7310585786300049},
                {XOR, "w[1,1,1]", 3, 0.7310585786300049}, {XOR, "w[1,1,2]", 3, 0.0}, {XOR, "w[2,1,2]", 3, 0.0},
                {XOR, "w[1,2,1]", 4, 0.13447071068499755},
                {XOR, "w[1,1,1]", 0, 0.11552928931500245}, {XOR, "b[2,1]", 0, -0.08444103887210341},
                {XOR, "w[2,1,2]", 0, -0.026676394214602203}, {XOR, "w[2,1,1]", 0, -0.22108058790513174},
                {TANH, "b[2,1]", 2, 1.03881566387}, {TANH, "w[2,1,1]", 1, -0.553937437566},
                {SIG2, "b[2,2]", 1, 0.240058372892}, {DEEP, "w[1,1,1]", 1, -0.000813599581125},
                {DEEP, "w[1,1,1]", 2, 0.0}, {LEAKY, "w[1,1,1]", 2, 0.03523}, {LEAKY, "b[1,1]", 2, 0.07046},
                {SOFT, "b[2,1]", 1, 0.651795196816}, {LINREG, "b[1,1]", 0, -0.45}, {LINREG, "w[1,1,1]", 0, -0.35 / 3},
                {LOGSUM, "b[1,1]", 0, -0.287507371126}, {LOGSUM, "b[1,1]", 1, -0.5},
                {KINK, "b[1,2]", 1, 3.355}, {KINK, "w[1,2,1]", 1, 1.6775}, {KINK, "b[2,1]", 1, -3.05},
                {KINK, "w[2,1,2]", 1, -2.2875}, {KINK, "w[2,1,1]", 0, 0.271875}, {KINK, "b[1,2]", 0, 1.27875},
                {ROUND, "b[1,1]", 1, 0.250001}, {ROUND, "b[1,1]", 2, -0.0344999}, {ROUND, "b[1,1]", 3, 12.345001},
                {ROUND, "b[1,1]", 4, 5.0}, {ROUND, "b[1,1]", 5, 3e-10}, {ROUND, "b[1,1]", 6, 4e-8},
                {ROUND, "b[1,1]", 7, 123.0}, {ROUND, "b[1,1]", 8, 100.4}, {ROUND, "b[1,1]", 9, 0.00313648},
                {ROUND, "b[1,1]", 10, 0.5049},
        };
        for (Object[] r : refs) {
            NetworkSpec spec = TrustNets.spec((String) r[0]);
            double fd = TrustNets.finiteDifference(spec, ParamId.parse((String) r[1]), (Integer) r[2]);
            double ref = (Double) r[3];
            // a central difference loses ~1e-16·L/h to rounding: allow that much besides 1e-7 relative
            double slack = 1e-9 * Math.max(TrustNets.loss(spec, (Integer) r[2]), 1e-4);
            assertEquals(ref, fd, 1e-7 * Math.abs(ref) + slack, r[0] + " " + r[1] + " sample " + r[2]);
        }
        // and the rule's helpers read digits as the specification counts them
        assertEquals(2, TrustNets.significantDigits("0.50"));
        assertEquals(3, TrustNets.significantDigits("100"));
        assertEquals(5, TrustNets.significantDigits("3.1365e-3"));
        assertEquals(1, TrustNets.significantDigits("-0.0008"));
        assertFalse(TrustNets.numberIsRight("0", 0.1321));
        assertTrue(TrustNets.numberIsRight("0.0", 1e-10));
    }
}
