package dev.chainrule.freeform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to derive: the typed source, the variables to differentiate with respect to (names as typed), the
 * point (absent when no {@code --at} was given: then the analysis is symbolic only) and whether to write
 * every definition out first ({@code --expand}).
 */
public record DeriveRequest(String source, List<String> wrt, Optional<Map<String, Double>> at, boolean expand) {
    public DeriveRequest {
        Objects.requireNonNull(source, "source");
        wrt = List.copyOf(wrt);
        at = at.map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
    }

    public static DeriveRequest symbolic(String source, List<String> wrt) {
        return new DeriveRequest(source, wrt, Optional.empty(), false);
    }

    public static DeriveRequest at(String source, List<String> wrt, Map<String, Double> point) {
        return new DeriveRequest(source, wrt, Optional.of(point), false);
    }
}
