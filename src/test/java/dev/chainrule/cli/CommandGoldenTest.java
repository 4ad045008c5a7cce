package dev.chainrule.cli;

import static dev.chainrule.cli.CliTestSupport.assertExit;

import dev.chainrule.cli.CliTestSupport.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text output of {@code explain}, {@code check} and {@code train} on every worked example in
 * {@code notes/}, compared with {@code src/test/resources/golden/{explain,check,train}/}: a refactoring must
 * keep every line, and a change of the output shows in review as a diff of these files.
 *
 * <p>To accept a change: {@code mvn -q test -Dtest='dev.chainrule.cli.*GoldenTest' -Dgolden.update=true}.
 */
class CommandGoldenTest {
    /** Every notes/ example; each with claims as a student would hand them in (the notes' own slips first). */
    private static final List<String[]> NOTES = List.of(
            new String[] {"xor-relu-sigmoid-bce", "w[1,1,1] = -delta[1,1]*x1", "b[1,1] = (yhat - y)*w[2,1,1]",
                "w[2,1,1] = (yhat - y)*a[1,1]", "b[2,1] = 0.1"},
            new String[] {"linear-regression", "w[1,1,1] = (y - yhat)*x1", "b[1,1] = 1"},
            new String[] {"sigmoid-mse", "w[2,1,1] = (y - yhat)*yhat*(1 - yhat)*a[1,1]"},
            new String[] {"relu-exercise", "w[2,1,1] = (y - yhat)*a[1,1]", "w[1,2,1] = 0"},
            new String[] {"one-d-identity", "w[1,1,1] = -4.2", "b[1,1] = 2*(yhat - y)"},
            new String[] {"generic-two-layer-sigma-mse", "w[2,1,2] = 2*(a[2,1] - y1)*a[2,1]*(1 - a[2,1])*a[1,2]"},
            new String[] {"iq-cgpa-package", "w[1,1,1] = -2*(lpa - y)*w[2,1,1]*iq"},
            new String[] {"cgpa-profile-placement", "w[2,1,1] = -(placed - y)*a[1,1]",
                "w[1,2,1] = (placed - y)*w[2,1,1]*a[1,2]*(1 - a[1,2])*cgpa"});

    static List<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (String[] note : NOTES) {
            String spec = "notes/" + note[0] + ".yaml";
            runs.add(Arguments.of("explain", note[0], new String[] {"explain", spec}));
            List<String> formulas = new ArrayList<>(List.of("check", spec));
            List<String> numbers = new ArrayList<>(List.of("check", spec, "--sample", "1"));
            for (int i = 1; i < note.length; i++) {
                List<String> to = note[i].matches(".*= *-?[0-9.]+") ? numbers : formulas;
                to.add("--claim");
                to.add(note[i]);
            }
            runs.add(Arguments.of("check", note[0], formulas.toArray(String[]::new)));
            if (numbers.size() > 4) {
                runs.add(Arguments.of("check", note[0] + "-numbers", numbers.toArray(String[]::new)));
            }
            runs.add(Arguments.of("train", note[0], new String[] {"train", spec, "--epochs", "3"}));
        }
        runs.add(Arguments.of("explain", "builtin-brief", new String[] {"explain", "--brief"}));
        runs.add(Arguments.of("check", "builtin-batch", new String[] {"check", "--of", "batch", "--claim",
                "w[2,1,1] = (1/N)*(yhat - y)*a[1,1]"}));
        runs.add(Arguments.of("train", "builtin-adam", new String[] {"train", "--epochs", "4", "--optimizer", "adam",
                "--show-steps", "2"}));
        return runs;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void textOutputMatchesTheGoldenFile(String command, String name, String[] args) throws IOException {
        Result r = CliTestSupport.run(args);
        if (r.exitCode() != 0 && r.exitCode() != 1) {
            assertExit(0, r);
        }
        GoldenFiles.assertMatches(command, name, args, r.out() + (r.exitCode() == 0 ? "" : "[exit " + r.exitCode() + "]\n"));
    }
}
