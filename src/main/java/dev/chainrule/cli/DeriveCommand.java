package dev.chainrule.cli;

import dev.chainrule.Budget;
import dev.chainrule.freeform.DeriveRequest;
import dev.chainrule.freeform.FreeformAnalysis;
import dev.chainrule.freeform.FreeformAnalyzer;
import dev.chainrule.freeform.PointParser;
import dev.chainrule.render.Formats;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chainrule derive EXPR --wrt VAR…}: a free-form derivative step by step, with numbers and a check. */
@Command(name = "derive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Differentiate a free-form expression step by step, each step's rules named; with --at, "
                + "put the numbers in and check the result against a finite difference.",
                "",
                "EXPR is an expression, or definitions separated by ';' or new lines; the quantity differentiated is "
                + "the bare expression, else the first definition:",
                "  chainrule derive \"(t - (w*x + b))^2\" --wrt w --at t=2,w=1,x=1,b=2",
                "  chainrule derive \"L = (t - z)^2; z = w1*x1 + w2*x2 + b\" --wrt w1,b",
                "Formats: text (default), json, latex, markdown and html.",
                "Exit status: 0 success, 1 a finite-difference check failed, 2 bad input or usage."})
public final class DeriveCommand implements Callable<Integer>, OutputOptions.Offered {
    @Override
    public java.util.List<Format> formats() {
        return Formats.DERIVE.formats();
    }

    /** Expression nodes a derivation may make and visit, derivation, simplification and document together. */
    public static final long MAX_NODES = 5_000_000;
    /**
     * When Symja must be done in a --symja run, counted from the start of the process (JVM start-up and chainrule's
     * own derivation included), so that the run ends within 10 s; past it the report says Symja did not finish.
     */
    public static final java.time.Duration SYMJA_DEADLINE = java.time.Duration.ofSeconds(9);
    /** The least time Symja gets however long the rest took (its own start-up is about 1 s). */
    static final java.time.Duration SYMJA_AT_LEAST = java.time.Duration.ofSeconds(1);

    /** Symja's time left: up to {@link #SYMJA_DEADLINE} after the process started, at least {@link #SYMJA_AT_LEAST}. */
    static java.time.Duration symjaLimit() {
        java.time.Duration elapsed = java.time.Duration.ofMillis(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        java.time.Duration left = SYMJA_DEADLINE.minus(elapsed);
        return left.compareTo(SYMJA_AT_LEAST) < 0 ? SYMJA_AT_LEAST : left;
    }
    /** Largest document derive writes (a derivation a reader can follow is far shorter). */
    public static final int MAX_DOCUMENT_CHARS = 1_000_000;
    /** Wall-clock limit of the same. */
    public static final java.time.Duration MAX_TIME = java.time.Duration.ofSeconds(20);

    @Parameters(index = "0", paramLabel = "EXPR",
            description = "The expression, e.g. \"(y - w1*x)^2\", or definitions \"L = (t - z)^2; z = w*x + b\"; "
                    + "it may begin with a minus sign: \"-y*log(p)\".")
    String expression;

    @Option(names = "--wrt", paramLabel = "VAR", required = true,
            description = "Differentiate with respect to VAR (repeatable; comma lists allowed: --wrt w1,w2,b).")
    List<String> wrt = new ArrayList<>();

    @Option(names = "--at", paramLabel = "NAME=VALUE",
            description = "The point: a value for every variable (repeatable; comma lists: --at t=2,w1=1). "
                    + "Without --at the result is symbolic only.")
    List<String> at = new ArrayList<>();

    @Mixin
    DetailOption detailOption = new DetailOption();

    @Option(names = "--symja", description = "Also let Symja (computer algebra, ~1 s to start) differentiate on its own, "
            + "with every definition written out, and say whether its D[f, w] equals the result (exit 1 if not).")
    boolean symja;

    @Option(names = "--expand", description = "Write every definition out first and differentiate the expanded expression.")
    boolean expand;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // an expression may begin with a minus sign ("-y*log(p)", -x): picocli hands such an argument over as EXPR,
        // as this command takes unmatched options as positional parameters (see Main); --bogus is still an option
        if (expression.matches("--[A-Za-z][A-Za-z0-9-]*(=.*)?")) {
            throw new picocli.CommandLine.UnmatchedArgumentException(spec.commandLine(), "Unknown option: '" + expression + "'");
        }
        FormatTable.Renderer<FreeformAnalysis> renderer = output.renderer(Formats.DERIVE);
        List<String> names = PointParser.names(wrt, "--wrt");
        Optional<java.util.Map<String, Double>> point = at.isEmpty() ? Optional.empty() : Optional.of(PointParser.point(at));
        DeriveRequest request = new DeriveRequest(expression, names, point, expand);
        FreeformAnalysis a;
        String doc;
        // the derivation and its document have a budget (README, Limits and errors): a product of thousands of
        // factors or a tower of powers is refused in seconds instead of running for minutes
        String advice = "differentiate a smaller expression, or define its parts as names (L = …; z = …) so that they are kept";
        try (Budget.Phase phase = Budget.phase("the derivation", MAX_NODES, MAX_TIME, advice)) {
            a = FreeformAnalyzer.analyze(request);
        }
        if (symja) {
            // Symja has a limit of its own for the run, on its worker thread (README, derive)
            a = FreeformAnalyzer.withSymja(a, request, symjaLimit());
        }
        try (Budget.Phase phase = Budget.phase("the derivation's document", MAX_NODES, MAX_TIME, advice)) {
            doc = renderer.render(a, output.options(detailOption.detail()));
        }
        if (doc.length() > MAX_DOCUMENT_CHARS) {
            throw new dev.chainrule.UserError(String.format(java.util.Locale.ROOT, "the derivation's document has %,d "
                    + "characters, more than the limit of %,d; differentiate a smaller expression, or define its parts as "
                    + "names (L = …; z = …) so that they are kept", doc.length(), MAX_DOCUMENT_CHARS));
        }
        output.emit(doc, spec.commandLine().getOut());
        return a.anyCheckFailed() ? Main.CHECK_FAILED : Main.OK;
    }
}
