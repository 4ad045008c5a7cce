package dev.chainrule.render.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ticks of a chart axis: round numbers that cover the data. A linear axis steps by 1, 2 or 5 times a power of
 * ten from 0; a log axis marks 1, 2 and 5 of each decade when the data spans at most two decades, else the decades
 * only (every second or more of them past eight), so labels never pile up.
 *
 * @param lo the axis's first value
 * @param hi the axis's last value
 * @param values the tick values, lo and hi included
 * @param log whether positions are logarithmic
 * @param integer whether labels are counts (epochs: "1,500")
 */
record Ticks(double lo, double hi, List<Double> values, boolean log, boolean integer) {

    /** Linear ticks from {@code lo} to a round number at or above {@code max}, at most {@code count} of them. */
    static Ticks linear(double lo, double max, int count) {
        return linear(lo, max, count, false);
    }

    /** Ticks for counts: steps are whole numbers. */
    static Ticks counts(double max, int count) {
        return linear(0, max, count, true);
    }

    private static Ticks linear(double lo, double max, int count, boolean integer) {
        double range = max > lo ? max - lo : 1;
        double step = Double.NaN;
        for (int k = (int) Math.floor(Math.log10(range / count)); Double.isNaN(step); k++) {
            for (double m : new double[] {1, 2, 5}) {
                double s = m * Math.pow(10, k);
                if ((!integer || s >= 1) && Math.ceil(range / s - 1e-9) <= count - 1) {
                    step = s;
                    break;
                }
            }
        }
        int n = (int) Math.ceil(range / step - 1e-9);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            values.add(round(lo + i * step));
        }
        return new Ticks(lo, values.get(values.size() - 1), values, false, integer);
    }

    /** Log ticks covering {@code min} … {@code max} (both positive). */
    static Ticks log(double min, double max) {
        int kLo = (int) Math.floor(Math.log10(min));
        int kHi = (int) Math.ceil(Math.log10(max));
        if (kHi <= kLo) {
            kHi = kLo + 1;
        }
        List<Double> values = new ArrayList<>();
        if (kHi - kLo <= 2) {
            List<Double> candidates = new ArrayList<>();
            for (int k = kLo; k <= kHi; k++) {
                for (double m : new double[] {1, 2, 5}) {
                    candidates.add(round(m * Math.pow(10, k)));
                }
            }
            double lo = candidates.get(0);
            double hi = candidates.get(candidates.size() - 1);
            for (double c : candidates) {
                lo = c <= min ? c : lo;
            }
            for (int i = candidates.size() - 1; i >= 0; i--) {
                hi = candidates.get(i) >= max && candidates.get(i) > lo ? candidates.get(i) : hi;
            }
            for (double c : candidates) {
                if (c >= lo && c <= hi) {
                    values.add(c);
                }
            }
            return new Ticks(lo, hi, values, true, false);
        }
        int stride = (kHi - kLo + 7) / 8;
        kLo -= Math.floorMod(kLo, stride);
        while ((kHi - kLo) % stride != 0) {
            kHi++;
        }
        for (int k = kLo; k <= kHi; k += stride) {
            values.add(round(Math.pow(10, k)));
        }
        return new Ticks(values.get(0), values.get(values.size() - 1), values, true, false);
    }

    /** Where {@code v} sits on the axis, 0 at lo and 1 at hi. */
    double position(double v) {
        return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
    }

    String label(double v) {
        return integer ? String.format(Locale.ROOT, "%,d", Math.round(v)) : TrainPlot.tickLabel(v);
    }

    /** A tick value to 12 significant digits, so that 3 × 0.1 is labelled 0.3. */
    private static double round(double v) {
        return v == 0 ? 0 : new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
    }
}
