package dev.chainrule.cli;

import dev.chainrule.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserError("cannot write " + output + ": the folder " + parent + " does not exist");
            }
            Files.writeString(output, document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write " + output + ": " + e.getMessage());
        }
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
