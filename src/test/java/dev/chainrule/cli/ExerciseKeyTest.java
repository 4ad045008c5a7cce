package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.expr.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review of issue 16: the digits the sheet asks for, the key's integrity (stale variants, answers that do not
 * match the spec, a spec path outside the key's folder, a malformed key), templates that can never be diagnosable,
 * --no-solution on a correct answer, and the regularization message under --key. Each rule from both sides.
 */
class ExerciseKeyTest {
    @TempDir
    static Path dir;
    static Path key;
    static JsonNode answers;

    @BeforeAll
    static void exercise() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "7", "--seed", "1",
                "-o", dir.resolve("ex").toString());
        assertEquals(0, r.exitCode(), r::describe);
        key = dir.resolve("ex/key.json");
        answers = new ObjectMapper().readTree(key.toFile()).get("variants").get(6).get("answers");
    }

    /** t to d significant digits as a student writes it, trailing zeros kept (0.2696 → 0.270 at 3). */
    private static String sig(double t, int d) {
        return new java.math.BigDecimal(t).round(new java.math.MathContext(d, java.math.RoundingMode.HALF_UP)).toPlainString();
    }

    private static double truth(String id) {
        return answers.get(id).asDouble();
    }

    private static CliTestSupport.Result grade(Path k, String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--key", k.toString(), "--variant", "7", "--no-symbolic"));
        args.addAll(List.of(extra));
        return CliTestSupport.run(args.toArray(String[]::new));
    }

    /** A number with its digits cut off after the 4th significant one and the rounded one (the 4th differs). */
    private static String[] cutAndRounded(double t, int digits) {
        java.math.BigDecimal v = new java.math.BigDecimal(t);
        return new String[] {v.round(new java.math.MathContext(digits, java.math.RoundingMode.DOWN)).toPlainString(),
                v.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_UP)).toPlainString()};
    }

    @Test
    void theKeyAsksForFourSignificantDigits() throws Exception {
        assertEquals(4, new ObjectMapper().readTree(key.toFile()).get("digits").asInt());
        assertTrue(Files.readString(dir.resolve("ex/7/problem.tex")).contains("4 significant digits"));
        double t = truth("w[1,1,1]");
        String three = sig(t, 3);
        String four = sig(t, 4);
        CliTestSupport.Result r = grade(key, "--claim", "w[1,1,1] = " + three);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.out().contains("give 4 significant digits; " + three + " has 3"), r::describe);
        r = grade(key, "--claim", "w[1,1,1] = " + Fmt.num(t, 1));
        assertTrue(r.out().contains("give 4 significant digits; " + Fmt.num(t, 1) + " has 1"), r::describe);
        assertEquals(0, grade(key, "--claim", "w[1,1,1] = " + four).exitCode(), four);
        assertEquals(0, grade(key, "--claim", "w[1,1,1] = " + Fmt.num(t, 5)).exitCode());
        // plain check keeps the contract's rule: a number's own digits
        assertEquals(0, CliTestSupport.run("check", dir.resolve("ex/7/spec.yaml").toString(), "--of", "batch", "--no-symbolic",
                "--claim", "w[1,1,1] = " + three).exitCode());
        // a key without "digits" (an older one) keeps it too
        Path old = dir.resolve("ex/old-key.json");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(key.toFile());
        root.remove("digits");
        Files.writeString(old, root.toString());
        assertEquals(0, grade(old, "--claim", "w[1,1,1] = " + three).exitCode());
    }

    @Test
    void aTruncatedAnswerIsWrongAndNamed() throws Exception {
        // the first parameter of variant 7 whose 4th digit rounds up (cut off and rounded differ)
        for (java.util.Iterator<String> ids = answers.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            String[] cr = cutAndRounded(truth(id), 4);
            if (cr[0].equals(cr[1])) {
                continue;
            }
            CliTestSupport.Result r = grade(key, "--claim", id + " = " + cr[0]);
            assertEquals(1, r.exitCode(), r::describe);
            assertTrue(r.out().contains("truncated, not rounded"), r::describe);
            assertTrue(r.out().contains("rounds to " + cr[1].replace("-", "−") + ", not " + cr[0]), r::describe);
            assertEquals(0, grade(key, "--claim", id + " = " + cr[1]).exitCode(), cr[1]);
            CliTestSupport.Result hidden = grade(key, "--claim", id + " = " + cr[0], "--no-solution");
            // --no-solution does not say the digits are the truth's cut off (that would give the answer away)
            assertFalse(hidden.out().contains("truncated"), hidden::describe);
            assertTrue(hidden.out().contains("the result is not the gradient"), hidden::describe);
            assertFalse(hidden.out().contains(cr[1].replace("-", "−")), "--no-solution shows no rounded truth: " + hidden.out());
            return;
        }
        throw new AssertionError("no parameter of variant 7 rounds up at 4 digits");
    }

    /**
     * Under a key an answer is one number: arithmetic on numbers would carry its rounding tolerance past the digits
     * rule (0.2683*1.00 was "correct" for 0.26307, 2 % off), so it is graded as not an answer; a numeral with a sign,
     * spaces or brackets, and a bracketed fraction of integers, are numbers.
     */
    /** The solution ends with the answers as the sheet asks for them, rounded to 4 significant digits. */
    @Test
    void theSolutionListsTheAnswersAtTheAskedDigits() throws Exception {
        String tex = java.nio.file.Files.readString(dir.resolve("ex/7/solution.tex"));
        assertTrue(tex.contains("\\section*{Answers to 4 significant digits}"), "no answers section");
        for (java.util.Iterator<String> ids = answers.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            String four = new java.math.BigDecimal(truth(id)).round(new java.math.MathContext(4)).toPlainString();
            assertTrue(tex.contains("$ & $" + four + "$ \\\\"), id + " " + four);
        }
    }

    @Test
    void arithmeticIsNotANumber() throws Exception {
        double t = truth("w[1,1,1]");
        String four = new java.math.BigDecimal(t).round(new java.math.MathContext(4)).toPlainString();
        String off = new java.math.BigDecimal(t * 1.02).round(new java.math.MathContext(4)).toPlainString();
        for (String a : new String[] {off + "*1.00*1.00", four + "*1", "-(-" + four + ")", four + "+0", "2*"
                + new java.math.BigDecimal(t / 2).round(new java.math.MathContext(4)).toPlainString()}) {
            CliTestSupport.Result r = grade(key, "--claim", "w[1,1,1] = " + a);
            assertEquals(1, r.exitCode(), a + ": " + r.describe());
            assertTrue(r.out().contains("not as arithmetic"), r::describe);
        }
        String fraction = four.replace("0.", "").replaceFirst("^0+", "") + "/1" + "0".repeat(four.length() - 2);
        for (String a : new String[] {four, "+" + four, " " + four + " ", "(" + four + ")", "(" + fraction + ")",
                fraction.replace("/", "/(") + ")"}) {
            CliTestSupport.Result r = grade(key, "--claim", "w[1,1,1] = " + a);
            assertEquals(0, r.exitCode(), a + ": " + r.describe());
        }
        // a comma decimal is not arithmetic: it cannot be read
        assertTrue(grade(key, "--claim", "w[1,1,1] = " + four.replace('.', ',')).out().contains("could not read"));
    }

    /**
     * --no-solution gives no digit away: too few digits reads the same whether they are right or wrong, a cut-off
     * answer reads as any wrong one, and an unanswered parameter says so.
     */
    @Test
    void withoutTheSolutionTheVerdictsAreNoOracleForDigits() throws Exception {
        double t = truth("w[1,1,1]");
        String right = new java.math.BigDecimal(t).round(new java.math.MathContext(1)).toPlainString();
        java.math.BigDecimal r1 = new java.math.BigDecimal(right);
        String wrong = r1.add(r1.ulp()).toPlainString(); // one more in its only digit: 0.3 → 0.4
        String a = grade(key, "--claim", "w[1,1,1] = " + right, "--no-solution").out();
        String b = grade(key, "--claim", "w[1,1,1] = " + wrong, "--no-solution").out();
        assertEquals(a.replace(right, "X"), b.replace(wrong, "X"), "the same words for a right and a wrong 1-digit answer");
        assertTrue(a.contains("give 4 significant digits"), a);
        CliTestSupport.Result gs = grade(key, "--claim", "w[1,1,1] = " + right, "--no-solution", "--format", "gradescope");
        JsonNode tests = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gs.out()).get("tests");
        for (JsonNode test : tests) {
            if (!test.get("name").asText().equals("∂L/∂w[1,1,1]")) {
                assertTrue(test.get("output").asText().contains("no answer given"), test.toString());
                assertFalse(test.get("output").asText().contains("not the gradient"), test.toString());
            }
        }
    }

    @Test
    void aFractionOfIntegersIsANumber() throws Exception {
        double t = truth("w[1,1,1]");
        java.math.BigDecimal four = new java.math.BigDecimal(sig(t, 4));
        java.math.BigDecimal three = new java.math.BigDecimal(sig(t, 3));
        String f4 = four.unscaledValue() + "/" + java.math.BigInteger.TEN.pow(four.scale());
        String f3 = three.unscaledValue() + "/" + java.math.BigInteger.TEN.pow(three.scale());
        CliTestSupport.Result r = grade(key, "--claim", "w[1,1,1] = " + f4, "--format", "json");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(f4, new ObjectMapper().readTree(r.out()).get("claims").get(0).get("claim").asText(), "shown as typed");
        r = grade(key, "--claim", "w[1,1,1] = " + f3);
        assertEquals(1, r.exitCode(), r::describe);
        // a fraction's digits are its value's: 270/1000 is 0.27, two digits
        java.math.BigDecimal value = three.stripTrailingZeros();
        assertTrue(r.out().contains("give 4 significant digits; " + f3 + " (" + value.toPlainString() + ") has "
                + value.precision()), r::describe);
        assertFalse(r.out().contains("is a formula"), r::describe);
    }

    @Test
    void staleVariantsOfAnEarlierRunAreRemovedAndNothingElse() throws Exception {
        Path out = dir.resolve("stale");
        assertEquals(0, CliTestSupport.run("exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "9", "-o", out.toString()).exitCode());
        Files.writeString(out.resolve("8/problem.pdf"), "a compiled sheet");
        Files.createDirectories(out.resolve("12"));
        Files.writeString(out.resolve("12/notes.txt"), "not a variant of ours");
        Files.writeString(out.resolve("README"), "mine");
        CliTestSupport.Result r = CliTestSupport.run("exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "3", "-o", out.toString());
        assertEquals(0, r.exitCode(), r::describe);
        for (int k = 1; k <= 3; k++) {
            assertTrue(Files.isRegularFile(out.resolve(k + "/spec.yaml")), "variant " + k + " kept");
        }
        for (int k = 4; k <= 9; k++) {
            assertFalse(Files.exists(out.resolve(k + "/spec.yaml")), "stale variant " + k + " removed");
            assertFalse(Files.exists(out.resolve(k + "/problem.tex")), "stale variant " + k + " removed");
        }
        assertFalse(Files.exists(out.resolve("9")), "an emptied folder goes");
        assertTrue(Files.isRegularFile(out.resolve("8/problem.pdf")), "another file is never removed");
        assertFalse(Files.exists(out.resolve("8/solution.tex")));
        assertTrue(Files.isRegularFile(out.resolve("12/notes.txt")));
        assertTrue(Files.isRegularFile(out.resolve("README")));
        assertEquals(3, new ObjectMapper().readTree(out.resolve("key.json").toFile()).get("variants").size());
    }

    @Test
    void aKeyThatDoesNotMatchItsSpecIsRefused() throws Exception {
        Path out = dir.resolve("edited");
        assertEquals(0, CliTestSupport.run("exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "7", "--seed", "1",
                "-o", out.toString()).exitCode());
        Path k = out.resolve("key.json");
        String claim = "w[1,1,1] = " + truth("w[1,1,1]");
        assertEquals(0, grade(k, "--claim", claim).exitCode(), "the key as written matches");
        Path spec = out.resolve("7/spec.yaml");
        String yaml = Files.readString(spec);
        Files.writeString(spec, yaml.replaceFirst("biases: \\[", "biases: [0.125 + "));
        String edited = Files.readString(spec);
        if (edited.equals(yaml) || edited.contains("0.125 + ")) {
            // the writer's layout: change the first number of the data instead
            Files.writeString(spec, yaml.replaceFirst("y: \\[0", "y: [0.5"));
        }
        CliTestSupport.Result r = grade(k, "--claim", claim);
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains("key.json answers do not match 7/spec.yaml ("), r::describe);
        assertTrue(r.err().contains(": regenerate the exercise"), r::describe);
        assertTrue(r.err().matches("(?s).*\\(\\S+: key \\S+, spec \\S+\\).*"), r::describe);
    }

    @Test
    void theSpecOfAKeyStaysInsideItsFolder() throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(key.toFile());
        String claim = "w[1,1,1] = " + truth("w[1,1,1]");
        for (String bad : List.of(dir.resolve("ex/7/spec.yaml").toAbsolutePath().toString(), "../ex/7/spec.yaml", "7/../../ex/7/spec.yaml", "..", "")) {
            ((ObjectNode) root.get("variants").get(6)).put("spec", bad);
            Path k = dir.resolve("ex/bad-path.json");
            Files.writeString(k, root.toString());
            CliTestSupport.Result r = grade(k, "--claim", claim);
            CliTestSupport.assertOneLineError(r);
            assertTrue(r.err().contains("must be a path inside the key's folder"), bad + ": " + r.err());
        }
        // inside, however written: fine
        ((ObjectNode) root.get("variants").get(6)).put("spec", "./7/spec.yaml");
        Path k = dir.resolve("ex/dot-path.json");
        Files.writeString(k, root.toString());
        assertEquals(0, grade(k, "--claim", claim).exitCode());
    }

    @Test
    void aMalformedKeyIsOnePlainLine() throws Exception {
        String claim = "w[1,1,1] = 0.1";
        for (String text : List.of("{", "{\"variants\": [x]}", "nonsense", "{\"variants\": [{\"id\": 7, \"spec\": \"7/spec.yaml\", \"seed\": \"s\"}]}",
                "{\"digits\": \"four\", \"variants\": []}", "{\"variants\": [{\"id\": 7, \"spec\": \"7/spec.yaml\", \"answers\": 3}]}")) {
            Path k = dir.resolve("ex/malformed.json");
            Files.writeString(k, text);
            CliTestSupport.Result r = grade(k, "--claim", claim);
            CliTestSupport.assertOneLineError(r);
            for (String internal : List.of("Unrecognized token", "Source:", "Unexpected character", "jackson", "JsonToken")) {
                assertFalse(r.err().contains(internal), text + ": " + r.err());
            }
        }
    }

    private static Path template(String name, String from, String to) throws Exception {
        String t = Files.readString(Path.of("notes/xor-relu-sigmoid-bce.yaml"));
        assertTrue(t.contains(from), from);
        Path p = dir.resolve(name);
        Files.writeString(p, t.replace(from, to));
        return p;
    }

    @Test
    void aTemplateUndrawableByItsStructureIsSaidUpFront() throws Exception {
        String rows = "  - {x: [0, 0], y: [0]}\n  - {x: [0, 1], y: [1]}\n  - {x: [1, 0], y: [1]}\n  - {x: [1, 1], y: [0]}\n";
        Path two = template("two.yaml", rows, "  - {x: [0, 1], y: [1]}\n  - {x: [1, 0], y: [1]}\n");
        CliTestSupport.Result r = CliTestSupport.run("exercise", two.toString(), "-o", dir.resolve("two").toString());
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains("with 2 samples and reduction: mean, ×2 and a missing 1/N give the same number"), r::describe);
        assertTrue(r.err().contains("use 1 or ≥ 3 samples, or reduction: sum"), r::describe);
        assertFalse(r.err().contains("widen"), r::describe);
        // the other side: 3 samples, or 2 summed, are no structural clash
        Path three = template("three.yaml", rows, "  - {x: [0, 1], y: [1]}\n  - {x: [1, 0], y: [1]}\n  - {x: [1, 1], y: [0]}\n");
        assertFalse(CliTestSupport.run("exercise", three.toString(), "-o", dir.resolve("three").toString()).err()
                .contains("×2 and a missing 1/N"));
        Path summed = Path.of(two.toString().replace("two.yaml", "two-sum.yaml"));
        Files.writeString(summed, Files.readString(two).replace("reduction: mean", "reduction: sum"));
        assertFalse(CliTestSupport.run("exercise", summed.toString(), "-o", dir.resolve("two-sum").toString()).err()
                .contains("×2 and a missing 1/N"));

        Path zero = template("zero.yaml", rows, "  - {x: [0, 0], y: [0]}\n  - {x: [1, 0], y: [1]}\n  - {x: [{one_of: [0]}, 0], y: [1]}\n"
                + "  - {x: [1, {range: [0, 0]}], y: [0]}\n");
        r = CliTestSupport.run("exercise", zero.toString(), "-o", dir.resolve("zero").toString());
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains("input x2 is 0 in every sample of every draw"), r::describe);
        assertTrue(r.err().contains("give x2 a non-zero value in some sample"), r::describe);
        Path once = template("once.yaml", rows, "  - {x: [0, 0], y: [0]}\n  - {x: [1, 0], y: [1]}\n  - {x: [0, 0], y: [1]}\n"
                + "  - {x: [1, {one_of: [0, 1]}], y: [0]}\n");
        assertFalse(CliTestSupport.run("exercise", once.toString(), "-o", dir.resolve("once").toString()).err()
                .contains("is 0 in every sample"));
    }

    @Test
    void withoutTheSolutionACorrectAnswerShowsNoMoreDigitsThanItHas() throws Exception {
        double t = truth("w[1,1,1]");
        String four = Fmt.num(t, 4);
        for (String format : List.of("text", "json")) {
            CliTestSupport.Result r = grade(key, "--claim", "w[1,1,1] = " + four, "--no-solution", "--format", format);
            assertEquals(0, r.exitCode(), r::describe);
            for (int d = 5; d <= 8; d++) {
                String more = Fmt.num(Math.abs(t), d).replace("0.", "");
                assertFalse(r.out().contains(more), format + " shows " + more + ": " + r.out());
            }
            // the control: with the solution the gradient's digits are there
            CliTestSupport.Result shown = grade(key, "--claim", "w[1,1,1] = " + four, "--format", format);
            assertTrue(shown.out().contains(Fmt.num(Math.abs(t), 8).replace("0.", "")), format + ": " + shown.out());
        }
    }

    @Test
    void underKeyTheRegularizationMessageOffersNothingKeyForbids() throws Exception {
        Path reg = template("reg.yaml", "\ndata:", "\nregularization: {l2: 0.1}\ndata:");
        Path out = dir.resolve("reg");
        CliTestSupport.Result made = CliTestSupport.run("exercise", reg.toString(), "--variants", "1", "-o", out.toString());
        assertEquals(0, made.exitCode(), made::describe);
        Path k = out.resolve("key.json");
        double t = new ObjectMapper().readTree(k.toFile()).get("variants").get(0).get("answers").get("w[1,1,1]").asDouble();
        CliTestSupport.Result r = CliTestSupport.run("check", "--key", k.toString(), "--variant", "1", "--no-symbolic",
                "--claim", "w[1,1,1] = delta[1,1]*x1 + 0.1*w[1,1,1]");
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.out().contains("asks for the gradient's value, a number"), r::describe);
        for (String forbidden : List.of("--gradients", "--of", "--sample", "SPEC")) {
            assertFalse(r.out().contains(forbidden) || r.err().contains(forbidden), forbidden + ": " + r.describe());
        }
        assertEquals(0, CliTestSupport.run("check", "--key", k.toString(), "--variant", "1", "--no-symbolic",
                "--claim", "w[1,1,1] = " + t).exitCode(), "the number with the term is right");
        // the other side: without --key the per-sample message names the other ways
        CliTestSupport.Result plain = CliTestSupport.run("check", out.resolve("1/spec.yaml").toString(), "--of", "batch", "--no-symbolic",
                "--claim", "w[1,1,1] = delta[1,1]*x1");
        CliTestSupport.assertOneLineError(plain);
        assertTrue(plain.err().contains("--gradients"), plain::describe);
    }
}
