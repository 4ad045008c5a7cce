package dev.chainrule.render.train;

import java.util.List;

/** What {@link LossChart} draws with, in chart units (an 800 × 500 box); colours are 0xRRGGBB, -1 for none. */
interface ChartCanvas {
    enum Anchor { START, MIDDLE, END }

    void rect(double x, double y, double w, double h, int fill, int stroke);

    void line(double x1, double y1, double x2, double y2, int colour, double width);

    void polyline(List<double[]> points, int colour, double width);

    void circle(double x, double y, double r, int fill);

    void text(double x, double y, Anchor anchor, double size, boolean bold, int colour, String text);

    /** Text read bottom to top, centred on (x, y). */
    void verticalText(double x, double y, double size, int colour, String text);
}
