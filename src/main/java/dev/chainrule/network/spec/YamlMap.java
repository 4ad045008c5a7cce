package dev.chainrule.network.spec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The fields of a YAML mapping, checked: plain scalar keys, no duplicates, no keys outside the known ones. */
final class YamlMap {
    private final Cursor self;
    private final Map<String, Cursor> fields;

    private YamlMap(Cursor self, Map<String, Cursor> fields) {
        this.self = self;
        this.fields = fields;
    }

    static YamlMap of(Cursor self, MappingNode node, List<String> known, Map<String, String> hints) {
        Map<String, Cursor> fields = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Cursor keyCursor = self.at(tuple.getKeyNode());
            if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                throw keyCursor.error("merge keys (<<) are not supported; write the fields out");
            }
            if (!keyCursor.isScalar()) {
                throw keyCursor.error("expected a key name, got " + keyCursor.describe());
            }
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            Integer firstLine = keyLines.putIfAbsent(key, keyCursor.line());
            if (firstLine != null) {
                throw keyCursor.error("duplicate key '" + SpecError.clip(key) + "' (first given at line "
                        + firstLine + ")");
            }
            if (!known.contains(key)) {
                throw keyCursor.error("unknown key '" + SpecError.clip(key) + "'" + suggestion(key, known, hints)
                        + "; known keys: " + String.join(", ", known));
            }
            fields.put(key, self.child(key, tuple.getValueNode()));
        }
        return new YamlMap(self, fields);
    }

    Cursor self() {
        return self;
    }

    Optional<Cursor> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The field, or a "missing" error that says what was expected. */
    Cursor require(String key, String expected) {
        Cursor c = fields.get(key);
        if (c == null) {
            throw self.missing(key, expected);
        }
        return c;
    }

    private static String suggestion(String key, List<String> known, Map<String, String> hints) {
        String hinted = hints.get(key.toLowerCase(Locale.ROOT).strip());
        return hinted != null ? " (did you mean " + hinted + "?)" : Suggest.hint(key, known);
    }
}
