package dev.chainrule.cli;

import dev.chainrule.UserError;
import dev.chainrule.derive.Steps;
import dev.chainrule.render.doc.Format;
import dev.chainrule.render.doc.FormatTable;
import dev.chainrule.render.doc.LineWidth;
import dev.chainrule.render.doc.HtmlMath;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options every command shares: the output format and an optional output file. */
public final class OutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            completionCandidates = FormatNames.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public Format format = Format.TEXT;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    public Path output;

    @Option(names = "--fragment", description = "LaTeX/HTML: a fragment to \\input or embed, not a whole document.")
    public boolean fragment;

    @Option(names = "--width", paramLabel = "LENGTH",
            description = "LaTeX: the host's \\linewidth (pt, bp, mm, cm, in) that display lines are broken for "
                    + "(default: this document's page; for --fragment a standard 12pt article, 390pt).")
    public String width;

    @Option(names = "--font-size", paramLabel = "SIZE", defaultValue = "12pt",
            description = "LaTeX: the host's font size with --width (default: ${DEFAULT-VALUE}).")
    public String fontSize = "12pt";

    @Option(names = "--math", paramLabel = "MATH", converter = MathConverter.class,
            description = "HTML: how the math is written: mathml (default: MathML, no script) or katex (LaTeX that the "
                    + "page's inlined KaTeX script typesets; about 480 KB more).")
    public HtmlMath math;

    /**
     * The renderer of --format in {@code table}, looked up before the work starts: a format the command does not
     * offer, or --math with another format than html (only the HTML page has a choice), is a {@link UserError}.
     */
    public <R> FormatTable.Renderer<R> renderer(FormatTable<R> table) {
        FormatTable.Renderer<R> r = table.renderer(format);
        if (math != null && format != Format.HTML) {
            throw new UserError("--math is for --format html only (--format " + format.id() + " has no choice of math)");
        }
        line();
        return r;
    }

    /** What a renderer gets from the command line besides the result: --fragment, --math, the derivations' detail and --width. */
    public FormatTable.Options options(Steps.Detail detail) {
        return new FormatTable.Options(fragment, detail, math == null ? HtmlMath.MATHML : math, line());
    }

    /** The LaTeX display line from --width and --font-size (0: the format's own); what they cannot do is refused. */
    private int line() {
        if (width == null && !fontSize.equals("12pt")) {
            throw new UserError("--font-size goes with --width (the host's line width at that size)");
        }
        if (width != null && format != Format.LATEX) {
            throw new UserError("--width is for --format latex (the other formats reflow by themselves)");
        }
        return width == null ? 0 : LineWidth.parse(width, fontSize);
    }

    /** The same for a command without --detail. */
    public FormatTable.Options options() {
        return options(Steps.Detail.FULL);
    }

    /** Writes the rendered document to the output file or to {@code out}. */
    public void emit(String document, PrintWriter out) {
        if (output == null) {
            out.print(document);
            if (!document.endsWith("\n")) {
                out.println();
            }
            out.flush();
            return;
        }
        try {
            dev.chainrule.io.TextFiles.write(output, document.getBytes(StandardCharsets.UTF_8));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError("cannot write " + output + ": " + e.getMessage());
        }
    }

    /** A document written to a writer as it is rendered ({@link FormatTable.Renderer#write}). */
    @FunctionalInterface
    public interface Body {
        void write(java.io.Writer out) throws java.io.IOException;
    }

    /**
     * {@link #emit(String, PrintWriter)} for a document written as it is rendered: to the output file through a
     * buffer (a write failure is the same one-line error), or to {@code out}, whose errors {@link Main} reports
     * after the run. A document that fails half-way (a budget runs out) leaves no partial file behind.
     */
    public void emit(Body body, PrintWriter out) {
        if (output == null) {
            LastChar tail = new LastChar(out);
            java.io.Writer w = new java.io.BufferedWriter(tail, 1 << 16);
            try {
                body.write(w);
                w.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // a PrintWriter does not throw: it flags (Main checks)
            }
            if (tail.last != '\n') {
                out.println();
            }
            out.flush();
            return;
        }
        try {
            dev.chainrule.io.TextFiles.write(output, body::write);
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError("cannot write " + output + ": " + e.getMessage());
        }
    }

    /** Passes text on and remembers its last character (a document not ending in a newline gets one on stdout). */
    private static final class LastChar extends java.io.Writer {
        private final java.io.Writer out;
        private int last = -1;

        LastChar(java.io.Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws java.io.IOException {
            if (len > 0) {
                out.write(buf, off, len);
                last = buf[off + len - 1];
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }

        @Override
        public void close() {
        }
    }

    /**
     * A command that writes documents says which formats it offers (its table in {@code render.Formats});
     * {@link Main} lists them in its --help.
     */
    public interface Offered {
        List<Format> formats();
    }

    /** {@code --format NAME}: the names are {@link Format#id()}, lower case, as picocli spells an unknown one. */
    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Format.of(value).orElseThrow(() -> new TypeConversionException(
                    "expected one of " + Format.ids() + " (case-sensitive) but was '" + value + "'"));
        }
    }

    /** {@code --math NAME}: mathml or katex. */
    static final class MathConverter implements ITypeConverter<HtmlMath> {
        @Override
        public HtmlMath convert(String value) {
            return HtmlMath.of(value).orElseThrow(() -> new TypeConversionException(
                    "expected one of " + HtmlMath.ids() + " (case-sensitive) but was '" + value + "'"));
        }
    }

    /** The names --help and shell completion offer. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Format.ids().iterator();
        }
    }

    /** Replaces the shared --format description of {@code command} by one naming only the formats it offers. */
    static void describe(picocli.CommandLine.Model.CommandSpec command, List<Format> offered) {
        picocli.CommandLine.Model.OptionSpec old = command.findOption("--format");
        if (old == null) {
            return;
        }
        String names = String.join(", ", offered.stream().map(Format::id).toList());
        command.remove(old);
        command.addOption(picocli.CommandLine.Model.OptionSpec.builder(old)
                .description("Output format: " + names + " (default: text).").build());
    }
}
