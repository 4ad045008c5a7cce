package dev.chainrule.network;

import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random small networks for property tests: 1–3 layers of 1–4 units over 1–4 inputs; hidden activations among
 * identity, sigmoid, tanh, relu and leaky_relu (α random); an output head that fits its loss (any of those with
 * se or half_se, sigmoid with bce or ce, softmax with ce (one-hot targets or not), se or bce); 1–4 samples; mean or sum.
 * The structure is drawn by jqwik (so it shrinks); the numbers come from a seed.
 */
public final class RandomNetworks {
    private static final List<Activation> HIDDEN = List.of(Activation.IDENTITY, Activation.SIGMOID,
            Activation.TANH, Activation.RELU, Activation.LEAKY_RELU);
    /** The hidden activations with those of issue 14 added, for {@link #extendedShapes()}. */
    private static final List<Activation> HIDDEN_EXTENDED = List.of(Activation.IDENTITY, Activation.SIGMOID,
            Activation.TANH, Activation.RELU, Activation.LEAKY_RELU, Activation.SOFTPLUS, Activation.ELU,
            Activation.GELU, Activation.SILU);

    /** The output layer's activation and the loss. */
    enum Head {
        SE_IDENTITY(Activation.IDENTITY, Loss.SE), HALF_SE_SIGMOID(Activation.SIGMOID, Loss.HALF_SE),
        SE_TANH(Activation.TANH, Loss.SE), HALF_SE_RELU(Activation.RELU, Loss.HALF_SE),
        SE_LEAKY(Activation.LEAKY_RELU, Loss.SE), HALF_SE_IDENTITY(Activation.IDENTITY, Loss.HALF_SE),
        BCE_SIGMOID(Activation.SIGMOID, Loss.BCE), CE_SIGMOID(Activation.SIGMOID, Loss.CE),
        CE_SOFTMAX(Activation.SOFTMAX, Loss.CE), CE_SOFTMAX_SOFT_TARGETS(Activation.SOFTMAX, Loss.CE),
        SE_SOFTMAX(Activation.SOFTMAX, Loss.SE), BCE_SOFTMAX(Activation.SOFTMAX, Loss.BCE),
        // issue 14, drawn only by extendedShapes()
        SE_SOFTPLUS(Activation.SOFTPLUS, Loss.SE), HALF_SE_ELU(Activation.ELU, Loss.HALF_SE),
        SE_GELU(Activation.GELU, Loss.SE), HALF_SE_SILU(Activation.SILU, Loss.HALF_SE),
        MAE_IDENTITY(Activation.IDENTITY, Loss.MAE), MAE_TANH(Activation.TANH, Loss.MAE),
        HUBER_IDENTITY(Activation.IDENTITY, Loss.HUBER), HUBER_SOFTPLUS(Activation.SOFTPLUS, Loss.HUBER),
        HUBER_SIGMOID(Activation.SIGMOID, Loss.HUBER);

        /** The heads before issue 14, which {@link #shapes()} draws. */
        static final List<Head> CLASSIC = List.of(SE_IDENTITY, HALF_SE_SIGMOID, SE_TANH, HALF_SE_RELU, SE_LEAKY,
                HALF_SE_IDENTITY, BCE_SIGMOID, CE_SIGMOID, CE_SOFTMAX, CE_SOFTMAX_SOFT_TARGETS, SE_SOFTMAX, BCE_SOFTMAX);

        final Activation activation;
        final Loss loss;

        Head(Activation activation, Loss loss) {
            this.activation = activation;
            this.loss = loss;
        }
    }

    /** What jqwik draws; {@link #spec()} turns it into a network. */
    public record Shape(int inputs, List<Integer> widths, List<Activation> hidden, Head head, int samples,
                 Reduction reduction, long seed) {

        public NetworkSpec spec() {
            SplittableRandom r = new SplittableRandom(seed);
            int layers = widths.size();
            List<LayerSpec> specs = new ArrayList<>();
            int fanIn = inputs;
            for (int l = 1; l <= layers; l++) {
                int units = widths.get(l - 1);
                Activation a = l < layers ? hidden.get(l - 1) : head.activation;
                if (a == Activation.SOFTMAX && units < 2) {
                    units = 2;
                }
                double[][] w = new double[units][fanIn];
                double[] b = new double[units];
                double bound = 1.5 / Math.sqrt(fanIn) + 0.25;
                for (int i = 0; i < units; i++) {
                    for (int j = 0; j < fanIn; j++) {
                        w[i][j] = r.nextDouble(-bound, bound);
                    }
                    b[i] = r.nextDouble(-1, 1);
                }
                double alpha = a == Activation.LEAKY_RELU ? r.nextDouble(0.01, 0.3)
                        : a == Activation.ELU ? r.nextDouble(0.3, 2) : LayerSpec.DEFAULT_ALPHA;
                specs.add(new LayerSpec(units, a, alpha, w, b));
                fanIn = units;
            }
            int k = fanIn;
            List<String> names = new ArrayList<>();
            for (int j = 1; j <= inputs; j++) {
                names.add("x" + j);
            }
            List<Sample> data = new ArrayList<>();
            for (int n = 0; n < samples; n++) {
                double[] x = new double[inputs];
                for (int j = 0; j < inputs; j++) {
                    x[j] = r.nextDouble(-2, 2);
                }
                data.add(new Sample(x, targets(k, r)));
            }
            // Huber's δ drawn so that both of its regions occur
            double delta = head.loss == Loss.HUBER ? new SplittableRandom(seed ^ 0x5eed).nextDouble(0.2, 1.5)
                    : NetworkSpec.DEFAULT_HUBER_DELTA;
            return new NetworkSpec(names, null, specs, head.loss, reduction, 0.1, data, "random", delta);
        }

        private double[] targets(int k, SplittableRandom r) {
            double[] y = new double[k];
            switch (head) {
                case CE_SOFTMAX -> y[r.nextInt(k)] = 1;
                case CE_SOFTMAX_SOFT_TARGETS, CE_SIGMOID -> {
                    for (int i = 0; i < k; i++) {
                        y[i] = r.nextDouble(0, 1.5);
                    }
                }
                case BCE_SIGMOID, BCE_SOFTMAX -> {
                    for (int i = 0; i < k; i++) {
                        y[i] = r.nextBoolean() ? r.nextInt(2) : r.nextDouble();
                    }
                }
                default -> {
                    for (int i = 0; i < k; i++) {
                        y[i] = r.nextDouble(-1.5, 1.5);
                    }
                }
            }
            return y;
        }

        boolean hasKinks() {
            return hidden.subList(0, widths.size() - 1).stream().anyMatch(RandomNetworks::kinked)
                    || kinked(head.activation) || kinked(head.loss);
        }

        @Override
        public String toString() {
            return inputs + "-" + widths + " hidden " + hidden.subList(0, widths.size() - 1) + " head " + head
                    + ", " + samples + " samples, " + reduction + ", seed " + seed;
        }
    }

    static boolean kinked(Activation a) {
        return a == Activation.RELU || a == Activation.LEAKY_RELU || a == Activation.ELU;
    }

    /** Whether the loss has a kink (mae at ŷ = y; Huber's derivative is continuous). */
    static boolean kinked(Loss loss) {
        return loss == Loss.MAE;
    }

    private RandomNetworks() {
    }

    public static Arbitrary<Shape> shapes() {
        Arbitrary<Integer> inputs = Arbitraries.integers().between(1, 4);
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Activation>> hidden = Arbitraries.of(HIDDEN).list().ofSize(2);
        Arbitrary<Head> head = Arbitraries.of(Head.CLASSIC);
        Arbitrary<Integer> samples = Arbitraries.integers().between(1, 4);
        Arbitrary<Reduction> reduction = Arbitraries.of(Reduction.class);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(inputs, widths, hidden, head, samples, reduction, seed).as(Shape::new);
    }

    /** As {@link #shapes()}, with the activations (and heads) of issue 14 among the choices. */
    public static Arbitrary<Shape> extendedShapes() {
        Arbitrary<Integer> inputs = Arbitraries.integers().between(1, 4);
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Activation>> hidden = Arbitraries.of(HIDDEN_EXTENDED).list().ofSize(2);
        Arbitrary<Head> head = Arbitraries.of(Head.class);
        Arbitrary<Integer> samples = Arbitraries.integers().between(1, 4);
        Arbitrary<Reduction> reduction = Arbitraries.of(Reduction.class);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(inputs, widths, hidden, head, samples, reduction, seed).as(Shape::new);
    }
}
