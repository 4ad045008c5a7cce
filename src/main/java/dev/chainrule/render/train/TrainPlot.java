package dev.chainrule.render.train;

import dev.chainrule.render.doc.NetworkNames;
import dev.chainrule.expr.Fmt;
import dev.chainrule.UserError;
import dev.chainrule.train.TrainResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curve (epoch 0 = before training, then after each epoch) as a PNG or SVG chart, drawn with XChart in
 * headless mode. On a log scale, epochs whose loss is not positive are left out (a log axis cannot show them).
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
        System.setProperty("java.awt.headless", "true");
        XYChart chart = chart(r, logScale);
        // XChart appends ".png"/".svg" to the name it is given (even to "LOSS.PNG"): write beside the target, then move
        Path dir = parent == null ? Path.of(".") : parent;
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".chainrule-plot-", "");
            Files.delete(tmp);
            String base = tmp.toString();
            Path written = Path.of(base + "." + format);
            if (format.equals("png")) {
                BitmapEncoder.saveBitmapWithDPI(chart, base, BitmapEncoder.BitmapFormat.PNG, 144);
            } else {
                VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
            // copied, not moved: a failed write (a full disk, /dev/full) is an error, and a device is never replaced
            dev.chainrule.io.TextFiles.write(file, Files.readAllBytes(written));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + dev.chainrule.io.TextFiles.reason(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(Path.of(tmp + "." + format));
                } catch (IOException ignored) {
                    // nothing left to clean up that matters
                }
            }
        }
    }

    /**
     * The chart (linear loss axis) as an SVG element to inline in an HTML page: XChart's document without its XML
     * declaration and doctype. XChart draws text as glyph outlines, so the SVG holds no text (and no user text to
     * escape); it is about 330 kB.
     */
    public static String svg(TrainResult r) {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart(r, false, SVG_ALL_EPOCHS_UP_TO), out,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        int at = svg.indexOf("<svg");
        return at < 0 ? svg : svg.substring(at);
    }

    /**
     * The inline SVG draws every epoch of a run up to this many (every run without --allow-long); of a longer one
     * every k-th epoch and the last, {@value #SVG_POINTS} points or so: a path of a million points made the HTML
     * page run out of memory, and an 800-pixel chart shows no more.
     */
    static final int SVG_ALL_EPOCHS_UP_TO = 100_000;
    static final int SVG_POINTS = 20_000;

    static XYChart chart(TrainResult r, boolean logScale) {
        return chart(r, logScale, Integer.MAX_VALUE);
    }

    static XYChart chart(TrainResult r, boolean logScale, int allUpTo) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        add(x, y, 0, r.initialLoss(), logScale);
        List<TrainResult.Epoch> epochs = r.epochs();
        int every = epochs.size() <= allUpTo ? 1 : (epochs.size() + SVG_POINTS - 1) / SVG_POINTS;
        for (int i = 0; i < epochs.size(); i++) {
            if (i % every == every - 1 || i == epochs.size() - 1) {
                TrainResult.Epoch e = epochs.get(i);
                add(x, y, e.epoch(), e.loss(), logScale);
            }
        }
        if (x.isEmpty()) {
            throw new UserError("--plot: no loss to plot" + (logScale ? " on a log scale (no positive loss)" : ""));
        }
        String title = r.spec().name() != null && !r.spec().name().isBlank() ? r.spec().name() : r.spec().shape();
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Training loss · " + title + " · " + r.optimizer().name() + ", η = "
                        + Fmt.num(r.optimizer().learningRate(), 6).replace('−', '-') + ", batch size " + r.batchSize())
                .xAxisTitle("epoch (0 = before training)")
                .yAxisTitle("loss (" + NetworkNames.lossName(r.spec()) + ", "
                        + r.spec().reduction().name().toLowerCase(Locale.ROOT) + ")" + (logScale ? ", log scale" : ""))
                .build();
        var st = chart.getStyler();
        st.setLegendVisible(false);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setPlotBorderColor(new Color(0xBBBBBB));
        st.setPlotGridLinesColor(new Color(0xE4E4E4));
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setAntiAlias(true);
        st.setYAxisLogarithmic(logScale);
        st.setXAxisDecimalPattern("#,###");
        st.setXAxisTickMarkSpacingHint(90);
        st.setXAxisMaxLabelCount(12);
        st.setYAxisLogarithmicDecadeOnly(false);
        st.setAxisTicksLineVisible(false);
        if (!logScale) {
            st.setYAxisMin(0.0);
        }
        XYSeries s = chart.addSeries("loss", x, y);
        s.setLineColor(new Color(0x1F77B4));
        s.setLineStyle(new BasicStroke(2f));
        s.setMarker(x.size() <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setMarkerColor(new Color(0x1F77B4));
        if (x.size() > 15) {
            // XChart puts a tick at every data point of an equally spaced x axis (its spacing hint is ignored
            // then); an invisible point off the grid makes it choose round ticks instead
            XYSeries helper = chart.addSeries(" ", new double[] {x.get(0) + 0.5}, new double[] {y.get(0)});
            helper.setMarker(SeriesMarkers.NONE);
            helper.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
            helper.setShowInLegend(false);
        }
        return chart;
    }

    private static void add(List<Double> x, List<Double> y, int epoch, double loss, boolean logScale) {
        if (!Double.isFinite(loss) || logScale && loss <= 0) {
            return;
        }
        x.add((double) epoch);
        y.add(loss);
    }
}
