package dev.chainrule.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The corpus in src/test/resources/bad-inputs/cli.tsv: each case one line on stderr, exit 2, no stack trace. */
class BadInputCorpusTest {
    @TestFactory
    Stream<DynamicTest> everyBadInputIsOneClearLine() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/bad-inputs/cli.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                String[] args = Arrays.stream(parts[0].split(" \\| ", -1)).map(String::strip).toArray(String[]::new);
                String expected = parts[1].strip();
                tests.add(DynamicTest.dynamicTest(parts[0], () -> check(args, expected)));
            }
        }
        assertTrue(tests.size() >= 15, "the corpus is there");
        return tests.stream();
    }

    private static void check(String[] args, String expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        String e = err.toString().strip();
        assertEquals(2, code, "exit code; stderr: " + e);
        assertEquals(1, e.lines().count(), "one line: " + e);
        assertTrue(e.contains(expected), "expected '" + expected + "' in: " + e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), "no stack trace: " + e);
    }
}
