package dev.chainrule.network.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node together with its field path ({@code layers[0].weights}) and source name, with typed reads that
 * fail with a {@link SpecError} naming the path and the node's line. Every read first rejects tags other than
 * the plain ones (str, int, float, bool, null, seq, map).
 */
final class Cursor {
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);
    private static final int MAX_NUMBER_CHARS = 100;
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final String source;
    private final ScalarValues values;
    /** The path, or null for a list item until asked for (a spec has 100,000 numbers, read without error). */
    private String path;
    private final Cursor list;
    private final int index;
    private final Node node;

    Cursor(String source, ScalarValues values, String path, Node node) {
        this(source, values, path, null, -1, node);
    }

    private Cursor(String source, ScalarValues values, String path, Cursor list, int index, Node node) {
        this.source = source;
        this.values = values;
        this.path = path;
        this.list = list;
        this.index = index;
        this.node = node;
    }

    String path() {
        if (path == null) {
            path = list.path() + "[" + index + "]";
        }
        return path;
    }

    /** The 1-based line where the node starts. */
    int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    SpecError error(String detail) {
        return new SpecError(source, line(), path(), detail);
    }

    /** A field of this mapping that is absent: the path of the field, the line of the mapping. */
    SpecError missing(String key, String expected) {
        return new SpecError(source, line(), childPath(key), "missing (expected " + expected + ")");
    }

    Cursor child(String key, Node child) {
        return new Cursor(source, values, childPath(key), child);
    }

    /** A cursor on {@code other} (a key node, say) that reports under this cursor's path. */
    Cursor at(Node other) {
        return new Cursor(source, values, path(), other);
    }

    private String childPath(String key) {
        return path().isEmpty() ? key : path() + "." + key;
    }

    boolean isScalar() {
        return checked() instanceof ScalarNode;
    }

    boolean isList() {
        return checked() instanceof SequenceNode;
    }

    /** The items of a list. */
    List<Cursor> list(String expected) {
        if (!(checked() instanceof SequenceNode seq)) {
            throw error("expected " + expected + ", got " + describeShape());
        }
        List<Node> nodes = seq.getValue();
        List<Cursor> items = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            items.add(new Cursor(source, values, null, this, i, nodes.get(i)));
        }
        return items;
    }

    /**
     * Exactly {@code n} numbers, {@code purpose} saying what they are for ("one per input: x1, x2"); with
     * {@code scalarAllowed} a single number may stand for a list of one.
     */
    double[] numbers(int n, String purpose, boolean scalarAllowed) {
        String expected = NetworkSpec.plural(n, "number") + " (" + purpose + ")";
        if (isScalar() && !(scalarAllowed && n == 1)) {
            throw error("expected " + expected + ", got " + describeShape());
        }
        if (isScalar()) {
            return new double[] {number()};
        }
        List<Cursor> items = list(expected);
        if (items.size() != n) {
            throw error("expected " + expected + ", got " + items.size());
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = items.get(i).number();
        }
        return values;
    }

    /** The cursor of element {@code k} of a list of numbers read by {@link #numbers}, or this one for a scalar. */
    Cursor element(int k) {
        return isScalar() ? this : list("a list").get(k);
    }

    /**
     * The scalar value of {@code key} when this is a mapping that has it ("" when the key's value is not a scalar),
     * without checking the other keys; empty otherwise. For telling kinds of specs apart before reading one.
     */
    java.util.Optional<String> peek(String key) {
        if (!(node instanceof MappingNode map)) {
            return java.util.Optional.empty();
        }
        for (org.yaml.snakeyaml.nodes.NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return java.util.Optional.of(tuple.getValueNode() instanceof ScalarNode v ? v.getValue() : "");
            }
        }
        return java.util.Optional.empty();
    }

    /** A mapping whose keys must be among {@code known} ({@code hints} map common mistakes to known keys). */
    YamlMap mapping(String expected, List<String> known, Map<String, String> hints) {
        if (!(checked() instanceof MappingNode map)) {
            throw error("expected " + expected + ", got " + describeShape());
        }
        return YamlMap.of(this, map, known, hints);
    }

    /** A finite number ({@code !!int} or {@code !!float}). */
    double number() {
        if (checked() instanceof ScalarNode s && isNumberTag(s.getTag())) {
            double d = numberValue(s).doubleValue();
            if (!Double.isFinite(d)) {
                String text = s.getValue().toLowerCase(Locale.ROOT);
                throw error("expected a finite number, got " + SpecError.clip(s.getValue())
                        + (text.contains("nan") || text.contains("inf")
                        ? " (NaN and infinities are not allowed)" : " (too large for a double)"));
            }
            return d;
        }
        throw error("expected a number, got " + describe() + (isQuotedNumber() ? " (remove the quotes)" : ""));
    }

    /** A whole number in [min, max]; {@code expected} says what, e.g. "a whole number from 1 to 10". */
    long wholeNumber(long min, long max, String expected) {
        if (checked() instanceof ScalarNode s && isNumberTag(s.getTag())) {
            Number v = numberValue(s);
            Long whole = toLong(v);
            if (whole != null && whole >= min && whole <= max) {
                return whole;
            }
        }
        throw error("expected " + expected + ", got " + describe() + (isQuotedNumber() ? " (remove the quotes)" : ""));
    }

    /** The text of a scalar that is not null (a name, a word such as {@code relu}). */
    String text(String expected) {
        if (checked() instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        throw error("expected " + expected + ", got " + describe());
    }

    /** The text of a string scalar; booleans and numbers are rejected with a hint to quote them. */
    String string(String expected) {
        if (checked() instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            return s.getValue();
        }
        String hint = checked() instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)
                ? " (YAML reads yes/no/on/off/true/false as booleans; put the name in quotes)" : "";
        throw error("expected " + expected + ", got " + describe() + hint);
    }

    /** Like {@link #describe()}, but a number is "the number 3", where a list or mapping was expected. */
    String describeShape() {
        return node instanceof ScalarNode s && isNumberTag(s.getTag()) ? "the number " + describe() : describe();
    }

    /** What the node holds, for "got …" in messages. */
    String describe() {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = SpecError.clip(s.getValue());
            if (tag.equals(Tag.NULL)) {
                return "nothing (an empty value)";
            }
            if (tag.equals(Tag.BOOL)) {
                return "the boolean " + v;
            }
            if (isNumberTag(tag)) {
                return v;
            }
            return (isQuotedNumber() ? "the quoted text '" : "the text '") + v + "'";
        }
        if (node instanceof SequenceNode seq) {
            int n = seq.getValue().size();
            return n == 0 ? "an empty list" : "a list of " + NetworkSpec.plural(n, "item");
        }
        return "a mapping";
    }

    private Node checked() {
        Tag tag = node.getTag();
        if (!PLAIN_TAGS.contains(tag)) {
            throw error("YAML tag " + show(tag) + " is not allowed (a spec holds plain numbers, names, lists"
                    + " and mappings)");
        }
        return node;
    }

    static String show(Tag tag) {
        String v = tag.getValue();
        return "'" + SpecError.clip(v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v) + "'";
    }

    private Number numberValue(ScalarNode s) {
        String text = s.getValue();
        if (text.length() > MAX_NUMBER_CHARS) {
            throw error("expected a number of at most " + MAX_NUMBER_CHARS + " characters, got "
                    + text.length() + " characters");
        }
        try {
            return values.number(s);
        } catch (RuntimeException e) {
            throw error("expected a number, got '" + SpecError.clip(text) + "'");
        }
    }

    private boolean isQuotedNumber() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.STR)
                && s.getValue().length() <= MAX_NUMBER_CHARS && DECIMAL.matcher(s.getValue().strip()).matches();
    }

    private static boolean isNumberTag(Tag tag) {
        return tag.equals(Tag.INT) || tag.equals(Tag.FLOAT);
    }

    private static Long toLong(Number v) {
        if (v instanceof Integer || v instanceof Long) {
            return v.longValue();
        }
        if (v instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        double d = v.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (long) d : null;
    }
}
