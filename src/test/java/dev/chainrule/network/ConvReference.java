package dev.chainrule.network;

/**
 * A plain-Java forward pass of an image network, written from the contract's formulas (§5) and nothing of the
 * engine: cross-correlation over a zero-padded input, ReLU or tanh, max or mean pooling, channel-major flatten, one
 * dense layer with a sigmoid (BCE) or identity (SE) output. The tests' independent reference for the loss, and,
 * by central differences, for every gradient.
 */
final class ConvReference {
    /** kernels[f][ch][p][q]; pool 0 = none, else its size (stride = size); mean = avgpool. */
    record Net(double[][][][] kernels, double[] convBias, int stride, int padding, boolean relu, int pool,
               boolean mean, double[][] dense, double[] denseBias, boolean sigmoidBce) {
    }

    /** Smallest distance of a ReLU input from 0 or of two pooled values in a window, for avoiding kinks. */
    double kinkMargin;

    double loss(Net n, double[][][] x, double[] y) {
        kinkMargin = Double.POSITIVE_INFINITY;
        int filters = n.kernels().length;
        int kh = n.kernels()[0][0].length;
        int kw = n.kernels()[0][0][0].length;
        int h = x[0].length + 2 * n.padding();
        int w = x[0][0].length + 2 * n.padding();
        int oh = (h - kh) / n.stride() + 1;
        int ow = (w - kw) / n.stride() + 1;
        double[][][] a = new double[filters][oh][ow];
        for (int f = 0; f < filters; f++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    double z = n.convBias()[f];
                    for (int ch = 0; ch < x.length; ch++) {
                        for (int p = 0; p < kh; p++) {
                            for (int q = 0; q < kw; q++) {
                                z += n.kernels()[f][ch][p][q] * padded(x, ch, r * n.stride() + p, c * n.stride() + q,
                                        n.padding());
                            }
                        }
                    }
                    if (n.relu()) {
                        kinkMargin = Math.min(kinkMargin, Math.abs(z));
                    }
                    a[f][r][c] = n.relu() ? Math.max(0, z) : Math.tanh(z);
                }
            }
        }
        if (n.pool() > 0) {
            a = pool(a, n.pool(), n.mean());
        }
        double[] flat = new double[a.length * a[0].length * a[0][0].length];
        int k = 0;
        for (double[][] channel : a) {
            for (double[] row : channel) {
                for (double v : row) {
                    flat[k++] = v;
                }
            }
        }
        double loss = 0;
        for (int i = 0; i < n.dense().length; i++) {
            double z = n.denseBias()[i];
            for (int j = 0; j < flat.length; j++) {
                z += n.dense()[i][j] * flat[j];
            }
            if (n.sigmoidBce()) {
                double yhat = 1 / (1 + Math.exp(-z));
                loss += -(y[i] * Math.log(yhat) + (1 - y[i]) * Math.log(1 - yhat));
            } else {
                loss += (y[i] - z) * (y[i] - z);
            }
        }
        return loss;
    }

    private static double padded(double[][][] x, int ch, int i, int j, int padding) {
        int r = i - padding;
        int c = j - padding;
        return r < 0 || c < 0 || r >= x[ch].length || c >= x[ch][0].length ? 0 : x[ch][r][c];
    }

    private double[][][] pool(double[][][] a, int size, boolean mean) {
        int oh = (a[0].length - size) / size + 1;
        int ow = (a[0][0].length - size) / size + 1;
        double[][][] out = new double[a.length][oh][ow];
        for (int ch = 0; ch < a.length; ch++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double second = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int p = 0; p < size; p++) {
                        for (int q = 0; q < size; q++) {
                            double v = a[ch][r * size + p][c * size + q];
                            sum += v;
                            if (v > best) {
                                second = best;
                                best = v;
                            } else if (v > second) {
                                second = v;
                            }
                        }
                    }
                    if (!mean && size > 1) {
                        kinkMargin = Math.min(kinkMargin, best - second);
                    }
                    out[ch][r][c] = mean ? sum / (size * size) : best;
                }
            }
        }
        return out;
    }
}
