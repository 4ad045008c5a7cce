package dev.chainrule.network.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic specs of any size, for benchmarks and property tests, and the YAML writer. */
public final class SpecGenerator {

    private SpecGenerator() {
    }

    /**
     * A fully connected network with {@code widths[0]} inputs ({@code x1..xn}) and layers of {@code widths[1..]}
     * units: {@code hidden} on every layer but the last, {@code output} on the last. Parameters are drawn as
     * {@code init: {seed: seed}} would (uniform in ±1/√fan-in); inputs uniformly from [−1, 1); targets suit the
     * loss: one-hot under ce, 0 or 1 under bce, uniform reals in [−1, 1) under se and half_se.
     * Loss mean, learning rate 0.1, α = 0.01. The same arguments give the same spec.
     *
     * @throws IllegalArgumentException when the widths, sample count or activation/loss pairing break a rule of
     *                                  {@link SpecLoader}
     */
    public static NetworkSpec mlp(int[] widths, Activation hidden, Activation output, Loss loss, int samples,
                                  long seed) {
        if (widths.length < 2 || samples < 1) {
            throw new IllegalArgumentException("need an input width, at least one layer and one sample");
        }
        int layerCount = widths.length - 1;
        for (int l = 1; l <= layerCount; l++) {
            Activation a = l < layerCount ? hidden : output;
            require(widths[l - 1] >= 1 && widths[l] >= 1 ? null : "widths must be positive");
            require(SpecRules.activationProblem(a, widths[l], l, layerCount).orElse(null));
        }
        require(SpecRules.lossProblem(loss, output, layerCount).orElse(null));

        List<String> inputs = new ArrayList<>(widths[0]);
        for (int j = 1; j <= widths[0]; j++) {
            inputs.add("x" + j);
        }
        ParameterInit init = new ParameterInit(seed, null);
        List<LayerSpec> layers = new ArrayList<>(layerCount);
        for (int l = 1; l <= layerCount; l++) {
            ParameterInit.Drawn d = init.next(widths[l], widths[l - 1]);
            layers.add(new LayerSpec(widths[l], l < layerCount ? hidden : output, d.weights(), d.biases()));
        }
        SplittableRandom random = new SplittableRandom(seed).split();
        List<Sample> data = new ArrayList<>(samples);
        for (int n = 0; n < samples; n++) {
            double[] x = new double[widths[0]];
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextDouble(-1, 1);
            }
            data.add(new Sample(x, target(loss, widths[layerCount], random)));
        }
        return new NetworkSpec(inputs, null, layers, loss, Reduction.MEAN, NetworkSpec.DEFAULT_LEARNING_RATE, data,
                null);
    }

    /** The spec as YAML that {@link SpecLoader#parse} reads back to an equal spec (within the loader's limits). */
    public static String toYaml(NetworkSpec spec) {
        return SpecYaml.write(spec);
    }

    private static double[] target(Loss loss, int k, SplittableRandom random) {
        double[] y = new double[k];
        switch (loss) {
            case CE -> y[random.nextInt(k)] = 1;
            case BCE -> {
                for (int i = 0; i < k; i++) {
                    y[i] = random.nextInt(2);
                }
            }
            case SE, HALF_SE -> {
                for (int i = 0; i < k; i++) {
                    y[i] = random.nextDouble(-1, 1);
                }
            }
        }
        return y;
    }

    private static void require(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
