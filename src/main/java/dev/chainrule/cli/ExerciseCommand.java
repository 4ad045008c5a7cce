package dev.chainrule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chainrule.UserError;
import dev.chainrule.homework.ExerciseDesign;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chainrule exercise TEMPLATE --variants N --seed S -o DIR}: per-student exercises, diagnosable by design. */
@Command(name = "exercise", mixinStandardHelpOptions = true,
        description = {"Write N exercise variants of a template spec: DIR/K/spec.yaml, DIR/K/problem.tex, "
                + "DIR/K/solution.tex and DIR/key.json. Template numbers may be {range: [LO, HI], step: S} or "
                + "{one_of: [A, B, …]}; a template without either draws each weight and bias from its value ± 1 in steps of 0.5. "
                + "Draws with a sample near a ReLU kink, a saturated unit, an inactive unit, or two slips giving the same answer are redrawn."})
public final class ExerciseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The template spec (YAML).")
    Path template;

    @Option(names = "--variants", defaultValue = "1", description = "How many variants (default 1).")
    int variants;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the draws (default 1): the same seed gives the same files.")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Where to write the variants.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (variants < 1 || variants > 1000) {
            throw new UserError("--variants must be between 1 and 1000");
        }
        String text;
        try {
            text = dev.chainrule.io.TextFiles.read(template, dev.chainrule.network.spec.SpecLoader.MAX_FILE_BYTES,
                    String.format("%,d (5 MB) for a spec", dev.chainrule.network.spec.SpecLoader.MAX_FILE_BYTES));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError(template + ": " + e.getMessage());
        }
        List<Map<String, Object>> key = new ArrayList<>();
        for (int k = 1; k <= variants; k++) {
            ExerciseDesign.Variant v = ExerciseDesign.draw(text, k, seed);
            Path d = dir.resolve(Integer.toString(k));
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new UserError("cannot write " + d + ": " + dev.chainrule.io.TextFiles.reason(e));
            }
            Path spec = d.resolve("spec.yaml");
            write(spec, v.yaml());
            write(d.resolve("problem.tex"), problem(v));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = Main.run(new String[] {"explain", spec.toString(), "--format", "latex"}, new PrintWriter(out), new PrintWriter(err));
            if (rc != 0) {
                throw new IllegalStateException("explain of variant " + k + " failed: " + err);
            }
            write(d.resolve("solution.tex"), out.toString());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", k);
            entry.put("seed", v.seed());
            entry.put("spec", k + "/spec.yaml");
            entry.put("answers", v.answers());
            key.add(entry);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        write(dir.resolve("key.json"), json.writeValueAsString(Map.of("variants", key)) + "\n");
        return Main.OK;
    }

    /** A file of the exercise, written as every command writes (a failed write is one line, exit 2). */
    private static void write(Path file, String text) {
        try {
            dev.chainrule.io.TextFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The problem sheet: the network and its data, and what to compute (no answers). */
    static String problem(ExerciseDesign.Variant v) {
        StringBuilder b = new StringBuilder();
        b.append("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n");
        b.append("\\section*{Exercise, variant ").append(v.id()).append("}\n");
        b.append("The network is given by this specification:\n\\begin{verbatim}\n").append(v.yaml()).append("\\end{verbatim}\n");
        b.append("Compute, by backpropagation, the gradient of the loss over all the data with respect to every parameter:\n");
        b.append("\\begin{itemize}\n");
        for (String p : v.answers().keySet()) {
            b.append("\\item $\\partial L/\\partial ").append(p.charAt(0)).append("_{").append(p.substring(2, p.length() - 1))
                    .append("}$ \\quad (\\texttt{").append(p).append("})\n");
        }
        b.append("\\end{itemize}\n\\end{document}\n");
        return b.toString();
    }
}
