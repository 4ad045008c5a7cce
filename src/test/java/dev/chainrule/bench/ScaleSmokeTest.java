package dev.chainrule.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.network.NetworkExplanation.CheckMode;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.network.spec.SpecGenerator;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.render.explain.ExplainJsonRenderer;
import dev.chainrule.render.explain.ExplainTextRenderer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's 784-128-10 network (101,770 parameters) end to end, for correctness and completion only (no
 * timing): its YAML read back, the loss against a plain array forward pass written here, gradients against
 * central differences of that forward pass on sampled parameters, and explain with its default check rendered.
 */
class ScaleSmokeTest {
    private static final int[] WIDTHS = {784, 128, 10};

    @Test
    void largeNetworkGradientsAgreeWithFiniteDifferences() {
        NetworkSpec generated = Benchmark.spec(WIDTHS, 2, 7);
        NetworkSpec spec = SpecLoader.parse(SpecGenerator.toYaml(generated), "smoke.yaml");
        assertEquals(101_770, spec.parameterCount());
        double[] p = spec.parameterVector();
        NetworkAnalysis analysis = new NetworkAnalysis(spec);
        assertEquals(loss(spec, p), analysis.loss(), 1e-9 * Math.abs(loss(spec, p)));

        double[] g = analysis.gradient();
        assertEquals(p.length, g.length);
        SplittableRandom r = new SplittableRandom(3);
        int compared = 0;
        for (int k = 0; k < 12; k++) {
            int i = r.nextInt(p.length);
            double h = 1e-5;
            double[] up = p.clone();
            double[] down = p.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (loss(spec, up) - loss(spec, down)) / (2 * h);
            // a ReLU kink inside ±h would spoil the difference; the generated data keeps away from them
            assertEquals(fd, g[i], 1e-6 + 1e-4 * Math.abs(fd), "parameter " + spec.parameters().get(i));
            compared++;
        }
        assertEquals(12, compared);
    }

    @Test
    void explainsALargeNetworkWithTheDefaultCheck() {
        NetworkSpec spec = Benchmark.spec(WIDTHS, 1, 1);
        NetworkExplanation x = new NetworkAnalysis(spec).explain(List.of(), Optional.empty(), CheckMode.FAST, 1);
        assertEquals(spec.parameterCount(), x.parameters().size());
        assertTrue(x.fastCheck().isPresent());
        assertFalse(x.anyCheckFailed());
        String json = ExplainJsonRenderer.render(x);
        String text = ExplainTextRenderer.render(x);
        // what the command writes, streamed through the format table, is the same document
        dev.chainrule.render.doc.FormatTable.Options options = dev.chainrule.render.doc.FormatTable.Options.of(false);
        assertEquals(json, streamed(dev.chainrule.render.doc.Format.JSON, x, options));
        assertEquals(text, streamed(dev.chainrule.render.doc.Format.TEXT, x, options));
        assertTrue(json.contains("\"w[2,10,128]\""));
        assertTrue(text.startsWith("784-128-10 "), text.substring(0, 40));
        assertTrue(text.contains("Summary   101770 parameters"), "summary line");
    }

    /** The document {@code format}'s renderer writes to a writer piece by piece, as explain does. */
    private static String streamed(dev.chainrule.render.doc.Format format, NetworkExplanation x,
            dev.chainrule.render.doc.FormatTable.Options options) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            dev.chainrule.render.Formats.EXPLAIN.renderer(format).write(x, options, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** ReLU hidden layers, softmax output, cross-entropy, mean over the samples: the benchmark network by hand. */
    private static double loss(NetworkSpec spec, double[] flat) {
        double total = 0;
        for (Sample s : spec.data()) {
            double[] a = new double[WIDTHS[0]];
            for (int j = 0; j < a.length; j++) {
                a[j] = s.xAt(j);
            }
            int offset = 0;
            for (int l = 1; l < WIDTHS.length; l++) {
                int units = WIDTHS[l];
                int fan = WIDTHS[l - 1];
                double[] z = new double[units];
                for (int i = 0; i < units; i++) {
                    double sum = 0;
                    for (int j = 0; j < fan; j++) {
                        sum += flat[offset + i * fan + j] * a[j];
                    }
                    z[i] = sum + flat[offset + units * fan + i];
                }
                offset += units * fan + units;
                a = z;
                if (l < WIDTHS.length - 1) {
                    for (int i = 0; i < units; i++) {
                        a[i] = Math.max(0, a[i]);
                    }
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : a) {
                max = Math.max(max, v);
            }
            double norm = 0;
            for (double v : a) {
                norm += Math.exp(v - max);
            }
            for (int k = 0; k < a.length; k++) {
                total -= s.yAt(k) * (a[k] - max - Math.log(norm));
            }
        }
        return spec.reduction().apply(total, spec.data().size());
    }
}
