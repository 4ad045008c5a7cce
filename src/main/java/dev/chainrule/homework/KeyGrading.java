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
        Key k = entry(key, variant);
        JsonNode entry = k.entry();
        String specName = entry.path("spec").asText();
        Path specFile = inside(key, variant, specName);
        NetworkSpec spec = SpecLoader.load(specFile);
        ExerciseDesign.Variant v = ExerciseDesign.of(variant, entry.path("seed").asLong(), spec);
        agrees(key, entry, v, specName);
        // a submission is graded whole: one answer per asked parameter (the first; a second cannot hedge or count
        // twice), an answer that cannot be read or is a formula is wrong (not an error that loses the other answers),
        // and for a score a parameter left out is wrong too, so the score is out of every asked parameter
        Map<String, ClaimResult> byId = new LinkedHashMap<>();
        Map<String, Integer> extra = new LinkedHashMap<>();
        Map<String, String> typed = new LinkedHashMap<>();
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
            // a fraction of two integers is a number, 263/1000 the number 0.263 (with its three digits); brackets
            // around either part or the whole change nothing
            Optional<String> decimal = DigitsRule.fraction(answer.replace("(", "").replace(")", ""));
            if (decimal.isEmpty() && !answer.isEmpty() && NumberPolicy.of(answer.replace("(", "").replace(")", ""))
                    .numeral().isEmpty() && isArithmetic(answer)) {
                // the digits rule judges a numeral; arithmetic on numbers would carry its tolerance past it
                byId.put(id, wrong(id, answer, "write the gradient's value as one number to " + Math.max(k.digits(), 1)
                        + " significant digits (a decimal such as 0.1234, or a fraction of two integers), not as"
                        + " arithmetic: " + answer + " is not graded"));
                continue;
            }
            if (decimal.isEmpty() && !answer.equals(answer.replace("(", "").replace(")", ""))) {
                answer = answer.replace("(", "").replace(")", "").strip();
            }
            String typedAnswer = answer;
            String judged = c.substring(0, c.indexOf('=') + 1) + " " + decimal.orElse(typedAnswer);
            ClaimParser.Claim parsed;
            try {
                parsed = ClaimParser.parse(judged, spec);
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
            typed.put(id, answer);
            numbers.add(judged);
        }
        Iterator<ClaimResult> judged = numbers.isEmpty() ? java.util.Collections.emptyIterator()
                : checking.networkClaims(spec, numbers, Optional.empty(), NetworkJudge.Of.BATCH).results().iterator();
        List<ClaimResult> out = new ArrayList<>();
        for (Map.Entry<String, ClaimResult> e : byId.entrySet()) {
            ClaimResult r = e.getValue() != null ? e.getValue() : judged.next();
            if (e.getValue() == null) {
                String answer = typed.get(e.getKey());
                String asJudged = r.claim();
                r = r.withClaim(answer);
                Optional<DigitsRule.Finding> f = k.digits() > 0
                        ? DigitsRule.check(asJudged, answer.equals(asJudged) ? answer
                        : answer + " (" + asJudged + ")", v.answers().get(e.getKey()), k.digits()) : Optional.empty();
                // fewer digits than asked is wrong whatever the value — the same words for a right and a wrong value, so
                // the verdict tells a student nothing about the digits given
                if (f.isPresent()) {
                    // the digits the sheet asks for: fewer is wrong however right, a cut-off or padded number is named;
                    // the brief (--no-solution) is the same whether the value was right, so it gives no digit away
                    DigitsRule.Finding d = f.get();
                    String besides = "";
                    if (r.verdict() == ClaimVerdict.INCORRECT && d.kind() == DigitsRule.Kind.FEWER) {
                        ClaimResult slip = named(v, r);
                        besides = slip.diagnosis() == null ? "" : "; besides, " + slip.diagnosis().message();
                    }
                    r = r.withVerdict(ClaimVerdict.INCORRECT, new Diagnosis(Diagnosis.Kind.OTHER, Prose.words(d.message()
                            + besides), Double.NaN, null, d.brief(), "round the gradient to " + k.digits()
                            + " significant digits: from its first non-zero digit, the last kept goes up when the next is 5 or more"));
                } else if (r.verdict() == ClaimVerdict.INCORRECT) {
                    r = named(v, r);
                }
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
        // the parameters in the key's (canonical) order, whatever order the answers came in
        List<String> order = new ArrayList<>(v.answers().keySet());
        out.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.param())));
        return new Graded(out, spec, specFile, specName, variant);
    }

    /**
     * The variant's spec as the key names it, inside the key's folder: a relative path without {@code ..}; anything
     * else is one line, exit 2 (a key must not make the grader read a file elsewhere).
     */
    private static Path inside(Path key, int variant, String name) {
        Path base = key.toAbsolutePath().getParent();
        Path rel;
        try {
            rel = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            rel = null;
        }
        boolean up = rel == null || name.isEmpty() || name.contains("\\")
                || java.util.stream.StreamSupport.stream(rel.spliterator(), false).anyMatch(p -> p.toString().equals(".."));
        if (up || rel.isAbsolute() || name.startsWith("/") || !base.resolve(rel).normalize().startsWith(base)) {
            throw new UserError("--key " + key + ": variant " + variant + "'s spec \"" + dev.chainrule.network.spec.SpecError.clip(name)
                    + "\" must be a path inside the key's folder (such as " + variant + "/spec.yaml), without .. or a leading /");
        }
        return base.resolve(rel);
    }

    /**
     * The key's answers for the variant are the gradients of its spec, recomputed: a spec edited (or a key from
     * another run) is refused in one line, exit 2, naming the first parameter that differs.
     */
    private static void agrees(Path key, JsonNode entry, ExerciseDesign.Variant v, String specName) {
        JsonNode answers = entry.path("answers");
        String name = key.getFileName().toString();
        if (!answers.isObject()) {
            throw new UserError("--key " + key + ": variant " + v.id() + " has no \"answers\" object: regenerate the exercise");
        }
        for (Map.Entry<String, Double> a : v.answers().entrySet()) {
            JsonNode k = answers.get(a.getKey());
            double spec = a.getValue();
            if (k == null || !k.isNumber() || Math.abs(k.asDouble() - spec) > 1e-9 * Math.max(1, Math.abs(spec))) {
                String said = k == null ? "none" : k.isNumber() ? NetworkJudge.shown(k.asDouble(), spec)
                        : dev.chainrule.network.spec.SpecError.clip(k.toString());
                throw new UserError(name + " answers do not match " + specName + " (" + a.getKey() + ": key " + said
                        + ", spec " + (k != null && k.isNumber() ? NetworkJudge.shown(spec, k.asDouble()) : NetworkJudge.num(spec))
                        + "): regenerate the exercise");
            }
        }
        Iterator<String> ids = answers.fieldNames();
        while (ids.hasNext()) {
            String id = ids.next();
            if (!v.answers().containsKey(id)) {
                throw new UserError(name + " answers do not match " + specName + " (" + dev.chainrule.network.spec.SpecError.clip(id)
                        + ": key " + dev.chainrule.network.spec.SpecError.clip(answers.get(id).toString())
                        + ", spec has no such parameter): regenerate the exercise");
            }
        }
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
    /**
     * Whether an answer with no lone numeral in it is arithmetic on numbers (0.2683*1.00, -(-0.263), 1.052/4) rather
     * than a formula in the network's names, which the judge reads and names as a formula.
     */
    private static boolean isArithmetic(String answer) {
        return answer.matches("[0-9.eE\\s()+\\-−*/×·^;]+") && answer.matches(".*[0-9].*");
    }

    private static ClaimResult wrong(String id, String answer, String why) {
        // the reason is the brief too: "no answer given" or "could not read your answer" gives nothing away
        return new ClaimResult(id, answer, ClaimVerdict.INCORRECT, new Diagnosis(Diagnosis.Kind.OTHER,
                dev.chainrule.expr.Prose.words(why), Double.NaN, null, why, null),
                null, null, List.of(), 0, 0, why, Double.NaN, Double.NaN, "no point (nothing compared)");
    }

    /** The key's entry for one variant, and the significant digits the key asks for (0: none said, an older key). */
    private record Key(JsonNode entry, int digits) {
    }

    /** Variant {@code variant}'s entry of the key: one line, exit 2, for a key that is not one. */
    private static Key entry(Path key, int variant) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(TextFiles.read(key, 50_000_000, "50 MB for a key"));
        } catch (TextFiles.Refused e) {
            throw new UserError("--key " + key + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new UserError("--key " + key + ": not JSON" + (at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + "; chainrule exercise writes the key");
        }
        if (root == null || !root.path("variants").isArray()) {
            throw new UserError("--key " + key + ": not an exercise key (no \"variants\" list; chainrule exercise writes one)");
        }
        int digits = 0;
        if (root.has("digits")) {
            JsonNode d = root.get("digits");
            if (!d.isIntegralNumber() || d.asInt() < 1 || d.asInt() > 17) {
                throw new UserError("--key " + key + ": \"digits\" must be a whole number from 1 to 17 (the significant digits asked)");
            }
            digits = d.asInt();
        }
        for (JsonNode v : root.path("variants")) {
            if (v.path("id").isNumber() && v.path("id").asInt() == variant) {
                if (!v.path("spec").isTextual()) {
                    throw new UserError("--key " + key + ": variant " + variant + " names no spec");
                }
                if (v.has("seed") && !v.path("seed").isIntegralNumber()) {
                    throw new UserError("--key " + key + ": variant " + variant + "'s seed is not a whole number");
                }
                return new Key(v, digits);
            }
        }
        throw new UserError("--key " + key + " has no variant " + variant + " (it has " + root.path("variants").size() + ")");
    }
}
