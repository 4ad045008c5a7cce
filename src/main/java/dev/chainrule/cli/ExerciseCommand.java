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
            write(d.resolve("solution.tex"), answers(solution(k, out.toString()), v));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", k);
            entry.put("seed", v.seed());
            entry.put("spec", k + "/spec.yaml");
            entry.put("answers", v.answers());
            key.add(entry);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("digits", ExerciseDesign.DIGITS);
        root.put("variants", key);
        write(dir.resolve("key.json"), json.writeValueAsString(root) + "\n");
        removeStale(dir, variants);
        return Main.OK;
    }

    /** The files a variant folder of this command holds. */
    static final List<String> OWN = List.of("spec.yaml", "problem.tex", "solution.tex");

    /**
     * Variant folders of an earlier run with more variants (K > N, named by a number, holding a spec.yaml): their
     * spec.yaml, problem.tex and solution.tex are removed, and the folder when nothing else is left in it. Other files
     * (a compiled PDF, notes) and other folders are never touched.
     */
    static void removeStale(Path dir, int variants) {
        List<Path> stale = new ArrayList<>();
        try (java.util.stream.Stream<Path> in = Files.list(dir)) {
            in.filter(p -> p.getFileName().toString().matches("[1-9][0-9]{0,8}")
                    && Integer.parseInt(p.getFileName().toString()) > variants
                    && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(p.resolve("spec.yaml"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).forEach(stale::add);
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + dev.chainrule.io.TextFiles.reason(e));
        }
        for (Path d : stale) {
            try {
                for (String f : OWN) {
                    Path file = d.resolve(f);
                    if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(file);
                    }
                }
                boolean empty;
                try (java.util.stream.Stream<Path> left = Files.list(d)) {
                    empty = left.findAny().isEmpty();
                }
                if (empty) {
                    Files.delete(d);
                }
            } catch (IOException e) {
                throw new UserError("cannot remove the stale variant " + d + ": " + dev.chainrule.io.TextFiles.reason(e));
            }
        }
    }

    /** A file of the exercise, written as every command writes (a failed write is one line, exit 2). */
    private static void write(Path file, String text) {
        try {
            dev.chainrule.io.TextFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The problem sheet: the network stated as a textbook states an exercise, no answers ({@link ExerciseSheet}). */
    static String problem(ExerciseDesign.Variant v) {
        return ExerciseSheet.of(v);
    }

    /**
     * The solution with, at its end, the answers as the sheet asks for them ({@value ExerciseDesign#DIGITS}
     * significant digits, rounded): what a grader compares with, without rounding the derivation's numbers by hand.
     */
    static String answers(String solution, ExerciseDesign.Variant v) {
        int end = solution.lastIndexOf("\\end{document}");
        if (end < 0) {
            return solution;
        }
        dev.chainrule.network.NetworkSymbols sym = new dev.chainrule.network.NetworkSymbols(v.spec());
        StringBuilder sb = new StringBuilder("\n\\section*{Answers to " + ExerciseDesign.DIGITS
                + " significant digits}\n\\begin{center}\n\\begin{tabular}{lr}\n\\hline\n"
                + "gradient & answer \\\\\n\\hline\n");
        for (Map.Entry<String, Double> a : v.answers().entrySet()) {
            dev.chainrule.network.spec.ParamId id = dev.chainrule.network.spec.ParamId.parse(a.getKey());
            String value = new java.math.BigDecimal(a.getValue()).round(new java.math.MathContext(ExerciseDesign.DIGITS,
                    java.math.RoundingMode.HALF_UP)).toPlainString();
            sb.append("$\\partial L/\\partial ").append(dev.chainrule.expr.Notation.latex(sym.param(id).name()))
                    .append("$ & $").append(value).append("$ \\\\\n");
        }
        sb.append("\\hline\n\\end{tabular}\n\\end{center}\n\n");
        return solution.substring(0, end) + sb + solution.substring(end);
    }

    /** explain's LaTeX document of the variant, titled with its variant ("Variant 7 — solution"; the network's name below). */
    static String solution(int k, String explained) {
        String head = "{\\Large\\bfseries ";
        int at = explained.indexOf(head);
        int end = at < 0 ? -1 : explained.indexOf("\\par}", at);
        if (end < 0) {
            return explained;
        }
        return explained.substring(0, at) + head + "Variant " + k + " --- solution" + explained.substring(end);
    }
}
