package dev.chainrule.render.train;

import dev.chainrule.render.doc.NetworkNames;
import dev.chainrule.expr.Fmt;
import dev.chainrule.UserError;
import dev.chainrule.train.TrainResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loss curve (epoch 0 = before training, then after each epoch) as a PNG or SVG chart ({@link LossChart}) for
 * --plot and the HTML page; its points are also what the LaTeX figure draws ({@link TrainPgfplot}). On a log scale,
 * epochs whose loss is not positive are left out (a log axis cannot show them).
 */
public final class TrainPlot {
    private TrainPlot() {
    }

    /** The format a file name asks for: "png" or "svg". @throws UserError for any other extension */
    public static String formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".svg")) {
            return "svg";
        }
        throw new UserError("--plot " + file + ": the file name must end in .png or .svg");
    }

    public static void write(TrainResult r, Path file, boolean logScale) {
        String format = formatOf(file);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserError("cannot write " + file + ": its folder does not exist; create it first");
        }
        Curve c = curve(r, logScale, Integer.MAX_VALUE, Integer.MAX_VALUE);
        byte[] bytes;
        if (format.equals("png")) {
            // 144 dpi: twice the chart's 800 × 500 units
            PngCanvas g = new PngCanvas(LossChart.WIDTH, LossChart.HEIGHT, 2);
            draw(g, r, c, logScale);
            bytes = g.finish();
        } else {
            bytes = (XML_PROLOGUE + svg(r, c, logScale)).getBytes(StandardCharsets.UTF_8);
        }
        try {
            // written in place, not moved: a failed write (a full disk, /dev/full) is an error, and a device is
            // never replaced
            dev.chainrule.io.TextFiles.write(file, bytes);
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The chart (linear loss axis) as an SVG element to inline in an HTML page ({@link LossChart}). */
    public static String svg(TrainResult r) {
        return svg(r, curve(r, false, SVG_ALL_EPOCHS_UP_TO, SVG_POINTS), false);
    }

    private static String svg(TrainResult r, Curve c, boolean logScale) {
        SvgCanvas g = new SvgCanvas(LossChart.WIDTH, LossChart.HEIGHT, title(r));
        draw(g, r, c, logScale);
        return g.finish();
    }

    private static void draw(ChartCanvas g, TrainResult r, Curve c, boolean logScale) {
        if (c.x().isEmpty()) {
            throw new UserError("--plot: no loss to plot" + (logScale ? " on a log scale (no positive loss)" : ""));
        }
        LossChart.draw(g, c, logScale, title(r), X_TITLE, yTitle(r, logScale));
    }

    private static final String XML_PROLOGUE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String X_TITLE = "epoch (0 = before training)";

    private static String title(TrainResult r) {
        String name = r.spec().name() != null && !r.spec().name().isBlank() ? r.spec().name() : r.spec().shape();
        return "Training loss · " + name + " · " + r.optimizer().name() + ", η = "
                + Fmt.num(r.optimizer().learningRate(), 6).replace('−', '-') + ", batch size " + r.batchSize();
    }

    private static String yTitle(TrainResult r, boolean logScale) {
        return "loss (" + NetworkNames.lossName(r.spec()) + ", " + r.spec().reduction().name().toLowerCase(Locale.ROOT)
                + ")" + (logScale ? ", log scale" : "");
    }

    /**
     * The inline SVG draws every epoch of a run up to this many (every run without --allow-long); of a longer one
     * every k-th epoch and the last, {@value #SVG_POINTS} points or so: a path of a million points made the HTML
     * page run out of memory, and an 800-pixel chart shows no more.
     */
    static final int SVG_ALL_EPOCHS_UP_TO = 100_000;
    static final int SVG_POINTS = 20_000;

    /** The points of a curve: epoch and loss. */
    record Curve(List<Double> x, List<Double> y) {
    }

    /**
     * Epoch 0 and every epoch of a run up to {@code allUpTo} epochs; of a longer one every k-th epoch and the
     * last, about {@code points} in all. Losses a (log) axis cannot show are left out.
     */
    static Curve curve(TrainResult r, boolean logScale, int allUpTo, int points) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        add(x, y, 0, r.initialLoss(), logScale);
        List<TrainResult.Epoch> epochs = r.epochs();
        int every = epochs.size() <= allUpTo ? 1 : (epochs.size() + points - 1) / points;
        for (int i = 0; i < epochs.size(); i++) {
            if (i % every == every - 1 || i == epochs.size() - 1) {
                TrainResult.Epoch e = epochs.get(i);
                add(x, y, e.epoch(), e.loss(), logScale);
            }
        }
        return new Curve(x, y);
    }

    private static void add(List<Double> x, List<Double> y, int epoch, double loss, boolean logScale) {
        if (!Double.isFinite(loss) || logScale && loss <= 0) {
            return;
        }
        x.add((double) epoch);
        y.add(loss);
    }

    /**
     * A loss-axis tick label: the shortest decimal of the tick to 10 significant digits ("0.05", not ".05"; "0.3",
     * not "0.30000000000000004"), and outside 10⁻⁴ … 10⁶ a power of ten as "10⁻⁵" or "2·10⁻⁵".
     */
    static String tickLabel(Double v) {
        if (v == 0) {
            return "0";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return d.toPlainString().replace('-', '−');
        }
        int exponent = d.precision() - d.scale() - 1;
        String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString().replace('-', '−');
        return (mantissa.equals("1") ? "" : mantissa.equals("−1") ? "−" : mantissa + "·") + "10"
                + superscript(exponent);
    }

    private static String superscript(int n) {
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            sb.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return sb.toString();
    }
}
