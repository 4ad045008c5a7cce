package dev.chainrule.network;

import dev.chainrule.derive.ChainDerivation;
import dev.chainrule.derive.ChainRule;
import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import dev.chainrule.network.spec.ConvNetSpec;
import dev.chainrule.network.spec.ConvNetSpec.Conv2d;
import dev.chainrule.network.spec.ConvNetSpec.Dense;
import dev.chainrule.network.spec.ConvNetSpec.Flatten;
import dev.chainrule.network.spec.ConvNetSpec.Layer;
import dev.chainrule.network.spec.ConvNetSpec.Pool;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.ParamId;
import dev.chainrule.network.spec.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image network as named scalar definitions for one generic sample, as {@link NetworkModel} does for dense
 * layers (contract §5): the pixels {@code x[ch,r,c]}; per conv2d layer l, z[l,f,r,c] = Σ_{ch,p,q} k[l,f,ch,p,q] ·
 * x[ch, r·s+p, c·s+q] + b[l,f] (cross-correlation over the zero-padded input: a padding position adds no term)
 * and a[l,f,r,c] = g(z[l,f,r,c]); per pooling layer a[l,ch,r,c], the window's mean, or its maximum written
 * max(u, v) = v + ReLU(u − v), so that a tie inside a window is a ReLU kink, reported as every kink is; flatten
 * makes no new quantity (the dense layer above reads the image's values channel-major); dense layers z[l,i],
 * a[l,i] as in a dense network, the last one's activations the outputs ŷ; then L. All indices 1-based.
 *
 * <p>∂L/∂k comes from the same {@link ChainRule} as every other gradient: k[l,f,ch,p,q] occurs in every z[l,f,r,c]
 * of its filter, so the chain rule's sum runs over every output position the kernel weight touches (weight
 * sharing); {@link #sharedTerms} lists those positions, ∂L/∂k = Σ_{r,c} δ[l,f,r,c] · x[ch, r·s+p, c·s+q].
 */
public final class ConvModel {
    /** One output position (r, c) of a kernel weight's filter: its pre-activation z and the input it multiplies. */
    public record SharedTerm(int row, int col, Var z, Var input) {
    }

    /** One product of a conv output's sum: a kernel weight and the input value it multiplies there. */
    private record Tap(Var kernel, Var input) {
    }

    private final ConvNetSpec spec;
    private final Definitions forward;
    private final List<Var> outputs = new ArrayList<>();
    private final List<Var> targets = new ArrayList<>();
    /** The values layer l reads, per layer (index l − 1): an image [c][h][w], or null once flat. */
    private final List<Expr[][][]> imageInputs = new ArrayList<>();
    private final Map<String, Double> params = new HashMap<>();
    private ChainRule chainRule;

    public ConvModel(ConvNetSpec spec) {
        this.spec = spec;
        int k = spec.outputCount();
        for (int i = 1; i <= k; i++) {
            outputs.add(NetworkSymbols.unnamedOutput(k, i));
            targets.add(NetworkSymbols.target(k, i));
        }
        this.forward = new Definitions(buildForward());
        for (ParamId id : spec.parameters()) {
            params.put(param(id).name(), spec.parameter(id));
        }
    }

    public ConvNetSpec spec() {
        return spec;
    }

    /** The pixels, conv and pooling outputs, dense z and a, ŷ and L in forward order. */
    public Definitions forward() {
        return forward;
    }

    /** The variable of a parameter: its id as written, e.g. k[1,1,1,2,2]. */
    public Var param(ParamId id) {
        return new Var(id.toString());
    }

    /** Pixel x[ch, r, c] of the input image, 1-based. */
    public static Var pixel(int ch, int r, int c) {
        return new Var("x[" + ch + "," + r + "," + c + "]");
    }

    public Var loss() {
        return new Var("L");
    }

    public List<Var> outputs() {
        return List.copyOf(outputs);
    }

    private Map<String, Expr> buildForward() {
        Map<String, Expr> defs = new LinkedHashMap<>();
        ConvNetSpec.Shape in = spec.shapes().get(0);
        Expr[][][] image = new Expr[in.c()][in.h()][in.w()];
        for (int ch = 0; ch < in.c(); ch++) {
            for (int r = 0; r < in.h(); r++) {
                for (int c = 0; c < in.w(); c++) {
                    image[ch][r][c] = pixel(ch + 1, r + 1, c + 1);
                }
            }
        }
        List<Expr> flat = null;
        int count = spec.layers().size();
        for (int l = 1; l <= count; l++) {
            Layer layer = spec.layer(l);
            imageInputs.add(image);
            if (layer instanceof Conv2d conv) {
                image = conv(l, conv, image, defs);
            } else if (layer instanceof Pool pool) {
                image = pool(l, pool, image, defs);
            } else if (layer instanceof Flatten) {
                flat = flatten(image);
                image = null;
            } else if (layer instanceof Dense dense) {
                flat = NetworkModel.denseLayer(l, dense.layer(), flat, l == count ? outputs : null, defs);
            }
        }
        defs.put(loss().name(), NetworkModel.loss(spec.loss(), spec.huberDelta(), List.copyOf(targets),
                List.copyOf(outputs)));
        return defs;
    }

    /** A layer's named quantity, e.g. named("z", 1, 1, 2, 3) is z[1,1,2,3] (all 1-based). */
    public static Var named(String prefix, int l, int... ix) {
        StringBuilder sb = new StringBuilder(prefix).append('[').append(l);
        for (int i : ix) {
            sb.append(',').append(i);
        }
        return new Var(sb.append(']').toString());
    }

    private Expr[][][] conv(int l, Conv2d conv, Expr[][][] x, Map<String, Expr> defs) {
        ConvNetSpec.Shape out = spec.shapes().get(l);
        Expr[][][] a = new Expr[out.c()][out.h()][out.w()];
        for (int f = 0; f < out.c(); f++) {
            List<Var> zs = new ArrayList<>();
            for (int r = 0; r < out.h(); r++) {
                for (int c = 0; c < out.w(); c++) {
                    List<Expr> terms = new ArrayList<>();
                    for (Tap t : window(l, conv, x, f, r, c)) {
                        terms.add(Exprs.product(t.kernel(), t.input()));
                    }
                    terms.add(param(ParamId.bias(l, f + 1)));
                    Var z = named("z", l, f + 1, r + 1, c + 1);
                    defs.put(z.name(), Exprs.sum(terms));
                    zs.add(z);
                }
            }
            int k = 0;
            for (int r = 0; r < out.h(); r++) {
                for (int c = 0; c < out.w(); c++) {
                    Var av = named("a", l, f + 1, r + 1, c + 1);
                    defs.put(av.name(), NetworkModel.activation(conv.activation(), conv.alpha(), List.of(zs.get(k++)), 1));
                    a[f][r][c] = av;
                }
            }
        }
        return a;
    }

    /**
     * The kernel weights of filter f (0-based) that meet a real (not padding) input at output (r, c), 0-based,
     * each with the input it multiplies.
     */
    private List<Tap> window(int l, Conv2d conv, Expr[][][] x, int f, int r, int c) {
        List<Tap> terms = new ArrayList<>();
        for (int ch = 0; ch < conv.inChannels(); ch++) {
            for (int p = 0; p < conv.kernelHeight(); p++) {
                for (int q = 0; q < conv.kernelWidth(); q++) {
                    int i = r * conv.stride() + p - conv.padding();
                    int j = c * conv.stride() + q - conv.padding();
                    if (i >= 0 && i < x[ch].length && j >= 0 && j < x[ch][0].length) {
                        terms.add(new Tap(param(ParamId.kernel(l, f + 1, ch + 1, p + 1, q + 1)), (Var) x[ch][i][j]));
                    }
                }
            }
        }
        return terms;
    }

    private Expr[][][] pool(int l, Pool pool, Expr[][][] x, Map<String, Expr> defs) {
        ConvNetSpec.Shape out = spec.shapes().get(l);
        Expr[][][] a = new Expr[out.c()][out.h()][out.w()];
        for (int ch = 0; ch < out.c(); ch++) {
            for (int r = 0; r < out.h(); r++) {
                for (int c = 0; c < out.w(); c++) {
                    List<Expr> cells = new ArrayList<>();
                    for (int p = 0; p < pool.size(); p++) {
                        for (int q = 0; q < pool.size(); q++) {
                            cells.add(x[ch][r * pool.stride() + p][c * pool.stride() + q]);
                        }
                    }
                    Var av = named("a", l, ch + 1, r + 1, c + 1);
                    defs.put(av.name(), pool.max() ? max(cells)
                            : Exprs.product(Num.of(1, (long) cells.size()), Exprs.sum(cells)));
                    a[ch][r][c] = av;
                }
            }
        }
        return a;
    }

    /** max(u₁, …, uₙ) as nested v + ReLU(u − v): the derivative passes to the winner; a tie is a ReLU kink. */
    private static Expr max(List<Expr> cells) {
        Expr m = cells.get(0);
        for (int i = 1; i < cells.size(); i++) {
            Expr u = cells.get(i);
            m = Exprs.sum(m, new Expr.Call(Fn.RELU, Exprs.sub(u, m)));
        }
        return m;
    }

    private static List<Expr> flatten(Expr[][][] image) {
        List<Expr> flat = new ArrayList<>();
        for (Expr[][] channel : image) {
            for (Expr[] row : channel) {
                flat.addAll(List.of(row));
            }
        }
        return flat;
    }

    /** The chain rule over these definitions, made on first use. */
    public ChainRule chainRule() {
        if (chainRule == null) {
            chainRule = new ChainRule(forward);
        }
        return chainRule;
    }

    /**
     * ∂L/∂{@code id} for one sample, derived by the rules (intermediates kept as names).
     *
     * @throws dev.chainrule.UserError when the network has no such parameter, or L does not depend on it
     */
    public ChainDerivation derivation(ParamId id) {
        spec.parameter(id); // one line for a parameter the network does not have
        return chainRule().derive(loss(), param(id));
    }

    /**
     * ∂L/∂{@code id} for one sample as an expression in the network's names: the derivation's result, or 0 for a
     * parameter L does not depend on (a kernel weight that meets only padding, or only outputs no window reads).
     */
    public Expr gradient(ParamId id) {
        spec.parameter(id);
        return forward.dependsOn(loss().name(), param(id).name()) ? derivation(id).result() : Num.ZERO;
    }

    /**
     * δ = ∂L/∂z for one conv output z[l,f,r,c], derived by the rules; 0 for an output the layers above never read
     * (a row or column a pooling window leaves out).
     */
    public Expr delta(Var z) {
        return lossGradient(z);
    }

    /**
     * ∂L/∂v for one sample, for any quantity v of the forward pass or a pixel, derived by the rules; 0 when L does
     * not depend on it (an output no pooling window reads).
     */
    public Expr lossGradient(Var v) {
        return forward.dependsOn(loss().name(), v.name()) ? chainRule().derive(loss(), v).result() : Num.ZERO;
    }

    /** The activation of unit i of dense layer l (1-based): a[l,i], or ŷ for the last layer. */
    public Var denseActivation(int l, int i) {
        return l == spec.layers().size() ? outputs.get(i - 1) : named("a", l, i);
    }

    /**
     * The output positions a kernel weight k[l,f,ch,p,q] touches, in row-major order: its gradient is
     * Σ_{r,c} ∂L/∂z[l,f,r,c] · (the input at x[ch, r·s+p, c·s+q]); positions where it meets padding are left out.
     *
     * @throws IllegalArgumentException when {@code id} is not a kernel weight of the network
     */
    public List<SharedTerm> sharedTerms(ParamId id) {
        if (!id.isKernel()) {
            throw new IllegalArgumentException(id + " is not a kernel weight");
        }
        spec.parameter(id);
        int l = id.layer();
        Conv2d conv = (Conv2d) spec.layer(l);
        ConvNetSpec.Shape out = spec.shapes().get(l);
        List<SharedTerm> terms = new ArrayList<>();
        for (int r = 0; r < out.h(); r++) {
            for (int c = 0; c < out.w(); c++) {
                for (Tap t : window(l, conv, imageInputs.get(l - 1), id.neuron() - 1, r, c)) {
                    if (t.kernel().equals(param(id))) {
                        terms.add(new SharedTerm(r + 1, c + 1, named("z", l, id.neuron(), r + 1, c + 1), t.input()));
                    }
                }
            }
        }
        return terms;
    }

    /** Current parameter values by name. */
    public Map<String, Double> parameterValues() {
        return params;
    }

    /** Pixels and targets of sample {@code n} (1-based) on top of the parameters. */
    public Map<String, Double> sampleValues(int n) {
        Sample s = spec.data().get(n - 1);
        Map<String, Double> own = new HashMap<>();
        ConvNetSpec.Shape in = spec.shapes().get(0);
        int k = 0;
        for (int ch = 1; ch <= in.c(); ch++) {
            for (int r = 1; r <= in.h(); r++) {
                for (int c = 1; c <= in.w(); c++) {
                    own.put(pixel(ch, r, c).name(), s.xAt(k++));
                }
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            own.put(targets.get(i).name(), s.yAt(i));
        }
        return NetworkModel.layered(own, params);
    }
}
