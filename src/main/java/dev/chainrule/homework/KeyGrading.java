package dev.chainrule.homework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.UserError;
import dev.chainrule.expr.Prose;
import dev.chainrule.io.TextFiles;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers to one variant of an exercise graded against its key ({@code chainrule exercise}'s key.json; README,
 * "Exercises"): each claim is judged as {@code check SPEC --of batch} judges it (the contract's rule for numbers:
 * right when it is the gradient rounded to its own digits or within 1e-6), and a wrong number is named by the
 * exercise's design — the variant was drawn so that every catalogued slip gives its own number, so the slip that
 * number is, within {@link ExerciseDesign#DISTINCT}, is the diagnosis, with what it is and the rule it breaks.
 */
public final class KeyGrading {
    /** The graded claims, the variant's spec and where it was read from. */
    public record Graded(List<ClaimResult> results, NetworkSpec spec, Path specFile, String specName, int variant) {
    }

    private KeyGrading() {
    }

    public static Graded grade(Path key, int variant, List<String> claims, Checking checking) {
        if (claims.isEmpty()) {
            throw new UserError("give the answers as --claim 'w[1,1,1] = NUMBER'");
        }
        JsonNode entry = entry(key, variant);
        Path specFile = key.toAbsolutePath().getParent().resolve(entry.path("spec").asText());
        NetworkSpec spec = SpecLoader.load(specFile);
        ExerciseDesign.Variant v = ExerciseDesign.of(variant, entry.path("seed").asLong(), spec);
        for (String c : claims) {
            ClaimParser.Claim parsed = ClaimParser.parse(c, spec);
            if (!v.answers().containsKey(parsed.id().toString())) {
                throw new UserError("variant " + variant + " asks for no " + parsed.id());
            }
        }
        List<ClaimResult> judged = checking.networkClaims(spec, claims, Optional.empty(), NetworkJudge.Of.BATCH).results();
        List<ClaimResult> out = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            ClaimResult r = judged.get(i);
            boolean number = ClaimParser.parse(claims.get(i), spec).isNumber();
            out.add(number && r.verdict() == ClaimVerdict.INCORRECT ? named(v, r) : r);
        }
        return new Graded(out, spec, specFile, entry.path("spec").asText(), variant);
    }

    /**
     * The slip the number is, when it is one: the judge's own diagnosis where it says the same kind for certain
     * (it has the numbers in it), else the design's; the brief and the hint are the slip's.
     */
    private static ClaimResult named(ExerciseDesign.Variant v, ClaimResult r) {
        Optional<SlipCatalogue.Slip> slip = ExerciseDesign.slip(v, r.param(), r.claimValue());
        if (slip.isEmpty()) {
            return r;
        }
        SlipCatalogue.Slip s = slip.get();
        Diagnosis d = r.diagnosis();
        boolean same = d != null && d.kind() == s.kind() && !d.message().startsWith("probably");
        Prose prose = same ? d.prose()
                : Prose.words(s.what() + " — by design, no other usual slip gives this number here");
        return r.withDiagnosis(new Diagnosis(s.kind(), prose, same ? d.factor() : Double.NaN, same ? d.matched() : null,
                s.what(), s.hint()));
    }

    /** Variant {@code variant}'s entry of the key: one line, exit 2, for a key that is not one. */
    private static JsonNode entry(Path key, int variant) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(TextFiles.read(key, 50_000_000, "50 MB for a key"));
        } catch (TextFiles.Refused e) {
            throw new UserError("--key " + key + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new UserError("--key " + key + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.path("variants").isArray()) {
            throw new UserError("--key " + key + ": not an exercise key (no \"variants\" list; chainrule exercise writes one)");
        }
        for (JsonNode v : root.path("variants")) {
            if (v.path("id").asInt() == variant) {
                if (!v.path("spec").isTextual()) {
                    throw new UserError("--key " + key + ": variant " + variant + " names no spec");
                }
                return v;
            }
        }
        throw new UserError("--key " + key + " has no variant " + variant + " (it has " + root.path("variants").size() + ")");
    }
}
