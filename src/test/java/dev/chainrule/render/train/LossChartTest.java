package dev.chainrule.render.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The loss chart: round ticks that never pile up (both sides of each border of {@link Ticks}), labels written in
 * full ("0.05", never ".05"), SVG that is well-formed XML with its words as text, a curve whose size does not grow
 * with the run, and a PNG of the same layout.
 */
class LossChartTest {

    private static List<String> labels(Ticks t) {
        return t.values().stream().map(t::label).toList();
    }

    @Test
    void linearTicksAreRoundAndLabelledInFull() {
        assertEquals(List.of("0", "0.01", "0.02", "0.03", "0.04", "0.05", "0.06"), labels(Ticks.linear(0, 0.058, 7)));
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8"), labels(Ticks.linear(0, 0.757, 7)));
        assertEquals(List.of("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"), labels(Ticks.linear(0, 0.6, 7)),
                "a maximum on a tick is the last tick (3·0.1 labelled 0.3)");
        assertEquals(List.of("0", "1,000", "2,000", "3,000", "4,000", "5,000"), labels(Ticks.counts(5000, 10)));
        assertEquals(List.of("0", "1", "2"), labels(Ticks.counts(2, 10)), "epochs step by whole numbers");
        assertEquals(List.of("0", "1"), labels(Ticks.counts(1, 10)));
        assertTrue(Ticks.linear(0, 0, 7).hi() > 0, "a loss of 0 throughout still has an axis");
    }

    @Test
    void logTicksMarkOneTwoFiveUpToTwoDecadesAndDecadesBeyond() {
        // 0.39 … 0.76: less than a decade
        assertEquals(List.of("0.2", "0.5", "1"), labels(Ticks.log(0.39, 0.76)));
        // 0.012 … 0.76: two decades (the border): 1, 2, 5 of each
        assertEquals(List.of("0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"), labels(Ticks.log(0.012, 0.76)));
        // 0.00033 … 0.76: four decades, only the decades
        assertEquals(List.of("0.0001", "0.001", "0.01", "0.1", "1"), labels(Ticks.log(3.3e-4, 0.76)));
        // sixteen decades: every second, labelled as powers of ten below 10⁻⁴
        List<String> wide = labels(Ticks.log(3e-15, 0.5));
        assertEquals(List.of("10⁻¹⁶", "10⁻¹⁴", "10⁻¹²", "10⁻¹⁰", "10⁻⁸", "10⁻⁶", "0.0001", "0.01", "1"), wide);
        Ticks t = Ticks.log(3e-15, 0.5);
        assertTrue(t.values().size() <= 9, "at most nine labels: " + t.values());
        assertEquals(0, t.position(t.lo()), 1e-12);
        assertEquals(1, t.position(t.hi()), 1e-12);
        assertEquals(List.of("0.5", "1"), labels(Ticks.log(0.5, 0.5)), "one value still has an axis");
    }

    @Test
    void tickLabelsAreFullDecimalsOrPowersOfTen() {
        assertEquals("0.05", TrainPlot.tickLabel(0.05));
        assertEquals("0.3", TrainPlot.tickLabel(0.30000000000000004));
        assertEquals("0.0001", TrainPlot.tickLabel(1e-4));
        assertEquals("10⁻⁵", TrainPlot.tickLabel(1e-5));
        assertEquals("2·10⁻⁵", TrainPlot.tickLabel(2e-5));
        assertEquals("100000", TrainPlot.tickLabel(1e5));
        assertEquals("10⁶", TrainPlot.tickLabel(1e6));
        assertEquals("0", TrainPlot.tickLabel(0.0));
    }

    private static TrainPlot.Curve curve(int epochs, double decay) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int e = 0; e <= epochs; e++) {
            x.add((double) e);
            y.add(0.75 * Math.exp(-decay * e) + 0.01 * Math.sin(e));
        }
        return new TrainPlot.Curve(x, y);
    }

    private static Document svg(TrainPlot.Curve c, boolean log, String title) throws Exception {
        SvgCanvas g = new SvgCanvas(LossChart.WIDTH, LossChart.HEIGHT, title);
        LossChart.draw(g, c, log, title, "epoch", "loss");
        byte[] bytes = g.finish().getBytes(StandardCharsets.UTF_8);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    @Test
    void svgIsWellFormedWithItsWordsAsTextAndEscapesTheTitle() throws Exception {
        String hostile = "<script>alert(1)</script> & \"Übung\"";
        Document d = svg(curve(30, 0.05), false, hostile);
        NodeList texts = d.getElementsByTagName("text");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            words.add(texts.item(i).getTextContent());
        }
        assertTrue(words.contains(hostile), "the title as text, escaped: " + words);
        assertTrue(words.containsAll(List.of("0", "0.2", "0.4", "0.6", "0.8", "epoch", "loss")), words.toString());
        assertEquals(0, d.getElementsByTagName("script").getLength());
        assertEquals(31, d.getElementsByTagName("circle").getLength(), "a marker per epoch of a short run");
    }

    @Test
    void aLongRunDrawsAPathOfBoundedSize() throws Exception {
        SvgCanvas g = new SvgCanvas(LossChart.WIDTH, LossChart.HEIGHT, "t");
        LossChart.draw(g, curve(200_000, 1e-4), true, "t", "epoch", "loss");
        String s = g.finish();
        assertTrue(s.length() < 60_000, "SVG of 200,000 epochs: " + s.length() + " characters");
        assertFalse(s.contains("<circle"), "no markers on a long run");
        Document d = svg(curve(200_000, 1e-4), true, "t");
        assertEquals(1, d.getElementsByTagName("path").getLength());
    }

    @Test
    void pngHasTheChartsLayoutAtTwiceItsSize() throws Exception {
        PngCanvas g = new PngCanvas(LossChart.WIDTH, LossChart.HEIGHT, 2);
        LossChart.draw(g, curve(300, 0.01), false, "t", "epoch", "loss");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(g.finish()));
        assertEquals(1600, img.getWidth());
        assertEquals(1000, img.getHeight());
        int curveColour = 0;
        for (int x = 0; x < img.getWidth(); x += 2) {
            for (int y = 0; y < img.getHeight(); y += 2) {
                curveColour += (img.getRGB(x, y) & 0xffffff) == LossChart.CURVE ? 1 : 0;
            }
        }
        assertTrue(curveColour > 200, "the curve is drawn: " + curveColour + " pixels");
    }
}
