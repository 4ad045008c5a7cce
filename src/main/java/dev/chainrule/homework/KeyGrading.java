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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The claims graded; with {@code whole} (a grader's score) every asked parameter without an answer is graded too,
     * as wrong, so the score is out of them all.
     */
    public static Graded grade(Path key, int variant, List<String> claims, Checking checking, boolean whole) {
        if (claims.isEmpty()) {
            throw new UserError("give the answers as --claim 'w[1,1,1] = NUMBER'");
        }
        JsonNode entry = entry(key, variant);
        Path specFile = key.toAbsolutePath().getParent().resolve(entry.path("spec").asText());
        NetworkSpec spec = SpecLoader.load(specFile);
        ExerciseDesign.Variant v = ExerciseDesign.of(variant, entry.path("seed").asLong(), spec);
        // a submission is graded whole: one answer per asked parameter (the first; a second cannot hedge or count
        // twice), an answer that cannot be read or is a formula is wrong (not an error that loses the other answers),
        // and for a score a parameter left out is wrong too, so the score is out of every asked parameter
        Map<String, ClaimResult> byId = new LinkedHashMap<>();
        Map<String, Integer> extra = new LinkedHashMap<>();
        List<String> numbers = new ArrayList<>();
        for (String c : claims) {
            String id = idOf(c, spec);
            if (!v.answers().containsKey(id)) {
                throw new UserError("variant " + variant + " asks for no " + id);
            }
            if (byId.containsKey(id)) {
                extra.merge(id, 1, Integer::sum);
                continue;
            }
            String answer = c.substring(c.indexOf('=') + 1).strip();
            ClaimParser.Claim parsed;
            try {
                parsed = ClaimParser.parse(c, spec);
            } catch (UserError e) {
                byId.put(id, wrong(id, answer, "could not read your answer: " + e.getMessage()));
                continue;
            }
            if (!parsed.isNumber()) {
                byId.put(id, wrong(id, answer, "this exercise asks for the gradient's value, a number; " + answer
                        + " is a formula"));
                continue;
            }
            byId.put(id, null);
            numbers.add(c);
        }
        Iterator<ClaimResult> judged = numbers.isEmpty() ? java.util.Collections.emptyIterator()
                : checking.networkClaims(spec, numbers, Optional.empty(), NetworkJudge.Of.BATCH).results().iterator();
        List<ClaimResult> out = new ArrayList<>();
        for (Map.Entry<String, ClaimResult> e : byId.entrySet()) {
            ClaimResult r = e.getValue() != null ? e.getValue() : judged.next();
            if (e.getValue() == null && r.verdict() == ClaimVerdict.INCORRECT) {
                r = named(v, r);
            }
            Integer more = extra.get(e.getKey());
            out.add(more == null ? r : r.withNote(r.note() + "; " + more + " more answer" + (more == 1 ? "" : "s")
                    + " to " + e.getKey() + " not graded (one answer per parameter: the first)"));
        }
        for (String id : v.answers().keySet()) {
            if (whole && !byId.containsKey(id)) {
                out.add(wrong(id, "", "no answer given"));
            }
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
                : Prose.words(s.what());
        return r.withDiagnosis(new Diagnosis(s.kind(), prose, same ? d.factor() : Double.NaN, same ? d.matched() : null,
                s.what(), s.hint()));
    }

    /** The parameter a claim answers, in the canonical spelling; a claim without one is a one-line error. */
    private static String idOf(String claim, NetworkSpec spec) {
        int eq = claim.indexOf('=');
        if (eq < 0) {
            throw new UserError("--claim '" + dev.chainrule.network.spec.SpecError.clip(claim) + "': expected ID = NUMBER,"
                    + " e.g. --claim 'w[1,1,1] = 0.263'");
        }
        return ClaimParser.parse(claim.substring(0, eq) + "= 0", spec).id().toString();
    }

    /** An answer judged wrong without comparing numbers (unreadable, a formula, missing): no points, no slip. */
    private static ClaimResult wrong(String id, String answer, String why) {
        return new ClaimResult(id, answer, ClaimVerdict.INCORRECT, new Diagnosis(Diagnosis.Kind.OTHER, why, Double.NaN, null),
                null, null, List.of(), 0, 0, why, Double.NaN, Double.NaN, "no point (nothing compared)");
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
