package dev.chainrule.render.train;

import dev.chainrule.train.TrainResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Which epochs a report's table lists: all of a short run; of a long one the first few, then every n-th (n a round
 * number: 1, 2 or 5 times a power of ten, so that about {@code limit} rows remain), and the last.
 */
final class EpochSelection {
    private EpochSelection() {
    }

    static List<TrainResult.Epoch> of(List<TrainResult.Epoch> epochs, int limit, int first) {
        if (epochs.size() <= limit) {
            return epochs;
        }
        int n = stride(epochs.size(), limit, first);
        List<TrainResult.Epoch> out = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            int e = epochs.get(i).epoch();
            if (e <= first || e % n == 0 || i == epochs.size() - 1) {
                out.add(epochs.get(i));
            }
        }
        return out;
    }

    /** The step between listed epochs after the first {@code first}. */
    static int stride(int count, int limit, int first) {
        int raw = (count + limit - first - 1) / (limit - first);
        for (long p = 1; ; p *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (m * p >= raw) {
                    return (int) Math.min(Integer.MAX_VALUE, m * p);
                }
            }
        }
    }
}
