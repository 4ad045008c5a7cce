package dev.chainrule.network.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.UserError;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of broken specs in {@code specs/bad}: each {@code NAME.yaml} must be rejected with a {@link UserError}
 * (and nothing else) whose one-line message is the content of {@code NAME.expected} (or, when that starts with
 * {@code contains: }, includes the rest), names the file and, when the file has YAML content, a line.
 */
class BadSpecCorpusTest {
    private static final String CONTAINS = "contains: ";

    @TestFactory
    Stream<DynamicTest> everyBadSpecIsRejectedWithItsMessage() throws IOException {
        return cases().stream().map(yaml -> DynamicTest.dynamicTest(name(yaml), () -> {
            String message = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> rejection(yaml, () -> SpecLoader.parse(read(yaml), yaml.getFileName().toString())));
            assertMatches(expected(yaml), message);
            assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
            assertTrue(message.startsWith(yaml.getFileName() + ":"), "names the file: " + message);
            if (hasContent(yaml)) {
                assertTrue(Pattern.compile("^" + Pattern.quote(yaml.getFileName().toString()) + ":\\d+: ")
                        .matcher(message).find(), "names a line: " + message);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> loadingTheFileGivesTheSameMessageWithItsPath() throws IOException {
        return cases().stream().map(yaml -> DynamicTest.dynamicTest(name(yaml), () -> {
            String message = rejection(yaml, () -> SpecLoader.load(yaml));
            String expected = expected(yaml);
            String prefix = yaml.getFileName().toString();
            assertMatches(expected.startsWith(prefix) ? yaml + expected.substring(prefix.length()) : expected,
                    message);
        }));
    }

    @Test
    void everyCaseHasAnExpectedMessage() throws IOException {
        List<Path> cases = cases();
        assertTrue(cases.size() >= 21, "corpus size " + cases.size());
        for (Path yaml : cases) {
            assertTrue(Files.exists(expectedFile(yaml)), "missing " + expectedFile(yaml).getFileName());
        }
    }

    /** Runs the load and returns the UserError's message; any other outcome fails the test. */
    static String rejection(Path yaml, Runnable load) {
        try {
            load.run();
        } catch (UserError e) {
            return e.getMessage();
        } catch (Throwable t) {
            throw new AssertionError(yaml.getFileName() + " escaped as " + t, t);
        }
        return fail(yaml.getFileName() + " was accepted");
    }

    private static void assertMatches(String expected, String message) {
        if (expected.startsWith(CONTAINS)) {
            String part = expected.substring(CONTAINS.length());
            assertTrue(message.contains(part), "expected a message containing <" + part + ">, got <" + message + ">");
        } else {
            assertEquals(expected, message);
        }
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Path corpus() {
        try {
            return Path.of(BadSpecCorpusTest.class.getResource("/specs/bad").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Path yaml) {
        return yaml.getFileName().toString().replace(".yaml", "");
    }

    private static Path expectedFile(Path yaml) {
        return yaml.resolveSibling(name(yaml) + ".expected");
    }

    private static String expected(Path yaml) throws IOException {
        return Files.readString(expectedFile(yaml), StandardCharsets.UTF_8).strip();
    }

    static String read(Path yaml) {
        try {
            return Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasContent(Path yaml) {
        return read(yaml).lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
    }
}
