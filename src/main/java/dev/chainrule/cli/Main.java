package dev.chainrule.cli;

import dev.chainrule.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command. Exit codes: 0 success, 1 a check the user asked for failed (gradient check or homework
 * claim), 2 bad input or usage, 3 an internal error (a bug: please report it with --debug output).
 */
@Command(name = "chainrule", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Backpropagation explained step by step, for every weight, and checked.")
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The subcommands, in --help order. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = new java.util.LinkedHashMap<>();

    static {
        COMMANDS.put("explain", ExplainCommand::new);
        COMMANDS.put("derive", DeriveCommand::new);
        COMMANDS.put("check", CheckCommand::new);
        COMMANDS.put("exercise", ExerciseCommand::new);
        COMMANDS.put("bench", BenchCommand::new);
        COMMANDS.put("train", TrainCommand::new);
        COMMANDS.put("import", ImportCommand::new);
        COMMANDS.put("help", CommandLine.HelpCommand::new);
        COMMANDS.put("__warmup", WarmupCommand::new);
    }

    /**
     * The command line with the subcommand {@code args} names, or with all of them (for help, a typo, none):
     * picocli builds each command's model by reflection, ~20–40 ms apiece, so a run builds only the one it needs.
     */
    private static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        boolean one = COMMANDS.containsKey(first) && !first.equals("help");
        if (first.equals("--version") || first.equals("-V")) {
            return cl;
        }
        for (java.util.Map.Entry<String, java.util.function.Supplier<Object>> c : COMMANDS.entrySet()) {
            if (!one || c.getKey().equals(first)) {
                Object command = c.getValue().get();
                cl.addSubcommand(c.getKey(), command);
                if (command instanceof DeriveCommand) {
                    // derive "-y*log(p)" --wrt p: an expression may begin with a minus sign (--bogus: see DeriveCommand.call)
                    cl.getSubcommands().get(c.getKey()).setUnmatchedOptionsArePositionalParams(true);
                }
                if (command instanceof OutputOptions.Offered o) {
                    OutputOptions.describe(cl.getSubcommands().get(c.getKey()).getCommandSpec(), o.formats());
                }
            }
        }
        return cl;
    }

    public static void main(String[] args) {
        inProcess = false;
        // UTF-8 whatever the locale: traces are full of ∂, ŷ and w₁₁⁽¹⁾. Standard output is written to the file
        // descriptor itself (not System.out, which swallows errors), so that a failed write is seen (see run).
        FailureRecorder stdout = new FailureRecorder(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        processStdout = stdout;
        int code = run(args, out, err);
        err.flush();
        System.exit(code);
    }

    /** Standard output of the process when {@link #main} runs, to tell why a write failed. */
    private static volatile FailureRecorder processStdout;

    /** False when {@link #main} runs (a process of its own): then a command may handle SIGINT (train). */
    static volatile boolean inProcess = true;

    /** Exit code when standard output is a pipe whose reader has gone (128 + SIGPIPE, as the shell reports it). */
    static final int BROKEN_PIPE = 141;

    /** Exit code of a run stopped by SIGINT (Ctrl-C), 128 + 2 as the shell reports it. */
    public static final int INTERRUPTED = 130;

    /** Passes bytes on and remembers the first write failure, which PrintWriter would otherwise only flag. */
    static final class FailureRecorder extends java.io.FilterOutputStream {
        private volatile java.io.IOException failure;

        FailureRecorder(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            try {
                out.write(b, off, len);
            } catch (java.io.IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public void write(int b) throws java.io.IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        boolean brokenPipe() {
            java.io.IOException f = failure;
            return f != null && String.valueOf(f.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("broken pipe");
        }

        String reason() {
            java.io.IOException f = failure;
            return f == null ? null : dev.chainrule.io.TextFiles.reason(f);
        }
    }

    /** Runs one command in-process; used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cl = commandLine(rest);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            if (ex.getCause() instanceof UserError u) {
                // an option's converter (check --of, explain --check, bench --clock) rejected its value: worded as
                // the command itself would word it
                if (debug) {
                    u.printStackTrace(err);
                }
                err.println("chainrule: error: " + oneLine(u.getMessage()));
                return BAD_INPUT;
            }
            // a mistyped command gets a suggestion (picocli's guesses for options are too loose to print)
            java.util.List<String> commands = ex instanceof CommandLine.UnmatchedArgumentException u
                    ? u.getSuggestions().stream().filter(COMMANDS::containsKey).toList() : java.util.List.of();
            String hint = commands.isEmpty() ? "" : "; did you mean " + String.join(" or ", commands) + "?";
            String message = oneLine(ex.getMessage());
            // with unmatched options taken as positional parameters (derive), a stray -q is reported as what it is
            if (ex instanceof CommandLine.UnmatchedArgumentException u && message.startsWith("Unmatched argument")
                    && u.getUnmatched().size() == 1 && u.getUnmatched().get(0).startsWith("-")) {
                message = "Unknown option: '" + u.getUnmatched().get(0) + "'";
            }
            err.println("chainrule: " + message + hint + " (see 'chainrule "
                    + subcommandName(ex.getCommandLine()) + "--help')");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (debug) {
                ex.printStackTrace(err);
            }
            if (ex instanceof UserError) {
                err.println("chainrule: error: " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            err.println("chainrule: internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(String.valueOf(ex.getMessage()))
                    + (debug ? "" : " (rerun with --debug for details)"));
            return INTERNAL_ERROR;
        });
        try {
            int code = cl.execute(rest);
            out.flush();
            if (out.checkError()) {
                // a full disk, /dev/full: the output is lost, so the run did not succeed (README, Limits and errors)
                FailureRecorder recorder = processStdout;
                if (recorder != null && recorder.brokenPipe()) {
                    return BROKEN_PIPE; // explain | head: the reader went away, as for any Unix tool; no message
                }
                String reason = recorder == null ? null : recorder.reason();
                err.println("chainrule: error: cannot write to standard output (" + (reason == null ? "write error" : reason)
                        + "); the output is incomplete");
                code = BAD_INPUT;
            }
            err.flush();
            return code;
        } catch (StackOverflowError | OutOfMemoryError ex) {
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("chainrule: error: the input is too large or too deeply nested to process");
            err.flush();
            return BAD_INPUT;
        } catch (RuntimeException ex) {
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("chainrule: internal error: " + oneLine(String.valueOf(ex.getMessage())));
            err.flush();
            return INTERNAL_ERROR;
        }
    }

    private static String subcommandName(CommandLine cl) {
        String name = cl.getCommandName();
        return name.equals("chainrule") ? "" : name + " ";
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"chainrule " + (v == null ? "0.1.0" : v)};
        }
    }
}
