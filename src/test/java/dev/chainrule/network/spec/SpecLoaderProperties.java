package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The loader never fails with anything but a one-line UserError, whatever it is fed. */
class SpecLoaderProperties {
    private static final List<String> BASES = List.of(
            BuiltinExamples.xorYaml(),
            BadSpecCorpusTest.read(SpecLoaderTest.goodPath("contract_example.yaml")),
            BadSpecCorpusTest.read(SpecLoaderTest.goodPath("scalar_forms.yaml")),
            BadSpecCorpusTest.read(SpecLoaderTest.goodPath("softmax_classifier.yaml")),
            BadSpecCorpusTest.read(SpecLoaderTest.goodPath("init_seeded.yaml")));
    private static final String YAML_CHARS = ":-[]{},&*!|>'\"#%@`?~ \t\n.0123456789eE+_xyzwbalunit";
    private static final Pattern TOKEN = Pattern.compile("\\s+|[\\[\\]{},:]|[^\\s\\[\\]{},:]+");

    /** One edit of a text; positions are fractions of its length so that edits compose. */
    private interface Edit {
        String apply(String text);
    }

    @Property(tries = 2000)
    void mutatedSpecsLoadOrFailWithOneLineUserError(@ForAll("mutated") String yaml) {
        try {
            SpecLoader.parse(yaml, "mutant.yaml");
        } catch (UserError e) {
            String message = e.getMessage();
            assertTrue(message.startsWith("mutant.yaml"), message);
            assertFalse(message.contains("\n") || message.contains("\r"), message);
        }
    }

    @Property(tries = 100)
    void generatedSpecsRoundTrip(@ForAll("widths") int[] widths, @ForAll("pairings") Activation[] pairing,
                                 @ForAll("seeds") long seed) {
        Loss loss = pairing[1] == Activation.SOFTMAX ? Loss.CE
                : pairing[1] == Activation.SIGMOID ? (seed % 2 == 0 ? Loss.BCE : Loss.CE)
                : (seed % 2 == 0 ? Loss.SE : Loss.HALF_SE);
        int[] w = widths.clone();
        if (pairing[1] == Activation.SOFTMAX && w[w.length - 1] < 2) {
            w[w.length - 1] = 2;
        }
        NetworkSpec spec = SpecGenerator.mlp(w, pairing[0], pairing[1], loss, 1 + Math.floorMod(seed, 5), seed);
        assertEquals(spec, SpecLoader.parse(SpecGenerator.toYaml(spec), "gen.yaml"));
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Edit> edit = Arbitraries.oneOf(deleteChar(), insertChars(), swapTokens(), deleteLine(),
                duplicateLine());
        return Combinators.combine(Arbitraries.of(BASES), edit.list().ofMinSize(1).ofMaxSize(4))
                .as((base, edits) -> {
                    String text = base;
                    for (Edit e : edits) {
                        text = e.apply(text);
                    }
                    return text;
                });
    }

    @Provide
    Arbitrary<int[]> widths() {
        return Arbitraries.integers().between(1, 6).array(int[].class).ofMinSize(2).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Activation[]> pairings() {
        Arbitrary<Activation> hidden = Arbitraries.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH,
                Activation.RELU, Activation.LEAKY_RELU);
        Arbitrary<Activation> output = Arbitraries.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH,
                Activation.RELU, Activation.SOFTMAX);
        return Combinators.combine(hidden, output).as((h, o) -> new Activation[] {h, o});
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static Arbitrary<Edit> deleteChar() {
        return fraction().map(f -> text -> text.isEmpty() ? text
                : text.substring(0, at(f, text.length())) + text.substring(at(f, text.length()) + 1));
    }

    private static Arbitrary<Edit> insertChars() {
        Arbitrary<String> chars = Arbitraries.oneOf(
                Arbitraries.strings().withChars(YAML_CHARS).ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3),
                Arbitraries.of(".nan", "-.inf", "1e400", "!!float", "&a", "*a", "\"0.5\"", "true", "~", "softmax",
                        "- units: 0\n", "[", "{", "\n  - ", "<<: ", "---\n", "\t", "!!binary ", "0x", "1_0"));
        return Combinators.combine(fraction(), chars).as((f, s) -> text -> {
            int i = at(f, text.length() + 1);
            return text.substring(0, i) + s + text.substring(i);
        });
    }

    private static Arbitrary<Edit> swapTokens() {
        return Combinators.combine(fraction(), fraction()).as((f, g) -> text -> {
            List<String> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                tokens.add(m.group());
            }
            if (tokens.size() < 2) {
                return text;
            }
            int i = at(f, tokens.size());
            int j = at(g, tokens.size());
            String t = tokens.get(i);
            tokens.set(i, tokens.get(j));
            tokens.set(j, t);
            return String.join("", tokens);
        });
    }

    private static Arbitrary<Edit> deleteLine() {
        return fraction().map(f -> text -> {
            List<String> lines = new ArrayList<>(text.lines().toList());
            if (!lines.isEmpty()) {
                lines.remove(at(f, lines.size()));
            }
            return String.join("\n", lines);
        });
    }

    private static Arbitrary<Edit> duplicateLine() {
        return fraction().map(f -> text -> {
            List<String> lines = new ArrayList<>(text.lines().toList());
            if (!lines.isEmpty()) {
                int i = at(f, lines.size());
                lines.add(i, lines.get(i));
            }
            return String.join("\n", lines);
        });
    }

    private static Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    private static int at(double fraction, int size) {
        return Math.min(size - 1, (int) (fraction * size));
    }
}
