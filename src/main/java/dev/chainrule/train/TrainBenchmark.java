package dev.chainrule.train;

import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.BuiltinExamples;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecGenerator;
import java.util.Locale;

/**
 * Epochs per second of {@link Trainer}: the XOR network of the notes (2-2-1, 4 samples, per-sample SGD and full
 * batch) and a generated 64-64-10 (ReLU, softmax + ce, 100 random samples, batch 10 and full batch). The build
 * (derivation + compilation) is timed separately. Run: {@code java -cp … dev.chainrule.train.TrainBenchmark}.
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    /** One measurement. */
    public record Row(String name, int parameters, int samples, int batchSize, long buildMillis,
                      double epochsPerSecond) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s %6d params  %4d samples  batch %4d  build %5d ms  %,12.1f epochs/s",
                    name, parameters, samples, batchSize, buildMillis, epochsPerSecond);
        }
    }

    /** Builds once, warms up, then runs epochs until {@code millis} have passed. */
    public static Row measure(String name, NetworkSpec spec, int batchSize, long millis) {
        long t0 = System.nanoTime();
        CompiledNetwork net = new CompiledNetwork(spec);
        long build = (System.nanoTime() - t0) / 1_000_000;
        Trainer trainer = new Trainer(net);
        TrainConfig warm = TrainConfig.sgd(20, batchSize, 1e-3).withShowSteps(0);
        long warmEnd = System.nanoTime() + millis * 1_000_000 / 2;
        while (System.nanoTime() < warmEnd) {
            trainer.train(warm);
        }
        int epochs = 1;
        double rate;
        while (true) {
            long s = System.nanoTime();
            trainer.train(TrainConfig.sgd(epochs, batchSize, 1e-3).withShowSteps(0));
            long e = System.nanoTime() - s;
            if (e >= millis * 1_000_000L) {
                rate = epochs / (e / 1e9);
                break;
            }
            epochs *= 2;
        }
        return new Row(name, spec.parameterCount(), spec.data().size(), batchSize == 0 ? spec.data().size() : batchSize,
                build, rate);
    }

    public static void main(String[] args) {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        NetworkSpec xor = BuiltinExamples.xor();
        System.out.println(measure("2-2-1 XOR, per-sample SGD", xor, 1, millis));
        System.out.println(measure("2-2-1 XOR, full batch", xor, 0, millis));
        NetworkSpec big = SpecGenerator.mlp(new int[] {64, 64, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CE, 100, 1);
        System.out.println(measure("64-64-10 random, mini-batch 10", big, 10, millis));
        System.out.println(measure("64-64-10 random, full batch", big, 0, millis));
    }
}
