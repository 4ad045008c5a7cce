package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: the first line of each is the command line, the rest
 * its standard output. To accept a change, regenerate with {@code -Dgolden.update=true} and review the diff.
 */
final class GoldenFiles {
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenFiles() {}

    /** Compares (or, with -Dgolden.update=true, writes) {@code ROOT/dir/name.txt}. */
    static void assertMatches(String dir, String name, String[] args, String out) throws IOException {
        String actual = "$ chainrule " + commandLine(args) + "\n" + out;
        Path file = ROOT.resolve(dir).resolve(name + ".txt");
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), () -> file + " is missing; create it with -Dgolden.update=true");
        assertEquals(stable(Files.readString(file, StandardCharsets.UTF_8)), stable(actual),
                () -> "the output changed; if the change is wanted, regenerate with -Dgolden.update=true and review the diff");
    }

    /**
     * The relative error of a finite difference is rounding noise (its one digit may differ where Math.log
     * or Math.exp round differently), and so are timings: both compared as placeholders.
     */
    private static String stable(String trace) {
        return trace.replaceAll("relative error [0-9.e+−-]+", "relative error …")
                .replaceAll("(?<![0-9])[0-9]+(\\.[0-9]+)? ?ms\\b", "… ms");
    }

    static String commandLine(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append(sb.length() == 0 ? "" : " ");
            sb.append(a.matches("[A-Za-z0-9_.,=/-]+") ? a : "\"" + a + "\"");
        }
        return sb.toString();
    }
}
