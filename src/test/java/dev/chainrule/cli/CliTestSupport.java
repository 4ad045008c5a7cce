package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the CLI in-process, the way {@code ./chainrule} would, and captures what it prints.
 * <pre>{@code
 * Result r = CliTestSupport.run("derive", "x^2", "--wrt", "x");
 * CliTestSupport.assertExit(0, r);
 * }</pre>
 */
public final class CliTestSupport {
    private CliTestSupport() {
    }

    /** The exit code and everything printed on stdout and stderr. */
    public record Result(int exitCode, String out, String err) {
        /** Both streams, for assertion messages. */
        public String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    /** Runs {@code chainrule args…} through {@link Main#run}. */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(), err.toString());
    }

    /** The command ended with {@code expected}; on failure the message shows both streams. */
    public static void assertExit(int expected, Result r) {
        assertEquals(expected, r.exitCode(), () -> "unexpected exit code\n" + r.describe());
    }

    /**
     * The contract's error shape for bad input: exit 2, exactly one non-empty line on stderr, and no
     * stack-trace text in either stream.
     */
    public static void assertOneLineError(Result r) {
        assertExit(Main.BAD_INPUT, r);
        String err = r.err().endsWith("\n") ? r.err().substring(0, r.err().length() - 1) : r.err();
        err = err.endsWith("\r") ? err.substring(0, err.length() - 1) : err;
        assertFalse(err.isBlank(), () -> "stderr is empty\n" + r.describe());
        assertFalse(err.contains("\n") || err.contains("\r"), () -> "stderr has more than one line\n" + r.describe());
        for (String stream : new String[] {r.out(), r.err()}) {
            assertFalse(stream.contains("Exception"), () -> "stack-trace text (\"Exception\")\n" + r.describe());
            assertFalse(stream.contains("at dev."), () -> "stack-trace text (\"at dev.\")\n" + r.describe());
        }
    }
}
