package dev.chainrule.freeform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The point of {@code --at}: the values given (in the order given), the forward pass through the named
 * intermediates in computing order (the quantity being differentiated last), and its value.
 */
public record Point(Map<String, Double> given, List<ForwardValue> forward, double value) {
    public Point {
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        forward = List.copyOf(forward);
    }

    /** Every value known at the point: the given ones and the forward values, by name. */
    public Map<String, Double> allValues() {
        Map<String, Double> out = new LinkedHashMap<>(given);
        for (ForwardValue f : forward) {
            out.put(f.name(), f.value());
        }
        return Collections.unmodifiableMap(out);
    }
}
