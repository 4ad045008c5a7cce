package dev.chainrule.network.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How the per-sample losses of the data set combine into L: their mean (the default) or their sum. */
public enum Reduction {
    MEAN("mean"),
    SUM("sum");

    public static final List<String> YAML_NAMES = List.of("mean", "sum");

    private final String yamlName;

    Reduction(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** What the claim or loss per sample undergoes: "averaged" or "summed". */
    public String participle() {
        return this == MEAN ? "averaged" : "summed";
    }

    /** The reduced value of a total over {@code samples} samples: total/samples for the mean, total for the sum. */
    public double apply(double total, int samples) {
        return this == MEAN ? total / samples : total;
    }

    /** Parses a YAML spelling, case-insensitively. */
    public static Optional<Reduction> fromYaml(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Reduction r : values()) {
            if (r.yamlName.equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
