package dev.chainrule.homework;

import java.util.Arrays;
import java.util.OptionalDouble;

/** Comparisons of value vectors over the points (NaN entries are points to ignore). */
final class Numbers {
    static final double ABS = 1e-12;
    private static final java.util.Set<Double> SIMPLE = java.util.Set.of(1.0, -1.0, 2.0, 0.5, -2.0, -0.5);

    private Numbers() {
    }

    static boolean close(double a, double b, double rel) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + ABS;
    }

    /** True when a and b agree at every point valid in both (and at least one point is). */
    static boolean same(double[] a, double[] b, boolean[] valid) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!valid[i]) {
                continue;
            }
            if (!close(a[i], b[i], 1e-8)) {
                return false;
            }
            n++;
        }
        return n > 0;
    }

    /** Whether v is exactly 0 at every valid point: then no claim that also vanishes there can be told apart. */
    static boolean allZero(double[] v, boolean[] valid) {
        for (int i = 0; i < v.length; i++) {
            if (valid[i] && v[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The constant c with a = c·b at every valid point, if there is one (b non-zero at ≥ 2 points). */
    static OptionalDouble ratio(double[] a, double[] b, boolean[] valid) {
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            if (valid[i]) {
                if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                    return OptionalDouble.empty();
                }
                scale = Math.max(scale, Math.abs(b[i]));
            }
        }
        if (scale == 0) {
            return OptionalDouble.empty();
        }
        double[] rs = new double[a.length];
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (valid[i] && Math.abs(b[i]) > 1e-7 * scale) {
                rs[n++] = a[i] / b[i];
            }
        }
        // one point where the gradient is not 0 (a ReLU on the path off at the others) still shows a sign slip or
        // a factor 2, when the claim vanishes with the gradient everywhere else
        if (n == 0 || n == 1 && !SIMPLE.contains(snap(rs[0]))) {
            return OptionalDouble.empty();
        }
        double[] sorted = Arrays.copyOf(rs, n);
        Arrays.sort(sorted);
        double r = sorted[n / 2];
        if (r == 0 || !Double.isFinite(r)) {
            return OptionalDouble.empty();
        }
        for (int i = 0; i < n; i++) {
            if (!close(rs[i], r, 1e-7)) {
                return OptionalDouble.empty();
            }
        }
        for (int i = 0; i < a.length; i++) {
            if (valid[i] && Math.abs(b[i]) <= 1e-7 * scale && !close(a[i], r * b[i], 1e-6) && Math.abs(a[i]) > 1e-6 * scale * Math.abs(r)) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(snap(r));
    }

    /** A ratio close to a simple fraction p/q (q ≤ 12) is that fraction exactly. */
    static double snap(double r) {
        for (int q = 1; q <= 12; q++) {
            double p = Math.rint(r * q);
            if (p != 0 && Math.abs(p / q - r) <= 1e-7 * Math.abs(r)) {
                return p / q;
            }
        }
        return r;
    }

    static String fraction(double r) {
        for (int q = 1; q <= 12; q++) {
            double p = Math.rint(r * q);
            if (p != 0 && p / q == r) {
                return q == 1 ? String.valueOf((long) p) : (long) p + "/" + q;
            }
        }
        return dev.chainrule.expr.Fmt.num(r);
    }
}
