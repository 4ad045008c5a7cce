package dev.chainrule.network.spec;

import java.util.SplittableRandom;

/**
 * Deterministic random parameters: one {@link SplittableRandom} seeded with {@code seed} draws, layer by layer in
 * canonical order, every weight and then every bias uniformly from [−scale, scale); the scale defaults to
 * 1/√fan-in. Every layer's values are drawn even when a spec gives some layers explicitly, so a layer's random
 * values depend only on the seed, the scale and the shapes of the layers up to it.
 */
final class ParameterInit {
    private final SplittableRandom random;
    private final Double scale;

    /** @param scale the half-width of the interval, or {@code null} for 1/√fan-in */
    ParameterInit(long seed, Double scale) {
        this.random = new SplittableRandom(seed);
        this.scale = scale;
    }

    /** The next layer's values: {@code weights[units][fanIn]} then {@code biases[units]}. */
    Drawn next(int units, int fanIn) {
        double s = scale != null ? scale : 1.0 / Math.sqrt(fanIn);
        double[][] w = new double[units][fanIn];
        for (double[] row : w) {
            for (int j = 0; j < fanIn; j++) {
                row[j] = draw(s);
            }
        }
        double[] b = new double[units];
        for (int i = 0; i < units; i++) {
            b[i] = draw(s);
        }
        return new Drawn(w, b);
    }

    private double draw(double s) {
        return s == 0 ? 0 : random.nextDouble(-s, s);
    }

    record Drawn(double[][] weights, double[] biases) {
    }
}
