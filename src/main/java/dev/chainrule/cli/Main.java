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
        description = "Backpropagation explained step by step, for every weight, and checked.",
        subcommands = {ExplainCommand.class, DeriveCommand.class, CheckCommand.class, BenchCommand.class, TrainCommand.class, CommandLine.HelpCommand.class, WarmupCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // UTF-8 whatever the locale: traces are full of ∂, ŷ and w₁₁⁽¹⁾
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        System.exit(code);
    }

    /** Runs one command in-process; used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cl = new CommandLine(new Main());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof OutputOptions.Offered o) {
                OutputOptions.describe(sub.getCommandSpec(), o.formats());
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("chainrule: " + oneLine(ex.getMessage()) + " (see 'chainrule "
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
