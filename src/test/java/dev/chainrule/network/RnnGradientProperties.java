package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Regularization;
import dev.chainrule.network.spec.RnnNetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * The engine's gradients on random small recurrent networks (1–3 inputs, 1–3 tanh, sigmoid or ReLU units, T = 1–4
 * per sample, samples of different lengths, a dense head of 1–2 layers, bce or mse, sometimes L1/L2 regularization)
 * against two independent computations written here: backpropagation through time in plain double loops, and
 * forward-mode automatic differentiation of the loss with commons-math3's {@link DerivativeStructure}. Draws with a
 * ReLU argument within 1e-3 of its kink are skipped.
 */
class RnnGradientProperties {
    private static final Activation[] RNN = {Activation.TANH, Activation.SIGMOID, Activation.RELU};

    /** A drawn network in plain arrays: the rnn layer, then dense layers (weights [i][j], biases [i]). */
    record Net(int inputs, double[][] w, double[][] u, double[] b, Activation g, List<double[][]> hw,
               List<double[]> hb, List<Activation> ha, boolean bce, double l2, double l1, List<double[][]> xs,
               List<double[]> ys) {
        int units() {
            return b.length;
        }
    }

    private static double[] values(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1, 1);
        }
        return v;
    }

    private static double[][] matrix(SplittableRandom rnd, int rows, int cols) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = values(rnd, cols);
        }
        return m;
    }

    static Net draw(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rnd.nextInt(1, 4);
        int m = rnd.nextInt(1, 4);
        Activation g = RNN[rnd.nextInt(RNN.length)];
        boolean bce = rnd.nextBoolean();
        int layers = rnd.nextInt(1, 3);
        List<double[][]> hw = new ArrayList<>();
        List<double[]> hb = new ArrayList<>();
        List<Activation> ha = new ArrayList<>();
        int fan = m;
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            int units = last ? rnd.nextInt(1, 3) : rnd.nextInt(1, 4);
            hw.add(matrix(rnd, units, fan));
            hb.add(values(rnd, units));
            ha.add(last ? (bce ? Activation.SIGMOID : (rnd.nextBoolean() ? Activation.IDENTITY : Activation.TANH))
                    : RNN[rnd.nextInt(RNN.length)]);
            fan = units;
        }
        boolean reg = rnd.nextInt(3) == 0;
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        int samples = rnd.nextInt(1, 3);
        for (int s = 0; s < samples; s++) {
            xs.add(matrix(rnd, rnd.nextInt(1, 5), n));
            double[] y = new double[fan];
            for (int k = 0; k < fan; k++) {
                y[k] = bce ? rnd.nextInt(0, 2) : rnd.nextDouble(-1, 1);
            }
            ys.add(y);
        }
        return new Net(n, matrix(rnd, m, n), matrix(rnd, m, m), values(rnd, m), g, hw, hb, ha, bce,
                reg ? rnd.nextDouble(0, 0.5) : 0, reg ? rnd.nextDouble(0, 0.1) : 0, xs, ys);
    }

    static RnnNetSpec spec(Net net) {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= net.inputs(); j++) {
            names.add("x" + j);
        }
        List<LayerSpec> head = new ArrayList<>();
        for (int l = 0; l < net.hw().size(); l++) {
            head.add(new LayerSpec(net.hb().get(l).length, net.ha().get(l), LayerSpec.DEFAULT_ALPHA, net.hw().get(l),
                    net.hb().get(l)));
        }
        List<RnnNetSpec.Sequence> data = new ArrayList<>();
        for (int s = 0; s < net.xs().size(); s++) {
            data.add(new RnnNetSpec.Sequence(net.xs().get(s), net.ys().get(s)));
        }
        return new RnnNetSpec(names, new RnnNetSpec.Rnn(net.g(), LayerSpec.DEFAULT_ALPHA, net.w(), net.u(), net.b()),
                head, net.bce() ? Loss.BCE : Loss.SE, Reduction.MEAN, 1, new Regularization(net.l2(), net.l1()), data);
    }

    // ---- plain doubles -------------------------------------------------------------------------------------

    private static double f(Activation a, double z) {
        return switch (a) {
            case TANH -> Math.tanh(z);
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case RELU -> Math.max(0, z);
            case IDENTITY -> z;
            default -> throw new IllegalArgumentException(a.toString());
        };
    }

    /** g′(z) from z and g(z). */
    private static double df(Activation a, double z, double gz) {
        return switch (a) {
            case TANH -> 1 - gz * gz;
            case SIGMOID -> gz * (1 - gz);
            case RELU -> z > 0 ? 1 : 0;
            case IDENTITY -> 1;
            default -> throw new IllegalArgumentException(a.toString());
        };
    }

    /** The result of the reference: loss, gradients (in the spec's canonical order) and the smallest |ReLU argument|. */
    record Bptt(double loss, double[] gradient, double margin) {
    }

    /** Backpropagation through time, written from the equations in plain loops. */
    static Bptt bptt(Net net) {
        int m = net.units();
        int n = net.inputs();
        double[][] gw = new double[m][n];
        double[][] gu = new double[m][m];
        double[] gb = new double[m];
        int layers = net.hw().size();
        List<double[][]> ghw = new ArrayList<>();
        List<double[]> ghb = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            ghw.add(new double[net.hw().get(l).length][net.hw().get(l)[0].length]);
            ghb.add(new double[net.hb().get(l).length]);
        }
        double total = 0;
        double margin = Double.POSITIVE_INFINITY;
        for (int s = 0; s < net.xs().size(); s++) {
            double[][] x = net.xs().get(s);
            double[] y = net.ys().get(s);
            int steps = x.length;
            double[][] z = new double[steps + 1][m];
            double[][] h = new double[steps + 1][m]; // h[0] = 0
            for (int t = 1; t <= steps; t++) {
                for (int i = 0; i < m; i++) {
                    double v = net.b()[i];
                    for (int j = 0; j < n; j++) {
                        v += net.w()[i][j] * x[t - 1][j];
                    }
                    for (int j = 0; j < m; j++) {
                        v += net.u()[i][j] * h[t - 1][j];
                    }
                    z[t][i] = v;
                    h[t][i] = f(net.g(), v);
                    if (net.g() == Activation.RELU) {
                        margin = Math.min(margin, Math.abs(v));
                    }
                }
            }
            List<double[]> as = new ArrayList<>();
            List<double[]> zs = new ArrayList<>();
            as.add(h[steps]);
            for (int l = 0; l < layers; l++) {
                double[][] wl = net.hw().get(l);
                double[] in = as.get(l);
                double[] zl = new double[wl.length];
                double[] al = new double[wl.length];
                for (int i = 0; i < wl.length; i++) {
                    double v = net.hb().get(l)[i];
                    for (int j = 0; j < in.length; j++) {
                        v += wl[i][j] * in[j];
                    }
                    zl[i] = v;
                    al[i] = f(net.ha().get(l), v);
                    if (net.ha().get(l) == Activation.RELU) {
                        margin = Math.min(margin, Math.abs(v));
                    }
                }
                zs.add(zl);
                as.add(al);
            }
            double[] out = as.get(layers);
            double[] da = new double[out.length];
            for (int k = 0; k < out.length; k++) {
                if (net.bce()) {
                    total += -(y[k] * Math.log(out[k]) + (1 - y[k]) * Math.log(1 - out[k]));
                    da[k] = -y[k] / out[k] + (1 - y[k]) / (1 - out[k]);
                } else {
                    total += (y[k] - out[k]) * (y[k] - out[k]);
                    da[k] = -2 * (y[k] - out[k]);
                }
            }
            for (int l = layers - 1; l >= 0; l--) {
                double[][] wl = net.hw().get(l);
                double[] in = as.get(l);
                double[] delta = new double[wl.length];
                for (int i = 0; i < wl.length; i++) {
                    delta[i] = da[i] * df(net.ha().get(l), zs.get(l)[i], as.get(l + 1)[i]);
                    ghb.get(l)[i] += delta[i];
                    for (int j = 0; j < in.length; j++) {
                        ghw.get(l)[i][j] += delta[i] * in[j];
                    }
                }
                double[] below = new double[in.length];
                for (int j = 0; j < in.length; j++) {
                    for (int i = 0; i < wl.length; i++) {
                        below[j] += wl[i][j] * delta[i];
                    }
                }
                da = below;
            }
            double[] dh = da; // ∂L/∂h_T
            for (int t = steps; t >= 1; t--) {
                double[] delta = new double[m];
                for (int i = 0; i < m; i++) {
                    delta[i] = dh[i] * df(net.g(), z[t][i], h[t][i]);
                    gb[i] += delta[i];
                    for (int j = 0; j < n; j++) {
                        gw[i][j] += delta[i] * x[t - 1][j];
                    }
                    for (int j = 0; j < m; j++) {
                        gu[i][j] += delta[i] * h[t - 1][j];
                    }
                }
                double[] prev = new double[m];
                for (int j = 0; j < m; j++) {
                    for (int i = 0; i < m; i++) {
                        prev[j] += net.u()[i][j] * delta[i];
                    }
                }
                dh = prev;
            }
        }
        int count = net.xs().size();
        List<Double> g = new ArrayList<>();
        double penalty = 0;
        for (double[] row : gw) {
            for (double v : row) {
                g.add(v / count);
            }
        }
        for (double[] row : gu) {
            for (double v : row) {
                g.add(v / count);
            }
        }
        for (double v : gb) {
            g.add(v / count);
        }
        for (int l = 0; l < layers; l++) {
            for (double[] row : ghw.get(l)) {
                for (double v : row) {
                    g.add(v / count);
                }
            }
            for (double v : ghb.get(l)) {
                g.add(v / count);
            }
        }
        double[] out = g.stream().mapToDouble(Double::doubleValue).toArray();
        // the penalty over w, u and the dense weights, never biases, in the same canonical order
        List<double[]> weightsInOrder = new ArrayList<>();
        for (double[] row : net.w()) {
            weightsInOrder.add(row);
        }
        for (double[] row : net.u()) {
            weightsInOrder.add(row);
        }
        int k = 0;
        int rowIndex = 0;
        for (double[] row : weightsInOrder) {
            for (double v : row) {
                out[k] += net.l2() * v + net.l1() * Math.signum(v);
                penalty += 0.5 * net.l2() * v * v + net.l1() * Math.abs(v);
                k++;
            }
            rowIndex++;
        }
        k += m; // rnn biases
        for (int l = 0; l < layers; l++) {
            for (double[] row : net.hw().get(l)) {
                for (double v : row) {
                    out[k] += net.l2() * v + net.l1() * Math.signum(v);
                    penalty += 0.5 * net.l2() * v * v + net.l1() * Math.abs(v);
                    k++;
                }
            }
            k += net.hb().get(l).length;
        }
        assertEquals(out.length, k, "rows " + rowIndex);
        return new Bptt(total / count + penalty, out, margin);
    }

    // ---- forward-mode AD -----------------------------------------------------------------------------------

    private static DerivativeStructure fd(Activation a, DerivativeStructure z) {
        return switch (a) {
            case TANH -> z.tanh();
            case SIGMOID -> z.negate().exp().add(1).reciprocal();
            case RELU -> z.getValue() > 0 ? z : z.multiply(0);
            case IDENTITY -> z;
            default -> throw new IllegalArgumentException(a.toString());
        };
    }

    /** The loss as a DerivativeStructure in every parameter (canonical order) at once: its gradient by forward mode. */
    static double[] forwardMode(Net net) {
        int m = net.units();
        int n = net.inputs();
        int layers = net.hw().size();
        int count = m * n + m * m + m;
        for (int l = 0; l < layers; l++) {
            count += net.hw().get(l).length * (net.hw().get(l)[0].length + 1);
        }
        int[] next = {0};
        int free = count;
        java.util.function.DoubleFunction<DerivativeStructure> var = v -> new DerivativeStructure(free, 1, next[0]++, v);
        DerivativeStructure[][] w = new DerivativeStructure[m][n];
        DerivativeStructure[][] u = new DerivativeStructure[m][m];
        DerivativeStructure[] b = new DerivativeStructure[m];
        List<DerivativeStructure> penalized = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = var.apply(net.w()[i][j]);
                penalized.add(w[i][j]);
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                u[i][j] = var.apply(net.u()[i][j]);
                penalized.add(u[i][j]);
            }
        }
        for (int i = 0; i < m; i++) {
            b[i] = var.apply(net.b()[i]);
        }
        List<DerivativeStructure[][]> hw = new ArrayList<>();
        List<DerivativeStructure[]> hb = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            double[][] wl = net.hw().get(l);
            DerivativeStructure[][] dw = new DerivativeStructure[wl.length][wl[0].length];
            for (int i = 0; i < wl.length; i++) {
                for (int j = 0; j < wl[0].length; j++) {
                    dw[i][j] = var.apply(wl[i][j]);
                    penalized.add(dw[i][j]);
                }
            }
            DerivativeStructure[] db = new DerivativeStructure[wl.length];
            for (int i = 0; i < wl.length; i++) {
                db[i] = var.apply(net.hb().get(l)[i]);
            }
            hw.add(dw);
            hb.add(db);
        }
        DerivativeStructure total = new DerivativeStructure(free, 1, 0);
        for (int s = 0; s < net.xs().size(); s++) {
            double[][] x = net.xs().get(s);
            double[] y = net.ys().get(s);
            DerivativeStructure[] h = new DerivativeStructure[m];
            for (int i = 0; i < m; i++) {
                h[i] = new DerivativeStructure(free, 1, 0);
            }
            for (double[] step : x) {
                DerivativeStructure[] hn = new DerivativeStructure[m];
                for (int i = 0; i < m; i++) {
                    DerivativeStructure z = b[i];
                    for (int j = 0; j < n; j++) {
                        z = z.add(w[i][j].multiply(step[j]));
                    }
                    for (int j = 0; j < m; j++) {
                        z = z.add(u[i][j].multiply(h[j]));
                    }
                    hn[i] = fd(net.g(), z);
                }
                h = hn;
            }
            DerivativeStructure[] a = h;
            for (int l = 0; l < layers; l++) {
                DerivativeStructure[][] wl = hw.get(l);
                DerivativeStructure[] al = new DerivativeStructure[wl.length];
                for (int i = 0; i < wl.length; i++) {
                    DerivativeStructure z = hb.get(l)[i];
                    for (int j = 0; j < a.length; j++) {
                        z = z.add(wl[i][j].multiply(a[j]));
                    }
                    al[i] = fd(net.ha().get(l), z);
                }
                a = al;
            }
            for (int k = 0; k < a.length; k++) {
                if (net.bce()) {
                    total = total.subtract(a[k].log().multiply(y[k])).subtract(a[k].negate().add(1).log().multiply(1 - y[k]));
                } else {
                    DerivativeStructure e = a[k].negate().add(y[k]);
                    total = total.add(e.multiply(e));
                }
            }
        }
        DerivativeStructure loss = total.divide(net.xs().size());
        for (DerivativeStructure p : penalized) {
            loss = loss.add(p.multiply(p).multiply(0.5 * net.l2())).add(p.abs().multiply(net.l1()));
        }
        double[] g = new double[free];
        for (int k = 0; k < free; k++) {
            int[] orders = new int[free];
            orders[k] = 1;
            g[k] = loss.getPartialDerivative(orders);
        }
        return g;
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void everyGradientEqualsBpttAndForwardModeAd(@ForAll long seed) {
        Net net = draw(seed);
        Bptt ref = bptt(net);
        Assume.that(ref.margin() > 1e-3);
        RnnNetSpec spec = spec(net);
        RnnAnalysis engine = new RnnAnalysis(spec);
        double[] ad = forwardMode(net);
        assertEquals(ref.loss(), engine.loss(), 1e-10 * Math.max(1, Math.abs(ref.loss())), "loss, seed " + seed);
        List<ParamId> ids = spec.parameters();
        assertEquals(ids.size(), ref.gradient().length);
        assertEquals(ids.size(), ad.length);
        for (int k = 0; k < ids.size(); k++) {
            double g = engine.gradient(ids.get(k));
            double tol = 1e-9 * Math.max(1, Math.abs(g));
            assertTrue(Math.abs(g - ref.gradient()[k]) <= tol, ids.get(k) + ": engine " + g + ", BPTT "
                    + ref.gradient()[k] + " (seed " + seed + ")");
            assertTrue(Math.abs(g - ad[k]) <= tol, ids.get(k) + ": engine " + g + ", forward-mode AD " + ad[k]
                    + " (seed " + seed + ")");
        }
    }

    @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
    void theTermsOfEveryRnnParameterSumToItsGradient(@ForAll long seed) {
        Net net = draw(seed);
        Assume.that(bptt(net).margin() > 1e-3);
        RnnNetSpec spec = spec(net);
        RnnAnalysis engine = new RnnAnalysis(spec);
        for (ParamId id : spec.parameters()) {
            if (id.layer() != 1) {
                continue;
            }
            double sum = engine.terms(id).stream().mapToDouble(RnnAnalysis.Term::product).sum() / spec.data().size();
            double g = engine.gradient(id) - engine.penaltyGradient(id);
            assertEquals(g, sum, 1e-12 * Math.max(1, Math.abs(g)), id + " (seed " + seed + ")");
        }
    }
}
