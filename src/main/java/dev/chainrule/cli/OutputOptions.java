package dev.chainrule.cli;

import dev.chainrule.UserError;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command shares: the output format and an optional output file. */
public final class OutputOptions {
    public enum Format { text, json, latex, markdown, html, dot }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    public Path output;

    @Option(names = "--fragment", description = "LaTeX/HTML: a fragment to \\input or embed, not a whole document.")
    public boolean fragment;

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

    /** A command that writes documents says which formats it offers; {@link Main} lists them in its --help. */
    public interface Offered {
        List<Format> formats();
    }

    /** Replaces the shared --format description of {@code command} by one naming only the formats it offers. */
    static void describe(picocli.CommandLine.Model.CommandSpec command, List<Format> offered) {
        picocli.CommandLine.Model.OptionSpec old = command.findOption("--format");
        if (old == null) {
            return;
        }
        String names = String.join(", ", offered.stream().map(Format::name).toList());
        command.remove(old);
        command.addOption(picocli.CommandLine.Model.OptionSpec.builder(old)
                .description("Output format: " + names + " (default: text).").build());
    }

    public void requireOneOf(List<Format> allowed) {
        requireOneOf(allowed.toArray(Format[]::new));
    }

    public void requireOneOf(Format... allowed) {
        for (Format f : allowed) {
            if (f == format) {
                return;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Format f : allowed) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f);
        }
        throw new UserError("--format " + format + " is not available for this command (use one of: " + sb + ")");
    }
}
