package dev.chainrule.render.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The loss curve's layout, drawn once onto a {@link ChartCanvas}: SVG text for the HTML page and --plot x.svg
 * ({@link SvgCanvas}), pixels for --plot x.png ({@link PngCanvas}), so both show the same ticks and words. Ticks are
 * round numbers ({@link Ticks}); the curve keeps, of the points that fall into one half-pixel column, the lowest
 * and the highest, so its shape is exact at any length of run and it never has more than ~{@value #WIDTH}·4 points.
 */
final class LossChart {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    private static final int LEFT = 84;
    private static final int RIGHT = 28;
    private static final int TOP = 48;
    private static final int BOTTOM = 64;
    static final int CURVE = 0x1f77b4;
    private static final int GRID = 0xe4e4e4;
    private static final int FRAME = 0xbbbbbb;
    private static final int LABELS = 0x333333;
    private static final int TITLES = 0x111111;

    private LossChart() {
    }

    /** Draws a curve with at least one point. */
    static void draw(ChartCanvas g, TrainPlot.Curve c, boolean logScale, String title, String xTitle, String yTitle) {
        Ticks xt = Ticks.counts(Math.max(1, c.x().get(c.x().size() - 1)), 10);
        Ticks yt = logScale ? Ticks.log(min(c.y()), max(c.y())) : Ticks.linear(0, max(c.y()), 7);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator px = x -> LEFT + plotW * x / xt.hi();
        java.util.function.DoubleUnaryOperator py = y -> TOP + plotH * (1 - yt.position(y));

        g.rect(0, 0, WIDTH, HEIGHT, 0xffffff, -1);
        for (double t : xt.values()) {
            g.line(px.applyAsDouble(t), TOP, px.applyAsDouble(t), TOP + plotH, GRID, 1);
            g.text(px.applyAsDouble(t), TOP + plotH + 18, ChartCanvas.Anchor.MIDDLE, 12, false, LABELS, xt.label(t));
        }
        for (double t : yt.values()) {
            g.line(LEFT, py.applyAsDouble(t), LEFT + plotW, py.applyAsDouble(t), GRID, 1);
            g.text(LEFT - 8, py.applyAsDouble(t) + 4, ChartCanvas.Anchor.END, 12, false, LABELS, yt.label(t));
        }
        g.rect(LEFT, TOP, plotW, plotH, -1, FRAME);
        List<double[]> points = columns(c, px, py);
        g.polyline(points, CURVE, 2);
        if (c.x().size() <= 60) {
            for (double[] p : points) {
                g.circle(p[0], p[1], 3, CURVE);
            }
        }
        g.text(WIDTH / 2.0, 28, ChartCanvas.Anchor.MIDDLE, 16, true, TITLES, title);
        g.text(LEFT + plotW / 2, HEIGHT - 16, ChartCanvas.Anchor.MIDDLE, 14, false, TITLES, xTitle);
        g.verticalText(22, TOP + plotH / 2, 14, TITLES, yTitle);
    }

    /** Of the points in one half-pixel column, the lowest and the highest (in the order they come). */
    private static List<double[]> columns(TrainPlot.Curve c, java.util.function.DoubleUnaryOperator px,
            java.util.function.DoubleUnaryOperator py) {
        List<double[]> out = new ArrayList<>();
        int column = Integer.MIN_VALUE;
        double[] low = null;
        double[] high = null;
        for (int i = 0; i < c.x().size(); i++) {
            double[] p = {px.applyAsDouble(c.x().get(i)), py.applyAsDouble(c.y().get(i))};
            int col = (int) Math.floor(p[0] * 2);
            if (col != column) {
                flush(out, low, high);
                column = col;
                low = p;
                high = p;
            } else if (p[1] > low[1]) {
                low = p;
            } else if (p[1] < high[1]) {
                high = p;
            }
        }
        flush(out, low, high);
        return out;
    }

    private static void flush(List<double[]> out, double[] a, double[] b) {
        if (a == null) {
            return;
        }
        out.add(a[0] <= b[0] ? a : b);
        if (a != b) {
            out.add(a[0] <= b[0] ? b : a);
        }
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    }
}
