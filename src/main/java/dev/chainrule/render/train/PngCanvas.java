package dev.chainrule.render.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** A {@link ChartCanvas} that paints an antialiased image with Java2D (headless), {@code scale} pixels a unit. */
final class PngCanvas implements ChartCanvas {
    private final BufferedImage image;
    private final Graphics2D g;

    PngCanvas(int width, int height, double scale) {
        System.setProperty("java.awt.headless", "true");
        image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
    }

    /** The image as PNG bytes. */
    byte[] finish() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void rect(double x, double y, double w, double h, int fill, int stroke) {
        Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
        if (fill >= 0) {
            g.setColor(new Color(fill));
            g.fill(r);
        }
        if (stroke >= 0) {
            g.setColor(new Color(stroke));
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int colour, double width) {
        g.setColor(new Color(colour));
        g.setStroke(new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(List<double[]> points, int colour, double width) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            if (i == 0) {
                p.moveTo(points.get(i)[0], points.get(i)[1]);
            } else {
                p.lineTo(points.get(i)[0], points.get(i)[1]);
            }
        }
        g.setColor(new Color(colour));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    @Override
    public void circle(double x, double y, double r, int fill) {
        g.setColor(new Color(fill));
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    @Override
    public void text(double x, double y, Anchor anchor, double size, boolean bold, int colour, String text) {
        Font f = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
        g.setFont(f);
        g.setColor(new Color(colour));
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double at = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - w / 2;
            case END -> x - w;
        };
        g.drawString(text, (float) at, (float) y);
    }

    @Override
    public void verticalText(double x, double y, double size, int colour, String text) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        text(0, 0, Anchor.MIDDLE, size, false, colour, text);
        g.setTransform(saved);
    }
}
