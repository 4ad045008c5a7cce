package dev.chainrule.render.explain;

import dev.chainrule.derive.LocalDerivative;
import dev.chainrule.expr.Fmt;
import dev.chainrule.expr.TextPrinter;
import dev.chainrule.network.ConvAnalysis.Explanation;
import dev.chainrule.network.ConvAnalysis.LayerPass;
import dev.chainrule.network.ConvAnalysis.Pass;
import dev.chainrule.network.spec.ConvNetSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward and backward pass of an image network in text, one sample at a time: every layer's maps as number
 * grids, then the backward pass layer by layer with the rule that moves δ down — the dense δ, Σ w·δ back through
 * flatten (reshaped to the image), max pooling's routing to each window's winner (avg: an equal share), δ = ∂L/∂a ·
 * g′(z) in a conv layer, and ∂L/∂x as the full convolution of δ with the kernel turned by 180°. Every number comes
 * from the analysis ({@link Pass}); this class only lays them out.
 */
final class ConvPassText {
    private static final int DIGITS = 5;

    private final StringBuilder sb;
    private final Explanation x;
    private final ConvNetSpec spec;

    private ConvPassText(StringBuilder sb, Explanation x) {
        this.sb = sb;
        this.x = x;
        this.spec = x.spec();
    }

    /** Appends the passes of {@code x} (nothing when the network was too large for them to be written). */
    static void write(StringBuilder sb, Explanation x) {
        new ConvPassText(sb, x).write();
    }

    private void write() {
        if (x.passes().isEmpty()) {
            sb.append("\n(the forward and backward passes are not written out: the network has more values than ")
                    .append(dev.chainrule.network.ConvAnalysis.MAX_PASS_VALUES).append(")\n");
            return;
        }
        for (Pass p : x.passes()) {
            forward(p);
            backward(p);
        }
        int n = spec.data().size();
        if (n > x.passes().size()) {
            sb.append("\n(the other ").append(n - x.passes().size() == 1 ? "sample goes" : n - x.passes().size()
                    + " samples go").append(" the same way; the gradients below are over all ").append(n).append(")\n");
        }
    }

    private void forward(Pass p) {
        sb.append("\nForward pass, sample ").append(p.sample()).append('\n');
        images("  ", "x", p.input(), spec.channels() == 1 ? null : "channel");
        for (LayerPass lp : p.layers()) {
            int l = lp.layer();
            ConvNetSpec.Layer layer = spec.layer(l);
            sb.append("  layer ").append(l).append(' ').append(ConvExplainRenderer.type(layer)).append(": ");
            if (layer instanceof ConvNetSpec.Conv2d conv) {
                sb.append("z[").append(l).append(",f,r,c] = Σ_{ch,p,q} k[").append(l).append(",f,ch,p,q] · x[ch, ")
                        .append(index("r", conv.stride(), conv.padding())).append(", ")
                        .append(index("c", conv.stride(), conv.padding())).append("] + b[").append(l).append(",f]")
                        .append("   (cross-correlation, stride ").append(conv.stride())
                        .append(conv.padding() == 0 ? ", no padding" : ", zero padding " + conv.padding()).append(")\n");
                images("    ", "z[" + l + "]", lp.z(), "filter");
                images("    ", "a[" + l + "] = " + conv.activation().symbol() + "(z)", lp.a(), "filter");
            } else if (layer instanceof ConvNetSpec.Pool pool) {
                sb.append(pool.max() ? "the maximum" : "the mean").append(" of each ").append(pool.size()).append('×')
                        .append(pool.size()).append(" window, stride ").append(pool.stride()).append('\n');
                images("    ", "a[" + l + "]", lp.a(), "channel");
                if (pool.max()) {
                    winners(lp, pool);
                }
            } else if (layer instanceof ConvNetSpec.Flatten) {
                sb.append("the image as one vector, channel-major (ch, r, c)\n");
                vector("    ", "a[" + l + "]", lp.a());
            } else {
                ConvNetSpec.Dense dense = (ConvNetSpec.Dense) layer;
                boolean last = l == spec.layers().size();
                sb.append("z[").append(l).append(",i] = Σ_j w[").append(l).append(",i,j] · a[").append(l - 1)
                        .append(",j] + b[").append(l).append(",i],   ").append(last ? "ŷ" : "a[" + l + ",i]").append(" = ")
                        .append(dense.layer().activation().symbol()).append("(z)\n");
                vector("    ", "z[" + l + "]", lp.z());
                vector("    ", last ? "ŷ" : "a[" + l + "]", lp.a());
            }
        }
        sb.append("  L = ").append(Fmt.num(p.loss(), 8)).append("   (this sample's loss)\n");
    }

    /** "r + p − 1" for stride 1 without padding, else "s·(r − 1) + p − pad". */
    private static String index(String r, int stride, int padding) {
        String base = stride == 1 ? r + " + " + (r.equals("r") ? "p" : "q") : stride + "·(" + r + " − 1) + " + (r.equals("r") ? "p" : "q");
        int shift = stride == 1 ? 1 + padding : padding;
        return shift == 0 ? base : base + " − " + shift;
    }

    private void winners(LayerPass lp, ConvNetSpec.Pool pool) {
        List<String> parts = new ArrayList<>();
        int ties = 0;
        for (int ch = 0; ch < lp.winners().length; ch++) {
            for (int r = 0; r < lp.winners()[ch].length; r++) {
                for (int c = 0; c < lp.winners()[ch][r].length; c++) {
                    int w = lp.winners()[ch][r][c];
                    String window = "(" + (spec.channels() > 1 || lp.winners().length > 1 ? (ch + 1) + "," : "") + (r + 1)
                            + "," + (c + 1) + ")";
                    if (w < 0) {
                        parts.add(window + " tie");
                        ties++;
                    } else {
                        parts.add(window + " ← (" + (r * pool.stride() + w / pool.size() + 1) + ","
                                + (c * pool.stride() + w % pool.size() + 1) + ")");
                    }
                }
            }
        }
        sb.append("    winners (window ← the input cell it passes on): ").append(String.join(", ", parts)).append('\n');
        if (ties > 0) {
            sb.append("    a tie is a kink: the derivative goes to one of the tied cells, and the checks below say where\n");
        }
    }

    private void backward(Pass p) {
        sb.append("\nBackward pass, sample ").append(p.sample())
                .append("   (each number is ∂L/∂v of this sample, from the derivation the rules give)\n");
        List<LayerPass> layers = p.layers();
        for (int k = layers.size() - 1; k >= 0; k--) {
            LayerPass lp = layers.get(k);
            int l = lp.layer();
            ConvNetSpec.Layer layer = spec.layer(l);
            sb.append("  layer ").append(l).append(' ').append(ConvExplainRenderer.type(layer)).append(": ");
            if (layer instanceof ConvNetSpec.Dense) {
                boolean last = l == spec.layers().size();
                if (last) {
                    sb.append("δ[").append(l).append(",i] = ∂L/∂z[").append(l).append(",i]");
                    if (x.outputDeltas().size() == 1) {
                        sb.append(" = ").append(TextPrinter.str(x.outputDeltas().get(0)));
                    }
                    sb.append('\n');
                } else {
                    sb.append("δ[").append(l).append(",i] = (Σ_k w[").append(l + 1).append(",k,i] · δ[").append(l + 1)
                            .append(",k]) · ").append(derivative(l)).append('\n');
                }
                vector("    ", "δ[" + l + "]", lp.delta());
            } else if (layer instanceof ConvNetSpec.Flatten) {
                sb.append("∂L/∂a[").append(l).append(",j] = Σ_i w[").append(l + 1).append(",i,j] · δ[").append(l + 1)
                        .append(",i]   (Wᵀδ), then back to the image's shape\n");
                vector("    ", "∂L/∂a[" + l + "]", lp.lossByA());
            } else if (layer instanceof ConvNetSpec.Pool pool) {
                sb.append("∂L/∂a[").append(l).append("] is the layer above's, as an image\n");
                images("    ", "∂L/∂a[" + l + "]", lp.lossByA(), "channel");
                LayerPass below = layers.get(k - 1 >= 0 ? k - 1 : 0);
                if (k > 0) {
                    sb.append(pool.max() ? "    max pooling passes each window's ∂L/∂a to its winner, 0 to the other cells"
                            : "    average pooling gives each cell of a window 1/" + pool.size() * pool.size()
                            + " of the window's ∂L/∂a").append(" (cells in several windows add up)\n");
                    images("    ", "∂L/∂a[" + below.layer() + "]", below.lossByA(), "channel");
                }
            } else if (layer instanceof ConvNetSpec.Conv2d conv) {
                sb.append("δ[").append(l).append(",f,r,c] = ∂L/∂a[").append(l).append(",f,r,c] · ").append(derivative(l))
                        .append('\n');
                if (k == layers.size() - 1 || !(spec.layer(l + 1) instanceof ConvNetSpec.Pool)) {
                    images("    ", "∂L/∂a[" + l + "]", lp.lossByA(), "filter");
                }
                images("    ", "δ[" + l + "]", lp.delta(), "filter");
                if (k == 0) {
                    inputGradient(p, conv, l);
                } else {
                    sb.append("    (the layer below gets ∂L/∂a[").append(l - 1)
                            .append("] as the full convolution of δ with the kernel turned by 180°)\n");
                }
            }
        }
    }

    private void inputGradient(Pass p, ConvNetSpec.Conv2d conv, int l) {
        sb.append("  input: ∂L/∂x[ch,i,j] = Σ_f Σ_{(r,c,p,q): x[ch,i,j] is under k[").append(l)
                .append(",f,ch,p,q] at (r,c)} δ[").append(l).append(",f,r,c] · k[").append(l).append(",f,ch,p,q]\n");
        if (conv.stride() == 1 && conv.padding() == 0) {
            sb.append("    = the full convolution of δ[").append(l)
                    .append("] (zero-padded by the kernel's size − 1) with the kernel turned by 180°\n");
        }
        images("    ", "∂L/∂x", p.lossByInput(), spec.channels() == 1 ? null : "channel");
    }

    /** g′(z) of layer l as the rules derive it (a's local derivative), with its rule. */
    private String derivative(int l) {
        LocalDerivative d = x.activationDerivatives().get(l);
        if (d == null) {
            return "g′(z)";
        }
        // the rule that differentiates the activation (a tidying step after it, such as "recognise", is not the point)
        String rules = d.derivation().rules().isEmpty() ? "" : d.derivation().rules().get(0).label();
        return "∂a/∂z, ∂" + TextPrinter.str(d.of()) + "/∂" + TextPrinter.str(d.wrt()) + " = "
                + TextPrinter.str(d.derivation().result()) + (rules.isEmpty() ? "" : "   (" + rules + ")");
    }

    private void vector(String indent, String label, double[][][] v) {
        sb.append(indent).append(label).append(" = (");
        double[] row = v[0][0];
        for (int i = 0; i < row.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Fmt.num(row[i], DIGITS));
        }
        sb.append(")\n");
    }

    /** Each map of {@code maps} as a bracketed grid, named "label (filter f)" when there are several. */
    private void images(String indent, String label, double[][][] maps, String what) {
        for (int m = 0; m < maps.length; m++) {
            String head = label + (maps.length > 1 && what != null ? " (" + what + " " + (m + 1) + ")" : "") + "  ";
            grid(indent, head, maps[m]);
        }
    }

    private void grid(String indent, String head, double[][] g) {
        int cols = g[0].length;
        String[][] cells = new String[g.length][cols];
        int[] width = new int[cols];
        for (int r = 0; r < g.length; r++) {
            for (int c = 0; c < cols; c++) {
                cells[r][c] = Fmt.num(g[r][c], DIGITS);
                width[c] = Math.max(width[c], Fmt.width(cells[r][c]));
            }
        }
        String pad = " ".repeat(Fmt.width(head));
        for (int r = 0; r < g.length; r++) {
            sb.append(indent).append(r == 0 ? head : pad).append('[');
            for (int c = 0; c < cols; c++) {
                sb.append(' ').append(" ".repeat(width[c] - Fmt.width(cells[r][c]))).append(cells[r][c]);
            }
            sb.append(" ]\n");
        }
    }
}
