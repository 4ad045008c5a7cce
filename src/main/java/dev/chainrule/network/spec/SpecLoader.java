package dev.chainrule.network.spec;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Loads a network spec (docs/reference.md §1) from YAML and checks every rule; any problem is a {@link SpecError}
 * (a {@code UserError}) with a one-line message naming the file, the YAML line, the field and what was expected.
 *
 * <p>Safety: the YAML is only <em>composed</em> into SnakeYAML's node tree (never constructed into objects), with
 * global tags refused, at most {@value #MAX_ALIASES} aliases to lists or mappings (so a "billion laughs" file is
 * refused at once), nesting at most {@value #MAX_NESTING_DEPTH} deep and at most {@value #MAX_FILE_BYTES}
 * characters. Numbers are read by SnakeYAML's safe int and float constructors, nothing else.
 *
 * <p>Decisions beyond the contract: {@code outputs} defaults to {@code yhat} (one output) or {@code yhat1..yhatK};
 * {@code reduction} to mean, {@code learning_rate} to {@value NetworkSpec#DEFAULT_LEARNING_RATE}, {@code alpha}
 * to {@value LayerSpec#DEFAULT_ALPHA} for leaky_relu and {@value LayerSpec#DEFAULT_ELU_ALPHA} for elu (any finite number;
 * ignored by the other activations).
 * Missing weights or biases are an error unless a top-level {@code init: {seed: S, scale: s}} is given, in which
 * case they are drawn uniformly from [−s, s) (s defaults to 1/√fan-in, see {@link ParameterInit}); given values
 * always win. Softmax must be the output layer, with at least 2 units; ce and bce need a softmax or sigmoid
 * output (they take log ŷ, and bce log(1−ŷ)); se and half_se fit any output. Targets lie in
 * [0, 1] under bce and are non-negative under ce (they need not sum to 1). A width-1 {@code x} or {@code y}, and
 * the biases of a 1-unit layer, may be written as a single number, and a single input or output name as a plain
 * name; weights are always a list of rows. Names are identifiers other than the symbols and function names of
 * {@link SpecNames}; quote a name YAML would read as a boolean ({@code 'on'}).
 * An optional top-level {@code name} (or {@code title}) names the spec.
 */
public final class SpecLoader {
    /** Files larger than this many bytes (and texts longer than this many characters) are refused. */
    public static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
    /** At most this many weights and biases in total. */
    public static final int MAX_PARAMETERS = 2_000_000;
    /** At most this many samples in {@code data}. */
    public static final int MAX_SAMPLES = 10_000;
    /** At most this many layers. */
    public static final int MAX_LAYERS = 64;
    /** At most this many units in a layer (and inputs). */
    public static final int MAX_UNITS = 100_000;
    /** At most this many aliases ({@code *name}) to lists or mappings. */
    public static final int MAX_ALIASES = 50;
    /** Lists and mappings nest at most this deep. */
    public static final int MAX_NESTING_DEPTH = 20;

    private SpecLoader() {
    }

    /**
     * Reads and checks a spec file; messages start with {@code file} as given.
     *
     * @throws SpecError (a {@code UserError}) when the file cannot be read or breaks a rule
     */
    public static NetworkSpec load(Path file) {
        return loadAny(file).dense();
    }

    /**
     * Reads and checks a spec file, dense or image network; messages start with {@code file} as given.
     *
     * @throws SpecError (a {@code UserError}) when the file cannot be read or breaks a rule
     */
    public static AnySpec loadAny(Path file) {
        String source = file.toString();
        String text;
        try {
            text = dev.chainrule.io.TextFiles.read(file, MAX_FILE_BYTES, String.format("%,d (5 MB) for a spec", MAX_FILE_BYTES));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new SpecError(source, 0, "", e.getMessage());
        }
        return parseAny(text, source);
    }

    /**
     * Checks a spec given as YAML text; {@code sourceName} starts every message (a file name, say).
     *
     * @throws SpecError (a {@code UserError}) when the spec breaks a rule
     */
    public static NetworkSpec parse(String yaml, String sourceName) {
        return parseAny(yaml, sourceName).dense();
    }

    /** {@link #parse}, for a dense or an image network. */
    public static AnySpec parseAny(String yaml, String sourceName) {
        if (yaml.length() > MAX_FILE_BYTES) {
            throw new SpecError(sourceName, 0, "", String.format("the spec has %,d characters, more than the limit"
                    + " of %,d (5 MB)", yaml.length(), MAX_FILE_BYTES));
        }
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        LoaderOptions options = options();
        Node root = compose(text, sourceName, options);
        if (root == null) {
            throw new SpecError(sourceName, 0, "", "the spec is empty (expected a mapping with the keys inputs,"
                    + " layers, loss and data)");
        }
        return SpecReader.read(new Cursor(sourceName, new ScalarValues(options), "", root));
    }

    /**
     * Reads and checks a conv spec given as YAML text into its typed form (the commands do not take such specs yet).
     *
     * @throws SpecError (a {@code UserError}) when the spec breaks a rule or is not a conv spec
     */
    public static ConvNetSpec parseConv(String yaml, String sourceName) {
        if (parseAny(yaml, sourceName) instanceof AnySpec.Image image) {
            return image.spec();
        }
        throw new SpecError(sourceName, 0, "", "expected a conv spec (input_shape: [channels, height, width] and"
                + " conv2d, pooling or flatten layers)");
    }

    /**
     * Reads and checks an rnn spec given as YAML text into its typed form.
     *
     * @throws SpecError (a {@code UserError}) when the spec breaks a rule or is not an rnn spec
     */
    public static RnnNetSpec parseRnn(String yaml, String sourceName) {
        if (parseAny(yaml, sourceName) instanceof AnySpec.Sequence sequence) {
            return sequence.spec();
        }
        throw new SpecError(sourceName, 0, "", "expected an rnn spec (a first layer of type: rnn)");
    }

    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        return options;
    }

    static Node compose(String text, String source, LoaderOptions options) {
        try {
            return new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new DecimalResolver(),
                    options).getSingleNode();
        } catch (MarkedYAMLException e) {
            throw syntaxError(e, source);
        } catch (ReaderException e) {
            throw new SpecError(source, YamlLimits.lineAt(text, e.getPosition()), "", String.format(
                    "the file contains the character U+%04X, which YAML does not allow", e.getCodePoint()));
        } catch (YAMLException e) {
            throw limitError(e, text, source, options);
        } catch (RuntimeException e) {
            throw new SpecError(source, 0, "", "cannot read the YAML (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static SpecError syntaxError(MarkedYAMLException e, String source) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
        if (problem.startsWith("Global tag is not allowed: ")) {
            String tag = problem.substring("Global tag is not allowed: ".length()).strip();
            return new SpecError(source, line, "", "YAML tag " + Cursor.show(new Tag(tag))
                    + " is not allowed (a spec holds plain numbers, names, lists and mappings)");
        }
        if (problem.startsWith("but found another document")) {
            return new SpecError(source, line, "", "a second YAML document starts here; a spec is a single document"
                    + " (remove the --- line)");
        }
        StringBuilder detail = new StringBuilder("invalid YAML: ").append(problem.replace("\\t(TAB)", "TAB"));
        if (e.getContext() != null) {
            detail.append(" (").append(e.getContext());
            if (e.getContextMark() != null && e.getContextMark().getLine() + 1 != line) {
                detail.append(" started at line ").append(e.getContextMark().getLine() + 1);
            }
            detail.append(')');
        }
        if (problem.startsWith("expected <block end>") || problem.startsWith("mapping values are not allowed")) {
            detail.append("; check the indentation and the ': ' after each key");
        }
        return new SpecError(source, line, "", detail.toString());
    }

    private static SpecError limitError(YAMLException e, String text, String source, LoaderOptions options) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("Number of aliases")) {
            return new SpecError(source, YamlLimits.lineOfExcessAlias(text, options), "", "too many aliases:"
                    + " more than " + MAX_ALIASES + " references (*name) to lists or mappings; they are limited so"
                    + " that a small file cannot expand into a huge one (\"billion laughs\")");
        }
        if (message.startsWith("Nesting Depth")) {
            return new SpecError(source, YamlLimits.lineOfExcessNesting(text, options), "",
                    "lists and mappings are nested more than " + MAX_NESTING_DEPTH + " levels deep");
        }
        if (message.contains("exceeds the limit")) {
            return new SpecError(source, 0, "", String.format("the spec is longer than the limit of %,d characters"
                    + " (5 MB)", MAX_FILE_BYTES));
        }
        return new SpecError(source, 0, "", "invalid YAML: " + message);
    }
}
