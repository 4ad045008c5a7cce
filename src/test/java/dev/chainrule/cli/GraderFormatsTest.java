package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.expr.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading against an exercise key, and the grader formats: Gradescope's results.json and PrairieLearn's result
 * validated against their published field lists (README, "Graders"), feedback without the solution showing no
 * digit of it, hints naming the rule, and the verdict's border (a number near the truth but not it is wrong).
 */
class GraderFormatsTest {
    @TempDir
    static Path dir;
    static Path key;
    static JsonNode answers;

    @BeforeAll
    static void exercise() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("exercise", "notes/xor-relu-sigmoid-bce.yaml", "--variants", "7", "--seed", "1",
                "-o", dir.toString());
        assertEquals(0, r.exitCode(), r::describe);
        key = dir.resolve("key.json");
        answers = new ObjectMapper().readTree(key.toFile()).get("variants").get(6).get("answers");
    }

    private static double truth(String id) {
        return answers.get(id).asDouble();
    }

    private static CliTestSupport.Result grade(String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--key", key.toString(), "--variant", "7"));
        args.addAll(List.of(extra));
        return CliTestSupport.run(args.toArray(String[]::new));
    }

    private static JsonNode json(CliTestSupport.Result r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void gradescopeResultsHaveThePublishedFields() throws Exception {
        CliTestSupport.Result r = grade("--claim", "w[1,1,1] = " + (-truth("w[1,1,1]")), "--claim", "w[2,1,1] = " + truth("w[2,1,1]"),
                "--claim", "b[1,1] = " + 4 * truth("b[1,1]"), "--format", "gradescope");
        assertEquals(1, r.exitCode(), r::describe);
        JsonNode root = json(r);
        assertFields(root, Set.of("score", "output", "output_format", "visibility", "stdout_visibility", "tests"));
        assertEquals(1, root.get("score").asInt());
        assertEquals("md", root.get("output_format").asText());
        assertEquals(9, root.get("tests").size(), "a test per asked parameter: 3 answered, 6 not");
        for (JsonNode t : root.get("tests")) {
            assertFields(t, Set.of("name", "score", "max_score", "status", "output", "output_format", "visibility"));
            assertTrue(Set.of("passed", "failed").contains(t.get("status").asText()));
            assertTrue(t.get("score").isNumber() && t.get("max_score").isNumber());
            assertTrue(t.get("score").asDouble() <= t.get("max_score").asDouble());
        }
        JsonNode sign = root.get("tests").get(0);
        assertEquals("∂L/∂w[1,1,1]", sign.get("name").asText());
        assertEquals("failed", sign.get("status").asText());
        assertTrue(sign.get("output").asText().startsWith("**✗ incorrect** — sign"), sign.toString());
        // the tests in the key's canonical order, whatever order the answers came in: w[1,1,1] … b[1,1] … w[2,1,1]
        assertEquals("∂L/∂b[1,1]", root.get("tests").get(4).get("name").asText());
        assertTrue(root.get("tests").get(4).get("output").asText().contains("constant\\_factor"));
        assertEquals("∂L/∂w[2,1,1]", root.get("tests").get(6).get("name").asText());
        assertEquals("passed", root.get("tests").get(6).get("status").asText());
    }

    @Test
    void prairieLearnResultsHaveThePublishedFields() throws Exception {
        CliTestSupport.Result r = grade("--claim", "w[1,1,1] = " + truth("w[1,1,1]"), "--claim", "w[2,1,1] = 1",
                "--format", "prairielearn");
        JsonNode root = json(r);
        assertFields(root, Set.of("gradable", "score", "message", "output", "tests"));
        assertTrue(root.get("gradable").asBoolean());
        assertEquals(1.0 / 9, root.get("score").asDouble(), 1e-15, "1 of the 9 asked parameters right");
        for (JsonNode t : root.get("tests")) {
            assertFields(t, Set.of("name", "description", "points", "max_points", "message", "output"));
            double p = t.get("points").asDouble();
            assertTrue(p >= 0 && p <= t.get("max_points").asDouble());
        }
    }

    @Test
    void everyDesignedSlipIsNamedFromTheNumberAlone() throws Exception {
        // σ where σ′ belongs in layer 2 and the swapped indices, which the plain judge can only guess at
        dev.chainrule.homework.ExerciseDesign.Variant v = dev.chainrule.homework.ExerciseDesign.of(7, 0,
                dev.chainrule.network.spec.SpecLoader.load(dir.resolve("7/spec.yaml")));
        for (String id : List.of("w[1,1,2]", "w[2,1,1]", "b[1,2]")) {
            for (dev.chainrule.homework.SlipCatalogue.Slip s : v.slips().get(id)) {
                JsonNode c = json(grade("--claim", id + " = " + s.value(), "--format", "json")).get("claims").get(0);
                assertEquals("incorrect", c.get("verdict").asText(), s.name());
                assertEquals(s.kind().spelling(), c.get("diagnosis").get("kind").asText(), id + " " + s.name());
                assertFalse(c.get("diagnosis").get("message").asText().startsWith("probably"), s.name());
            }
        }
    }

    @Test
    void withoutTheSolutionNoDigitOfItIsShown() throws Exception {
        for (String format : List.of("text", "json", "gradescope", "prairielearn")) {
            CliTestSupport.Result r = grade("--claim", "w[1,2,2] = " + 2 * truth("w[1,2,2]"), "--claim", "b[1,1] = 0.1",
                    "--no-solution", "--format", format);
            assertEquals(1, r.exitCode(), r::describe);
            for (String id : List.of("w[1,2,2]", "b[1,1]")) {
                for (int d = 3; d <= 6; d++) {
                    String digits = Fmt.num(Math.abs(truth(id)), d).replace("0.", "");
                    assertFalse(r.out().contains(digits), format + " shows " + digits + " of " + id + ": " + r.out());
                }
            }
            assertFalse(r.out().contains("δ₁⁽¹⁾"), format + " shows the correct result");
            assertTrue(r.out().contains("a factor 2 too many"), format + ": " + r.out());
        }
        CliTestSupport.Result shown = grade("--claim", "w[1,2,2] = " + 2 * truth("w[1,2,2]"));
        assertTrue(shown.out().contains(Fmt.num(Math.abs(truth("w[1,2,2]")), 5).replace("0.", "")), "the control shows it");
    }

    @Test
    void aHintNamesTheRuleNotTheValue() throws Exception {
        dev.chainrule.homework.ExerciseDesign.Variant v = dev.chainrule.homework.ExerciseDesign.of(7, 0,
                dev.chainrule.network.spec.SpecLoader.load(dir.resolve("7/spec.yaml")));
        double sigma = v.slips().get("w[2,1,1]").stream().filter(s -> s.name().equals("activation_not_derivative@2"))
                .findFirst().orElseThrow().value();
        CliTestSupport.Result r = grade("--claim", "w[2,1,1] = " + sigma, "--hint", "--no-solution");
        assertTrue(r.out().contains("hint: sigmoid rule: σ′ = σ(1 − σ)"), r::describe);
        CliTestSupport.Result plain = grade("--claim", "w[2,1,1] = " + sigma);
        assertFalse(plain.out().contains("hint:"), "no hint unless asked: " + plain.out());
    }

    @Test
    void aNumberNearTheTruthButNotItIsIncorrect() throws Exception {
        double t = truth("w[1,1,1]");
        // within the design's 2 % but not the gradient at its own digits: incorrect (was graded correct)
        String near = Fmt.num(t * 1.015, 4);
        assertEquals(1, grade("--claim", "w[1,1,1] = " + near).exitCode(), near);
        assertEquals(0, grade("--claim", "w[1,1,1] = " + Fmt.num(t, 4)).exitCode());
        assertEquals(0, grade("--claim", "w[1,1,1] = " + t).exitCode());
    }

    @Test
    void badUseIsOneLine() throws Exception {
        Path notKey = dir.resolve("not-key.json");
        Files.writeString(notKey, "{\"x\": 1}");
        Path notJson = dir.resolve("not-json.json");
        Files.writeString(notJson, "{");
        String claim = "w[1,1,1] = 0.1";
        for (String[] args : List.of(
                new String[] {"check", "--key", key.toString(), "--variant", "99", "--claim", claim},
                new String[] {"check", "--key", key.toString(), "--claim", claim},
                new String[] {"check", "--key", notKey.toString(), "--variant", "1", "--claim", claim},
                new String[] {"check", "--key", notJson.toString(), "--variant", "1", "--claim", claim},
                new String[] {"check", "--key", dir.resolve("nope.json").toString(), "--variant", "1", "--claim", claim},
                new String[] {"check", "--key", key.toString(), "--variant", "7", "--claim", "w[3,1,1] = 1"},
                new String[] {"check", "--key", key.toString(), "--variant", "7"},
                new String[] {"check", "--key", key.toString(), "--variant", "7", "--claim", claim, "--sample", "1"},
                new String[] {"check", "--key", key.toString(), "--variant", "7", "--claim", claim, "--no-solution", "--format", "latex"},
                new String[] {"check", "--claim", "b[2,1] = yhat - y", "--no-solution", "--format", "html"},
                new String[] {"explain", "--format", "gradescope"},
                new String[] {"derive", "x^2", "--wrt", "x", "--format", "prairielearn"})) {
            CliTestSupport.assertOneLineError(CliTestSupport.run(args));
        }
    }

    @Test
    void claimsOnASpecGradeToo() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("check", "--claim", "b[2,1] = yhat - y", "--claim", "w[2,1,1] = (yhat - y)*a[1,2]",
                "--no-symbolic", "--format", "gradescope", "--hint");
        JsonNode root = json(r);
        assertEquals(1, root.get("score").asInt());
        assertTrue(root.get("tests").get(1).get("output").asText().contains("*Hint:*"), r::describe);
    }

    @Test
    void aHintOnAFormulaNamesTheRuleOfTheWrongLink() {
        CliTestSupport.Result r = CliTestSupport.run("check", "--claim", "w[1,1,1] = (yhat-y)*w[2,1,1]*x1", "--no-symbolic", "--hint");
        assertTrue(r.out().contains("hint: every link of the chain is one factor; for the link ∂a₁⁽¹⁾/∂z₁⁽¹⁾, the ReLU rule: "
                + "ReLU′(z) = [z > 0]"), r::describe);
        CliTestSupport.Result s = CliTestSupport.run("check", "--claim", "w[2,1,1] = (yhat-y)*yhat*a[1,1]", "--no-symbolic", "--hint");
        assertTrue(s.out().contains("hint: "), s::describe);
    }

    @Test
    void workedStepsGradeAsOneTestWithTheirLines() throws Exception {
        Path steps = dir.resolve("steps.txt");
        Files.writeString(steps, "dL/dw[2,1,1]\n= dL/dyhat * dyhat/dz[2,1] * dz[2,1]/dw[2,1,1]\n= (yhat - y) * a[1,1]\n"
                + "= (yhat - y) * yhat * a[1,1]\n");
        CliTestSupport.Result r = CliTestSupport.run("check", "--steps", steps.toString(), "--sample", "2", "--no-symbolic",
                "--format", "prairielearn");
        JsonNode root = json(r);
        assertEquals(0.0, root.get("score").asDouble());
        String out = root.get("tests").get(0).get("output").asText();
        assertTrue(out.contains("line 3 ✓ (yhat - y) * a[1,1]"), out);
        assertTrue(out.contains("line 4 ✗ (yhat - y) * yhat * a[1,1]    ← first wrong line"), out);
    }

    /** A student's submission is graded whole: no answer read as an error that loses the others, no point counted twice. */
    @Test
    void aSubmissionIsGradedWhole() throws Exception {
        Path out = dir.resolve("whole.json");
        CliTestSupport.Result r = grade("--claim", "w[1,1,1] = " + truth("w[1,1,1]"), "--claim", "w[1,1,2] = abc",
                "--claim", "w[1,2,1] = 0,175", "--claim", "b[1,1] = delta[1,1]", "--claim", "w[1,1,1] = " + truth("w[1,1,1]"),
                "--claim", "w[2,1,1] = " + truth("w[2,1,1]"), "--claim", "w[2,1,1] = " + (-truth("w[2,1,1]")),
                "--format", "gradescope", "-o", out.toString());
        assertEquals(1, r.exitCode(), r::describe);
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertEquals(9, root.get("tests").size());
        assertEquals(2, root.get("score").asInt(), "w[1,1,1] and w[2,1,1] once each, the hedge not counted");
        List<String> outputs = new ArrayList<>();
        root.get("tests").forEach(t -> outputs.add(t.get("name").asText() + ": " + t.get("output").asText()));
        // canonical order: w[1,1,1], w[1,1,2], w[1,2,1], w[1,2,2], b[1,1], b[1,2], w[2,1,1], w[2,1,2], b[2,1]
        assertTrue(outputs.get(1).contains("could not read your answer"), outputs.get(1));
        assertTrue(outputs.get(2).contains("could not read your answer"), outputs.get(2));
        assertTrue(outputs.get(4).contains("asks for the gradient's value, a number"), outputs.get(4));
        assertTrue(outputs.get(8).contains("No answer."), outputs.get(8));
        // text judges what was claimed, and says what was left ungraded
        CliTestSupport.Result text = grade("--claim", "w[1,1,1] = " + truth("w[1,1,1]"), "--claim", "w[1,1,1] = 1");
        assertEquals(0, text.exitCode(), text::describe);
        assertTrue(text.out().contains("1 more answer to w[1,1,1] not graded"), text::describe);
    }

    /** Template numbers that are not draws are one line, exit 2 (they were exceptions). */
    @Test
    void badTemplateNumbersAreOneLine() throws Exception {
        String t = Files.readString(Path.of("notes/xor-relu-sigmoid-bce.yaml"));
        String first = t.substring(t.indexOf("weights:"));
        String number = first.substring(first.indexOf('[') + 2, first.indexOf(','));
        for (String bad : List.of("{range: [1, -1]}", "{range: [0, 1], step: 0}", "{range: [0, 1], step: -0.5}",
                "{range: [0, 1000000000], step: 0.000000001}", "{range: [0, .inf]}", "{one_of: []}", "{range: [a, b]}",
                "{one_of: [a, 1]}", "{one_of: 5}", "{range: [1]}", "{range: [0, 1, 2]}", "{range: [0, 1], one_of: [1]}",
                "{range: [.nan, 1]}", "{rnge: [0, 1]}")) {
            Path file = dir.resolve("bad-template.yaml");
            Files.writeString(file, t.replaceFirst(java.util.regex.Pattern.quote("[" + number + ","), "[" + bad + ","));
            CliTestSupport.Result r = CliTestSupport.run("exercise", file.toString(), "--variants", "1", "-o",
                    dir.resolve("bad-out").toString());
            CliTestSupport.assertOneLineError(r);
            assertTrue(r.err().contains("template number"), bad + ": " + r.err());
        }
    }

    private static void assertFields(JsonNode o, Set<String> fields) {
        Set<String> have = new java.util.TreeSet<>();
        for (Iterator<String> i = o.fieldNames(); i.hasNext(); ) {
            have.add(i.next());
        }
        assertEquals(new java.util.TreeSet<>(fields), have);
    }
}
