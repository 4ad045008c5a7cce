package dev.chainrule.network.spec;

import java.util.Arrays;
import java.util.Objects;

/** One training sample: the input vector x and the target vector y. Arrays are copied in and out. */
public record Sample(double[] x, double[] y) {

    public Sample {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        x = x.clone();
        y = y.clone();
    }

    /** The number of inputs, without copying. */
    public int xLength() {
        return x.length;
    }

    /** The number of targets, without copying. */
    public int yLength() {
        return y.length;
    }

    /** 0-based, no copy. */
    public double xAt(int j) {
        return x[j];
    }

    /** 0-based, no copy. */
    public double yAt(int k) {
        return y[k];
    }

    /** A copy. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** A copy. */
    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && Arrays.equals(x, s.x) && Arrays.equals(y, s.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Sample[x=" + Arrays.toString(x) + ", y=" + Arrays.toString(y) + "]";
    }
}
