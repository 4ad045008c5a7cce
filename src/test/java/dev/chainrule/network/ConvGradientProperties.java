package dev.chainrule.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.ParamId;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The engine's conv gradients on random small image networks (C, H, W ≤ 5; kernel, stride, padding, max or mean
 * pooling or none; a dense head) against central finite differences of {@link ConvReference}, the independent
 * plain-Java forward pass; draws that sit within 1e-4 of a ReLU kink or a pooling tie are skipped.
 */
class ConvGradientProperties {
    private static final double H = 1e-6;

    private record Draw(ConvReference.Net net, double[][][] x, double[] y) {
    }

    private static double[] values(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1, 1);
        }
        return v;
    }

    private static Draw draw(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int ch = rnd.nextInt(1, 4);
        int h = rnd.nextInt(1, 6);
        int w = rnd.nextInt(1, 6);
        int padding = rnd.nextInt(0, 2);
        int kh = rnd.nextInt(1, Math.min(h + 2 * padding, 3) + 1);
        int kw = rnd.nextInt(1, Math.min(w + 2 * padding, 3) + 1);
        int stride = rnd.nextInt(1, 3);
        int filters = rnd.nextInt(1, 3);
        int oh = (h + 2 * padding - kh) / stride + 1;
        int ow = (w + 2 * padding - kw) / stride + 1;
        int pool = Math.min(oh, ow) >= 2 && rnd.nextBoolean() ? 2 : 0;
        boolean mean = rnd.nextBoolean();
        int ph = pool == 0 ? oh : (oh - pool) / pool + 1;
        int pw = pool == 0 ? ow : (ow - pool) / pool + 1;
        double[][][][] kernels = new double[filters][ch][kh][];
        for (double[][][] f : kernels) {
            for (double[][] c : f) {
                for (int p = 0; p < kh; p++) {
                    c[p] = values(rnd, kw);
                }
            }
        }
        int units = rnd.nextInt(1, 3);
        double[][] dense = new double[units][];
        for (int i = 0; i < units; i++) {
            dense[i] = values(rnd, filters * ph * pw);
        }
        boolean bce = rnd.nextBoolean();
        ConvReference.Net net = new ConvReference.Net(kernels, values(rnd, filters), stride, padding, rnd.nextBoolean(),
                pool, mean, dense, values(rnd, units), bce);
        double[][][] x = new double[ch][h][];
        for (double[][] c : x) {
            for (int r = 0; r < h; r++) {
                c[r] = values(rnd, w);
            }
        }
        double[] y = new double[units];
        for (int i = 0; i < units; i++) {
            y[i] = bce ? rnd.nextInt(0, 2) : rnd.nextDouble(-1, 1);
        }
        return new Draw(net, x, y);
    }

    /** The reference loss with one parameter moved by {@code by}. */
    private static double moved(Draw d, ParamId id, double by) {
        ConvReference.Net n = d.net();
        double[][][][] k = ConvNets.spec(n, d.x(), d.y()).layer(1) instanceof ConvNetSpec.Conv2d c ? c.kernels() : null;
        double[] cb = n.convBias().clone();
        double[][] dense = new double[n.dense().length][];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = n.dense()[i].clone();
        }
        double[] db = n.denseBias().clone();
        if (id.isKernel()) {
            k[id.neuron() - 1][id.input() - 1][id.window().get(0) - 1][id.window().get(1) - 1] += by;
        } else if (id.isBias() && id.layer() == 1) {
            cb[id.neuron() - 1] += by;
        } else if (id.isBias()) {
            db[id.neuron() - 1] += by;
        } else {
            dense[id.neuron() - 1][id.input() - 1] += by;
        }
        return new ConvReference().loss(new ConvReference.Net(k, cb, n.stride(), n.padding(), n.relu(), n.pool(),
                n.mean(), dense, db, n.sigmoidBce()), d.x(), d.y());
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void engineGradientsEqualCentralDifferencesOfAnIndependentForwardPass(@ForAll long seed) {
        Draw d = draw(seed);
        ConvReference ref = new ConvReference();
        double loss = ref.loss(d.net(), d.x(), d.y());
        Assume.that(ref.kinkMargin > 1e-4);
        ConvModel model = new ConvModel(ConvNets.spec(d.net(), d.x(), d.y()));
        assertEquals(loss, ConvNets.loss(model), 1e-10 * Math.max(1, Math.abs(loss)));
        List<ParamId> ids = model.spec().parameters();
        SplittableRandom pick = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int t = 0; t < 3; t++) {
            ParamId id = ids.get(pick.nextInt(ids.size()));
            double fd = (moved(d, id, H) - moved(d, id, -H)) / (2 * H);
            double engine = ConvNets.gradient(model, id);
            assertTrue(Math.abs(fd - engine) <= 1e-6 * Math.max(1, Math.abs(fd)),
                    id + ": engine " + engine + ", central difference " + fd + " (seed " + seed + ")");
            if (id.isKernel()) {
                assertEquals(engine, ConvNets.sharedSum(model, id), 1e-9 * Math.max(1, Math.abs(engine)), id.toString());
            }
        }
    }

    /**
     * What explain prints: ConvAnalysis's gradients (the chain rule run backwards over the rules' local derivatives)
     * against forward-mode AD through the same definitions (DualEvaluator: commons-math3 DerivativeStructure, no
     * derivation) and against central differences of the independent reference — every parameter; and the pass's
     * ∂L/∂x against the reference's slope in a pixel.
     */
    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void analysisGradientsEqualForwardModeAndTheReference(@ForAll long seed) {
        Draw d = draw(seed);
        ConvReference ref = new ConvReference();
        ref.loss(d.net(), d.x(), d.y());
        Assume.that(ref.kinkMargin > 1e-4);
        ConvNetSpec spec = ConvNets.spec(d.net(), d.x(), d.y());
        ConvAnalysis analysis = new ConvAnalysis(spec);
        ConvModel model = analysis.model();
        dev.chainrule.numeric.DualEvaluator dual = new dev.chainrule.numeric.DualEvaluator(model.forward());
        java.util.Map<String, Double> env = model.sampleValues(1);
        for (ParamId id : spec.parameters()) {
            double forward = dual.partial(model.loss(), env, model.param(id).name());
            double analytic = analysis.gradient(id);
            assertEquals(forward, analytic, 1e-9 * Math.max(1, Math.abs(forward)), id + " (seed " + seed + ")");
            double fd = (moved(d, id, H) - moved(d, id, -H)) / (2 * H);
            assertTrue(Math.abs(fd - analytic) <= 1e-6 * Math.max(1, Math.abs(fd)),
                    id + ": analysis " + analytic + ", central difference " + fd + " (seed " + seed + ")");
        }
        ConvAnalysis.Pass pass = analysis.pass(1);
        SplittableRandom pick = new SplittableRandom(seed);
        int ch = pick.nextInt(d.x().length);
        int r = pick.nextInt(d.x()[0].length);
        int c = pick.nextInt(d.x()[0][0].length);
        double[][][] plus = copy(d.x());
        double[][][] minus = copy(d.x());
        plus[ch][r][c] += H;
        minus[ch][r][c] -= H;
        double fd = (ref.loss(d.net(), plus, d.y()) - ref.loss(d.net(), minus, d.y())) / (2 * H);
        assertTrue(Math.abs(fd - pass.lossByInput()[ch][r][c]) <= 1e-6 * Math.max(1, Math.abs(fd)),
                "∂L/∂x[" + (ch + 1) + "," + (r + 1) + "," + (c + 1) + "] " + pass.lossByInput()[ch][r][c] + " vs " + fd);
        Statistics.collect(spec.layers().size() > 3 ? "pooled" : "no pool");
    }

    private static double[][][] copy(double[][][] x) {
        double[][][] out = new double[x.length][][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length][];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = x[i][j].clone();
            }
        }
        return out;
    }
}
