package dev.chainrule.homework;

import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.network.spec.SpecLoader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the trust corpus needs besides the CLI: the networks under {@code /homework/trust/}; a forward pass and loss
 * of its own (written from the spec's definitions, sharing no code with chainrule's model) for central finite
 * differences of the true gradients; the rule a number claim is judged by (the claim's own significant digits, or
 * full precision), so that every number case's expectation can be re-derived from the finite difference; and the
 * text spelling of an indexed symbol (w[2,1,2] is w₁₂⁽²⁾) for messages that must name it.
 */
final class TrustNets {
    static final String XOR = "builtin";

    private TrustNets() {
    }

    static Path resource(String name) {
        try {
            return Path.of(TrustNets.class.getResource("/homework/trust/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource /homework/trust/" + name, e);
        }
    }

    static NetworkSpec spec(String net) {
        return net.equals(XOR) ? BuiltinExamples.xor() : SpecLoader.load(resource(net));
    }

    // ------------------------------------------------------------------------------------ forward pass and loss

    /** The loss of one sample (1-based), from the spec's arrays: z = W a + b, a = g(z), then the spec's loss. */
    static double sampleLoss(NetworkSpec spec, int sample) {
        Sample s = spec.data().get(sample - 1);
        double[] a = s.x();
        for (LayerSpec layer : spec.layers()) {
            double[] z = new double[layer.units()];
            for (int i = 0; i < layer.units(); i++) {
                double sum = layer.biasAt(i);
                for (int j = 0; j < a.length; j++) {
                    sum += layer.weightAt(i, j) * a[j];
                }
                z[i] = sum;
            }
            a = activate(layer, z);
        }
        double[] y = s.y();
        double loss = 0;
        for (int k = 0; k < y.length; k++) {
            loss += switch (spec.loss()) {
                case SE -> (y[k] - a[k]) * (y[k] - a[k]);
                case HALF_SE -> 0.5 * (y[k] - a[k]) * (y[k] - a[k]);
                case BCE -> -(y[k] * Math.log(a[k]) + (1 - y[k]) * Math.log(1 - a[k]));
                case CE -> -y[k] * Math.log(a[k]);
                default -> throw new IllegalStateException("no loss here for " + spec.loss());
            };
        }
        return loss;
    }

    private static double[] activate(LayerSpec layer, double[] z) {
        double[] a = new double[z.length];
        switch (layer.activation()) {
            case IDENTITY -> System.arraycopy(z, 0, a, 0, z.length);
            case SIGMOID -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = 1 / (1 + Math.exp(-z[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = Math.tanh(z[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = Math.max(0, z[i]);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = z[i] >= 0 ? z[i] : layer.alpha() * z[i];
                }
            }
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int i = 0; i < z.length; i++) {
                    a[i] = Math.exp(z[i] - max);
                    sum += a[i];
                }
                for (int i = 0; i < z.length; i++) {
                    a[i] /= sum;
                }
            }
            default -> throw new IllegalStateException("no forward pass here for " + layer.activation());
        }
        return a;
    }

    /** The loss of sample {@code sample}, or (sample 0) the reduced loss of the whole data. */
    static double loss(NetworkSpec spec, int sample) {
        if (sample > 0) {
            return sampleLoss(spec, sample);
        }
        double sum = 0;
        for (int s = 1; s <= spec.data().size(); s++) {
            sum += sampleLoss(spec, s);
        }
        return spec.reduction() == Reduction.MEAN ? sum / spec.data().size() : sum;
    }

    /** Central difference of {@link #loss} in one parameter (sample 0: the batch gradient). */
    static double finiteDifference(NetworkSpec spec, ParamId id, int sample) {
        double p = spec.parameter(id);
        double h = 1e-6 * Math.max(1, Math.abs(p));
        double up = loss(spec.withParameter(id, p + h), sample);
        double down = loss(spec.withParameter(id, p - h), sample);
        return (up - down) / (2 * h);
    }

    // ------------------------------------------------------------------------------------ the number rule

    private static final Pattern NUMBER = Pattern.compile("\\s*([-−+]?)\\s*(\\d*)(?:\\.(\\d*))?(?:[eE]([-+−]?\\d+))?\\s*");

    /** A plain written number (sign, digits, point, exponent), as BigDecimal; empty for anything else. */
    static Optional<BigDecimal> plainNumber(String rhs) {
        Matcher m = NUMBER.matcher(rhs);
        if (!m.matches() || (m.group(2).isEmpty() && (m.group(3) == null || m.group(3).isEmpty()))) {
            return Optional.empty();
        }
        String text = (m.group(1).isEmpty() || m.group(1).equals("+") ? "" : "-") + (m.group(2).isEmpty() ? "0" : m.group(2))
                + (m.group(3) == null || m.group(3).isEmpty() ? "" : "." + m.group(3))
                + (m.group(4) == null ? "" : "e" + m.group(4).replace('−', '-'));
        return Optional.of(new BigDecimal(text));
    }

    /** Significant digits as written: from the first non-zero digit to the last written one, trailing zeros included. */
    static int significantDigits(String rhs) {
        Matcher m = NUMBER.matcher(rhs);
        if (!m.matches()) {
            throw new IllegalArgumentException(rhs);
        }
        String digits = m.group(2) + (m.group(3) == null ? "" : m.group(3));
        String stripped = digits.replaceFirst("^0+", "");
        return stripped.length();
    }

    /**
     * The rule a number claim is judged by: a written 0 is right only for |g| ≤ 1e-9; any other number is right when
     * it is g rounded to the claim's own significant digits, or within a relative error of 1e-6.
     */
    static boolean numberIsRight(String rhs, double truth) {
        BigDecimal claim = plainNumber(rhs).orElseThrow(() -> new IllegalArgumentException(rhs));
        if (claim.signum() == 0) {
            return Math.abs(truth) <= 1e-9;
        }
        double c = claim.doubleValue();
        if (Math.abs(c - truth) <= 1e-6 * Math.abs(truth)) {
            return true;
        }
        BigDecimal rounded = new BigDecimal(truth).round(new MathContext(significantDigits(rhs), RoundingMode.HALF_UP));
        return rounded.compareTo(claim) == 0;
    }

    // ------------------------------------------------------------------------------------ symbols in messages

    private static final String SUB = "₀₁₂₃₄₅₆₇₈₉";
    private static final String SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private static String digits(String number, String table) {
        StringBuilder out = new StringBuilder();
        for (char ch : number.toCharArray()) {
            out.append(table.charAt(ch - '0'));
        }
        return out.toString();
    }

    /** The spellings a message may use for a symbol: w[2,1,2], w₁₂⁽²⁾; a[1,2], a₂⁽¹⁾; x2, x₂. */
    static List<String> spellings(String symbol) {
        Matcher w = Pattern.compile("([wb])\\[(\\d+),(\\d+)(?:,(\\d+))?]").matcher(symbol);
        if (w.matches()) {
            String sub = digits(w.group(3), SUB) + (w.group(4) == null ? "" : digits(w.group(4), SUB));
            return List.of(symbol, w.group(1) + sub + "⁽" + digits(w.group(2), SUP) + "⁾");
        }
        Matcher az = Pattern.compile("([azh]|delta)\\[(\\d+),(\\d+)]").matcher(symbol);
        if (az.matches()) {
            String base = az.group(1).equals("delta") ? "δ" : az.group(1);
            return List.of(symbol, base + digits(az.group(3), SUB) + "⁽" + digits(az.group(2), SUP) + "⁾");
        }
        Matcher x = Pattern.compile("([A-Za-z]+)(\\d+)").matcher(symbol);
        if (x.matches()) {
            return List.of(symbol, x.group(1) + digits(x.group(2), SUB));
        }
        return List.of(symbol);
    }

    static boolean mentions(String message, String symbol) {
        return spellings(symbol).stream().anyMatch(message::contains);
    }
}
