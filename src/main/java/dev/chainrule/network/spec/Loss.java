package dev.chainrule.network.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-sample loss (docs/reference.md §1): se = Σ(y−ŷ)², half_se = ½Σ(y−ŷ)²,
 * bce = −Σ[y log ŷ + (1−y) log(1−ŷ)], ce = −Σ y log ŷ, mae = Σ|y−ŷ|, huber = Σ huber_δ(y−ŷ) with
 * huber_δ(r) = ½r² for |r| ≤ δ, else δ(|r| − ½δ) (torch's HuberLoss, summed over the outputs).
 */
public enum Loss {
    SE("se"),
    HALF_SE("half_se"),
    BCE("bce"),
    CE("ce"),
    MAE("mae"),
    HUBER("huber");

    /** Every spelling the loader accepts, in the order error messages list them. */
    public static final List<String> YAML_NAMES = List.of("se", "half_se", "bce", "ce", "mae", "huber");

    private final String yamlName;

    Loss(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Parses a YAML spelling, case-insensitively. */
    public static Optional<Loss> fromYaml(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Loss l : values()) {
            if (l.yamlName.equals(key)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
