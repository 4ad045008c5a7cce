package dev.chainrule.render.train;

import java.util.List;
import java.util.Locale;

/** A {@link ChartCanvas} that writes an SVG element: words as SVG text, coordinates to a tenth of a unit. */
final class SvgCanvas implements ChartCanvas {
    private final StringBuilder s = new StringBuilder();

    SvgCanvas(int width, int height, String title) {
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n")
                .append("<title>").append(xml(title)).append("</title>\n");
    }

    /** The finished {@code <svg>} element. */
    String finish() {
        return s + "</svg>\n";
    }

    @Override
    public void rect(double x, double y, double w, double h, int fill, int stroke) {
        s.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(colour(fill)).append('"')
                .append(stroke < 0 ? "" : " stroke=\"" + colour(stroke) + "\"").append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int colour, double width) {
        s.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(colour(colour))
                .append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
    }

    @Override
    public void polyline(List<double[]> points, int colour, double width) {
        s.append("<path fill=\"none\" stroke=\"").append(colour(colour)).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\" d=\"");
        for (int i = 0; i < points.size(); i++) {
            s.append(i == 0 ? "M" : "L").append(n(points.get(i)[0])).append(',').append(n(points.get(i)[1]));
        }
        s.append("\"/>\n");
    }

    @Override
    public void circle(double x, double y, double r, int fill) {
        s.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(colour(fill)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, Anchor anchor, double size, boolean bold, int colour, String text) {
        s.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append('"').append(bold ? " font-weight=\"bold\"" : "").append(" fill=\"").append(colour(colour))
                .append("\" text-anchor=\"").append(anchor.name().toLowerCase(Locale.ROOT)).append("\">")
                .append(xml(text)).append("</text>\n");
    }

    @Override
    public void verticalText(double x, double y, double size, int colour, String text) {
        s.append("<text font-size=\"").append(n(size)).append("\" fill=\"").append(colour(colour))
                .append("\" text-anchor=\"middle\" transform=\"translate(").append(n(x)).append(',').append(n(y))
                .append(") rotate(-90)\">").append(xml(text)).append("</text>\n");
    }

    private static String colour(int rgb) {
        return rgb < 0 ? "none" : String.format(Locale.ROOT, "#%06x", rgb);
    }

    private static String n(double v) {
        String t = String.format(Locale.ROOT, "%.1f", v);
        return t.endsWith(".0") ? t.substring(0, t.length() - 2) : t;
    }

    /** Text as XML character data: the HTML page's escaping, which SVG inside and outside a page reads alike. */
    private static String xml(String text) {
        return dev.chainrule.render.doc.HtmlDoc.escape(text);
    }
}
